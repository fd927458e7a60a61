"""Alliances: how states stand towards each other, from what their people asserted.

A store counts the assertions between states (:class:`StanceCount`): an official's
or an organisation's meeting, support or rejection counts for its state, as does the
state's own.  Stances count once per assertion per article; meetings once per meeting
(its event), however many of its pairs were stated or derived.  This module turns the
counts into pairs, a matrix and blocs, so both stores answer alike from the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.identity import StateTable

__all__ = ["STANCE_HOLDERS", "Alliances", "StanceCount", "build_alliances", "state_of"]

# Who speaks for a state; places and events hold no stance, and an article none either.
STANCE_HOLDERS = ("State", "Official", "Organization")
_KINDS = ("MET_WITH", "SUPPORTS", "REJECTS")


@dataclass(frozen=True, slots=True, order=True)
class StanceCount:
    """``count`` assertions of ``type`` by people of ``source`` towards ``target``."""

    type: str
    source: str
    target: str
    count: int


@dataclass(frozen=True, slots=True)
class Alliances:
    states: list[dict[str, Any]]
    pairs: list[dict[str, Any]]
    matrix: dict[str, Any]
    blocs: list[dict[str, Any]]
    unaligned: list[dict[str, Any]]


def state_of(node: Mapping[str, Any]) -> str | None:
    """The state a node speaks for, if it speaks for one."""
    if node.get("type") not in STANCE_HOLDERS:
        return None
    country = node.get("country")
    return str(country) if country else None


def stance(supports: int, rejects: int) -> float | None:
    """From -1 (only rejections) to 1 (only support); ``None`` when neither was stated."""
    if supports + rejects == 0:
        return None
    return round((supports - rejects) / (supports + rejects), 3)


def build_alliances(
    counts: Iterable[StanceCount], states: Mapping[str, dict[str, Any]]
) -> Alliances:
    """Pairs, matrix and blocs from the counts; ``states`` has the summaries the store has."""
    directed: dict[tuple[str, str, str], int] = defaultdict(int)
    codes: set[str] = set()
    for item in counts:
        if item.source == item.target or item.type not in _KINDS:
            continue
        a, b = item.source, item.target
        if item.type == "MET_WITH" and b < a:  # meetings have no direction
            a, b = b, a
        directed[item.type, a, b] += item.count
        codes.update((a, b))
    order = sorted(codes)
    summaries = {code: _summary(code, states) for code in order}

    def count(kind: str, a: str, b: str) -> int:
        if kind == "MET_WITH":
            return directed.get((kind, min(a, b), max(a, b)), 0)
        return directed.get((kind, a, b), 0)

    pairs = []
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            met = count("MET_WITH", a, b)
            sup = (count("SUPPORTS", a, b), count("SUPPORTS", b, a))
            rej = (count("REJECTS", a, b), count("REJECTS", b, a))
            if not (met or any(sup) or any(rej)):
                continue
            pairs.append(
                {
                    "a": summaries[a],
                    "b": summaries[b],
                    "meetings": met,
                    "supports": {"a_to_b": sup[0], "b_to_a": sup[1], "total": sum(sup)},
                    "rejects": {"a_to_b": rej[0], "b_to_a": rej[1], "total": sum(rej)},
                    "stance": stance(sum(sup), sum(rej)),
                }
            )
    pairs.sort(key=_evidence_first)
    matrix = {
        "states": order,
        "meetings": [[count("MET_WITH", a, b) if a != b else 0 for b in order] for a in order],
        "supports": [[count("SUPPORTS", a, b) for b in order] for a in order],
        "rejects": [[count("REJECTS", a, b) for b in order] for a in order],
        "stance": [
            [
                None
                if a == b
                else stance(
                    count("SUPPORTS", a, b) + count("SUPPORTS", b, a),
                    count("REJECTS", a, b) + count("REJECTS", b, a),
                )
                for b in order
            ]
            for a in order
        ],
    }
    blocs, unaligned = _blocs(order, pairs, summaries)
    return Alliances([summaries[c] for c in order], pairs, matrix, blocs, unaligned)


def _evidence_first(pair: dict[str, Any]) -> tuple[int, str, str]:
    evidence = pair["meetings"] + pair["supports"]["total"] + pair["rejects"]["total"]
    return (-evidence, pair["a"]["id"], pair["b"]["id"])


def _blocs(
    order: list[str], pairs: list[dict[str, Any]], summaries: Mapping[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Communities of the signed stance graph: states whose support for each other
    outweighs their rejections, grouped by Louvain modularity (fixed seed, so every
    run and both stores give the same blocs).  Meetings are no alignment: rivals meet."""
    graph = nx.Graph()
    graph.add_nodes_from(order)
    for pair in sorted(pairs, key=lambda p: (p["a"]["id"], p["b"]["id"])):
        weight = pair["supports"]["total"] - pair["rejects"]["total"]
        if weight > 0:
            graph.add_edge(pair["a"]["id"], pair["b"]["id"], weight=weight)
    communities = nx.community.louvain_communities(graph, weight="weight", seed=0)
    by_pair = {(p["a"]["id"], p["b"]["id"]): p for p in pairs}
    net = {key: p["supports"]["total"] - p["rejects"]["total"] for key, p in by_pair.items()}
    groups = [_without_dissenters(sorted(c), net) for c in communities]
    groups += [[m] for c in communities for m in c if not any(m in g for g in groups)]
    groups.sort(key=lambda c: (-len(c), c[0]))
    blocs: list[dict[str, Any]] = []
    unaligned: list[dict[str, Any]] = []
    for members in groups:
        if len(members) < 2:
            unaligned.extend(summaries[m] for m in members)
            continue
        inside = [
            by_pair[a, b]
            for i, a in enumerate(members)
            for b in members[i + 1 :]
            if (a, b) in by_pair
        ]
        blocs.append(
            {
                "id": len(blocs) + 1,
                "members": [summaries[m] for m in members],
                "meetings": sum(p["meetings"] for p in inside),
                "supports": sum(p["supports"]["total"] for p in inside),
                "rejects": sum(p["rejects"]["total"] for p in inside),
            }
        )
    unaligned.sort(key=lambda s: s["id"])
    return blocs, unaligned


def _without_dissenters(members: list[str], net: Mapping[tuple[str, str], int]) -> list[str]:
    """Modularity sees only the support; a member that rejects the rest of its bloc more
    than it supports it (or is rejected by it) leaves, the most hostile first."""
    members = list(members)
    while len(members) > 1:
        ties = {
            m: sum(net.get((min(m, o), max(m, o)), 0) for o in members if o != m) for m in members
        }
        worst = min(members, key=lambda m: (ties[m], m))
        if ties[worst] >= 0:
            break
        members.remove(worst)
    return members


def _summary(code: str, states: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    stored = states.get(code)
    if stored is not None:
        return stored
    # A state named only as an official's country, never as a node of its own.
    return {"id": code, "type": "State", "name": StateTable.default().display_name(code),
            "country": code}  # fmt: skip
