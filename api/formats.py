"""Answers in the format a dashboard asks for: JSON, CSV tables, Cytoscape or Grafana graphs.

List endpoints page uniformly (``limit``, ``offset``, ``total`` and a ``next`` link);
with ``format=csv`` the items come as a table and the paging moves to headers
(``X-Total-Count``, ``Link: <...>; rel="next"``).  Graph endpoints answer graph JSON, or
with ``format=cytoscape`` / ``format=grafana`` the shapes those tools read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from flask import Response, jsonify, request

from api.schemas import GRAPH_FORMATS, TABLE_FORMATS
from graph.errors import InvalidQuery
from graph.export import cytoscape_elements, grafana_frames, table_csv
from graph.queries import GraphView, Page, PathResult

__all__ = ["asked_format", "graph_answer", "page_answer", "paths_view", "table_answer"]


def asked_format(choices: tuple[str, ...]) -> str:
    """The ``format`` parameter, checked against what this endpoint writes."""
    fmt = request.args.get("format", "json").lower()
    if fmt not in choices:
        raise InvalidQuery("format", f"{fmt!r} is not one of {', '.join(choices)} here")
    return fmt


def page_answer(page: Page) -> Response:
    """A page of items as JSON with a ``next`` link, or as CSV with paging headers."""
    fmt = asked_format(TABLE_FORMATS)
    following = _next_url(page)
    if fmt == "csv":
        response = _csv(page.items, "items")
        response.headers["X-Total-Count"] = str(page.total)
        if following is not None:
            response.headers["Link"] = f'<{following}>; rel="next"'
        return response
    # Not dataclasses.asdict: it deep-copies every item, a fifth of a worker's time at load.
    body = {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}
    return jsonify({**body, "next": following})


def table_answer(body: Any, rows: Iterable[dict[str, Any]], name: str) -> Response:
    """``body`` as JSON, or its ``rows`` as CSV (``name`` names the download)."""
    if asked_format(TABLE_FORMATS) == "csv":
        return _csv(list(rows), name)
    return jsonify(body)


def graph_answer(view: GraphView, body: Any | None = None) -> Response:
    """``body`` (the view itself by default) as JSON, or the view for Cytoscape or Grafana."""
    fmt = asked_format(GRAPH_FORMATS)
    if fmt == "cytoscape":
        return jsonify(cytoscape_elements(view))
    if fmt == "grafana":
        return jsonify(grafana_frames(view))
    return jsonify(view if body is None else body)


def _csv(rows: list[dict[str, Any]], name: str) -> Response:
    response = Response(table_csv(rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'inline; filename="{name}.csv"'
    return response


def _next_url(page: Page) -> str | None:
    following = page.offset + page.limit
    if following >= page.total:
        return None
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "offset"]
    return f"{request.base_url}?{urlencode([*args, ('offset', str(following))])}"


def paths_view(paths: list[PathResult]) -> GraphView:
    """Every node and edge of the paths, once: the paths drawn as one graph."""
    nodes = {n["id"]: n for path in paths for n in path.nodes}
    edges = {e["id"]: e for path in paths for e in path.edges}
    return GraphView(list(nodes.values()), list(edges.values()))
