"""Span annotations, whatever tool made them, into the internal article.

brat, Label Studio and Doccano all describe a text with labelled character spans
(mentions), binary relations between them and, in brat, n-ary events.  Each tool
module only reads its format into :class:`AnnotatedText`; :func:`to_article` does
the rest once for all of them:

* metadata is validated by the same pydantic model as the native format;
* offsets must lie inside the text and match any quoted text; spans may nest
  ("Syrian Ambassador in Tehran" around "Tehran") but not cross;
* every label must map (``loaders.labels``); an unmapped one is an error naming it;
* mentions of one entity in a text become one entity: equal names, or a surname
  alone ("Mikdad") that fits exactly one fuller name ("Fayssal Mikdad");
* a relation's evidence is the sentence (or sentences) holding both mentions, with
  its span, so provenance reaches the sentence as for native articles;
* relations whose label is an event role (participant, place, date) attach a
  mention to an event trigger, which is how tools without n-ary events mark them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil import parser as dateparser
from pydantic import ValidationError

from graph.errors import InvalidArticle, Problem
from graph.identity import match_key
from graph.model import (
    ArticleMeta,
    ParsedArticle,
    ParsedEntity,
    ParsedEvent,
    ParsedRelation,
)
from loaders.labels import DEFAULT_LABELS, LabelMap

__all__ = ["AnnotatedText", "EventMention", "Mention", "RelationMention", "to_article"]

_DATE_LABELS = {"date", "time", "timex", "timex3"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+|\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class Mention:
    id: str  # the tool's own id (T3, a result id, an entity id): named in messages
    label: str
    spans: tuple[tuple[int, int], ...]  # several for a discontinuous mention
    quoted: str | None = None  # the text the tool says the span covers, if it says
    line: int | None = None

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True, slots=True)
class RelationMention:
    id: str
    label: str
    source: str  # mention ids
    target: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class EventMention:
    id: str
    label: str
    trigger: str | None  # mention id of the trigger span
    args: tuple[tuple[str, str], ...] = ()  # (role, mention id)
    line: int | None = None


@dataclass(frozen=True)
class AnnotatedText:
    origin: str
    text: str
    meta: Mapping[str, Any]
    mentions: tuple[Mention, ...]
    relations: tuple[RelationMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    # mention id -> attribute name -> value (brat `A` lines: Country, Confidence...)
    attributes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    meta_origin: str = "metadata"  # where the metadata came from, for messages


def to_article(doc: AnnotatedText, labels: LabelMap = DEFAULT_LABELS) -> ParsedArticle:
    """The internal article for ``doc``; :class:`InvalidArticle` lists every problem."""
    return _Builder(doc, labels).build()


class _Builder:
    def __init__(self, doc: AnnotatedText, labels: LabelMap) -> None:
        self.doc = doc
        self.labels = labels
        self.problems: list[Problem] = []
        self.mentions = {m.id: m for m in doc.mentions}
        self.entity_of: dict[str, str] = {}  # mention id -> local entity id
        self.kind_of_trigger: dict[str, str] = {}  # mention id -> event kind
        self.dates: set[str] = set()

    def problem(self, where: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(message, where, line))

    def build(self) -> ParsedArticle:
        meta = self._meta()
        self._check_offsets()
        entities = self._entities()
        events, relations = self._events_and_relations(meta.published if meta else None)
        if self.problems or meta is None:
            raise InvalidArticle(self.doc.origin, self.problems)
        return ParsedArticle(
            meta=meta,
            entities=tuple(entities),
            events=tuple(events),
            relations=tuple(relations),
            origin=self.doc.origin,
        )

    # -- metadata ----------------------------------------------------------------

    def _meta(self) -> ArticleMeta | None:
        from loaders.native import ArticleModel

        fields = {k: v for k, v in self.doc.meta.items() if k in ArticleModel.model_fields}
        try:
            a = ArticleModel.model_validate({**fields, "text": self.doc.text})
        except ValidationError as exc:
            for error in exc.errors():
                name = ".".join(str(p) for p in error["loc"])
                message = (
                    "required field is missing" if error["type"] == "missing" else error["msg"]
                )
                self.problem(
                    f"{self.doc.meta_origin}: {name}", message.removeprefix("Value error, ")
                )
            return None
        return ArticleMeta(a.id, a.title, a.published, a.source, a.url, a.language, self.doc.text)

    # -- mentions ----------------------------------------------------------------

    def _check_offsets(self) -> None:
        text = self.doc.text
        for m in self.doc.mentions:
            bad = [s for s in m.spans if not 0 <= s[0] < s[1] <= len(text)]
            if bad or not m.spans:
                self.problem(
                    m.id,
                    f"offsets {_spans(m.spans)} are outside the text ({len(text)} characters)",
                    m.line,
                )
                continue
            covered = " ".join(text[a:b] for a, b in m.spans)
            if m.quoted is not None and _squash(m.quoted) != _squash(covered):
                self.problem(
                    m.id,
                    f"offsets {_spans(m.spans)} cover {covered!r}, not the quoted {m.quoted!r}",
                    m.line,
                )
        ordered = sorted((m for m in self.doc.mentions if m.spans), key=lambda m: (m.start, -m.end))
        # The spans still open at a mention's start are nested in one another, so the
        # innermost (top of the stack) is the one a crossing mention must cross; checking
        # neighbours in sorted order only would miss [0, 10] [1, 3] [5, 12].
        open_spans: list[Mention] = []
        for second in ordered:
            while open_spans and open_spans[-1].end <= second.start:
                open_spans.pop()
            first = open_spans[-1] if open_spans else None
            if first is not None and first.end < second.end:
                self.problem(
                    second.id,
                    f"span [{second.start}, {second.end}] crosses {first.id} "
                    f"[{first.start}, {first.end}]; spans may nest but not cross",
                    second.line,
                )
                continue
            open_spans.append(second)

    def _name(self, m: Mention) -> str:
        return " ".join(" ".join(self.doc.text[a:b].split()) for a, b in m.spans)

    def _entities(self) -> list[ParsedEntity]:
        typed: list[tuple[Mention, str]] = []
        for m in self.doc.mentions:
            if re.sub(r"[^a-z0-9]", "", m.label.lower()) in _DATE_LABELS:
                self.dates.add(m.id)
            elif (kind := self.labels.event(m.label)) is not None:
                self.kind_of_trigger[m.id] = kind
            elif (entity_type := self.labels.entity(m.label)) is not None:
                typed.append((m, entity_type))
            else:
                self.problem(
                    m.id,
                    f"unmapped label {m.label!r}: map it under labels.entities or "
                    "labels.events in config.yaml",
                    m.line,
                )
        return self._group(typed)

    def _group(self, typed: list[tuple[Mention, str]]) -> list[ParsedEntity]:
        """One entity per distinct name and type; a lone surname joins its only full name."""
        groups: dict[tuple[str, str], list[Mention]] = {}
        for m, entity_type in typed:
            groups.setdefault((entity_type, match_key(self._name(m))), []).append(m)
        keys = list(groups)
        for entity_type, key in keys:
            if " " in key:
                continue
            fuller = [k for t, k in keys if t == entity_type and k.endswith(" " + key)]
            if len(fuller) == 1:  # "Larijani" with Ali and Sadegh in one text stays alone
                groups[(entity_type, fuller[0])] += groups.pop((entity_type, key))
        entities = []
        for (entity_type, _), members in groups.items():
            names = sorted({self._name(m) for m in members}, key=lambda n: (-len(n), n))
            local_id = members[0].id
            for m in members:
                self.entity_of[m.id] = local_id
            attrs: dict[str, str] = {}
            for m in members:
                attrs.update({k.lower(): v for k, v in self.doc.attributes.get(m.id, {}).items()})
            country = attrs.get("country")
            if entity_type == "State" and country is None:
                country = None  # a State is its own country; compile resolves the name
            entities.append(
                ParsedEntity(
                    local_id,
                    entity_type,  # type: ignore[arg-type]
                    names[0],
                    tuple(names[1:]),
                    country,
                    attrs.get("title"),
                )
            )
        return entities

    # -- events and relations ------------------------------------------------------

    def _ref(self, where: str, mention_id: str, line: int | None) -> str | None:
        if mention_id not in self.mentions:
            self.problem(where, f"refers to {mention_id!r}, which is not in this document", line)
            return None
        return self.entity_of.get(mention_id) or (
            mention_id if mention_id in self.kind_of_trigger else None
        )

    def _date(
        self, where: str, mention_id: str, published: date | None, line: int | None
    ) -> date | None:
        text = self._name(self.mentions[mention_id])
        default = published or date.today()
        try:
            day = dateparser.parse(text, default=_midnight(default), fuzzy=False).date()
        except (ValueError, OverflowError):
            self.problem(where, f"cannot read the date {text!r}", line)
            return None
        # "on Wednesday" in news means the last Wednesday, not the next one.
        if day > default and text.strip().lower().rstrip(".") in _WEEKDAYS:
            day = day.fromordinal(day.toordinal() - 7)
        return day

    def _events_and_relations(
        self, published: date | None
    ) -> tuple[list[ParsedEvent], list[ParsedRelation]]:
        # trigger -> (role, mention id, line of the annotation that gave the argument)
        args: dict[str, list[tuple[str, str, int | None]]] = {t: [] for t in self.kind_of_trigger}
        labels: dict[str, str] = {}
        lines: dict[str, int | None] = {}
        for ev in self.doc.events:
            kind = self.labels.event(ev.label)
            if kind is None:
                self.problem(
                    ev.id, f"unmapped event label {ev.label!r}: map it under labels.events", ev.line
                )
                continue
            if ev.trigger is not None and ev.trigger not in self.mentions:
                self.problem(ev.id, f"trigger {ev.trigger!r} is not in this document", ev.line)
                continue
            trigger: str = ev.trigger or ev.id
            self.kind_of_trigger[trigger] = kind
            labels[trigger] = ev.id
            lines[trigger] = ev.line
            args.setdefault(trigger, []).extend((r, m, ev.line) for r, m in ev.args)
        relations: list[ParsedRelation] = []
        for rel in self.doc.relations:
            role = self.labels.role(rel.label)
            ends = (rel.source, rel.target)
            on_event = next((e for e in ends if e in self.kind_of_trigger), None)
            if role is not None and on_event is not None:
                other = rel.target if on_event == rel.source else rel.source
                args.setdefault(on_event, []).append((role, other, rel.line))
                continue
            assertion = self.labels.relation(rel.label)
            if assertion is None:
                self.problem(
                    rel.id,
                    f"unmapped relation label {rel.label!r}: map it under labels.relations",
                    rel.line,
                )
                continue
            source = self._ref(f"{rel.id}.source", rel.source, rel.line)
            target = self._ref(f"{rel.id}.target", rel.target, rel.line)
            if source is None or target is None:
                continue
            start, end, evidence = self._evidence(rel.source, rel.target)
            relations.append(
                ParsedRelation(
                    assertion,  # type: ignore[arg-type]
                    source,
                    target,
                    evidence=evidence,
                    span=(start, end),
                )
            )
        events = []
        for trigger, kind in self.kind_of_trigger.items():
            participants: list[str] = []
            place = day = None
            where = labels.get(trigger, trigger)
            for role_label, mention_id, line in args.get(trigger, []):
                event_role: str = self.labels.role(role_label) or role_label
                if mention_id in self.dates:
                    day = self._date(where, mention_id, published, line)
                    continue
                local = self._ref(f"{where}.{role_label}", mention_id, line)
                if local is None:
                    continue
                if event_role == "place":
                    place = local
                elif event_role == "participant":
                    participants.append(local)
                elif event_role != "ignore":
                    self.problem(
                        where,
                        f"unmapped event role {role_label!r}: map it under labels.roles",
                        line,
                    )
            events.append(
                ParsedEvent(trigger, kind, day, place, tuple(dict.fromkeys(participants)))  # type: ignore[arg-type]
            )
        return events, relations

    def _evidence(self, *mention_ids: str) -> tuple[int, int, str]:
        """The sentence(s) around the mentions: the provenance a reader can check."""
        text = self.doc.text
        starts = [self.mentions[m].start for m in mention_ids if m in self.mentions]
        ends = [self.mentions[m].end for m in mention_ids if m in self.mentions]
        low, high = min(starts), max(ends)
        begin = 0
        for match in _SENTENCE_END.finditer(text, 0, low):
            begin = match.end()
        after = _SENTENCE_END.search(text, high)
        finish = after.start() if after else len(text)
        while finish > begin and text[finish - 1].isspace():
            finish -= 1
        return begin, finish, text[begin:finish]


def _spans(spans: tuple[tuple[int, int], ...]) -> str:
    """``[10, 99]``, or ``[0, 5; 10, 15]`` for a discontinuous mention (brat's notation)."""
    return "[" + "; ".join(f"{a}, {b}" for a, b in spans) + "]"


def _squash(text: str) -> str:
    return " ".join(text.split())


def _midnight(day: date) -> Any:
    from datetime import datetime

    return datetime(day.year, day.month, day.day)
