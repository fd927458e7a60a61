"""Article graphs to bytes and back, for the embedded store's durable log."""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson

from graph.model import ArticleGraph, ArticleMeta, Edge, Node

__all__ = ["decode_graph", "encode_graph"]


def encode_graph(graph: ArticleGraph) -> bytes:
    return orjson.dumps(graph)


def decode_graph(data: bytes) -> ArticleGraph:
    raw: dict[str, Any] = orjson.loads(data)
    meta = raw["meta"]
    return ArticleGraph(
        meta=ArticleMeta(**{**meta, "published": date.fromisoformat(meta["published"])}),
        digest=raw["digest"],
        nodes=tuple(Node(**{**n, "aliases": tuple(n["aliases"])}) for n in raw["nodes"]),
        edges=tuple(
            Edge(**{**e, "date": date.fromisoformat(e["date"]) if e["date"] else None})
            for e in raw["edges"]
        ),
        origin=raw["origin"],
    )
