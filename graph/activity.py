"""Activity over time: relationships counted per day, ISO week or month, for charts.

A store counts relationships per date and type; this module puts the dates into
periods and fills the periods with nothing in them, so a chart has no holes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from graph.errors import InvalidQuery
from graph.queries import ActivityQuery

__all__ = ["MAX_PERIODS", "Activity", "DayCount", "build_activity"]

# A day-by-day series over decades is no chart; ask for weeks or months instead.
MAX_PERIODS = 5000


@dataclass(frozen=True, slots=True, order=True)
class DayCount:
    day: date
    type: str
    count: int


@dataclass(frozen=True, slots=True)
class Activity:
    interval: str
    types: list[str]
    total: int
    series: list[dict[str, Any]]


def build_activity(query: ActivityQuery, counts: Iterable[DayCount]) -> Activity:
    by_period: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(query.types, 0))
    for item in counts:
        if item.type in query.types:
            by_period[_start(item.day, query.interval)][item.type] += item.count
    first = query.since or (min(by_period) if by_period else None)
    last = query.until or (max(by_period) if by_period else None)
    series = []
    if first is not None and last is not None:
        starts = _periods(_start(first, query.interval), _start(last, query.interval), query)
        for start in starts:
            counts_of = by_period.get(start) or dict.fromkeys(query.types, 0)
            series.append(
                {
                    "period": _label(start, query.interval),
                    "start": start.isoformat(),
                    "end": _end(start, query.interval).isoformat(),
                    "counts": counts_of,
                    "total": sum(counts_of.values()),
                }
            )
    total = sum(sum(by_period[start].values()) for start in by_period)
    return Activity(query.interval, list(query.types), total, series)


def _periods(first: date, last: date, query: ActivityQuery) -> list[date]:
    starts = []
    current: date | None = first
    while current is not None and current <= last:
        starts.append(current)
        if len(starts) > MAX_PERIODS:
            raise InvalidQuery(
                "interval",
                f"more than {MAX_PERIODS} {query.interval}s between {first} and {last}: "
                "narrow since/until or ask for a longer interval",
            )
        current = _next(current, query.interval)
    return starts


def _start(day: date, interval: str) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    if interval == "month":
        return day.replace(day=1)
    return day


def _next(start: date, interval: str) -> date | None:
    """The start of the following period; None when it would be after 9999-12-31."""
    try:
        if interval == "week":
            return start + timedelta(days=7)
        if interval == "month":
            return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return start + timedelta(days=1)
    except OverflowError:
        return None


def _end(start: date, interval: str) -> date:
    """The last day of the period that starts on ``start`` (9999-12-31 at the latest)."""
    following = _next(start, interval)
    return date.max if following is None else following - timedelta(days=1)


def _label(start: date, interval: str) -> str:
    if interval == "week":
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if interval == "month":
        return f"{start.year:04d}-{start.month:02d}"  # strftime drops the zeros before 1000
    return start.isoformat()
