"""The ``/api/v1`` endpoints: parse parameters, ask the store, return JSON.

No query logic here: handlers build :mod:`graph.queries` objects and hand them
to the store, and raw text to the annotator.  Parameter errors raise
:class:`~graph.errors.InvalidQuery`.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
from flask import Blueprint, Response, current_app, jsonify, request

from api import schemas
from api.errors import ApiError
from api.formats import graph_answer, page_answer, paths_view, table_answer
from api.openapi import document
from graph.compile import Compiler
from graph.errors import InvalidArticle, InvalidQuery, Problem, StoreUnavailable
from graph.model import ASSERTION_TYPES
from graph.queries import (
    DEFAULT_NEIGHBOURHOOD_TYPES,
    DEFAULT_PATH_TYPES,
    ActivityQuery,
    AlliancesQuery,
    EntityQuery,
    MeetingsQuery,
    NeighbourhoodQuery,
    PathsQuery,
    TimelineQuery,
    parse_countries,
    parse_country,
    parse_date,
    parse_types,
)
from graph.store import Store
from loaders import decode, parse_bytes

__all__ = ["blueprint"]

blueprint = Blueprint("api_v1", __name__, url_prefix="/api/v1")


@blueprint.before_request
def _refuse_repeated_parameters() -> None:
    """A parameter given twice is refused rather than read as its first or last value."""
    for name, values in request.args.lists():
        if len(values) > 1:
            raise InvalidQuery(
                name, f"given {len(values)} times: give it once (lists are comma-separated)"
            )


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
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise InvalidQuery(name, f"expected a whole number, got {raw!r}") from None


def _types(default: tuple[str, ...]) -> tuple[str, ...]:
    """The ``types`` parameter; left out, the default.  Empty, it names no type: refused."""
    raw = request.args.get("types")
    if raw is not None and not raw.strip(" ,"):
        raise InvalidQuery("types", "no type named: name at least one, or leave types out")
    return parse_types(raw, default)


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
    key = configured.get_secret_value().encode()
    given = _credentials()
    # Every key sent must be the right one: a wrong one refuses the request, whichever
    # header it came in and in whatever order, rather than be outvoted by a right one.
    if not given or not all(hmac.compare_digest(k.encode(), key) for k in given):
        raise ApiError(401, "Unauthorized", "a valid API key is needed (X-API-Key or Bearer)")


def _credentials() -> list[str]:
    """The API keys a request carries: its X-API-Key headers and Bearer tokens."""
    keys = request.headers.getlist("X-API-Key")
    for auth in request.headers.getlist("Authorization"):
        if auth.lower().startswith("bearer "):
            keys.append(auth[7:].strip())
    return keys


@blueprint.get("/health")
@document(
    schemas.Health,
    responses={503: (schemas.HealthUnavailable, "The store cannot be reached")},
    tags=["status"],
)
def health() -> Response:
    """Whether the store answers, and how much it holds."""
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
@document(schemas.Stats, errors=[503], tags=["status"])
def stats() -> Response:
    """What the store holds: nodes and relationships by type."""
    return jsonify(_store().stats())


@blueprint.get("/entities")
@document(
    schemas.EntityPage,
    query=schemas.EntitiesParams,
    errors=[400, 503],
    tags=["entities"],
    formats=("csv",),
)
def entities() -> Response:
    """Search entities by name, alias or spelling; best matches, then best connected, first."""
    query = EntityQuery(
        q=request.args.get("q") or None,
        type=request.args.get("type"),
        country=_country(),
        limit=_int("limit", 20),
        offset=_int("offset", 0),
        max_limit=_caps().max_results,
    )
    return page_answer(_store().search_entities(query))


@blueprint.get("/entities/<entity_id>")
@document(schemas.EntityDetail, errors=[404, 503], tags=["entities"])
def entity(entity_id: str) -> Response:
    """An entity, its affiliations and its relationships counted by type."""
    return jsonify(_store().entity(entity_id))


@blueprint.get("/meetings")
@document(
    schemas.MeetingPage,
    query=schemas.MeetingsParams,
    errors=[400, 404, 503],
    tags=["meetings"],
    formats=("csv",),
)
def meetings() -> Response:
    """Who met whom, newest first: one item per meeting per article that reports it."""
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
    return page_answer(_store().meetings(query))


@blueprint.get("/entities/<entity_id>/neighbourhood")
@document(
    schemas.GraphView,
    query=schemas.NeighbourhoodParams,
    errors=[400, 404, 503],
    tags=["graph"],
    formats=("cytoscape", "grafana"),
)
def neighbourhood(entity_id: str) -> Response:
    """The nodes within `depth` steps of an entity, in any direction, and the edges
    between them."""
    caps = _caps()
    query = NeighbourhoodQuery(
        entity=entity_id,
        depth=_int("depth", 1),
        types=_types(DEFAULT_NEIGHBOURHOOD_TYPES),
        since=parse_date("since", request.args.get("since")),
        until=parse_date("until", request.args.get("until")),
        limit=_int("limit", min(200, caps.max_results)),
        max_depth=caps.max_depth,
        max_limit=caps.max_results,
    )
    return graph_answer(_store().neighbourhood(query))


@blueprint.get("/paths")
@document(
    schemas.Paths,
    query=schemas.PathsParams,
    errors=[400, 404, 503],
    tags=["graph"],
    formats=("cytoscape", "grafana"),
)
def paths() -> Response:
    """The shortest paths between two entities, in any direction."""
    source, target = request.args.get("from"), request.args.get("to")
    if not source or not target:
        raise InvalidQuery("from" if not source else "to", "required: an entity id")
    query = PathsQuery(
        source=source,
        target=target,
        max_length=_int("max_length", min(4, _caps().max_path_length)),
        types=_types(DEFAULT_PATH_TYPES),
        since=parse_date("since", request.args.get("since")),
        until=parse_date("until", request.args.get("until")),
        k=_int("k", 1),
        max_max_length=_caps().max_path_length,
    )
    found = _store().paths(query)
    return graph_answer(paths_view(found), {"paths": found})


@blueprint.get("/entities/<entity_id>/timeline")
@document(
    schemas.TimelinePage,
    query=schemas.TimelineParams,
    errors=[400, 404, 503],
    tags=["entities"],
    formats=("csv",),
)
def timeline(entity_id: str) -> Response:
    """An entity's meetings and stances by date, oldest first."""
    query = TimelineQuery(
        entity=entity_id,
        types=_types(ASSERTION_TYPES),
        since=parse_date("since", request.args.get("since")),
        until=parse_date("until", request.args.get("until")),
        limit=_int("limit", min(100, _caps().max_results)),
        offset=_int("offset", 0),
        max_limit=_caps().max_results,
    )
    return page_answer(_store().timeline(query))


