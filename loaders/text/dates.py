"""Dates in a sentence, resolved against the publication date (python-dateutil).

News reports past events in the past tense, so a weekday ("on Wednesday") is the latest
such day on or before publication, "yesterday" the day before it, and a day and month
without a year ("on 25 October") the latest such date not after publication.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateparser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

__all__ = ["CALENDAR_WORDS", "MONTH_WORDS", "find_date"]

_WEEKDAYS: dict[str, weekday] = {
    "monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH, "friday": FR,
    "saturday": SA, "sunday": SU,
}  # fmt: skip
# Month names and abbreviations, weekday names, and relative days, as lowercase words.
MONTH_WORDS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
     "sep", "sept", "oct", "nov", "dec"]
)  # fmt: skip
_ABBREVIATED = frozenset(f"{m}." for m in MONTH_WORDS if len(m) <= 4)  # "Oct.", "Sept."
CALENDAR_WORDS = MONTH_WORDS | _ABBREVIATED | frozenset([*_WEEKDAYS, "yesterday", "today"])
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_EXPRESSION = re.compile(
    rf"\b(?P<absolute>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
    r"|\b(?P<last>last\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<relative>yesterday|today|tonight|this\s+morning|this\s+evening|earlier\s+today"
    r"|the\s+day\s+before)\b",
    re.I,
)


def find_date(sentence: str, published: date) -> date | None:
    """The first date the sentence names, resolved; ``None`` when it names none."""
    for found in _EXPRESSION.finditer(sentence):
        day = _resolve(found, published)
        if day is not None:
            return day
    return None


def _resolve(found: re.Match[str], published: date) -> date | None:
    if found["absolute"]:
        return _absolute(found["absolute"], published)
    if found["weekday"]:
        wanted = _WEEKDAYS[found["weekday"].lower()]
        start = published - timedelta(days=1) if found["last"] else published
        return start + relativedelta(weekday=wanted(-1))
    relative = " ".join(found["relative"].lower().split())
    if relative in ("yesterday", "the day before"):
        return published - timedelta(days=1)
    return published


def _absolute(text: str, published: date) -> date | None:
    try:
        day = dateparser.parse(text.replace(" of ", " "), default=_default(published)).date()
    except (ValueError, OverflowError):
        return None
    if not re.search(r"\d{4}", text) and day > published + timedelta(days=1):
        day = day.replace(year=day.year - 1) if not (day.month == 2 and day.day == 29) else day
    return day


def _default(published: date) -> datetime:
    return datetime(published.year, published.month, 1)
