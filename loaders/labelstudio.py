"""Label Studio JSON export: the full export (a list of tasks) or one task object.

Only reading is done here; :func:`loaders.annotations.to_article` does the rest.
One task is one article:

* the text is ``data.text``; the metadata are the task's ``data`` fields
  ``article_id`` (else ``id``), ``title``, ``published`` and the optional
  ``source``, ``url``, ``language`` (imported with the task, kept by the export);
* of the task's ``annotations`` (``completions`` in exports before 1.0), cancelled
  ones (``was_cancelled: true``, which is how Label Studio records a skip) are
  ignored and the latest of the rest is used: latest ``updated_at``, else
  ``created_at``, then the highest ``id``.  ``predictions`` and ``drafts`` are not
  annotations and are ignored.  A task with no annotation left is an error naming it;
* ``labels`` results are mentions (``value.start``, ``value.end``, ``value.text``,
  the first of ``value.labels``); ``relation`` results join two of them
  (``from_id`` -> ``to_id``, reversed for ``direction: left``, both ways for ``bi``),
  one relation per label in ``labels``.  Classification results (``choices``,
  ``textarea``, ``rating``...) are ignored; other region types are an error.
* Label Studio counts offsets as JavaScript does, in UTF-16 code units, which
  differ from characters after an emoji or other character beyond U+FFFF: a span
  that fits its ``value.text`` only when read in UTF-16 units is converted.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from graph.errors import InvalidArticle, Problem
from graph.model import ParsedArticle
from loaders.annotations import AnnotatedText, Mention, RelationMention, to_article
from loaders.labels import DEFAULT_LABELS, LabelMap

__all__ = ["is_labelstudio", "parse_labelstudio", "utf16_to_chars"]

_META = ("title", "published", "source", "url", "language")
_CLASSIFICATIONS = {"choices", "textarea", "rating", "number", "datetime", "taxonomy", "ranker"}
_OLDEST = datetime.min.replace(tzinfo=UTC)


def is_labelstudio(value: Any) -> bool:
    """Whether parsed JSON is a Label Studio export or task, rather than a native article."""
    items = value if isinstance(value, list) else [value]
    return any(_is_task(item) for item in items)


def _is_task(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and "article" not in item
        and isinstance(item.get("data"), dict)
        and ("annotations" in item or "completions" in item)
    )


def parse_labelstudio(
    export: Any, origin: str, labels: LabelMap = DEFAULT_LABELS
) -> Iterator[ParsedArticle | InvalidArticle]:
    """Each task's article, or the reason it cannot be ingested (one per task)."""
    for index, task in enumerate(export if isinstance(export, list) else [export]):
        if not _is_task(task):
            yield InvalidArticle(
                origin,
                [
                    Problem(
                        "not a Label Studio task (an object with data and annotations)",
                        f"[{index}]",
                    )
                ],
            )
            continue
        name = f"task {task['id']}" if "id" in task else f"task [{index}]"
        try:
            yield to_article(_annotated(task, f"{origin}: {name}"), labels)
        except InvalidArticle as exc:
            yield exc


def _annotated(task: Mapping[str, Any], origin: str) -> AnnotatedText:
    data = task["data"]
    text = data.get("text")
    if not isinstance(text, str):
        raise InvalidArticle(origin, [Problem("the article text is missing", "data.text")])
    annotations = task.get("annotations", task.get("completions")) or []
    live = [a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]
    if not live:
        reason = (
            "every annotation of this task was cancelled (skipped in Label Studio)"
            if annotations
            else "this task has no annotation"
        )
        raise InvalidArticle(origin, [Problem(f"{reason}: nothing to load")])
    annotation = max(live, key=_recency)
    results = annotation.get("result")
    if not isinstance(results, list):
        where = f"annotation {annotation.get('id')}"
        raise InvalidArticle(origin, [Problem("`result` is not a list", where)])
    mentions, relations, problems = _results(results, text)
    if problems:
        raise InvalidArticle(origin, problems)
    meta = {k: data[k] for k in _META if data.get(k) is not None}
    key = data.get("article_id", data.get("id"))
    if key is not None:
        meta["id"] = str(key)
    return AnnotatedText(origin, text, meta, mentions, relations, meta_origin="data")


def _recency(annotation: Mapping[str, Any]) -> tuple[datetime, int]:
    stamp = _OLDEST
    for name in ("updated_at", "created_at"):
        try:
            stamp = datetime.fromisoformat(str(annotation[name]))
        except (KeyError, ValueError):
            continue
        break
    if stamp.tzinfo is None:  # Label Studio writes UTC; compare naive stamps as UTC too
        stamp = stamp.replace(tzinfo=UTC)
    ident = str(annotation.get("id"))
    return stamp, int(ident) if ident.isdigit() else -1


def _results(
    results: Sequence[Any], text: str
) -> tuple[tuple[Mention, ...], tuple[RelationMention, ...], list[Problem]]:
    mentions: list[Mention] = []
    relations: list[RelationMention] = []
    problems: list[Problem] = []
    units = utf16_to_chars(text)
    for index, result in enumerate(results):
        if not isinstance(result, dict):
            problems.append(Problem("expected a result object", f"result[{index}]"))
            continue
        kind = result.get("type")
        where = str(result.get("id") or f"result[{index}]")
        if kind == "labels":
            value = result.get("value") or {}
            start, end, names = value.get("start"), value.get("end"), value.get("labels")
            if not (isinstance(start, int) and isinstance(end, int) and isinstance(names, list)):
                problems.append(Problem("a labels result needs value.start, end and labels", where))
                continue
            if not names:
                problems.append(Problem("region has no label: give it one in Label Studio", where))
                continue
            quoted = value.get("text")
            span = (start, end)
            if units is not None and not _fits(text, span, quoted):
                converted = _convert(units, span)
                span = converted if _fits(text, converted, quoted) else span
            mentions.append(Mention(where, str(names[0]), (span,), quoted))
        elif kind == "relation":
            source, target = result.get("from_id"), result.get("to_id")
            where = f"relation {source}->{target}"
            names = result.get("labels") or []
            if not names:
                problems.append(
                    Problem("relation has no label: give it one in Label Studio", where)
                )
            direction = result.get("direction", "right")
            ends = [(source, target)] if direction != "left" else [(target, source)]
            if direction == "bi":
                ends.append((target, source))
            relations.extend(
                RelationMention(where, str(name), str(a), str(b)) for name in names for a, b in ends
            )
        elif kind not in _CLASSIFICATIONS:
            problems.append(
                Problem(f"result type {kind!r} is not supported (labels and relation are)", where)
            )
    return tuple(mentions), tuple(relations), problems


def utf16_to_chars(text: str) -> list[int] | None:
    """For each UTF-16 code unit offset of ``text``, its character offset.

    ``None`` when the text has no character beyond U+FFFF: then both counts agree.
    """
    if all(ord(c) <= 0xFFFF for c in text):
        return None
    units: list[int] = []
    for i, char in enumerate(text):
        units.extend([i, i] if ord(char) > 0xFFFF else [i])
    units.append(len(text))
    return units


def _convert(units: list[int], span: tuple[int, int]) -> tuple[int, int]:
    a, b = span
    inside = 0 <= a <= b < len(units)
    return (units[a], units[b]) if inside else span


def _fits(text: str, span: tuple[int, int], quoted: Any) -> bool:
    a, b = span
    return (
        isinstance(quoted, str)
        and 0 <= a < b <= len(text)
        and " ".join(text[a:b].split()) == " ".join(quoted.split())
    )
