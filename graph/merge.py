"""How a node's properties follow from the articles that mention it.

Several articles contribute the same node, each with its own spelling.  Both
stores keep every contribution and show the merge below, so that retracting an
article restores exactly what the others said, and both stores agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.model import Node

__all__ = ["merge_contributions", "merge_rows"]

_FIXED_NAMES = frozenset(["iso", "alias", "gazetteer", "office", "pinned"])


def merge_contributions(contributions: Mapping[str, Node]) -> dict[str, Any]:
    """The node as shown: one dict from the contributions keyed by article id.

    The first article in id order decides the name and each property it sets;
    every other spelling becomes an alias.  Rules are kept simple and order-free
    so that the result does not depend on the order articles arrived in.
    """
    ordered = [contributions[key] for key in sorted(contributions)]
    first = ordered[0]
    merged: dict[str, Any] = {"id": first.id, "type": first.label, "name": first.name}
    # A name fixed by a rule (ISO state, alias file, gazetteer, office holder, pinned
    # key) beats a plain spelling.
    for node in ordered:
        if node.rule in _FIXED_NAMES:
            merged["name"] = node.name
            break
    merged["country"] = next((n.country for n in ordered if n.country), None)
    for node in reversed(ordered):
        merged.update({k: v for k, v in node.props.items() if v is not None})
    spellings = {s for n in ordered for s in (n.name, *n.aliases)}
    spellings.discard(merged["name"])
    merged["aliases"] = sorted(spellings)
    return merged


def merge_rows(node_id: str, name: str, contributions: Mapping[str, Node]) -> list[dict[str, Any]]:
    """The rows of :meth:`Store.merges` for one node: each spelling that differs from
    the name it was resolved to, with the rule (and score) that decided."""
    return [
        {
            "id": node_id,
            "name": name,
            "spelling": node.spelling,
            "rule": node.rule,
            "score": node.score,
            "article": article_id,
        }
        for article_id, node in sorted(contributions.items())
        if node.spelling is not None and node.spelling != name
    ]
