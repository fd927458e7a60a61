"""One error handler: every error leaves as ``application/problem+json`` (RFC 9457)."""

from __future__ import annotations

import logging
from typing import Any

import orjson
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from graph.errors import (
    ArticleNotFound,
    DiplographError,
    EntityNotFound,
    InvalidArticle,
    InvalidQuery,
    StoreUnavailable,
)

__all__ = ["ApiError", "problem", "register_error_handlers"]

log = logging.getLogger(__name__)
_TYPE_BASE = "urn:diplograph:problem:"


class ApiError(Exception):
    """An HTTP-level refusal (auth, media type) raised from request handling."""

    def __init__(self, status: int, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    body = {
        "type": _TYPE_BASE + title.lower().replace(" ", "-"),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    return Response(orjson.dumps(body), status=status, mimetype="application/problem+json")


def _from_domain(exc: DiplographError) -> Response:
    if isinstance(exc, EntityNotFound):
        return problem(404, "Entity not found", str(exc), entity=exc.entity_id)
    if isinstance(exc, ArticleNotFound):
        return problem(404, "Article not found", str(exc), article=exc.article_id)
    if isinstance(exc, InvalidQuery):
        return problem(400, "Invalid parameter", str(exc), parameter=exc.param)
    if isinstance(exc, InvalidArticle):
        problems = [
            {"path": p.path or None, "line": p.line, "message": p.message} for p in exc.problems
        ]
        return problem(400, "Invalid article", str(exc), problems=problems)
    if isinstance(exc, StoreUnavailable):
        return problem(503, "Store unavailable", str(exc))
    log.exception("unhandled domain error")
    return problem(500, "Internal error", "the server failed to answer; see its log")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(exc: ApiError) -> Response:
        return problem(exc.status, exc.title, exc.detail, **exc.extra)

    @app.errorhandler(DiplographError)
    def domain_error(exc: DiplographError) -> Response:
        return _from_domain(exc)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        response = problem(status, exc.name, exc.description or exc.name)
        # Keep what the refusal says besides its page: `Allow` on a 405 (RFC 9110).
        for name, value in exc.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        # Never a stack trace or a credential to the client; the log keeps the details.
        log.exception("unhandled error on %s %s", request.method, request.path)
        return problem(500, "Internal error", "the server failed to answer; see its log")
