"""Meetings in date order, for pages that cost a bisect and a slice.

:class:`MeetingIndex` keeps every MET_WITH edge of the in-memory graph
(:mod:`graph.memory`) sorted by (date, id): all of them, by node, by country and by node
and the other side's country, updated as articles are applied and retracted.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import TypeVar

from sortedcontainers import SortedList

from graph.model import Edge

__all__ = ["Key", "MeetingIndex", "edge_of", "meeting_key", "period_range"]

# The order of meetings: by date (undated as the earliest day), then id.  One string,
# ISO date then id, orders so and compares faster than a tuple.
Key = str
_Name = TypeVar("_Name", str, tuple[str, str])


def meeting_key(edge: Edge) -> Key:
    return (edge.date or date.min).isoformat() + edge.id


def _day_key(day: date) -> Key:
    """The first key of the day."""
    return day.isoformat()


def edge_of(key: Key) -> str:
    return key[10:]  # after YYYY-MM-DD


class MeetingIndex:
    """MET_WITH edges in (date, id) order: all of them, by node, by country (of either
    side) and by node and the other side's country.

    Countries are the merged nodes', which writes leave to the next read (see
    :class:`graph.memory._MergedNodes`): writes mark the nodes they touch, and :meth:`refresh`, run
    before a read by country, moves the meetings of a node whose country changed.
    Meanwhile every list places an edge by the countries it was placed by.  The lists
    that can hold a large share of all meetings are ``SortedList``; a node's are plain
    lists, cheaper to keep while they are short.
    """

    def __init__(self) -> None:
        self.edges: dict[str, Edge] = {}
        self.all: SortedList[Key] = SortedList()
        self.by_country: dict[str, SortedList[Key]] = {}
        self.by_node: dict[str, list[Key]] = {}
        self.by_node_country: dict[tuple[str, str], list[Key]] = {}
        self.undated = 0
        self._country: dict[str, str] = {}
        self._stale: set[str] = set()

    def add(self, edge: Edge) -> None:
        if edge.id in self.edges:
            self.remove(self.edges[edge.id])
        self.edges[edge.id] = edge
        key = meeting_key(edge)
        self.all.add(key)
        _file(self.by_node, edge.source, key)
        if edge.target != edge.source:
            _file(self.by_node, edge.target, key)
        self._place(edge, key, filing=True)
        self.undated += edge.date is None

    def remove(self, edge: Edge) -> None:
        indexed = self.edges.pop(edge.id, None)
        if indexed is None:
            return
        key = meeting_key(indexed)
        self.all.remove(key)
        _unfile(self.by_node, indexed.source, key)
        if indexed.target != indexed.source:
            _unfile(self.by_node, indexed.target, key)
        self._place(indexed, key, filing=False)
        self.undated -= indexed.date is None

    def _place(self, edge: Edge, key: Key, filing: bool) -> None:
        """File (or unfile) the edge under the countries its ends have as indexed."""
        source, target = edge.source, edge.target
        on_source, on_target = self._country.get(source), self._country.get(target)
        if on_source is None and on_target is None:
            return
        for country in {on_source, on_target}:
            if country is not None:
                keys = self.by_country.get(country)
                if keys is None:
                    keys = self.by_country[country] = SortedList()
                if filing:
                    keys.add(key)
                else:
                    keys.remove(key)
                    if not keys:
                        del self.by_country[country]
        action = _file if filing else _unfile
        if on_target is not None:
            action(self.by_node_country, (source, on_target), key)
        if on_source is not None and source != target:
            action(self.by_node_country, (target, on_source), key)

    def touch(self, nodes: Iterable[str]) -> None:
        self._stale.update(nodes)

    def refresh(self, country_of: Callable[[str], str | None]) -> None:
        for node in self._stale:
            country = country_of(node)
            if country == self._country.get(node):
                continue
            moved = [self.edges[edge_of(key)] for key in self.by_node.get(node, ())]
            for edge in moved:
                self._place(edge, meeting_key(edge), filing=False)
            if country is None:
                del self._country[node]
            else:
                self._country[node] = country
            for edge in moved:
                self._place(edge, meeting_key(edge), filing=True)
        self._stale.clear()


def _file(index: dict[_Name, list[Key]], name: _Name, key: Key) -> None:
    keys = index.get(name)
    if keys is None:
        index[name] = [key]
    else:
        insort(keys, key)


def _unfile(index: dict[_Name, list[Key]], name: _Name, key: Key) -> None:
    keys = index[name]
    del keys[bisect_left(keys, key)]
    if not keys:
        del index[name]


def period_range(keys: Sequence[Key], since: date | None, until: date | None) -> tuple[int, int]:
    """The slice of ascending ``keys`` dated within the period (undated ones as the earliest)."""
    low = 0 if since is None else _bisect(keys, _day_key(since))
    high = len(keys)
    if until is not None and until < date.max:
        high = _bisect(keys, _day_key(until + timedelta(days=1)))
    return low, high


def _bisect(keys: Sequence[Key], key: Key) -> int:
    if isinstance(keys, SortedList):
        return int(keys.bisect_left(key))
    return bisect_left(keys, key)
