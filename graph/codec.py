"""Article graphs to bytes and back, for the embedded store's durable log.

The parsed article a graph was compiled from (``ArticleGraph.source``) travels with
it, without the metadata and origin the graph already has, so that ``diplograph
resolve --apply`` can compile every stored article again.  Blobs written before
sources were kept decode with ``source=None``.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from sys import intern
from typing import Any

import orjson

from graph.model import (
    ArticleGraph,
    ArticleMeta,
    Edge,
    Node,
    ParsedArticle,
    ParsedEntity,
    ParsedEvent,
    ParsedRelation,
)

__all__ = ["decode_graph", "encode_graph"]


def encode_graph(graph: ArticleGraph) -> bytes:
    doc: dict[str, Any] = {
        "meta": graph.meta,
        "digest": graph.digest,
        "nodes": graph.nodes,
        "edges": graph.edges,
        "origin": graph.origin,
    }
    if graph.source is not None:
        src = graph.source
        doc["source"] = {
            "entities": src.entities,
            "events": src.events,
            "relations": src.relations,
            "lines": dict(src.lines),
        }
    return orjson.dumps(doc)


@cache  # a year of news has a few hundred distinct days: one date object each
def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _source(raw: dict[str, Any], meta: ArticleMeta, origin: str) -> ParsedArticle:
    return ParsedArticle(
        meta=meta,
        entities=tuple(
            ParsedEntity(**{**e, "aliases": tuple(e["aliases"])}) for e in raw["entities"]
        ),
        events=tuple(
            ParsedEvent(**{**e, "date": _day(e["date"]), "participants": tuple(e["participants"])})
            for e in raw["events"]
        ),
        relations=tuple(
            ParsedRelation(
                **{
                    **r,
                    "date": _day(r["date"]),
                    "span": tuple(r["span"]) if r["span"] is not None else None,
                }
            )
            for r in raw["relations"]
        ),
        origin=origin,
        lines=raw["lines"],
    )


def decode_graph(data: bytes, *, with_source: bool = True) -> ArticleGraph:
    """The article graph of ``encode_graph``; ``with_source=False`` leaves out the parsed
    article (``source``), which a store in memory does not need to answer queries."""
    raw: dict[str, Any] = orjson.loads(data)
    meta = raw["meta"]
    article = ArticleMeta(**{**meta, "published": date.fromisoformat(meta["published"])})
    source = raw.get("source") if with_source else None
    return ArticleGraph(
        meta=article,
        digest=raw["digest"],
        nodes=tuple(_node(n) for n in raw["nodes"]),
        edges=tuple(_edge(e) for e in raw["edges"]),
        origin=raw["origin"],
        source=_source(source, article, raw["origin"]) if source is not None else None,
    )


# Ids, names, titles and sentences recur across the edges and articles of a large graph
# (millions of edges): interned, each is one string in memory however often it recurs.
_NODE_TEXTS = ("id", "label", "name", "country", "match_key", "rule", "spelling")
_EDGE_TEXTS = ("evidence", "about", "event", "title")


# Small property maps recur too ({"title": "Foreign Minister"}, {}, {"wikidata": None}):
# one shared dict each.  Nothing mutates a stored node's or edge's properties.
_SHARED_PROPS: dict[tuple[tuple[str, Any], ...], dict[str, Any]] = {}


def _props_key(props: dict[str, Any]) -> tuple[tuple[str, Any], ...] | None:
    """The key of a small map of immutable values; None for one that is not shared."""
    if len(props) > 3:
        return None
    key = tuple(props.items())
    try:
        hash(key)
    except TypeError:  # a list among the values
        return None
    return key


def _shared(props: dict[str, Any]) -> dict[str, Any]:
    key = _props_key(props)
    return props if key is None else _SHARED_PROPS.setdefault(key, props)


# Most articles contribute a node exactly as others do (Syria is "Syria", ISO, itself):
# equal contributions share one Node, found by the decoded fields before any work.
_SHARED_NODES: dict[tuple[Any, ...], Node] = {}
_NODE_FIELDS = ("id", "label", "name", "country", "match_key", "rule", "spelling", "score")


def _node(raw: dict[str, Any]) -> Node:
    props = raw["props"]
    key = None
    if (props_key := _props_key(props)) is not None:
        key = (*map(raw.get, _NODE_FIELDS), *raw["aliases"], None, *props_key)
        if (found := _SHARED_NODES.get(key)) is not None:
            return found
    for name in _NODE_TEXTS:
        if isinstance(value := raw.get(name), str):
            raw[name] = intern(value)
    raw["props"] = props if props_key is None else _SHARED_PROPS.setdefault(props_key, props)
    node = Node(**{**raw, "aliases": tuple(intern(a) for a in raw["aliases"])})
    if key is not None:
        _SHARED_NODES[key] = node
    return node


def _edge(raw: dict[str, Any]) -> Edge:
    props = raw["props"]
    for key in _EDGE_TEXTS:
        if isinstance(value := props.get(key), str):
            props[key] = intern(value)
    return Edge(
        raw["id"],
        intern(raw["type"]),
        intern(raw["source"]),
        intern(raw["target"]),
        intern(raw["article"]),
        _day(raw["date"]),
        _shared(props),
    )
