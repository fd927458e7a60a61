"""The embedded store's blobs: what goes in comes out, and recurring values are shared."""

from __future__ import annotations

from datetime import date

from graph.codec import decode_graph, encode_graph
from graph.model import ArticleGraph, ArticleMeta, Edge, Node


def _graph(key: str) -> ArticleGraph:
    meta = ArticleMeta(key=key, title="T", published=date(2017, 10, 25))
    nodes = (
        Node("SYR", "State", "Syria", "SYR", ("Syrian Arab Republic",), rule="iso"),
        # A list among a node's properties cannot be shared (nor hashed): kept as it is.
        Node("person:x", "Official", "X", "SYR", props={"wikidata": ["Q1", "Q2"]}),
        Node(meta.node_id, "Article", "T", props={"published": "2017-10-25"}),
    )
    edges = (
        Edge("e-1", "AFFILIATED_WITH", "person:x", "SYR", meta.node_id, props={"title": "FM"}),
        Edge(
            "e-2",
            "SUPPORTS",
            "person:x",
            "SYR",
            meta.node_id,
            date(2017, 10, 25),
            {"evidence": "X backs Syria.", "span": [0, 14], "confidence": 0.9},
        ),
    )
    return ArticleGraph(meta, f"digest-{key}", nodes, edges, origin=f"{key}.yaml")


def test_blobs_round_trip_and_share_what_recurs() -> None:
    first = decode_graph(encode_graph(_graph("a")), with_source=False)
    second = decode_graph(encode_graph(_graph("b")), with_source=False)
    assert first == _graph("a") and second == _graph("b")
    assert first.nodes[1].props == {"wikidata": ["Q1", "Q2"]}
    assert first.nodes[0] is second.nodes[0]  # the same state, one object
    assert first.nodes[1] is not second.nodes[1]  # list props: not shared
    assert first.edges[0].props is second.edges[0].props  # {"title": "FM"}
    assert first.edges[1].date is second.edges[1].date
    assert first.edges[1].props["evidence"] is second.edges[1].props["evidence"]