@blueprint.get("/alliances")
@document(
    schemas.Alliances,
    query=schemas.AlliancesParams,
    errors=[400, 503],
    tags=["graph"],
    formats=("csv",),
)
def alliances() -> Response:
    """How states stand towards each other: pairs, a matrix and blocs."""
    query = AlliancesQuery(
        countries=parse_countries("countries", request.args.get("countries")),
        since=parse_date("since", request.args.get("since")),
        until=parse_date("until", request.args.get("until")),
    )
    found = _store().alliances(query)
    return table_answer(found, found.pairs, "alliances")


@blueprint.get("/stats/activity")
@document(
    schemas.Activity,
    query=schemas.ActivityParams,
    errors=[400, 503],
    tags=["status"],
    formats=("csv",),
)
def activity() -> Response:
    """Relationships counted per day, week or month, for charts."""
    query = ActivityQuery(
        interval=request.args.get("interval", "month"),
        types=_types(ASSERTION_TYPES),
        since=parse_date("since", request.args.get("since")),
        until=parse_date("until", request.args.get("until")),
    )
    found = _store().activity(query)
    return table_answer(found, found.series, "activity")


@blueprint.post("/articles")
@document(
    (schemas.WriteResult, "Nothing changed: every article was stored as it is"),
    responses={201: (schemas.WriteResult, "Stored: a new article, or a new version of one")},
    body={"application/json": schemas.ArticleUpload, "application/yaml": schemas.ArticleDocument},
    errors=[400, 413, 415, 503],
    tags=["articles"],
    writes=True,
)
def post_article() -> Response:
    """Store articles, each replacing its earlier version.

    JSON: one native article, a list of them, or a Label Studio export.  YAML: native
    articles, several separated by `---`.  All or nothing: a body with one invalid
    article stores none.
    """
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
@document(schemas.ArticleDetail, errors=[404, 503], tags=["articles"])
def get_article(article_id: str) -> Response:
    """An article and everything it asserted."""
    return jsonify(_store().article(article_id))


@blueprint.delete("/articles/<article_id>")
@document(schemas.Retraction, errors=[404, 503], tags=["articles"], writes=True)
def delete_article(article_id: str) -> Response:
    """Retract an article: every assertion it made, and every node no other article
    mentions."""
    _require_api_key()
    return jsonify(_store().retract(article_id))


# -- raw text --------------------------------------------------------------------------

