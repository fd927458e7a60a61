"""The in-memory graph: article contributions indexed in networkx, and the queries on it.

Two undirected ``nx.Graph`` objects hold the edges, one with every relationship
and one with the assertions only (so the common path query needs no filter).
Each graph edge (a *pair*) carries ``edges``: every stored relationship between
the two nodes, by id; ``types``: how many of them each type has, so a traversal
weighs a neighbour without looking at its edges; ``made``: when the pair was made;
and, once a view has shown it, ``view``: its edges collapsed as views show them
(and ``cut``: the same for the first of them, where a capped view cut it).
Meetings are also kept in date order (:class:`graph.meeting_index.MeetingIndex`), so a page of them
costs a bisect and a slice.  Replacing an article touches only what that article
contributed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import count, pairwise
from typing import Any

import networkx as nx

from graph.activity import DayCount
from graph.alliances import StanceCount, state_of
from graph.errors import ArticleNotFound, EntityNotFound
from graph.identity import StateTable, match_key
from graph.meeting_index import Key, MeetingIndex, edge_of, meeting_key, period_range
from graph.merge import merge_contributions, merge_rows
from graph.model import ASSERTION_TYPES, ENTITY_TYPES, RELATIONSHIP_TYPES, ArticleGraph, Edge, Node
from graph.neighbourhood import (
    EdgeFilter,
    Walk,
    pair_add,
    pair_remove,
    reach,
    view_edges,
    walk,
)
from graph.queries import (
    ActivityQuery,
    AlliancesQuery,
    ArticleDetail,
    EntityQuery,
    GraphView,
    MeetingsQuery,
    NeighbourhoodQuery,
    Page,
    PathResult,
    PathsQuery,
    StoreStats,
    TimelineQuery,
)
from graph.views import (
    article_summary,
    collapse_structural,
    edge_dict,
    in_period,
    summary,
    timeline_direction,
)

__all__ = ["MemoryGraph"]

_ASSERTIONS = frozenset(ASSERTION_TYPES)
_ALL_TYPES = frozenset(RELATIONSHIP_TYPES)


class MemoryGraph:
    """Every stored article, its nodes and edges, and the read queries over them."""

    def __init__(self) -> None:
        self.articles: dict[str, ArticleGraph] = {}
        self.edges: dict[str, Edge] = {}
        self._contrib: dict[str, dict[str, Node]] = {}
        self.nodes = _MergedNodes(self._contrib)
        self._key_counts: dict[str, Counter[str]] = {}
        self._keys: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._by_type: dict[str, set[str]] = defaultdict(set)
        self.full = nx.Graph()
        self.acts = nx.Graph()
        self._meetings = MeetingIndex()
        self._made = count()  # pairs in the order they were made: see _pairs_from

    # -- maintenance -------------------------------------------------------------

    def apply(self, article_id: str, graph: ArticleGraph | None) -> None:
        """Make the article's contributions those of ``graph`` (``None`` retracts it)."""
        touched: set[str] = set()
        old = self.articles.pop(article_id, None)
        if old is not None:
            for edge in old.edges:
                self._remove_edge(edge)
            for node in old.nodes:
                self._contrib[node.id].pop(article_id, None)
                self._count_key(node, -1)
                touched.add(node.id)
        if graph is not None:
            self.articles[article_id] = graph
            for node in graph.nodes:
                contributions = self._contrib.setdefault(node.id, {})
                if not contributions:
                    self.full.add_node(node.id)
                    self.acts.add_node(node.id)
                contributions[article_id] = node
                self._count_key(node, +1)
                touched.add(node.id)
        for node_id in touched:
            self.nodes.invalidate(node_id)
            if not self._contrib[node_id]:
                self._drop_node(node_id)
        self._meetings.touch(touched)
        if graph is not None:
            for edge in graph.edges:
                self._add_edge(edge)

    def _count_key(self, node: Node, delta: int) -> None:
        """Keep the (label, match key) index in step, in constant time per contribution."""
        if not node.match_key:
            return
        counts = self._key_counts.setdefault(node.id, Counter())
        counts[node.match_key] += delta
        if counts[node.match_key] > 0:
            self._keys[(node.label, node.match_key)].add(node.id)
        else:
            del counts[node.match_key]
            self._keys[(node.label, node.match_key)].discard(node.id)

    def _drop_node(self, node_id: str) -> None:
        del self._contrib[node_id]
        self._key_counts.pop(node_id, None)
        for g in (self.full, self.acts):
            if node_id in g:
                g.remove_node(node_id)

    def _graphs_for(self, edge: Edge) -> tuple[nx.Graph, ...]:
        return (self.full, self.acts) if edge.type in _ASSERTIONS else (self.full,)

    def _add_edge(self, edge: Edge) -> None:
        self.edges[edge.id] = edge
        self._by_type[edge.type].add(edge.id)
        if edge.type == "MET_WITH":
            self._meetings.add(edge)
        for g in self._graphs_for(edge):
            pair = g.get_edge_data(edge.source, edge.target)
            if pair is None:
                g.add_edge(edge.source, edge.target, edges={}, types={}, made=next(self._made))
                pair = g.get_edge_data(edge.source, edge.target)
            pair_add(pair, edge)

    def _remove_edge(self, edge: Edge) -> None:
        self.edges.pop(edge.id, None)
        self._by_type[edge.type].discard(edge.id)
        if edge.type == "MET_WITH":
            self._meetings.remove(edge)
        for g in self._graphs_for(edge):
            pair = g.get_edge_data(edge.source, edge.target)
            if pair is not None:
                pair_remove(pair, edge)
                if not pair["edges"]:
                    g.remove_edge(edge.source, edge.target)

    def lookup_keys(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        return {k: min(self._keys[k]) for k in keys if self._keys.get(k)}

    # -- reads ---------------------------------------------------------------------

    def node(self, node_id: str) -> dict[str, Any]:
        node = self.nodes.get(node_id)
        if node is None:
            raise EntityNotFound(node_id)
        return node

    def public(self, node_id: str) -> dict[str, Any]:
        return dict(self.node(node_id))  # a copy: callers add to it

    def stats(self, backend: str) -> StoreStats:
        return StoreStats(
            backend=backend,
            articles=len(self.articles),
            nodes=len(self.nodes),
            relationships=len(self.edges),
            nodes_by_type=dict(sorted(Counter(self.nodes.label(n) for n in self.nodes).items())),
            relationships_by_type={t: len(ids) for t, ids in sorted(self._by_type.items()) if ids},
        )

    def search_entities(self, query: EntityQuery) -> Page:
        wanted_types = {query.type} if query.type else set(ENTITY_TYPES)
        needle = match_key(query.q) if query.q else ""
        state = StateTable.default().resolve(query.q) if query.q else None
        ranked: list[tuple[int, int, str]] = []
        for node_id in self.nodes:
            if self.nodes.label(node_id) not in wanted_types:
                continue
            if query.country and self.nodes[node_id].get("country") != query.country:
                continue
            rank = 3
            if query.q:
                spellings = self.nodes.spellings(node_id)
                if node_id == query.q or node_id == state or needle in spellings:
                    rank = 0
                elif len(needle) < 3:  # "zz" folds to "z": too short to search inside names
                    continue
                elif any(s.startswith(needle) for s in spellings):
                    rank = 1
                elif any(needle in s for s in spellings):
                    rank = 2
                else:
                    continue
            ranked.append((rank, -self.full.degree(node_id), node_id))
        ranked.sort()
        window = ranked[query.offset : query.offset + query.limit]
        items = [self._entity_item(node_id) for _, _, node_id in window]
        return Page(items, len(ranked), query.limit, query.offset)

    def _entity_item(self, node_id: str) -> dict[str, Any]:
        node = self.nodes[node_id]
        return {**summary(node), "aliases": node["aliases"]}

    def entity(self, entity_id: str) -> dict[str, Any]:
        node = self.public(entity_id)
        counts: Counter[str] = Counter()
        affiliations: list[Edge] = []
        for parallel in self.full.adj[entity_id].values():
            for edge in parallel["edges"].values():
                counts[edge.type] += 1
                if edge.type == "AFFILIATED_WITH" and edge.source == entity_id:
                    affiliations.append(edge)
        node["affiliations"] = [
            {
                "state": summary(self.nodes[e["target"]]),
                "title": e.get("title"),
                "first_seen": e["first_seen"],
                "last_seen": e["last_seen"],
                "articles": e["articles"],
            }
            for e in sorted(collapse_structural(affiliations), key=lambda e: e["first_seen"] or "")
        ]
        node["relationships"] = dict(sorted(counts.items()))
        return node

    def meetings(self, query: MeetingsQuery) -> Page:
        for param in (query.entity, query.with_):
            if param is not None:
                self.node(param)
        entity, with_ = query.entity, query.with_
        if entity is not None and with_ is not None and entity != with_:
            keys: Sequence[Key] = self._meetings_between(entity, with_, query)
            low, high = 0, len(keys)
        else:
            keys = self._meetings_listed(query)
            low, high = period_range(keys, query.since, query.until)
            if (query.since or query.until) and self._meetings.undated:
                # Undated meetings sort as the earliest day but are in no period.
                edges = self._meetings.edges
                keys = [k for k in keys[low:high] if edges[edge_of(k)].date is not None]
                low, high = 0, len(keys)
        # Keys ascend; pages run newest first, from the end of the period.
        stop = max(low, high - query.offset)
        window = keys[max(low, stop - query.limit) : stop]
        items = []
        for key in reversed(window):
            edge = self._meetings.edges[edge_of(key)]
            a, b = edge.source, edge.target
            if b == entity or (entity is None and a == with_):
                a, b = b, a
            items.append(self._meeting_item(edge, a, b))
        return Page(items, high - low, query.limit, query.offset)

    def _meetings_listed(self, query: MeetingsQuery) -> Sequence[Key]:
        """The index list holding exactly the meetings of the query, in any period.

        With an entity, the country is the other side's; with ``with`` alone, either side's.
        """
        index, country = self._meetings, query.country
        if country is not None:
            index.refresh(self._country_of)
        centre = query.entity if query.entity is not None else query.with_
        found: Sequence[Key] | None
        if centre is None:
            found = index.all if country is None else index.by_country.get(country)
        elif country is None or (query.entity is None and self._country_of(centre) == country):
            found = index.by_node.get(centre)
        else:
            found = index.by_node_country.get((centre, country))
        return () if found is None else found

    def _meetings_between(self, entity: str, with_: str, query: MeetingsQuery) -> list[Key]:
        pair = self.acts.get_edge_data(entity, with_)
        if pair is None or (query.country and self._country_of(with_) != query.country):
            return []
        return sorted(
            meeting_key(e)
            for e in pair["edges"].values()
            if e.type == "MET_WITH" and in_period(e.date, query.since, query.until)
        )

    def _country_of(self, node_id: str) -> str | None:
        node = self.nodes.get(node_id)
        return None if node is None else node.get("country")

    def _meeting_item(self, edge: Edge, a: str, b: str) -> dict[str, Any]:
        event_id = edge.props.get("event")
        place = None
        if event_id:
            for neighbour, parallel in self.full.adj[event_id].items():
                if any(e.type == "HELD_IN" for e in parallel["edges"].values()):
                    place = summary(self.nodes[neighbour])
                    break
        return {
            "id": edge.id,
            "date": edge.date.isoformat() if edge.date else None,
            "a": summary(self.nodes[a]),
            "b": summary(self.nodes[b]),
            "place": place,
            "event": event_id,
            "article": article_summary(self.nodes[edge.article]),
            "evidence": edge.props.get("evidence"),
            "derived": bool(edge.props.get("derived")),
        }

    def _traversal(self, types: tuple[str, ...], since: date | None, until: date | None) -> Walk:
        wanted = frozenset(types)
        if wanted <= _ASSERTIONS:
            return walk(self.acts, wanted, _ASSERTIONS, since, until)
        return walk(self.full, wanted, _ALL_TYPES, since, until)

    def neighbourhood(self, query: NeighbourhoodQuery) -> GraphView:
        self.node(query.entity)
        walk = self._traversal(query.types, query.since, query.until)
        order, truncated = reach(walk, query.entity, query.depth, query.limit)
        edges, cut = view_edges(walk, order)
        nodes = [self.public(n) for n in order]
        return GraphView(nodes, edges, truncated or cut)

    def paths(self, query: PathsQuery) -> list[PathResult]:
        self.node(query.source)
        self.node(query.target)
        if query.source == query.target:
            return [PathResult(0, [self.public(query.source)], [])]
        walk = self._traversal(query.types, query.since, query.until)
        graph, keep = walk.graph, walk.keep
        view = graph
        if keep is not None:
            view = nx.subgraph_view(
                graph,
                filter_edge=lambda u, v: any(keep(e) for e in graph[u][v]["edges"].values()),
            )
        results: list[PathResult] = []
        try:
            for node_path in nx.shortest_simple_paths(view, query.source, query.target):
                if len(node_path) - 1 > query.max_length:
                    break
                results.append(self._path_result(graph, node_path, keep))
                if len(results) >= query.k:
                    break
        except nx.NetworkXNoPath:
            pass
        return results

    def _path_result(
        self, graph: nx.Graph, node_path: list[str], keep: EdgeFilter | None
    ) -> PathResult:
        hops = []
        for u, v in pairwise(node_path):
            candidates = [e for e in graph[u][v]["edges"].values() if keep is None or keep(e)]
            # The hop's witness: a stated (not derived) assertion first, then the newest.
            best = max(
                candidates,
                key=lambda e: (not e.props.get("derived"), e.date or date.min, e.id),
            )
            hops.append({**edge_dict(best), "parallel": len(candidates)})
        return PathResult(len(hops), [self.public(n) for n in node_path], hops)

    def timeline(self, query: TimelineQuery) -> Page:
        self.node(query.entity)
        found = [
            edge
            for parallel in self.acts.adj[query.entity].values()
            for edge in parallel["edges"].values()
            if edge.type in query.types and in_period(edge.date, query.since, query.until)
        ]
        found.sort(key=lambda e: (e.date is None, e.date or date.min, e.id))
        window = found[query.offset : query.offset + query.limit]
        items = [self._timeline_item(edge, query.entity) for edge in window]
        return Page(items, len(found), query.limit, query.offset)

    def _timeline_item(self, edge: Edge, entity: str) -> dict[str, Any]:
        out = edge.source == entity
        props = edge.props
        return {
            "id": edge.id,
            "date": edge.date.isoformat() if edge.date else None,
            "type": edge.type,
            "direction": timeline_direction(edge.type, out),
            "other": summary(self.nodes[edge.target if out else edge.source]),
            "event": props.get("event"),
            "about": props.get("about"),
            "evidence": props.get("evidence"),
            "confidence": props.get("confidence"),
            "derived": bool(props.get("derived")),
            "article": article_summary(self.nodes[edge.article]),
        }

    def stance_counts(
        self, query: AlliancesQuery
    ) -> tuple[list[StanceCount], dict[str, dict[str, Any]]]:
        wanted = frozenset(query.countries) if query.countries else None
        seen: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for kind in ("MET_WITH", "SUPPORTS", "REJECTS"):
            for edge_id in self._by_type[kind]:
                edge = self.edges[edge_id]
                if not in_period(edge.date, query.since, query.until):
                    continue
                a, b = state_of(self.nodes[edge.source]), state_of(self.nodes[edge.target])
                if a is None or b is None or a == b:
                    continue
                if wanted is not None and (a not in wanted or b not in wanted):
                    continue
                if kind == "MET_WITH":  # one meeting, however many of its pairs are stated
                    a, b = min(a, b), max(a, b)
                    seen[kind, a, b].add(edge.props.get("event") or edge.id)
                else:
                    seen[kind, a, b].add(edge.id)
        found = [StanceCount(kind, a, b, len(ids)) for (kind, a, b), ids in sorted(seen.items())]
        codes = {c.source for c in found} | {c.target for c in found}
        states = {
            code: summary(self.nodes[code])
            for code in codes
            if code in self.nodes and self.nodes[code]["type"] == "State"
        }
        return found, states

    def activity_counts(self, query: ActivityQuery) -> list[DayCount]:
        counts: Counter[tuple[date, str]] = Counter()
        for kind in query.types:
            for edge_id in self._by_type[kind]:
                day = self.edges[edge_id].date
                if day is not None and in_period(day, query.since, query.until):
                    counts[day, kind] += 1
        return [DayCount(day, kind, n) for (day, kind), n in sorted(counts.items())]

    def article(self, article_id: str) -> ArticleDetail:
        graph = self.articles.get(article_id)
        if graph is None:
            raise ArticleNotFound(article_id)
        meta = graph.meta
        article = {
            **article_summary(self.nodes[article_id]),
            "language": meta.language,
            "text": meta.text,
            "digest": graph.digest,
        }
        nodes = [self.public(n.id) for n in graph.nodes if n.id != article_id]
        return ArticleDetail(article, nodes, [edge_dict(e) for e in graph.edges])

    def merges(self) -> list[dict[str, Any]]:
        """Every spelling that differs from the name it was resolved to, and why."""
        out = []
        for node_id, contributions in sorted(self._contrib.items()):
            out += merge_rows(node_id, self.nodes[node_id]["name"], contributions)
        return out

    def export(self) -> GraphView:
        nodes = [self.public(n) for n in sorted(self.nodes)]
        edges = [edge_dict(self.edges[e]) for e in sorted(self.edges)]
        return GraphView(nodes, edges)


class _MergedNodes(Mapping[str, dict[str, Any]]):
    """Nodes as shown, merged from their contributions on first read after a change.

    A hub state is touched by a large share of all articles; merging it on every
    write would make a write cost grow with the corpus, so writes only invalidate.
    """

    def __init__(self, contributions: dict[str, dict[str, Node]]) -> None:
        self._contrib = contributions
        self._merged: dict[str, dict[str, Any]] = {}
        self._spellings: dict[str, tuple[str, ...]] = {}

    def invalidate(self, node_id: str) -> None:
        self._merged.pop(node_id, None)
        self._spellings.pop(node_id, None)

    def __getitem__(self, node_id: str) -> dict[str, Any]:
        merged = self._merged.get(node_id)
        if merged is None:
            contributions = self._contrib.get(node_id)
            if not contributions:
                raise KeyError(node_id)
            merged = self._merged[node_id] = merge_contributions(contributions)
        return merged

    def __iter__(self) -> Iterator[str]:
        return iter(self._contrib)

    def __len__(self) -> int:
        return len(self._contrib)

    def __contains__(self, node_id: object) -> bool:
        return bool(self._contrib.get(node_id))  # type: ignore[call-overload]

    def label(self, node_id: str) -> str:
        return next(iter(self._contrib[node_id].values())).label

    def spellings(self, node_id: str) -> tuple[str, ...]:
        """The match keys of every name of the node, for search."""
        found = self._spellings.get(node_id)
        if found is None:
            node = self[node_id]
            found = tuple({match_key(s) for s in (node["name"], *node["aliases"])})
            self._spellings[node_id] = found
        return found
