"""brat standoff: ``x.ann`` beside its text ``x.txt`` and its metadata ``x.meta.yaml``.

Only reading is done here; :func:`loaders.annotations.to_article` does the rest.

* ``T`` text-bound annotations (``T1<TAB>PER 0 5;10 15<TAB>text``, ``;`` between the
  fragments of a discontinuous span), ``R`` relations (the first argument is the
  source, the second the target, whatever their role names), ``E`` events
  (``E1<TAB>Meeting:T3 Participant:T1 Place:T4 Date:T5``; an argument or relation
  end naming an event stands for its trigger) and ``A``/``M`` attributes, passed on
  per mention (``A1<TAB>Country T1 SYR``).
* Negated or speculative events and relations are not facts: an event or relation
  carrying a ``Negation``/``Negated``/``Speculation``/``Speculated``/``Hypothetical``/
  ``Uncertain`` attribute is dropped, with its trigger and every relation that
  points at it.  Its participants stay mentioned entities.
* ``#`` notes are annotator comments and ``N`` normalisations are not used; both are
  skipped.  ``*`` equivalence lines are skipped too: mentions of one entity are
  grouped by name, which is what equivalences mark in practice.
* brat reads the ``.txt`` as UTF-8 with universal newlines, so its offsets count a
  CRLF as one character and keep a byte-order mark as character 0.  The text is
  read the same way; a BOM is then dropped and the offsets moved back one, unless
  the quoted texts show the tool that wrote the ``.ann`` did not count it.
* brat has no place for bibliographic metadata: ``x.meta.yaml`` (or ``.meta.yml``,
  ``.meta.json``) beside ``x.txt`` holds ``id``, ``title``, ``published`` and the
  optional ``source``, ``url``, ``language`` (at the top or under ``article:``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson
import yaml

from graph.errors import InvalidArticle, Problem
from graph.model import ParsedArticle
from loaders.annotations import AnnotatedText, EventMention, Mention, RelationMention, to_article
from loaders.labels import DEFAULT_LABELS, LabelMap
from loaders.native import yaml_documents

__all__ = ["SIDECARS", "parse_brat"]

SIDECARS = (".meta.yaml", ".meta.yml", ".meta.json")
_NOT_FACTUAL = {"negation", "negated", "speculation", "speculated", "hypothetical", "uncertain"}
_FALSE = {"false", "no", "0", "off"}
_SPAN = re.compile(r"^(\d+) (\d+)$")


@dataclass
class _Standoff:
    """The lines of one ``.ann`` file, by kind, with the problems found reading them."""

    mentions: dict[str, Mention] = field(default_factory=dict)
    relations: dict[str, RelationMention] = field(default_factory=dict)
    events: dict[str, EventMention] = field(default_factory=dict)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    attribute_lines: dict[str, tuple[str, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def parse_brat(ann: str, origin: str, labels: LabelMap = DEFAULT_LABELS) -> ParsedArticle:
    """The article annotated by the ``.ann`` text ``ann`` read from the file ``origin``.

    Raises :class:`InvalidArticle` naming the ``.ann`` file, the line and the
    annotation id of every problem.
    """
    path = Path(origin)
    text, bom = _read_text(path.with_suffix(".txt"), origin)
    meta, meta_origin = _read_meta(path, origin)
    standoff = _read_standoff(ann)
    mentions, relations, events, attributes = _facts(standoff)
    if standoff.problems:
        raise InvalidArticle(origin, standoff.problems)
    doc = AnnotatedText(
        origin, text, meta, mentions, relations, events, attributes, meta_origin=meta_origin
    )
    if bom and _bom_counted(text, mentions):
        # Judge the offsets as written (BOM included) so that messages quote the file's
        # numbers, then store the text without its BOM.
        to_article(replace(doc, text="\ufeff" + text), labels)
        moved = tuple(replace(m, spans=tuple((a - 1, b - 1) for a, b in m.spans)) for m in mentions)
        doc = replace(doc, mentions=moved)
    return to_article(doc, labels)


# -- files ---------------------------------------------------------------------------


def _read_text(txt: Path, origin: str) -> tuple[str, bool]:
    """The text as brat reads it (universal newlines) without its BOM, and whether it had one."""
    try:
        data = txt.read_bytes()
    except FileNotFoundError:
        raise InvalidArticle(
            origin,
            [Problem(f"{txt.name} is missing: brat offsets refer to the .txt of the same name")],
        ) from None
    except OSError as exc:
        raise InvalidArticle(origin, [Problem(f"{txt.name}: {exc.strerror or exc}")]) from None
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if bom else 0)
        raise InvalidArticle(
            origin,
            [Problem(f"{txt.name} is not UTF-8 text: byte 0x{data[start]:02x} at offset {start}")],
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n"), bom


def _read_meta(ann: Path, origin: str) -> tuple[dict[str, Any], str]:
    sidecar = next((p for p in map(ann.with_suffix, SIDECARS) if p.is_file()), None)
    if sidecar is None:
        stem = ann.name.removesuffix(ann.suffix)
        raise InvalidArticle(
            origin,
            [
                Problem(
                    f"no metadata: brat has no place for it, so write {stem}.meta.yaml "
                    f"(or {stem}.meta.json) beside {stem}.txt with id, title and published"
                )
            ],
        )

    def fail(message: str) -> InvalidArticle:
        return InvalidArticle(origin, [Problem(message, sidecar.name)])

    try:
        raw = sidecar.read_bytes().decode("utf-8-sig")
        if sidecar.suffix == ".json":
            value: Any = orjson.loads(raw)
        else:
            value = next((doc for doc, _ in yaml_documents(raw)), None)
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read it: {exc}") from None
    except (orjson.JSONDecodeError, yaml.YAMLError) as exc:
        raise fail(f"malformed {sidecar.suffix[1:].upper()}: {exc}") from None
    if isinstance(value, dict) and isinstance(value.get("article"), dict):
        value = value["article"]
    if not isinstance(value, dict):
        raise fail("expected a mapping with id, title and published")
    return value, sidecar.name


# -- the .ann file -------------------------------------------------------------------


def _read_standoff(ann: str) -> _Standoff:
    out = _Standoff()
    seen: set[str] = set()
    # Split on newlines only: str.splitlines() would also break at characters that a
    # quoted text may hold (form feed, U+2028...) and shift every line number after it.
    for number, raw in enumerate(ann.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        ident, _, rest = line.partition("\t")
        kind = ident[:1]
        if kind and kind in "#N*":  # notes, normalisations, equivalences: see the module docstring
            continue
        if ident in seen:
            out.problems.append(Problem(f"duplicate id {ident!r}", ident, number))
            continue
        seen.add(ident)
        reader = _READERS.get(kind)
        if reader is None:
            message = "unknown annotation: brat ids start with T, R, E, A, M, N, # or *"
            out.problems.append(Problem(message, ident, number))
            continue
        if not reader(out, ident, rest, number):
            out.problems.append(
                Problem(f"malformed {_SHAPES[kind][0]}: expected {_SHAPES[kind][1]}", ident, number)
            )
    return out


def _text_bound(out: _Standoff, ident: str, rest: str, line: int) -> bool:
    head, tab, quoted = rest.partition("\t")
    label, _, offsets = head.partition(" ")
    spans = [_SPAN.match(part.strip()) for part in offsets.split(";")]
    if not label or not all(spans):
        return False
    out.mentions[ident] = Mention(
        ident,
        label,
        tuple((int(m.group(1)), int(m.group(2))) for m in spans if m),
        quoted if tab else None,
        line,
    )
    return True


def _relation(out: _Standoff, ident: str, rest: str, line: int) -> bool:
    label, *args = rest.partition("\t")[0].split() or [""]
    ends = [arg.partition(":")[2] for arg in args]
    if len(ends) != 2 or not all(ends):
        return False
    out.relations[ident] = RelationMention(ident, label, ends[0], ends[1], line)
    return True


def _event(out: _Standoff, ident: str, rest: str, line: int) -> bool:
    trigger, *args = rest.partition("\t")[0].split() or [""]
    label, _, trigger_id = trigger.partition(":")
    pairs = [arg.partition(":")[::2] for arg in args]
    if not label or not all(role and target for role, target in pairs):
        return False
    out.events[ident] = EventMention(ident, label, trigger_id or None, tuple(pairs), line)
    return True


def _attribute(out: _Standoff, ident: str, rest: str, line: int) -> bool:
    parts = rest.partition("\t")[0].split()
    if len(parts) not in (2, 3):
        return False
    name, target = parts[:2]
    # A binary attribute (``A2<TAB>Negated E1``) is simply present.
    out.attributes.setdefault(target, {})[name] = parts[2] if len(parts) == 3 else "true"
    out.attribute_lines[ident] = (target, line)
    return True


_READERS = {"T": _text_bound, "R": _relation, "E": _event, "A": _attribute, "M": _attribute}
_SHAPES = {
    "T": ("text-bound annotation", "'T1<TAB>LABEL START END[;START END]<TAB>text'"),
    "R": ("relation", "'R1<TAB>LABEL Arg1:T1 Arg2:T2'"),
    "E": ("event", "'E1<TAB>LABEL:T1 ROLE:T2 ...'"),
    "A": ("attribute", "'A1<TAB>NAME ID [VALUE]'"),
    "M": ("attribute", "'M1<TAB>NAME ID [VALUE]'"),
}


def _facts(
    s: _Standoff,
) -> tuple[
    tuple[Mention, ...],
    tuple[RelationMention, ...],
    tuple[EventMention, ...],
    dict[str, dict[str, str]],
]:
    """What the annotations assert: negated and speculative events and relations left out."""
    for ident, (target, line) in s.attribute_lines.items():
        if target not in s.mentions and target not in s.relations and target not in s.events:
            s.problems.append(
                Problem(f"refers to {target!r}, which is not in this document", ident, line)
            )
    not_factual = {
        target
        for target, attrs in s.attributes.items()
        if any(
            re.sub(r"[^a-z]", "", name.lower()) in _NOT_FACTUAL and value.lower() not in _FALSE
            for name, value in attrs.items()
        )
    }
    kept = [e for e in s.events.values() if e.id not in not_factual]
    live_triggers = {e.trigger for e in kept}
    dropped = {e.id for e in s.events.values() if e.id in not_factual}
    dropped |= {e.trigger for e in s.events.values() if e.id in dropped and e.trigger}
    dropped -= live_triggers
    trigger_of = {e.id: e.trigger or e.id for e in s.events.values()}

    def end(ident: str) -> str:
        return trigger_of.get(ident, ident)

    events = tuple(
        replace(e, args=tuple((r, end(t)) for r, t in e.args if end(t) not in dropped))
        for e in kept
    )
    relations = tuple(
        replace(r, source=end(r.source), target=end(r.target))
        for r in s.relations.values()
        if r.id not in not_factual and not {end(r.source), end(r.target)} & dropped
    )
    mentions = tuple(m for m in s.mentions.values() if m.id not in dropped)
    attributes = {k: v for k, v in s.attributes.items() if k in s.mentions}
    return mentions, relations, events, attributes


def _bom_counted(text: str, mentions: tuple[Mention, ...]) -> bool:
    """Whether the offsets count the BOM as character 0, as brat does.

    A ``.txt`` saved again by an editor that added a BOM keeps ``.ann`` offsets that
    do not count it; the quoted texts tell which reading fits more annotations.
    """

    def fits(shift: int) -> int:
        count = 0
        for m in mentions:
            if m.quoted is None or any(
                not 0 <= a - shift < b - shift <= len(text) for a, b in m.spans
            ):
                continue
            covered = " ".join(text[a - shift : b - shift] for a, b in m.spans)
            count += " ".join(covered.split()) == " ".join(m.quoted.split())
        return count

    return fits(1) >= fits(0)
