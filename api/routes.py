"""The ``/api/v1`` endpoints: parse parameters, ask the store, return JSON.

No query logic here: handlers build :mod:`graph.queries` objects and hand them
to the store.  Parameter errors raise :class:`~graph.errors.InvalidQuery`.
"""

from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from api.errors import ApiError
from graph.compile import Compiler
from graph.errors import InvalidArticle, InvalidQuery, StoreUnavailable
from graph.queries import (
    DEFAULT_NEIGHBOURHOOD_TYPES,
    DEFAULT_PATH_TYPES,
    EntityQuery,
    MeetingsQuery,
    NeighbourhoodQuery,
    PathsQuery,
    parse_country,
    parse_date,
    parse_types,
)
from graph.store import Store
from loaders import parse_bytes

__all__ = ["blueprint"]

blueprint = Blueprint("api_v1", __name__, url_prefix="/api/v1")


def _state() -> Any:
    return current_app.extensions["diplograph"]


def _store() -> Store:
    state = _state()
    if state.store is None:
        raise StoreUnavailable(state.store_error or "the store is not open")
    store: Store = state.store
    return store


def _int(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise InvalidQuery(name, f"expected a whole number, got {raw!r}") from None


def _country(name: str = "country") -> str | None:
    return parse_country(name, request.args.get(name))


def _caps() -> Any:
    return _state().settings.api


def _require_api_key() -> None:
    configured = _caps().api_key
    if configured is None:
        raise ApiError(
            403,
            "Writes disabled",
            "this server has no API key: set DIPLOGRAPH_API_KEY to allow writes",
        )
    given = request.headers.get("X-API-Key")
    auth = request.headers.get("Authorization", "")
    if given is None and auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not given or not hmac.compare_digest(given.encode(), configured.get_secret_value().encode()):
        raise ApiError(401, "Unauthorized", "a valid API key is needed (X-API-Key or Bearer)")


@blueprint.get("/health")
def health() -> Response:
    state = _state()
    backend = state.settings.store.backend
    try:
        stats = _store().stats()
    except StoreUnavailable as exc:
        body = {"status": "unavailable", "backend": backend, "detail": str(exc)}
        response = jsonify(body)
        response.status_code = 503
        return response
    return jsonify(
        {
            "status": "ok",
            "backend": stats.backend,
            "nodes": stats.nodes,
            "relationships": stats.relationships,
            "articles": stats.articles,
        }
    )


@blueprint.get("/stats")
def stats() -> Response:
    return jsonify(_store().stats())


@blueprint.get("/entities")
def entities() -> Response:
    query = EntityQuery(
        q=request.args.get("q") or None,
        type=request.args.get("type") or None,
        country=_country(),
        limit=_int("limit", 20),
        offset=_int("offset", 0),
        max_limit=_caps().max_results,
    )
    return jsonify(_store().search_entities(query))


@blueprint.get("/entities/<entity_id>")
def entity(entity_id: str) -> Response:
    return jsonify(_store().entity(entity_id))


@blueprint.get("/meetings")
def meetings() -> Response:
    query = MeetingsQuery(
        entity=request.args.get("entity") or None,
        with_=request.args.get("with") or None,
        country=_country(),
        since=parse_date("since", request.args.get("since")),
        until=parse_date("until", request.args.get("until")),
        limit=_int("limit", 50),
        offset=_int("offset", 0),
        max_limit=_caps().max_results,
    )
    return jsonify(_store().meetings(query))


@blueprint.get("/entities/<entity_id>/neighbourhood")
def neighbourhood(entity_id: str) -> Response:
    caps = _caps()
    query = NeighbourhoodQuery(
        entity=entity_id,
        depth=_int("depth", 1),
        types=parse_types(request.args.get("types"), DEFAULT_NEIGHBOURHOOD_TYPES),
        since=parse_date("since", request.args.get("since")),
        until=parse_date("until", request.args.get("until")),
        limit=_int("limit", min(200, caps.max_results)),
        max_depth=caps.max_depth,
        max_limit=caps.max_results,
    )
    return jsonify(_store().neighbourhood(query))


@blueprint.get("/paths")
def paths() -> Response:
    source, target = request.args.get("from"), request.args.get("to")
    if not source or not target:
        raise InvalidQuery("from" if not source else "to", "required: an entity id")
    query = PathsQuery(
        source=source,
        target=target,
        max_length=_int("max_length", min(4, _caps().max_path_length)),
        types=parse_types(request.args.get("types"), DEFAULT_PATH_TYPES),
        since=parse_date("since", request.args.get("since")),
        until=parse_date("until", request.args.get("until")),
        k=_int("k", 1),
        max_max_length=_caps().max_path_length,
    )
    return jsonify({"paths": _store().paths(query)})


@blueprint.post("/articles")
def post_article() -> Response:
    _require_api_key()
    content_type = (request.mimetype or "").lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        origin = "request.json"
    elif content_type in {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}:
        origin = "request.yaml"
    else:
        raise ApiError(
            415,
            "Unsupported media type",
            "send the article as application/json or application/yaml",
        )
    parsed = parse_bytes(request.get_data(cache=False), origin)
    if parsed.errors:
        raise InvalidArticle(origin, [p for e in parsed.errors for p in e.problems])
    store = _store()
    compiler = Compiler(_state().aliases, store.lookup_keys)
    compiler.prefetch(parsed.articles)
    graphs, problems = [], []
    for article in parsed.articles:
        try:
            graphs.append(compiler.compile(article))
        except InvalidArticle as exc:
            problems.extend(exc.problems)
    if problems:  # all or nothing: a body with one bad article stores none
        raise InvalidArticle(origin, problems)
    outcomes = store.write(graphs)
    items = [
        {
            "id": o.article,
            "key": o.article.removeprefix("article:"),
            "status": o.status,
            "nodes": o.nodes,
            "edges": o.edges,
        }
        for o in outcomes
    ]
    changed = any(o.status != "unchanged" for o in outcomes)
    response = jsonify({**items[0], "articles": items})
    response.status_code = 201 if changed else 200
    return response


@blueprint.get("/articles/<article_id>")
def get_article(article_id: str) -> Response:
    return jsonify(_store().article(article_id))


@blueprint.delete("/articles/<article_id>")
def delete_article(article_id: str) -> Response:
    _require_api_key()
    return jsonify(_store().retract(article_id))
