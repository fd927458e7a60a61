"""``/api/v1/openapi.json`` and ``/api/v1/docs``, a Swagger UI page that works offline.

The page's script and stylesheet come from the ``swagger-ui-bundle-v2`` package and are
served by this app: nothing is fetched from a CDN, and the spec validator badge (which
calls out to swagger.io) is off.
"""

from __future__ import annotations

import json
from html import escape

from flask import Blueprint, Flask, Response, current_app, jsonify, send_from_directory, url_for
from swagger_ui_bundle import swagger_ui_path

from api.openapi import build_document
from diplograph.config import ApiSettings

__all__ = ["docs", "init_docs"]

docs = Blueprint("api_v1_docs", __name__, url_prefix="/api/v1")
_DOCUMENT = "diplograph.openapi"
_ASSETS = str(swagger_ui_path)

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>diplograph API</title>
  <link rel="stylesheet" href="{css}">
  <link rel="icon" type="image/png" href="{icon}">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{js}"></script>
  <script>
    window.onload = () => {{
      window.ui = SwaggerUIBundle({{
        url: {spec_url}, dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null
      }});
    }};
  </script>
</body>
</html>
"""


def init_docs(app: Flask, caps: ApiSettings) -> None:
    """Serve the document of the routes registered so far, with this app's maxima."""
    app.register_blueprint(docs)
    app.extensions[_DOCUMENT] = build_document(app, caps)


@docs.get("/openapi.json")
def openapi() -> Response:
    return jsonify(current_app.extensions[_DOCUMENT])


@docs.get("/docs")
def page() -> Response:
    def asset(name: str) -> str:
        return escape(url_for("api_v1_docs.asset", filename=name))

    html = _PAGE.format(
        css=asset("swagger-ui.css"),
        icon=asset("favicon-32x32.png"),
        js=asset("swagger-ui-bundle.js"),
        spec_url=json.dumps(url_for("api_v1_docs.openapi")),
    )
    return Response(html, mimetype="text/html")


@docs.get("/docs/<path:filename>")
def asset(filename: str) -> Response:
    return send_from_directory(_ASSETS, filename)
