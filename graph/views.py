"""Turning stored nodes and edges into the JSON-ready dicts every caller sees."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from graph.model import ASSERTION_TYPES, Edge

__all__ = [
    "article_summary",
    "collapse_placed",
    "collapse_structural",
    "edge_dict",
    "in_period",
    "summary",
    "timeline_direction",
]


def summary(node: dict[str, Any]) -> dict[str, Any]:
    """The short form of a node used inside other answers."""
    return {
        "id": node["id"],
        "type": node["type"],
        "name": node["name"],
        "country": node.get("country"),
    }


def article_summary(node: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": node["id"],
        "key": node["id"].removeprefix("article:"),
        "title": node["name"],
        "published": node.get("published"),
        "url": node.get("url"),
        "source": node.get("source"),
    }


def edge_dict(edge: Edge) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": edge.id,
        "type": edge.type,
        "source": edge.source,
        "target": edge.target,
        "date": edge.date.isoformat() if edge.date else None,
        "article": edge.article,
    }
    out.update((k, v) for k, v in edge.props.items() if v is not None)
    return out


def collapse_structural(edges: Iterable[Edge]) -> list[dict[str, Any]]:
    """Assertions one per article; structural edges one per (type, ends, title).

    An official reported in 500 articles has 500 AFFILIATED_WITH contributions;
    a view shows one edge with the period and the number of articles instead.
    """
    return [item for _, item in collapse_placed(edges)]


def collapse_placed(edges: Iterable[Edge]) -> list[tuple[str, dict[str, Any]]]:
    """:func:`collapse_structural`, each item with the id of the edge that placed it.

    An item stands where its first edge stood, so collapsing edges sorted by id gives
    items sorted by these ids, and collapsed groups of edges sorted by id merge by them.
    """
    out: list[tuple[str, dict[str, Any]]] = []
    grouped: dict[tuple[str, str, str, Any], dict[str, Any]] = {}
    for edge in edges:
        if edge.type in ASSERTION_TYPES:
            out.append((edge.id, edge_dict(edge)))
            continue
        key = (edge.type, edge.source, edge.target, edge.props.get("title"))
        day = edge.date.isoformat() if edge.date else None
        seen = grouped.get(key)
        if seen is None:
            seen = edge_dict(edge)
            seen.update(first_seen=day, last_seen=day, articles=0)
            grouped[key] = seen
            out.append((edge.id, seen))
        seen["articles"] += 1
        # The earliest contribution names the edge; ties go to the smaller id.
        if (day or "", edge.id) < (seen["first_seen"] or "", seen["id"]):
            seen["first_seen"] = seen["date"] = day
            seen["id"], seen["article"] = edge.id, edge.article
        if day and (seen["last_seen"] is None or day > seen["last_seen"]):
            seen["last_seen"] = day
    return out


def in_period(day: date | None, since: date | None, until: date | None) -> bool:
    if since is None and until is None:
        return True
    if day is None:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


def timeline_direction(kind: str, out: bool) -> str:
    """Meetings have no direction; a stance is the entity's (``out``) or about it (``in``)."""
    if kind == "MET_WITH":
        return "mutual"
    return "out" if out else "in"
