"""From a parsed article (local ids) to an article graph (global ids, derived edges).

Identity decisions happen here, in one place for every loader and store:
a State becomes its ISO code, a pinned ``key`` is taken as given, an alias-file
spelling becomes its canonical entity, a spelling whose match key the store
already knows joins that node, and anything else becomes a new node named as
spelled.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from datetime import date
from itertools import combinations
from typing import Any

import orjson

from graph.errors import InvalidArticle, Problem
from graph.identity import AliasTable, Resolution, StateTable, id_prefix, match_key, slugify
from graph.model import (
    MEETING_KINDS,
    ArticleGraph,
    Edge,
    Node,
    ParsedArticle,
    ParsedEntity,
    ParsedEvent,
)

__all__ = ["Compiler", "KeyLookup", "edge_id"]

# Given (label, match key) pairs, the ids a store already holds for them.
KeyLookup = Callable[[Collection[tuple[str, str]]], dict[tuple[str, str], str]]


def edge_id(*fields: object) -> str:
    """A stable id from an edge's key fields, so re-ingesting creates no duplicates."""
    raw = orjson.dumps([None if f is None else str(f) for f in fields])
    return "e-" + hashlib.blake2b(raw, digest_size=10).hexdigest()


class Compiler:
    """Turns parsed articles into article graphs, resolving identities as it goes.

    One compiler serves one batch: it remembers the ids it handed out, so two new
    articles of the batch that spell one person differently still agree.
    """

    def __init__(self, aliases: AliasTable, lookup: KeyLookup, states: StateTable | None = None):
        self.aliases = aliases
        self.states = states or StateTable.default()
        self._lookup = lookup
        self._known: dict[tuple[str, str], str] = {}
        self._asked: set[tuple[str, str]] = set()  # looked up already, found or not

    def prefetch(self, articles: Iterable[ParsedArticle]) -> None:
        """Ask the store once for every match key of a batch (one round trip)."""
        keys = {
            (e.type, match_key(self._canonical_name(e)))
            for a in articles
            for e in a.entities
            if e.type != "State" and not e.key
        }
        keys -= self._asked
        if keys:
            self._asked |= keys
            self._known.update(self._lookup(keys))

    def compile(self, article: ParsedArticle) -> ArticleGraph:
        self.prefetch([article])
        return _ArticleBuilder(self, article).build()

    def _canonical_name(self, entity: ParsedEntity) -> str:
        return self.aliases.canonical(entity.type, entity.name) or entity.name

    def resolve(self, entity: ParsedEntity) -> Resolution:
        if entity.key:
            prefix = id_prefix(entity.type)
            pinned = entity.key if entity.key.startswith(prefix) else prefix + entity.key
            return Resolution(pinned, entity.name, "pinned")
        canonical = self.aliases.canonical(entity.type, entity.name)
        name = canonical or entity.name
        key = (entity.type, match_key(name))
        known = self._known.get(key)
        if canonical:
            resolved = known or AliasTable.id_for(entity.type, canonical)
            self._known[key] = resolved
            # Say "alias" only where the alias file did what folding alone could not.
            if match_key(entity.name) != key[1]:
                rule = "alias"
            else:
                rule = "name" if entity.name == canonical else "variant"
            return Resolution(resolved, canonical, rule)
        own_id = AliasTable.id_for(entity.type, name)
        if known and known != own_id:
            return Resolution(known, name, "variant")
        # "name" both for a new node and for re-meeting one's own spelling, so that
        # re-ingesting an article compiles to exactly the same graph.
        self._known[key] = own_id
        return Resolution(own_id, name, "name")