# In angle brackets, so that the annotator names an article without an ``id`` after its
# headline rather than after this placeholder.
_TEXT_ORIGIN = "<request body>"
_TEXT_FIELDS = ("text", "published", "source", "id")


@dataclass(frozen=True, slots=True)
class _TextRequest:
    text: str
    published: date | None
    source: str | None
    article_id: str | None


@blueprint.post("/annotate")
@document(
    schemas.Annotation,
    query=schemas.AnnotateParams,
    body={"text/plain": str, "application/json": schemas.AnnotateRequest},
    errors=[400, 413, 415],
    tags=["annotate"],
)
def annotate() -> Response:
    """A draft in the native format from raw text, as `diplograph annotate` makes it.

    Send the text as `text/plain` (its options as query parameters) or as a JSON object.
    Nothing is stored, so no API key is needed; the body limit (`api.max_body_mb`)
    bounds the work one request can ask for.
    """
    asked = _text_request()
    draft = (
        _state()
        .annotator()
        .annotate(
            asked.text,
            origin=_TEXT_ORIGIN,
            published=asked.published,
            source=asked.source,
            article_id=asked.article_id,
        )
    )
    body = {"draft": draft.document, "warnings": list(draft.warnings), "words": draft.words}
    return jsonify(body)


def _text_request() -> _TextRequest:
    """The text and its options: ``text/plain`` with query parameters, or a JSON object
    ``{"text", "published", "source", "id"}``."""
    content_type = (request.mimetype or "").lower()
    is_json = content_type == "application/json" or content_type.endswith("+json")
    if content_type != "text/plain" and not is_json:
        raise ApiError(
            415,
            "Unsupported media type",
            "send the raw text as text/plain, or as application/json "
            '{"text": ..., "published": ..., "source": ..., "id": ...}',
        )
    data = request.get_data(cache=False)  # over api.max_body_mb: 413
    limit = _state().settings.annotate.max_text_mb
    if len(data) > limit * 1024 * 1024:
        raise ApiError(
            413,
            "Request Entity Too Large",
            f"the body is {len(data) / 1e6:.1f} MB, over annotate.max_text_mb ({limit} MB)",
        )
    fields: Mapping[str, Any]
    if is_json:
        in_query = [name for name in _TEXT_FIELDS if name in request.args]
        if in_query:  # rather than ignore them, or choose between two dates
            raise InvalidQuery(
                in_query[0], "a JSON body carries its options as members, not in the query"
            )
        fields = _json_object(data)
        text = fields.get("text")
        if not isinstance(text, str):
            raise InvalidQuery("text", "required: the raw text to annotate, as a string")
    else:
        fields, text = request.args, _plain_text(data)
    return _TextRequest(
        text,
        parse_date("published", _optional_string(fields, "published")),
        _optional_string(fields, "source"),
        _article_id(_optional_string(fields, "id")),
    )


def _json_object(data: bytes) -> dict[str, Any]:
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ApiError(400, "Invalid body", f"malformed JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ApiError(400, "Invalid body", "expected a JSON object with a text field")
    unknown = sorted(set(value) - set(_TEXT_FIELDS))
    if unknown:
        raise InvalidQuery(unknown[0], f"unknown field (known: {', '.join(_TEXT_FIELDS)})")
    return value


def _plain_text(data: bytes) -> str:
    """The body decoded by its declared charset (UTF-8 when it declares none)."""
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset in {"utf-8", "utf8"}:
        return decode(data, _TEXT_ORIGIN)
    try:
        return data.decode(charset)
    except LookupError:
        raise ApiError(415, "Unsupported media type", f"unknown charset {charset!r}") from None
    except UnicodeDecodeError as exc:
        problem = Problem(f"not {charset} text: byte 0x{data[exc.start]:02x} at offset {exc.start}")
        raise InvalidArticle(_TEXT_ORIGIN, [problem]) from None
    except UnicodeError as exc:  # codecs such as punycode and undefined fail without a place
        raise InvalidArticle(_TEXT_ORIGIN, [Problem(f"not {charset} text: {exc}")]) from None


def _optional_string(fields: Mapping[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidQuery(name, f"expected a string, got {type(value).__name__}")
    return value.strip() or None


def _article_id(value: str | None) -> str | None:
    """The id asked for the draft, which must be one the draft can be stored under."""
    if value is None:
        return None
    pattern, longest = schemas.ARTICLE_ID["pattern"], schemas.ARTICLE_ID["maxLength"]
    if len(value) > longest or not re.fullmatch(pattern, value):
        raise InvalidQuery(
            "id",
            f"{value[:80]!r} is not an article id: a letter or digit, then letters, digits, "
            f"'.', '_', ':' or '-', at most {longest} in all",
        )
    return value
