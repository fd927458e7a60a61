"""The native format (``diplograph/v1``): YAML or JSON, validated by pydantic.

Every problem is reported with the file, the path inside the document
(``relations[3].target``) and, for YAML, the line.  YAML timestamps are not
resolved by the parser, so a bad date such as ``2017-02-30`` is reported as a
bad date of a field rather than crashing the parser.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Annotated, Any, Literal

import orjson
import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from graph.errors import InvalidArticle, Problem
from graph.model import (
    EVENT_KINDS,
    ArticleMeta,
    ParsedArticle,
    ParsedEntity,
    ParsedEvent,
    ParsedRelation,
)

__all__ = ["parse_native", "yaml_documents"]

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """libyaml's loader when present, with dates left as strings for pydantic to judge."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


def _iso_date(value: object) -> object:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a valid ISO date (YYYY-MM-DD): {exc}") from None
    if isinstance(value, date):
        return value
    raise ValueError(f"expected an ISO date (YYYY-MM-DD), got {value!r}")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
LocalId = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^\S+$")]
Text = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class ArticleModel(_Model):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$", max_length=200)]
    title: Text
    published: IsoDate
    source: str | None = None
    url: str | None = None
    language: str | None = None
    text: str | None = None


class _Entity(_Model):
    id: LocalId
    type: Literal["Official", "State", "Organization", "Place"]
    name: Text
    aliases: list[Text] = []
    country: str | None = None
    title: str | None = None
    key: str | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[0-9]+$")] | None = None


class _Event(_Model):
    id: LocalId
    type: Literal["Meeting", "Visit", "Call", "Conference", "Referendum", "Agreement", "Other"]
    name: str | None = None
    key: Annotated[str, Field(pattern=r"^(event:)?[a-z0-9][a-z0-9._-]*$")] | None = None
    date: IsoDate | None = None
    place: LocalId | None = None
    participants: list[LocalId] = []


class _Relation(_Model):
    type: Literal["MET_WITH", "SUPPORTS", "REJECTS"]
    source: LocalId
    target: LocalId
    event: LocalId | None = None
    date: IsoDate | None = None
    about: str | None = None
    evidence: str | None = None
    span: tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]] | None = None
    confidence: Annotated[float, Field(ge=0, le=1)] = 1.0


class _Document(_Model):
    format: Literal["diplograph/v1"] | None = None
    article: ArticleModel
    entities: list[_Entity] = Field(min_length=1)
    events: list[_Event] = []
    relations: list[_Relation] = []


def yaml_documents(text: str) -> Iterator[tuple[Any, dict[str, int]]]:
    """Each document of a YAML stream with a map from document path to line."""
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            lines: dict[str, int] = {}
            _record_lines(node, "", lines)
            yield loader.construct_document(node), lines
    finally:
        loader.dispose()


def _record_lines(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            lines.setdefault(child, key.start_mark.line + 1)
            _record_lines(value, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, f"{path}[{i}]", lines)


def parse_native(
    text: str, origin: str, *, is_json: bool
) -> Iterator[ParsedArticle | InvalidArticle]:
    """Every article of one file, or the reason it cannot be ingested.

    Raises :class:`InvalidArticle` only when the file as a whole is unreadable
    (broken syntax); each article of a readable file is judged on its own.
    """
    for raw, lines in _documents(text, origin, is_json=is_json):
        try:
            yield _to_article(raw, lines, origin)
        except InvalidArticle as exc:
            yield exc


def _documents(text: str, origin: str, *, is_json: bool) -> list[tuple[Any, dict[str, int]]]:
    try:
        if is_json:
            data = orjson.loads(text)
            docs: list[tuple[Any, dict[str, int]]] = [
                (d, {}) for d in (data if isinstance(data, list) else [data])
            ]
        else:
            docs = [d for d in yaml_documents(text) if d[0] is not None]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InvalidArticle(
            origin, [Problem(f"malformed YAML: {exc.problem}", line=line)]
        ) from None
    except yaml.YAMLError as exc:
        raise InvalidArticle(origin, [Problem(f"malformed YAML: {exc}")]) from None
    except orjson.JSONDecodeError as exc:
        raise InvalidArticle(
            origin, [Problem(f"malformed JSON: {exc.msg}", line=exc.lineno)]
        ) from None
    if not docs:
        raise InvalidArticle(origin, [Problem("no article in this file (it is empty)")])
    return docs


def _to_article(raw: Any, lines: Mapping[str, int], origin: str) -> ParsedArticle:
    if not isinstance(raw, dict):
        kind = type(raw).__name__
        raise InvalidArticle(origin, [Problem(f"expected a mapping with `article`, got {kind}")])
    problems = [_locate(p, lines) for p in _check_references(raw)]
    try:
        doc = _Document.model_validate(raw)
    except ValidationError as exc:
        problems = [_problem(e, lines) for e in exc.errors()] + problems
    if problems:
        raise InvalidArticle(origin, problems)
    a = doc.article
    return ParsedArticle(
        meta=ArticleMeta(a.id, a.title, a.published, a.source, a.url, a.language, a.text),
        entities=tuple(
            ParsedEntity(
                e.id, e.type, e.name, tuple(e.aliases), e.country, e.title, e.key, e.wikidata
            )
            for e in doc.entities
        ),
        events=tuple(
            ParsedEvent(ev.id, ev.type, ev.date, ev.place, tuple(ev.participants), ev.name, ev.key)
            for ev in doc.events
        ),
        relations=tuple(
            ParsedRelation(
                r.type,
                r.source,
                r.target,
                r.event,
                r.date,
                r.about,
                r.evidence,
                r.span,
                r.confidence,
            )
            for r in doc.relations
        ),
        origin=origin,
        lines=lines,
    )


def _items(raw: Mapping[str, Any], section: str) -> list[tuple[int, Mapping[str, Any]]]:
    value = raw.get(section)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, Mapping)]