class _ArticleBuilder:
    """Builds one article graph; collects every problem before giving up."""

    def __init__(self, compiler: Compiler, article: ParsedArticle) -> None:
        self.c = compiler
        self.a = article
        self.published = article.meta.published
        self.article_id = article.meta.node_id
        self.nodes: dict[str, Node] = {}
        self.edges: dict[str, Edge] = {}
        self.ids: dict[str, str] = {}  # local id -> global id
        self.problems: list[Problem] = []

    def build(self) -> ArticleGraph:
        meta = self.a.meta
        self._add_node(
            Node(
                meta.node_id,
                "Article",
                meta.title,
                props={
                    "published": meta.published.isoformat(),
                    "source": meta.source,
                    "url": meta.url,
                    "language": meta.language,
                },
            )
        )
        for i, entity in enumerate(self.a.entities):
            self._entity(i, entity)
        for i, event in enumerate(self.a.events):
            self._event(i, event)
        if self.problems:
            raise InvalidArticle(self.a.origin, self.problems)
        self._relations()
        self._derived_meetings()
        nodes = tuple(self.nodes.values())
        edges = tuple(self.edges.values())
        return ArticleGraph(meta, _digest(meta, nodes, edges), nodes, edges, self.a.origin)

    # -- nodes -----------------------------------------------------------------

    def _add_node(self, node: Node) -> None:
        old = self.nodes.get(node.id)
        if old is None:
            self.nodes[node.id] = node
            return
        # Two local entities of one article resolved to one node: keep both spellings.
        aliases = tuple(sorted({*old.aliases, *node.aliases, node.name} - {old.name}))
        self.nodes[node.id] = replace(
            old,
            country=old.country or node.country,
            aliases=aliases,
            props={**node.props, **old.props},
        )

    def _state(self, name: str, where: str) -> str | None:
        code = self.c.states.resolve(name)
        if code is None:
            self._problem(where, f"{name!r} is not a known state (ISO 3166 code, name or demonym)")
            return None
        if code not in self.nodes:
            self._add_node(Node(code, "State", self.c.states.display_name(code), code, rule="iso"))
        return code

    def _entity(self, i: int, e: ParsedEntity) -> None:
        where = f"entities[{i}]"
        country = self._state(e.country, f"{where}.country") if e.country else None
        if e.type == "State":
            code = self._state(e.name, f"{where}.name")
            if code is None:
                return
            if country and country != code:
                self._problem(f"{where}.country", f"a State's country must be itself ({code})")
            self.ids[e.local_id] = code
            node = self.nodes[code]
            aliases = tuple(sorted({*node.aliases, e.name, *e.aliases} - {node.name}))
            self.nodes[code] = replace(node, aliases=aliases, spelling=e.name)
            return
        res = self.c.resolve(e)
        spellings = tuple(s for s in (e.name, *e.aliases) if s != res.name)
        self._add_node(
            Node(
                res.id,
                e.type,
                res.name,
                country,
                spellings,
                match_key(res.name),
                res.rule,
                {"wikidata": e.wikidata},
                spelling=e.name,
            )
        )
        self.ids[e.local_id] = res.id
        if country:
            edge_type = "LOCATED_IN" if e.type == "Place" else "AFFILIATED_WITH"
            props = {"title": e.title} if edge_type == "AFFILIATED_WITH" else {}
            self._add_edge(edge_type, res.id, country, self.published, props)

    def _event(self, i: int, ev: ParsedEvent) -> None:
        day = ev.date or self.published
        participants = [self.ids[p] for p in ev.participants if p in self.ids]
        place = self.ids.get(ev.place) if ev.place else None
        if ev.place and place is None:
            return  # its entity was invalid and already reported
        label = ", ".join(self.nodes[p].name for p in participants[:4])
        where = f" in {self.nodes[place].name}" if place else ""
        name = ev.name or f"{ev.kind}{where} on {day.isoformat()}" + (f": {label}" if label else "")
        if ev.key:
            event_id = ev.key if ev.key.startswith("event:") else f"event:{ev.key}"
        else:
            # Unpinned events are recognised by what they are: kind, day, place, who.
            digest = edge_id(ev.kind, day, place, *sorted(participants))[2:10]
            event_id = f"event:{slugify(ev.kind)}-{day.isoformat()}-{digest}"
        self._add_node(
            Node(event_id, "Event", name, props={"kind": ev.kind, "date": day.isoformat()})
        )
        self.ids[ev.local_id] = event_id
        for p in participants:
            self._add_edge("PARTICIPATED_IN", p, event_id, day)
        if place:
            self._add_edge("HELD_IN", event_id, place, day)
        self._add_edge("REPORTED_IN", event_id, self.article_id, self.published)

    # -- edges -----------------------------------------------------------------

    def _add_edge(
        self,
        edge_type: str,
        source: str,
        target: str,
        day: date | None,
        props: dict[str, Any] | None = None,
        *,
        event: str | None = None,
    ) -> None:
        if edge_type == "MET_WITH" and target < source:
            source, target = target, source  # symmetric: one direction, one id
        props = dict(props or {})
        key = edge_id(self.article_id, edge_type, source, target, event, day, props.get("about"))
        if key in self.edges:
            return
        if event is not None:
            props["event"] = event
        self.edges[key] = Edge(key, edge_type, source, target, self.article_id, day, props)

    def _relations(self) -> None:
        events = {ev.local_id: ev for ev in self.a.events}
        for rel in self.a.relations:
            event = events.get(rel.event) if rel.event else None
            day = rel.date or (event.date if event else None) or self.published
            props = {
                "about": rel.about,
                "evidence": rel.evidence,
                "span": list(rel.span) if rel.span else None,
                "confidence": rel.confidence,
                "derived": False,
            }
            event_id = self.ids[rel.event] if rel.event else None
            self._add_edge(
                rel.type, self.ids[rel.source], self.ids[rel.target], day, props, event=event_id
            )

    def _derived_meetings(self) -> None:
        stated = {
            frozenset((self.ids[r.source], self.ids[r.target]))
            for r in self.a.relations
            if r.type == "MET_WITH"
        }
        for ev in self.a.events:
            if ev.kind not in MEETING_KINDS:
                continue
            people = sorted({self.ids[p] for p in ev.participants})
            for a, b in combinations(people, 2):
                if frozenset((a, b)) in stated:
                    continue
                props = {"confidence": 1.0, "derived": True}
                self._add_edge(
                    "MET_WITH", a, b, ev.date or self.published, props, event=self.ids[ev.local_id]
                )

    def _problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(message, path, self.a.lines.get(path)))


def _digest(meta: Any, nodes: tuple[Node, ...], edges: tuple[Edge, ...]) -> str:
    payload = orjson.dumps([meta, nodes, edges], option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(payload, digest_size=16).hexdigest()
