"""Article graphs to bytes and back, for the embedded store's durable log.

The parsed article a graph was compiled from (``ArticleGraph.source``) travels with
it, without the metadata and origin the graph already has, so that ``diplograph
resolve --apply`` can compile every stored article again.  Blobs written before
sources were kept decode with ``source=None``.
"""

from __future__ import annotations

from datetime import date
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


def decode_graph(data: bytes) -> ArticleGraph:
    raw: dict[str, Any] = orjson.loads(data)
    meta = raw["meta"]
    article = ArticleMeta(**{**meta, "published": date.fromisoformat(meta["published"])})
    source = raw.get("source")
    return ArticleGraph(
        meta=article,
        digest=raw["digest"],
        nodes=tuple(Node(**{**n, "aliases": tuple(n["aliases"])}) for n in raw["nodes"]),
        edges=tuple(Edge(**{**e, "date": _day(e["date"])}) for e in raw["edges"]),
        origin=raw["origin"],
        source=_source(source, article, raw["origin"]) if source is not None else None,
    )