def _check_references(raw: Mapping[str, Any]) -> list[Problem]:
    """What pydantic cannot see: local ids that clash or point nowhere, spans off the text.

    Works on the raw document, so it reports alongside pydantic's findings even
    when other fields are invalid: a 400 lists every problem at once.
    """
    problems: list[Problem] = []
    kinds: dict[str, object] = {}
    for section in ("entities", "events"):
        for i, item in _items(raw, section):
            local_id = item.get("id")
            if not isinstance(local_id, str):
                continue
            if local_id in kinds:
                problems.append(Problem(f"duplicate local id {local_id!r}", f"{section}[{i}].id"))
            kinds.setdefault(local_id, item.get("type"))
    actors = {"Official", "State", "Organization", "Place"}

    def check(path: str, ref: object, allowed: set[str] | None, what: str) -> None:
        if not isinstance(ref, str):
            return
        if ref not in kinds:
            problems.append(Problem(f"unknown local id {ref!r}", path))
        elif allowed is not None and kinds[ref] not in allowed:
            problems.append(Problem(f"{ref!r} is a {kinds[ref]}, expected {what}", path))

    for i, ev in _items(raw, "events"):
        check(f"events[{i}].place", ev.get("place"), {"Place", "State"}, "a Place or State")
        participants = ev.get("participants")
        for j, p in enumerate(participants if isinstance(participants, list) else []):
            check(f"events[{i}].participants[{j}]", p, actors, "an entity")
    article = raw.get("article")
    text = article.get("text") if isinstance(article, Mapping) else None
    for i, r in _items(raw, "relations"):
        check(f"relations[{i}].source", r.get("source"), actors, "an entity")
        check(f"relations[{i}].target", r.get("target"), None, "")
        check(f"relations[{i}].event", r.get("event"), set(EVENT_KINDS), "an event")
        if r.get("source") is not None and r.get("source") == r.get("target"):
            problems.append(Problem("source and target are the same", f"relations[{i}].target"))
        span = r.get("span")
        if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span):
            start, end = span
            if not isinstance(text, str):
                problems.append(Problem("a span needs article.text", f"relations[{i}].span"))
            elif not 0 <= start <= end <= len(text):
                problems.append(
                    Problem(
                        f"span [{start}, {end}] is outside article.text ({len(text)} characters)",
                        f"relations[{i}].span",
                    )
                )
    return problems


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _nearest_line(path: str, lines: Mapping[str, int]) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        path = path[: max(path.rfind("."), path.rfind("["), 0)]
    return lines.get("")


def _locate(problem: Problem, lines: Mapping[str, int]) -> Problem:
    return Problem(problem.message, problem.path, _nearest_line(problem.path, lines))


def _problem(error: Any, lines: Mapping[str, int]) -> Problem:
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    path = _path(loc)
    message = str(error["msg"])
    if error["type"] == "missing":
        message = "required field is missing"
    elif error["type"] == "extra_forbidden":
        message = "unknown field (not part of diplograph/v1)"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return Problem(message, path, _nearest_line(path, lines))
