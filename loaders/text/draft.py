"""What the pipeline found, written as a native-format document for review."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.identity import slugify
from loaders.text.clean import Prepared
from loaders.text.mentions import Entity
from loaders.text.pipeline import Found
from loaders.text.relations import FoundEvent

__all__ = ["build_document"]


def build_document(
    prepared: Prepared, found: Found, *, published: date, source: str | None, article_id: str
) -> dict[str, Any]:
    """The draft: every entity the text names, meetings as events, relations with evidence.

    Unknown people who take part in no relation and have no title are left out: a
    capitalised pair of words is too weak a sign of a person on its own.
    """
    used = {id(e) for r in found.relations for e in (r.source, r.target)}
    used |= {id(p) for event in found.events for p in event.participants}
    used |= {id(event.place) for event in found.events if event.place is not None}
    entities = [
        e for e in found.entities
        if id(e) in used or e is found.place or (_named(e) and not e.implied)
    ]  # fmt: skip
    ids = _LocalIds()
    article: dict[str, Any] = {
        "id": article_id,
        "title": prepared.headline or article_id,
        "published": published.isoformat(),
    }
    if source:
        article["source"] = source
    article["language"] = "en"
    article["text"] = prepared.text
    document: dict[str, Any] = {"format": "diplograph/v1", "article": article}
    document["entities"] = [_entity(e, ids.assign(e, _short_id(e))) for e in entities]
    # a call "with European leaders" whose parties no sentence named is no meeting yet
    meetings = [e for e in found.events if len(e.participants) >= 2]
    things = _distinct(r.target for r in found.relations if isinstance(r.target, FoundEvent))
    for n, event in enumerate(meetings, 1):
        ids.assign(event, f"m{n}")
    named: dict[tuple[str, str], FoundEvent] = {}
    for thing in things:  # "hailed the accord as a historic achievement": one accord
        first = named.setdefault((thing.type, (thing.name or "").casefold()), thing)
        if first is thing:
            ids.assign(thing, slugify(thing.name or thing.type))
        else:
            ids.alias(thing, first)
    document["events"] = [_event(e, ids) for e in [*meetings, *named.values()]]
    relations = []
    stated: set[tuple[str, str, str, int]] = set()
    for relation in found.relations:
        item: dict[str, Any] = {
            "type": relation.type,
            "source": ids.of(relation.source),
            "target": ids.of(relation.target),
        }
        key = (item["type"], item["source"], item["target"], relation.start)
        if key in stated:
            continue
        stated.add(key)
        if relation.event is not None:
            item["event"] = ids.of(relation.event)
        item["date"] = relation.date.isoformat()
        if relation.about and relation.type != "MET_WITH":
            item["about"] = relation.about
        item["evidence"] = prepared.text[relation.start : relation.end]
        item["span"] = [relation.start, relation.end]
        item["confidence"] = relation.confidence
        relations.append(item)
    document["relations"] = relations
    return document


def _named(entity: Entity) -> bool:
    """Worth listing unasked: a known or titled entity; a capital only where it is a place
    ("in Moscow"), not where it stands for its government ("Moscow said")."""
    if entity.type == "Place" and entity.capital_of is not None:
        return entity.located
    return entity.known or bool(entity.title)


class _LocalIds:
    """Readable local ids, unique in the document: ``velayati``, ``m1``, ``kurdish-referendum``."""

    def __init__(self) -> None:
        self._ids: dict[int, str] = {}
        self._taken: set[str] = set()

    def of(self, thing: Entity | FoundEvent) -> str:
        found = self._ids.get(id(thing))
        if found is None:
            raise KeyError(thing)
        return found

    def has(self, thing: Entity | FoundEvent) -> bool:
        return id(thing) in self._ids

    def alias(self, thing: Entity | FoundEvent, same: Entity | FoundEvent) -> None:
        self._ids[id(thing)] = self.of(same)

    def assign(self, thing: Entity | FoundEvent, wanted: str) -> str:
        base = wanted or "x"
        candidate, n = base, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{base}-{n}"
        self._taken.add(candidate)
        self._ids[id(thing)] = candidate
        return candidate


def _short_id(entity: Entity) -> str:
    """A person by surname, a state by its code, anything else by its name."""
    if entity.type == "State" and entity.country:
        return entity.country.lower()
    if entity.type == "Official":
        return slugify(entity.name.split()[-1]) or slugify(entity.name)
    return slugify(entity.name)


def _entity(entity: Entity, local: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": local, "type": entity.type, "name": entity.name}
    aliases = [a for a in entity.aliases if a != entity.name]
    if aliases and entity.type != "State":
        item["aliases"] = aliases
    if entity.country:
        item["country"] = entity.country
    if entity.title and entity.type == "Official":
        item["title"] = entity.title
    return item


def _event(event: FoundEvent, ids: _LocalIds) -> dict[str, Any]:
    item: dict[str, Any] = {"id": ids.of(event), "type": event.type}
    if event.name:
        item["name"] = event.name
    item["date"] = event.date.isoformat()
    if event.place is not None and ids.has(event.place):
        item["place"] = ids.of(event.place)
    if event.participants:
        item["participants"] = [ids.of(p) for p in event.participants if ids.has(p)]
    return item


def _distinct(items: Any) -> list[FoundEvent]:
    seen: list[FoundEvent] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
