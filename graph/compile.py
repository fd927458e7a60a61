"""From a parsed article (local ids) to an article graph (global ids, derived edges).

Identity decisions happen here, in one place for every loader and store
(:meth:`Compiler.resolve`).  A State becomes its ISO code and a pinned ``key`` is
taken as given.  Any other entity goes through these rules, first hit wins, and
its node records the rule (and, for fuzzy matches, the score):

``alias``      a spelling of the alias files (``data/aliases.yaml`` and the user's);
``gazetteer``  a name or alias of a gazetteer entry of a compatible state;
``state body`` a state's ministry, parliament or coast guard, however written ("China's
               foreign ministry" is the "Chinese Foreign Ministry"; graph.identity);
``office``     a title ("the Syrian Foreign Minister", "Speaker Larijani") whose
               holder on the article's date the gazetteer knows;
``variant``    a spelling whose match key the batch or the store already knows;
``fuzzy``      a close spelling (rapidfuzz token ratio >= the threshold) of a known
               name of the same type and state, never a surname alone;
``name``       none of these: a new node named as spelled.

Where folding alone explains a merge the rule says ``variant`` (or ``name`` for the
canonical spelling itself).  Finally the override file may force a merge
(``override``) or forbid one (``split``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any, Final

import orjson
from rapidfuzz import process

from graph.errors import InvalidArticle, Problem
from graph.fuzzy import fuzzy_compatible, fuzzy_score
from graph.gazetteer import Gazetteer, GazetteerEntry, Overrides
from graph.identity import (
    AliasTable,
    Resolution,
    StateTable,
    id_prefix,
    match_key,
    slugify,
    state_body,
)
from graph.model import (
    MEETING_KINDS,
    ArticleGraph,
    Edge,
    Node,
    ParsedArticle,
    ParsedEntity,
    ParsedEvent,
)

__all__ = [
    "FUZZY_THRESHOLD",
    "Compiler",
    "KeyLookup",
    "Rules",
    "edge_id",
]

# Given (label, match key) pairs, the ids a store already holds for them.
KeyLookup = Callable[[Collection[tuple[str, str]]], dict[tuple[str, str], str]]

# Tuned on tests/data/resolution_pairs.yaml (bench/resolution.py prints the sweep).
FUZZY_THRESHOLD: Final = 90.0
# Two candidates of different ids this close to each other: too close to call.
_AMBIGUITY_MARGIN: Final = 3.0
_ID_PREFIXES: Final = ("person:", "org:", "place:")


def edge_id(*fields: object) -> str:
    """A stable id from an edge's key fields, so re-ingesting creates no duplicates."""
    raw = orjson.dumps([None if f is None else str(f) for f in fields])
    return "e-" + hashlib.blake2b(raw, digest_size=10).hexdigest()


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything identity resolution consults besides the store.

    ``gazetteer=None`` and ``fuzzy_threshold=None`` switch those steps off (the
    benchmark's baseline); the defaults are the shipped data and the tuned threshold.
    """

    aliases: AliasTable = field(default_factory=AliasTable.load)
    gazetteer: Gazetteer | None = field(default_factory=Gazetteer.default)
    overrides: Overrides = field(default_factory=Overrides)
    fuzzy_threshold: float | None = FUZZY_THRESHOLD

    @classmethod
    def load(
        cls,
        alias_files: Iterable[Path] = (),
        gazetteer_files: Iterable[Path] = (),
        overrides: Path | None = None,
        fuzzy_threshold: float | None = FUZZY_THRESHOLD,
    ) -> Rules:
        """The rules a configuration names (paths as in ``identity`` settings)."""
        gazetteer_files = list(gazetteer_files)
        return cls(
            AliasTable.load(alias_files),
            Gazetteer.load(gazetteer_files) if gazetteer_files else Gazetteer.default(),
            Overrides.load(overrides),
            fuzzy_threshold,
        )


@dataclass(slots=True)
class _Seen:
    """Names of one (type, state) block met in this batch: match key -> (id, name)."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)


class Compiler:
    """Turns parsed articles into article graphs, resolving identities as it goes.

    One compiler serves one batch: it remembers the ids it handed out, so two new
    articles of the batch that spell one person differently still agree.
    """

    def __init__(
        self, aliases: AliasTable | Rules, lookup: KeyLookup, states: StateTable | None = None
    ) -> None:
        self.rules = aliases if isinstance(aliases, Rules) else Rules(aliases)
        self.aliases = self.rules.aliases
        self.gazetteer = self.rules.gazetteer
        self.states = states or StateTable.default()
        self._lookup = lookup
        self._known: dict[tuple[str, str], str] = {}
        self._asked: set[tuple[str, str]] = set()  # looked up already, found or not
        self._seen: dict[tuple[str, str | None], _Seen] = {}
        self._names: dict[str, str] = {}  # id -> canonical name handed out
        self._countries: dict[str, str | None] = {}
        self._fuzzy_cache: dict[tuple[str, str | None, str], Resolution | None] = {}
        self._splits = self.rules.overrides.splits()
        self._merge_targets: dict[tuple[str, str], Resolution | None] = {}
        self._title_names: set[str] = set()

    # -- batch lookups ---------------------------------------------------------------

    def prefetch(self, articles: Iterable[ParsedArticle]) -> None:
        """Ask the store once for every match key of a batch (one round trip)."""
        keys: set[tuple[str, str]] = {
            (e.type, match_key(self._canonical_name(e)))
            for a in articles
            for e in a.entities
            if e.type != "State" and not e.key
        }
        self._ask(keys)

    def _ask(self, keys: set[tuple[str, str]]) -> None:
        keys -= self._asked
        if keys:
            self._asked |= keys
            self._known.update(self._lookup(keys))

    def _known_id(self, key: tuple[str, str]) -> str | None:
        if key not in self._known and key not in self._asked:
            self._ask({key})
        return self._known.get(key)

    def _canonical_name(self, entity: ParsedEntity) -> str:
        """The name the common rules give (alias, gazetteer, state body), for prefetching."""
        canonical = self.aliases.canonical(entity.type, entity.name)
        if canonical:
            return canonical
        if self.gazetteer is not None:
            entry = self.gazetteer.lookup(entity.type, entity.name, self._country(entity.country))
            if entry is not None:
                return entry.name
        if entity.type == "Organization":
            country = self._country(entity.country)
            return state_body(entity.name, self.states, country) or entity.name
        return entity.name

    def _country(self, written: str | None) -> str | None:
        if not written:
            return None
        if written not in self._countries:
            self._countries[written] = self.states.resolve(written)
        return self._countries[written]

    def compile(self, article: ParsedArticle) -> ArticleGraph:
        self.prefetch([article])
        return _ArticleBuilder(self, article).build()

    # -- resolution ------------------------------------------------------------------

    def resolve(self, entity: ParsedEntity, on: date | None = None) -> Resolution:
        """The global id of a non-State entity, by the rules of the module docstring.

        ``on`` is the day the article speaks of (for titles); without it, offices are
        not consulted.
        """
        if entity.key:
            prefix = id_prefix(entity.type)
            pinned = entity.key if entity.key.startswith(prefix) else prefix + entity.key
            return Resolution(pinned, entity.name, "pinned")
        country = self._country(entity.country)
        found = self._by_rules(entity, country, on)
        found = self._overridden(entity, found, on)
        if found.rule not in ("office", "split") and found.name not in self._title_names:
            self._remember(entity.type, country, found, entity.name)
        return found

    def _by_rules(self, entity: ParsedEntity, country: str | None, on: date | None) -> Resolution:
        kind = entity.type
        name = entity.name
        titled = title_only = False
        hit = self._listed(kind, name, name, country)
        if hit is not None:
            return hit
        if kind == "Official" and self.gazetteer is not None:
            match = self.gazetteer.titles.parse(name)
            if match is not None:
                title_only = not match.rest
                state = None if match.is_global else (match.state or country)
                holder = None
                if on is not None and (match.is_global or state):
                    holder = self.gazetteer.holder(match.title, state, on)
                if holder is not None and (
                    not match.rest or self._names_holder(match.rest, holder)
                ):
                    return self._office(holder, match.title, state)
                if match.rest and match.strip:
                    name, titled = match.rest, True
                    hit = self._listed(kind, entity.name, name, country)
                    if hit is not None:
                        return replace(hit, titled=True)
        key = (kind, match_key(name))
        own_id = AliasTable.id_for(kind, name)
        known = self._known_id(key)
        if known and known != own_id:
            return Resolution(known, name, "variant", titled=titled)
        if title_only:
            self._title_names.add(name)  # an office nobody known held: no fuzzy match
        elif known is None and self.rules.fuzzy_threshold is not None:
            close = self._fuzzy(kind, country, key[1])
            if close is not None:
                return replace(close, titled=titled)
        # "name" both for a new node and for re-meeting one's own spelling, so that
        # re-ingesting an article compiles to exactly the same graph.
        self._known[key] = own_id
        return Resolution(own_id, name, "name", titled=titled)

    def _listed(self, kind: str, spelled: str, name: str, country: str | None) -> Resolution | None:
        """The alias files, then the gazetteer: the canonical entity ``name`` names."""
        canonical = self.aliases.canonical(kind, name)
        rule = "alias"
        if canonical and self.gazetteer is not None and country:
            entry = self.gazetteer.entry(kind, canonical)
            if entry is not None and entry.country and entry.country != country:
                canonical = None  # "Jaafari" of Iraq is not Syria's Bashar al-Jaafari
        if not canonical and self.gazetteer is not None:
            entry = self.gazetteer.lookup(kind, name, country)
            if entry is not None:
                canonical, rule = entry.name, "gazetteer"
        if not canonical and kind == "Organization":
            body = state_body(name, self.states, country)
            if body is not None:  # one id, but the name as written: no made-up spelling
                key = (kind, match_key(body))
                resolved = self._known_id(key) or AliasTable.id_for(kind, body)
                self._known[key] = resolved
                return Resolution(resolved, name, "state body")
        if not canonical:
            return None
        key = (kind, match_key(canonical))
        resolved = self._known_id(key) or AliasTable.id_for(kind, canonical)
        self._known[key] = resolved
        # Say "alias" or "gazetteer" only where the list did what folding alone could not.
        if match_key(spelled) != key[1]:
            return Resolution(resolved, canonical, rule)
        return Resolution(resolved, canonical, "name" if spelled == canonical else "variant")

    def _office(self, holder: GazetteerEntry, title: str, state: str | None) -> Resolution:
        key = ("Official", match_key(holder.name))
        resolved = self._known_id(key) or holder.id
        self._known[key] = resolved
        return Resolution(resolved, holder.name, "office", country=state, title=title, titled=True)

    @staticmethod
    def _names_holder(rest: str, holder: GazetteerEntry) -> bool:
        """Whether the words left beside a title fit the holder ("Speaker Larijani")."""
        words = set(match_key(rest).split())
        return bool(words) and any(words <= set(k.split()) for k in holder.match_keys())

    def _fuzzy(self, kind: str, country: str | None, key: str) -> Resolution | None:
        """The one known name of this type and state close enough to ``key``."""
        if len(key.split()) < 2:
            return None  # a surname alone is never matched fuzzily
        cache_key = (kind, country, key)
        if cache_key in self._fuzzy_cache:
            return self._fuzzy_cache[cache_key]
        threshold = self.rules.fuzzy_threshold or 100.0
        candidates: dict[str, tuple[str, str]] = {}
        countries = [country, None] if kind == "Organization" and country else [country]
        for where in countries:
            if self.gazetteer is not None:
                for spelling, entry in self.gazetteer.block(kind, where).items():
                    known = self._known.get((kind, match_key(entry.name)))
                    candidates[spelling] = (known or entry.id, entry.name)
            seen = self._seen.get((kind, where))
            if seen is not None:
                candidates.update(seen.names)
        candidates.pop(key, None)
        best: list[tuple[float, str, str]] = []
        if candidates:
            for spelling, score, _ in process.extract(
                key, list(candidates), scorer=fuzzy_score, score_cutoff=threshold, limit=5
            ):
                if fuzzy_compatible(key, spelling):
                    best.append((float(score), *candidates[spelling]))
        found = None
        if best:
            best.sort(key=lambda b: -b[0])
            score, resolved, name = best[0]
            rivals = [b for b in best[1:] if b[1] != resolved and score - b[0] < _AMBIGUITY_MARGIN]
            if not rivals:
                found = Resolution(resolved, name, "fuzzy", score=round(score, 1))
        self._fuzzy_cache[cache_key] = found
        return found

    def _remember(self, kind: str, country: str | None, found: Resolution, spelled: str) -> None:
        """Make the names just resolved candidates for later fuzzy matches of the batch."""
        self._names.setdefault(found.id, found.name)
        if self.rules.fuzzy_threshold is None:
            return
        seen = self._seen.setdefault((kind, country), _Seen())
        seen.names.setdefault(match_key(found.name), (found.id, found.name))
        if not found.titled:
            seen.names.setdefault(match_key(spelled), (found.id, found.name))

    # -- overrides -------------------------------------------------------------------

    def _overridden(self, entity: ParsedEntity, found: Resolution, on: date | None) -> Resolution:
        overrides = self.rules.overrides
        if self._splits and (Overrides.spelling(entity.name), found.id) in self._splits:
            own = AliasTable.id_for(entity.type, entity.name)
            if own != found.id:
                return Resolution(own, entity.name, "split")
        for keep, join in overrides.merge:
            if self._names_it(entity, found, join):
                target = self._merge_target(entity.type, keep, on)
                if target is not None and target.id != found.id:
                    return Resolution(target.id, target.name, "override")
        return found

    @staticmethod
    def _names_it(entity: ParsedEntity, found: Resolution, ref: str) -> bool:
        if ref.startswith(_ID_PREFIXES):
            return found.id == ref
        key = match_key(ref)
        return key in (match_key(entity.name), match_key(found.name))

    def _merge_target(self, kind: str, ref: str, on: date | None) -> Resolution | None:
        if (kind, ref) not in self._merge_targets:
            target: Resolution | None
            if ref.startswith(_ID_PREFIXES):
                if not ref.startswith(id_prefix(kind)):
                    target = None  # an override for another type
                else:
                    entry = self._entry_by_id(kind, ref)
                    name = self._names.get(ref) or (entry.name if entry else ref.split(":", 1)[1])
                    target = Resolution(ref, name, "override")
            else:
                target = self._by_rules(ParsedEntity("", kind, ref), None, on)  # type: ignore[arg-type]
            self._merge_targets[(kind, ref)] = target
        return self._merge_targets[(kind, ref)]

    def _entry_by_id(self, kind: str, ref: str) -> GazetteerEntry | None:
        if self.gazetteer is None:
            return None
        return next((e for e in self.gazetteer.entries() if e.type == kind and e.id == ref), None)


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
        # The day each entity is spoken of, for titles: its event's, else its relation's.
        self.days: dict[str, date] = {}
        for ev in article.events:
            for p in ev.participants:
                if ev.date is not None:
                    self.days.setdefault(p, ev.date)
        for rel in article.relations:
            if rel.date is not None:
                self.days.setdefault(rel.source, rel.date)
                self.days.setdefault(rel.target, rel.date)

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
        digest = _digest(meta, nodes, edges)
        return ArticleGraph(meta, digest, nodes, edges, self.a.origin, source=self.a)

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
        res = self.c.resolve(e, self.days.get(e.local_id, self.published))
        if country is None and res.country:
            country = self._state(res.country, f"{where}.name")  # "the Syrian Foreign Minister"
        # A spelling with a title in it ("Iran's foreign minister") is no alias of the person.
        spellings = tuple(
            s for s in (e.name, *e.aliases) if s != res.name and not (res.titled and s == e.name)
        )
        self._add_node(
            Node(
                res.id,
                e.type,
                res.name,
                country,
                spellings,
                _index_key(e, res),
                res.rule,
                {"wikidata": e.wikidata},
                spelling=e.name,
                score=res.score,
            )
        )
        self.ids[e.local_id] = res.id
        if country:
            edge_type = "LOCATED_IN" if e.type == "Place" else "AFFILIATED_WITH"
            title = e.title or res.title
            props = {"title": title} if edge_type == "AFFILIATED_WITH" else {}
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


def _index_key(entity: ParsedEntity, res: Resolution) -> str | None:
    """The match key the store indexes this contribution under, for later articles.

    A fuzzy merge is remembered under its own spelling, so the next ingest finds it
    by exact key even when the name it matched is not in that batch.  A split spelling
    is not indexed at all: its key is the entity's it must not join.
    """
    if res.rule == "split":
        return None
    if res.rule == "fuzzy" and not res.titled:
        return match_key(entity.name)
    return match_key(res.name)


def _digest(meta: Any, nodes: tuple[Node, ...], edges: tuple[Edge, ...]) -> str:
    payload = orjson.dumps([meta, nodes, edges], option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(payload, digest_size=16).hexdigest()
