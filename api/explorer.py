"""The explorer: a single page at ``/`` that looks at the graph through ``/api/v1`` only.

Its sources live in ``explorer/`` (npm, Cytoscape.js); ``npm run build`` there bundles
them into ``api/static/explorer/``, which this blueprint serves as they are: no
templates, nothing fetched from a CDN, so the page works offline.  Without a build,
``/`` answers a problem that says how to make one.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, send_from_directory

from api.errors import ApiError

__all__ = ["BUILD_DIR", "explorer_page"]

BUILD_DIR = Path(__file__).resolve().parent / "static" / "explorer"
explorer_page = Blueprint("explorer", __name__)


def _built() -> Path:
    if not (BUILD_DIR / "index.html").is_file():
        raise ApiError(
            503,
            "Explorer not built",
            f"the explorer page is not built in {BUILD_DIR}: run `bash scripts/setup.sh` "
            "(or `npm ci && npm run build` in explorer/); the API under /api/v1 works without it",
        )
    return BUILD_DIR


@explorer_page.get("/")
def page() -> Response:
    response = send_from_directory(_built(), "index.html", max_age=0)
    # The shell names its bundle with a content hash, so only the shell needs revalidating.
    response.headers["Cache-Control"] = "no-cache"
    return response


@explorer_page.get("/explorer/<path:filename>")
def asset(filename: str) -> Response:
    return send_from_directory(_built(), filename, max_age=365 * 24 * 3600)
