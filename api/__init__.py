"""HTTP: the Flask app factory and the ``/api/v1`` blueprint.

``api`` depends on ``graph``, ``loaders`` and the settings; nothing depends on
``api``.  The app is built only by :func:`create_app`; it opens the store there
and keeps it in ``app.extensions``.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask import Flask

from api.docs import init_docs
from api.errors import register_error_handlers
from api.explorer import explorer_page
from api.jsonprovider import OrjsonProvider
from api.routes import blueprint
from diplograph.config import Settings, load_settings, open_annotator, open_store
from graph.compile import Rules
from graph.errors import StoreUnavailable
from graph.store import Store

if TYPE_CHECKING:
    from loaders.text import Annotator

__all__ = ["AppState", "create_app"]


@dataclass
class AppState:
    """What a request needs: the settings, the store (``None`` while unreachable), the
    identity rules (aliases, gazetteer, overrides) articles are resolved with, and the
    annotator of raw text (built when first asked for)."""

    settings: Settings
    store: Store | None
    aliases: Rules
    store_error: str | None = None
    _annotator: Annotator | None = field(default=None, init=False, repr=False)
    _annotator_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def annotator(self) -> Annotator:
        """The configured annotator, built on first use (it takes a second or two, and
        most processes never annotate) and then kept for the life of the process."""
        with self._annotator_lock:
            if self._annotator is None:
                self._annotator = open_annotator(self.settings)
            return self._annotator


def create_app(
    config: Settings | Mapping[str, Any] | None = None, *, store: Store | None = None
) -> Flask:
    """Build the app.  ``config`` is settings, or overrides such as ``{"store.path": ...}``.

    A store that cannot be reached at start does not stop the app: ``/health``
    answers 503 and every query answers 503 until it can be opened.
    """
    settings = config if isinstance(config, Settings) else load_settings(overrides=config)
    app = Flask(__name__)
    # A path with `//` is an unknown path, a 404 problem: werkzeug would redirect it with
    # a 308 and an HTML page that no operation documents.
    app.url_map.merge_slashes = False
    app.json = OrjsonProvider(app)
    app.config["MAX_CONTENT_LENGTH"] = int(settings.api.max_body_mb * 1024 * 1024)
    state = AppState(settings, store, settings.identity.rules())
    if state.store is None:
        try:
            state.store = open_store(settings, server=True)
        except StoreUnavailable as exc:
            state.store_error = str(exc)
    app.extensions["diplograph"] = state
    register_error_handlers(app)
    app.register_blueprint(blueprint)
    init_docs(app, settings.api)
    app.register_blueprint(explorer_page)
    if settings.api.cors_origins:
        _allow_cors(app, settings.api.cors_origins)
    if store is None and state.store is not None:
        atexit.register(state.store.close)
    return app


def _allow_cors(app: Flask, origins: list[str]) -> None:
    from flask import request

    @app.after_request
    def add_cors_headers(response: Any) -> Any:
        origin = request.headers.get("Origin")
        if origin and ("*" in origins or origin in origins):
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Vary"] = "Origin"
            response.headers["Access-Control-Allow-Headers"] = (
                "Content-Type, X-API-Key, Authorization"
            )
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, DELETE, OPTIONS"
        return response
