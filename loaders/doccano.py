"""Doccano JSONL, relation-extraction export: one article per line.

Only reading is done here; :func:`loaders.annotations.to_article` does the rest.
Each line is ``{"id", "text", "entities": [{"id", "label", "start_offset",
"end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}], ...}``; the plain
sequence-labelling export (``"label": [[start, end, label], ...]``) is read too.

* Metadata are fields of the line, where doccano's export puts the columns the
  data was imported with (or a ``meta`` object, as older versions write it):
  ``article_id``, ``title``, ``published`` and the optional ``source``, ``url``,
  ``language``.  The article key is ``article_id``, else ``id`` when that is a
  string: doccano fills ``id`` with its own row number unless the imported data had one.
* Every message names the file and the JSONL line; ids are ``entity 17`` and
  ``relation 4``.  A line that is not JSON fails alone; the other lines load.
* doccano's editor counts offsets in UTF-16 code units, as JavaScript does, so a
  text with characters beyond U+FFFF (emoji) has its offsets converted to characters.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

import orjson

from graph.errors import InvalidArticle, Problem
from graph.model import ParsedArticle
from loaders.annotations import AnnotatedText, Mention, RelationMention, to_article
from loaders.labels import DEFAULT_LABELS, LabelMap
from loaders.labelstudio import utf16_to_chars

__all__ = ["parse_doccano"]

_META = ("title", "published", "source", "url", "language")
_NO_KEY = (
    "no article key: add an `article_id` field (doccano's numeric `id` is its own "
    "row number, not an article key)"
)


def parse_doccano(
    text: str, origin: str, labels: LabelMap = DEFAULT_LABELS
) -> Iterator[ParsedArticle | InvalidArticle]:
    """Each line's article, or the reason it cannot be ingested (one per line)."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield _article(line, origin, number, labels)
        except InvalidArticle as exc:
            # Every problem of a line is on that line; metadata problems carry no line yet.
            yield InvalidArticle(
                origin, [p if p.line is not None else replace(p, line=number) for p in exc.problems]
            )


def _article(line: str, origin: str, number: int, labels: LabelMap) -> ParsedArticle:
    try:
        raw = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise InvalidArticle(origin, [Problem(f"not JSON: {exc.msg}")]) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise InvalidArticle(origin, [Problem("expected an object with `text`")])
    nested = raw.get("meta")
    fields: Mapping[str, Any] = {**(nested if isinstance(nested, dict) else {}), **raw}
    meta = {k: fields[k] for k in _META if fields.get(k) is not None}
    key = fields.get("article_id", fields.get("id"))
    if isinstance(key, str):
        meta["id"] = key
    mentions, relations, problems = _annotations(raw, raw["text"], number)
    if problems:
        raise InvalidArticle(origin, problems)
    doc = AnnotatedText(origin, raw["text"], meta, mentions, relations, meta_origin="metadata")
    try:
        return to_article(doc, labels)
    except InvalidArticle as exc:
        no_key = Problem(_NO_KEY, "article_id")
        raise InvalidArticle(
            origin, [no_key if p.path == "metadata: id" else p for p in exc.problems]
        ) from None


def _annotations(
    raw: Mapping[str, Any], text: str, line: int
) -> tuple[tuple[Mention, ...], tuple[RelationMention, ...], list[Problem]]:
    problems: list[Problem] = []
    units = utf16_to_chars(text)
    entities = raw.get("entities")
    if entities is None and isinstance(raw.get("label"), list):  # sequence-labelling export
        entities = [
            {"id": f"label[{i}]", "start_offset": s, "end_offset": e, "label": lab}
            for i, (s, e, lab) in enumerate(x for x in raw["label"] if _triple(x))
        ]
    mentions: list[Mention] = []
    for i, entity in enumerate(entities if isinstance(entities, list) else []):
        if not isinstance(entity, dict):
            problems.append(Problem("expected an entity object", f"entities[{i}]"))
            continue
        where = f"entity {entity.get('id', f'[{i}]')}"
        start, end = (entity.get(k) for k in ("start_offset", "end_offset"))
        if not (isinstance(start, int) and isinstance(end, int) and entity.get("label")):
            problems.append(Problem("an entity needs label, start_offset and end_offset", where))
            continue
        if units is not None and 0 <= start <= end < len(units):
            start, end = units[start], units[end]
        mentions.append(Mention(where, str(entity["label"]), ((start, end),), line=line))
    relations = []
    found = raw.get("relations")
    for i, rel in enumerate(found if isinstance(found, list) else []):
        if not isinstance(rel, dict):
            problems.append(Problem("expected a relation object", f"relations[{i}]"))
            continue
        where = f"relation {rel.get('id', f'[{i}]')}"
        if not all(rel.get(k) is not None for k in ("from_id", "to_id", "type")):
            problems.append(Problem("a relation needs from_id, to_id and type", where))
            continue
        ends = (f"entity {rel['from_id']}", f"entity {rel['to_id']}")
        relations.append(RelationMention(where, str(rel["type"]), *ends, line=line))
    seen = [m.id for m in mentions]
    problems += [
        Problem("duplicate entity id", ident, line)
        for i, ident in enumerate(seen)
        if ident in seen[:i]
    ]
    return tuple(mentions), tuple(relations), problems


def _triple(item: Any) -> bool:
    return isinstance(item, list) and len(item) == 3
