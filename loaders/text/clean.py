"""Checking raw text before annotating it, and reading its headline and dateline.

Refused with a clear reason: empty text, text that is not English (py3langid, which
ships its model), and HTML with no text in it.  Other HTML is reduced to its text
(Python's own HTML parser) and the draft says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from html.parser import HTMLParser
from typing import Any

import pycountry
from dateutil import parser as dateparser

from graph.errors import InvalidArticle, Problem
from loaders.text.lexicon import Lexicon

__all__ = ["Dateline", "Prepared", "language_identifier", "prepare"]

_HTML = re.compile(r"<\s*(!doctype|html|head|body|p|div|br|span|a|article|table|h[1-6])\b", re.I)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
)
# "MOSCOW, Nov 21 (Reuters) -", "Tehran, SANA -", "ANKARA (AA) -", "NEW DELHI:".
_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})"
    r"(?:,\s*(?P<second>[A-Z][\w.&'\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*){0,3}))?"
    rf"(?:,?\s*(?P<date>{_DAY_DATE}))?"
    r"(?:,\s*(?P<third>[A-Z][\w.&'\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*){0,3}))?"
    r"\s*(?:\((?P<paren>[^()\n]{1,40})\))?"
    r"\s*(?:--|[-\u2013\u2014:])\s*"
)
_PUBLISHED = re.compile(rf"(?:published|posted|updated|date)?[:\s]*(?P<date>{_DAY_DATE})", re.I)
_LANGUAGE_SAMPLE = 20_000
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where (and by whom, and maybe when) the report was filed: a text span and its parts."""

    place: str
    agency: str | None
    start: int
    end: int
    text_end: int  # where the dateline ("MOSCOW, Nov 21 (Reuters) -") ends and the story begins


@dataclass(frozen=True, slots=True)
class Prepared:
    text: str  # the article text the draft stores; spans refer to it
    body_start: int  # where the body begins (after the headline)
    headline: str
    dateline: Dateline | None
    published: date | None
    agency: str | None
    warnings: tuple[str, ...]
    words: int

    @property
    def story_start(self) -> int:
        """Where the story begins: after the headline and the dateline."""
        return self.dateline.text_end if self.dateline is not None else self.body_start


def prepare(text: str, origin: str, lexicon: Lexicon | None = None) -> Prepared:
    """Clean ``text`` and read its parts, or raise :class:`InvalidArticle` saying why not."""
    warnings: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise InvalidArticle(origin, [Problem("empty text: nothing to annotate")])
    if _HTML.search(text[:5000]):
        text = html_to_text(text)
        if not text.strip():
            raise InvalidArticle(origin, [Problem("HTML with no text in it: nothing to annotate")])
        warnings.append("HTML markup stripped; spans refer to the text that remained")
    text = _normalise(text)
    _check_english(text, origin)
    headline, body_start = _headline(text)
    agencies = lexicon.agencies if lexicon is not None else set()
    dateline, dated = _dateline(text, body_start, agencies)
    published = dated or _published_line(text[:body_start] + text[body_start : body_start + 300])
    if dateline is None:
        warnings.append("no dateline found: meetings get no place unless the text says where")
    return Prepared(
        text=text,
        body_start=body_start,
        headline=headline,
        dateline=dateline,
        published=published,
        agency=dateline.agency if dateline else None,
        warnings=tuple(warnings),
        words=len(_WORD.findall(text)),
    )


def _normalise(text: str) -> str:
    """Trailing spaces off every line, at most one blank line, no leading blank lines."""
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def _check_english(text: str, origin: str) -> None:
    sample = text[:_LANGUAGE_SAMPLE]
    ranking = dict(language_identifier().rank(sample))
    language, probability = max(ranking.items(), key=lambda pair: pair[1])
    # Short English news can come out as an English creole ("pcm"); refuse only when the
    # model gives English little chance, not whenever it is not first.
    if language != "en" and probability >= 0.5 and ranking.get("en", 0.0) < 0.1:
        found = pycountry.languages.get(alpha_2=language)
        name = found.name if found is not None else language
        reason = (
            f"the text is in {name} ({language}, p={probability:.2f}), not English: "
            "the annotator reads English only, so nothing was drafted"
        )
        raise InvalidArticle(origin, [Problem(reason)])


@cache
def language_identifier() -> Any:
    """py3langid's identifier with its shipped model (loaded once: about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _headline(text: str) -> tuple[str, int]:
    """A short first line followed by a blank line is the headline."""
    first, sep, rest = text.partition("\n")
    if sep and rest.startswith("\n") and len(first.split()) <= 30 and first.strip():
        return first.strip(), len(first) + 2
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence.strip()[:200], 0


def _dateline(
    text: str, body_start: int, agencies: set[str]
) -> tuple[Dateline | None, date | None]:
    found = _DATELINE.match(text, body_start)
    if found is None or found.end() - body_start > 90:
        return None, None
    place = found["place"]
    agency = None
    candidates = [found["paren"], found["second"], found["third"]]
    for part in candidates:
        if part and (part.strip() in agencies or (part is found["paren"] and not found["second"])):
            agency = part.strip()
            break
    if place in agencies:  # "Xinhua --" with no place
        return None, None
    if place.isupper() and len(place) > 3:
        place = place.title()
    dated = _parse_day(found["date"]) if found["date"] else None
    dateline = Dateline(place, agency, found.start("place"), found.end("place"), found.end())
    return dateline, dated


def _published_line(head: str) -> date | None:
    for found in _PUBLISHED.finditer(head):
        day = _parse_day(found["date"])
        if day is not None and re.search(r"\d{4}", found["date"]):
            return day
    return None


def _parse_day(text: str) -> date | None:
    """A date with its year; a date without one cannot date an article."""
    if not re.search(r"\d{4}", text):
        return None
    try:
        return dateparser.parse(text, fuzzy=True).date()
    except (ValueError, OverflowError):
        return None


class _TextExtractor(HTMLParser):
    _SKIP = frozenset(["script", "style", "noscript", "head", "template", "svg", "nav", "footer"])
    _BLOCK = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "article",
            "section",
            "header",
            "blockquote",
            "title",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one paragraph per block element."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    paragraphs = (" ".join(p.split()) for p in "".join(extractor.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
