"""The OpenAPI 3.1 document of ``/api/v1``, generated from the handlers by spectree.

Each handler is described where it is defined, with :func:`document` and the models of
:mod:`api.schemas`; spectree walks the app's routes and turns them into the document.
:func:`build_document` then finishes it for one app: the request bodies (spectree knows
JSON and forms only), ``application/problem+json`` for errors, and the maxima set by the
app's ``api.*`` settings.

spectree documents and never validates here (``skip_validation``): parameter errors stay
ours, a 400 problem naming the parameter (:mod:`api.errors`), not spectree's 422.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib.metadata import version
from typing import Any, TypeVar, cast

from flask import Flask
from pydantic import BaseModel
from spectree import Response, SecurityScheme, SecuritySchemeData, SpecTree
from spectree.models import InType, SecureType

from api.schemas import CAP, CytoscapeGraph, GrafanaGraph, Problem
from diplograph.config import ApiSettings

__all__ = ["ERRORS", "build_document", "document"]

F = TypeVar("F", bound=Callable[..., Any])
Described = type[BaseModel] | tuple[type[BaseModel], str]
BodySchema = type[BaseModel] | type[str]

_REF = "#/components/schemas/{model}"
_PROBLEM_REF = _REF.format(model=Problem.__name__)
_API_KEY: list[dict[str, list[str]]] = [{"ApiKey": []}, {"Bearer": []}]  # either one

# What each error status means, wherever it is answered.
ERRORS: Mapping[int, str] = {
    400: "A parameter or the body is invalid, or a parameter is repeated: `parameter` names "
    "the parameter, `problems` lists what is wrong with an article",
    401: "No API key, or a wrong one",
    403: "Writes are disabled: the server has no API key (`DIPLOGRAPH_API_KEY`)",
    404: "No entity or article has this id",
    413: "The body is too large (`api.max_body_mb`; `annotate.max_text_mb` for text)",
    415: "The body is of a media type this operation does not take",
    503: "The store cannot be reached",
}
PATH_PARAMETERS: Mapping[str, str] = {
    "entity_id": "An entity id: `person:fayssal-mikdad`, or a state's ISO code `SYR`",
    "article_id": "An article id; the `article:` prefix is optional",
}

spec = SpecTree(
    "flask",
    mode="strict",  # only handlers described with document(); the test finds the others
    annotations=False,
    title="diplograph",
    version=version("diplograph"),
    description="A knowledge graph of diplomatic news: who met whom, who supports whom, "
    "who rejects what.  Every error is `application/problem+json` (RFC 9457).",
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda _parent, child: child,
    security_schemes=[
        SecurityScheme(
            name="ApiKey",
            data=SecuritySchemeData(
                type=SecureType.API_KEY, name="X-API-Key", field_in=InType.HEADER
            ),
        ),
        SecurityScheme(
            name="Bearer",
            data=SecuritySchemeData(
                type=SecureType.HTTP, scheme="bearer", description="The same API key"
            ),
        ),
    ],
)
# Request bodies by operation id, added by build_document.
_bodies: dict[str, dict[str, BodySchema]] = {}
# Other answers than JSON by operation id (`format=`), added by build_document.
_formats: dict[str, tuple[str, ...]] = {}
_GRAPH_SHAPES: Mapping[str, type[BaseModel]] = {
    "cytoscape": CytoscapeGraph,
    "grafana": GrafanaGraph,
}
# spectree lists query models as schemas too: they are parameters, not schemas.
_parameter_models: set[str] = set()
_generating = threading.Lock()


def document(
    ok: Described,
    *,
    responses: Mapping[int, Described] | None = None,
    errors: Iterable[int] = (),
    query: type[BaseModel] | None = None,
    body: Mapping[str, BodySchema] | None = None,
    tags: Iterable[str] = (),
    writes: bool = False,
    formats: Iterable[str] = (),
) -> Callable[[F], F]:
    """Describe a handler: its 200 answer ``ok`` (a model, or a model and a description),
    other ``responses`` by status, the ``errors`` it answers with a problem, the ``query``
    parameters, the ``body`` by media type (``str`` for plain text) and its ``tags``.

    ``writes``: the operation needs the API key (401 without it, 403 when the server has
    none).  ``formats``: what ``format=`` gives besides JSON: ``csv`` (a table), or
    ``cytoscape`` and ``grafana`` (graph shapes).  The summary and description are the
    handler's docstring.
    """
    answers = {200: ok, **(responses or {})}
    problems = {*errors, *((401, 403) if writes else ())}
    resp = Response(
        **{f"HTTP_{status}": answer for status, answer in answers.items()},
        **{f"HTTP_{status}": (Problem, ERRORS[status]) for status in sorted(problems)},
    )

    def decorate(func: F) -> F:
        if formats:
            _formats[func.__name__] = tuple(formats)
        if body:
            _bodies[func.__name__] = dict(body)
        if query:
            _parameter_models.add(query.__name__)
        described = spec.validate(
            query=query,
            resp=resp,
            tags=list(tags),
            security=_API_KEY if writes else None,
            path_parameter_descriptions=PATH_PARAMETERS,
            operation_id=func.__name__,
            skip_validation=True,
            # spectree documents its validation-error answer under this status unless
            # one is declared there: name a declared one, since nothing is validated.
            validation_error_status=200,
        )
        return cast(F, described(func))

    return decorate


def build_document(app: Flask, caps: ApiSettings) -> dict[str, Any]:
    """The document as ``app`` serves it: its routes, with its ``api.*`` maxima."""
    with _generating, app.app_context():
        # spectree generates once, from the first app's routes (every app has the same
        # blueprint), and keeps it: the rest is per app, on a copy.
        generated = spec.spec
    doc: dict[str, Any] = copy.deepcopy(generated)
    for name in _parameter_models:
        doc["components"]["schemas"].pop(name, None)
    for operation in _operations(doc):
        _add_body(doc, operation)
        _add_formats(doc, operation)
        _mark_problems(operation)
    _apply_caps(doc, caps)
    return doc


def _operations(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for path in doc["paths"].values():
        yield from path.values()


def _add_body(doc: dict[str, Any], operation: dict[str, Any]) -> None:
    body = _bodies.get(operation["operationId"])
    if body is None:
        return
    content = {media_type: {"schema": _schema(doc, kind)} for media_type, kind in body.items()}
    operation["requestBody"] = {"required": True, "content": content}


def _add_formats(doc: dict[str, Any], operation: dict[str, Any]) -> None:
    formats = _formats.get(operation["operationId"], ())
    content = operation["responses"]["200"]["content"]
    if "csv" in formats:
        content["text/csv"] = {"schema": {"type": "string", "description": "`format=csv`"}}
    shapes = [_component(doc, _GRAPH_SHAPES[f]) for f in formats if f in _GRAPH_SHAPES]
    if shapes:
        json = content["application/json"]
        json["schema"] = {"oneOf": [json["schema"], *shapes]}


def _schema(doc: dict[str, Any], kind: BodySchema) -> dict[str, str]:
    if issubclass(kind, BaseModel):
        return _component(doc, kind)
    return {"type": "string"}


def _component(doc: dict[str, Any], model: type[BaseModel]) -> dict[str, str]:
    """A reference to ``model``, added to the components with the models it nests."""
    schema = model.model_json_schema(ref_template=_REF)
    components = doc["components"]["schemas"]
    for name, nested in schema.pop("$defs", {}).items():
        components.setdefault(name, nested)
    components.setdefault(model.__name__, schema)
    return {"$ref": _REF.format(model=model.__name__)}


def _mark_problems(operation: dict[str, Any]) -> None:
    for response in operation["responses"].values():
        content = response.get("content", {})
        if content.get("application/json", {}).get("schema", {}).get("$ref") == _PROBLEM_REF:
            content["application/problem+json"] = content.pop("application/json")


def _apply_caps(node: Any, caps: ApiSettings) -> None:
    """Fill in the maxima marked by :func:`api.schemas.cap` from this app's settings."""
    if isinstance(node, list):
        for item in node:
            _apply_caps(item, caps)
    if not isinstance(node, dict):
        return
    marked = node.pop(CAP, None)
    if marked is not None:
        maximum = getattr(caps, marked["setting"])
        node["maximum"] = maximum
        if marked["clamps_default"] and "default" in node:
            node["default"] = min(node["default"], maximum)
    for value in node.values():
        _apply_caps(value, caps)
