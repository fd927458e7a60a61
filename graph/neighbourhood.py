"""Neighbourhoods in the in-memory graph: which nodes a walk reaches, and the edges a
view of them shows.

A *pair* is the data of one ``nx.Graph`` edge of :mod:`graph.memory` (see its module
docstring): its relationships by id, their counts by type, when it was made, and its
cached collapsed view.  :func:`pair_add` and :func:`pair_remove` keep a pair's counts
and cache right as articles change it.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import islice
from operator import attrgetter, itemgetter
from typing import Any

import networkx as nx

from graph.model import ASSERTION_TYPES, Edge
from graph.views import collapse_placed, collapse_structural, in_period

__all__ = [
    "MAX_VIEW_EDGES",
    "EdgeFilter",
    "Pair",
    "Walk",
    "pair_add",
    "pair_remove",
    "reach",
    "view_edges",
    "walk",
]

EdgeFilter = Callable[[Edge], bool]
Pair = dict[str, Any]  # the data of one graph edge: see graph.memory's module docstring
MAX_VIEW_EDGES = 5000
_ASSERTIONS = frozenset(ASSERTION_TYPES)


@dataclass(frozen=True, slots=True)
class Walk:
    """What a traversal follows: the edges of ``graph`` that ``keep`` keeps (None: all).

    ``weigh`` counts them in a pair: from the pair's type counts, unless a period
    (``dated``) makes it look at each edge.  ``types`` is None for all of the graph's.
    """

    graph: nx.Graph
    keep: EdgeFilter | None
    weigh: Callable[[Pair], int]
    types: frozenset[str] | None
    dated: bool


def walk(
    graph: nx.Graph,
    wanted: frozenset[str],
    known: frozenset[str],
    since: date | None,
    until: date | None,
) -> Walk:
    """The walk over ``graph`` (whose edges have the ``known`` types) following ``wanted``."""
    types = None if wanted == known else wanted
    if since is not None or until is not None:

        def keep_dated(e: Edge) -> bool:
            return (types is None or e.type in types) and in_period(e.date, since, until)

        def weigh_dated(pair: Pair) -> int:
            return sum(1 for e in pair["edges"].values() if keep_dated(e))

        return Walk(graph, keep_dated, weigh_dated, types, True)
    if types is None:
        return Walk(graph, None, lambda pair: len(pair["edges"]), None, False)
    kept = types

    def keep(e: Edge) -> bool:
        return e.type in kept

    left_out = known - types
    if len(left_out) == 1:  # the default: all but REPORTED_IN
        (skipped,) = left_out

        def weigh(pair: Pair) -> int:
            counts: dict[str, int] = pair["types"]
            return len(pair["edges"]) - counts.get(skipped, 0)

    else:

        def weigh(pair: Pair) -> int:
            return sum(n for t, n in pair["types"].items() if t in kept)

    return Walk(graph, keep, weigh, types, False)


def reach(walk: Walk, start: str, depth: int, limit: int) -> tuple[list[str], bool]:
    """The nodes within ``depth`` steps, strongest ties first, at most ``limit``; and
    whether the cap cut them."""
    adjacency, weigh = walk.graph._adj, walk.weigh
    order = [start]
    seen = {start}
    frontier = [start]
    for _ in range(depth):
        following: list[str] = []
        for node in frontier:
            ranked = [
                (-w, other)
                for other, pair in adjacency[node].items()
                if other not in seen and (w := weigh(pair))
            ]
            room = limit - len(order)
            # Strongest ties first, so a capped hub shows what matters most.
            truncated = len(ranked) > room
            ranked = heapq.nsmallest(room, ranked) if truncated else sorted(ranked)
            for _, other in ranked:
                seen.add(other)
                order.append(other)
                following.append(other)
            if truncated:
                return order, True
        if not following:
            break
        frontier = following
    return order, False


def view_edges(walk: Walk, order: list[str]) -> tuple[list[dict[str, Any]], bool]:
    """The followed edges among ``order``, collapsed and sorted as views show them; and
    whether there were more than a view shows."""
    pairs, cut_pair, room = _pairs_within(walk, order)
    if walk.dated:
        keep = walk.keep
        assert keep is not None
        edges = [e for pair in pairs for e in pair["edges"].values() if keep(e)]
        if cut_pair is not None:
            edges += _first_edges(walk, cut_pair, room)
        edges.sort(key=attrgetter("id"))
        return collapse_structural(edges), cut_pair is not None
    types = walk.types
    placed: list[tuple[str, dict[str, Any]]] = []
    for pair in pairs:
        if types is None or pair["types"].keys() <= types:
            placed += _pair_view(pair)
        else:
            placed += (shown for shown in _pair_view(pair) if shown[1]["type"] in types)
    if cut_pair is not None:
        placed += _cut_view(walk, cut_pair, room)
    placed.sort(key=itemgetter(0))
    # Copies, so that a caller adding to an edge does not change the pair's view.
    return list(map(dict.copy, map(itemgetter(1), placed))), cut_pair is not None


def _pairs_within(walk: Walk, order: list[str]) -> tuple[list[Pair], Pair | None, int]:
    """The pairs among ``order`` with followed edges, up to ``MAX_VIEW_EDGES`` edges.

    Views have always taken the first edges in adjacency order, so a capped view keeps
    its edges: the pairs wholly within the cap, and the pair the cap cuts (if any) with
    how many of its followed edges are within the cap.
    """
    members = set(order)
    adjacency, weigh = walk.graph._adj, walk.weigh
    pairs: list[Pair] = []
    room = MAX_VIEW_EDGES
    for node in order:
        for pair in _pairs_from(adjacency[node], node, order, members):
            w = weigh(pair)
            if w > room:
                return pairs, pair, room
            if w:
                room -= w
                pairs.append(pair)
    return pairs, None, 0


def _pairs_from(
    neighbours: dict[str, Pair], node: str, order: list[str], members: set[str]
) -> list[Pair]:
    """The pairs joining ``node`` to members not before it by id, in adjacency order."""
    if len(neighbours) <= len(order):
        return [pair for other, pair in neighbours.items() if other in members and node <= other]
    # A hub has many more neighbours than a view has nodes: look the members up instead.
    # Adjacency order is the order the pairs were made in (networkx adds both ends at once).
    found = [pair for other in order if node <= other and (pair := neighbours.get(other))]
    found.sort(key=itemgetter("made"))
    return found


def _first_edges(walk: Walk, pair: Pair, room: int) -> list[Edge]:
    keep = walk.keep
    return list(islice((e for e in pair["edges"].values() if keep is None or keep(e)), room))


def _cut_view(walk: Walk, pair: Pair, room: int) -> list[tuple[str, dict[str, Any]]]:
    """The view of the pair's first ``room`` followed edges: assertions as the pair's view
    has them, structural edges collapsed among themselves.  Kept until the pair changes,
    for the next view cut at the same place."""
    cut = (walk.types, room)
    kept: tuple[Any, list[tuple[str, dict[str, Any]]]] | None = pair.get("cut")
    if kept is not None and kept[0] == cut:
        return kept[1]
    edges = _first_edges(walk, pair, room)
    shown = dict(_pair_view(pair))
    structural = sorted((e for e in edges if e.type not in _ASSERTIONS), key=attrgetter("id"))
    placed = [(e.id, shown[e.id]) for e in edges if e.type in _ASSERTIONS]
    placed += collapse_placed(structural)
    pair["cut"] = (cut, placed)
    return placed


def _pair_view(pair: Pair) -> list[tuple[str, dict[str, Any]]]:
    """The pair's edges collapsed and placed (:func:`collapse_placed`), kept until it changes."""
    view: list[tuple[str, dict[str, Any]]] | None = pair.get("view")
    if view is None:
        view = pair["view"] = collapse_placed(sorted(pair["edges"].values(), key=attrgetter("id")))
    return view


def pair_add(pair: Pair, edge: Edge) -> None:
    edges, types = pair["edges"], pair["types"]
    prior = edges.get(edge.id)
    if prior is not None:
        _count(types, prior.type, -1)
    edges[edge.id] = edge
    types[edge.type] = types.get(edge.type, 0) + 1
    pair.pop("view", None)
    pair.pop("cut", None)


def pair_remove(pair: Pair, edge: Edge) -> None:
    removed = pair["edges"].pop(edge.id, None)
    if removed is not None:
        _count(pair["types"], removed.type, -1)
        pair.pop("view", None)
        pair.pop("cut", None)


def _count(counts: dict[str, int], key: str, delta: int) -> None:
    left = counts.get(key, 0) + delta
    if left:
        counts[key] = left
    else:
        del counts[key]
