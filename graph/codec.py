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
_SCALARS = (str, int, float, bool, type(None))


def _shareable(props: dict[str, Any]) -> bool:
    return len(props) <= 3 and all(isinstance(v, _SCALARS) for v in props.values())


def _shared(props: dict[str, Any]) -> dict[str, Any]:
    if not _shareable(props):
        return props
    return _SHARED_PROPS.setdefault(tuple(props.items()), props)


# Most articles contribute a node exactly as others do (Syria is "Syria", ISO, itself):
# equal contributions share one Node.  Keyed by fields, with the props by identity, as
# shared props are one object.
_SHARED_NODES: dict[tuple[Any, ...], Node] = {}


def _node(raw: dict[str, Any]) -> Node:
    for key in _NODE_TEXTS:
        if isinstance(value := raw.get(key), str):
            raw[key] = intern(value)
    props = raw["props"] = _shared(raw["props"])
    node = Node(**{**raw, "aliases": tuple(intern(a) for a in raw["aliases"])})
    if not _is_shared(props):
        return node
    fields = (*(getattr(node, f) for f in _NODE_KEY), id(props))
    return _SHARED_NODES.setdefault(fields, node)


def _is_shared(props: dict[str, Any]) -> bool:
    return _shareable(props) and _SHARED_PROPS.get(tuple(props.items())) is props


_NODE_KEY = ("id", "label", "name", "country", "aliases", "match_key", "rule", "spelling", "score")


def _edge(raw: dict[str, Any]) -> Edge:
    props = raw["props"]
    for key in _EDGE_TEXTS:
        if isinstance(value := props.get(key), str):
            props[key] = intern(value)
    raw["props"] = _shared(props)
    return Edge(
        **{
            **raw,
            "source": intern(raw["source"]),
            "target": intern(raw["target"]),
            "article": intern(raw["article"]),
            "type": intern(raw["type"]),
            "date": _day(raw["date"]),
        }
    )
