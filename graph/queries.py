"""The questions diplograph answers, and the shapes of their answers.

Both stores take these query objects and return these results, so the CLI, the
API and the contract tests see one vocabulary.  Query objects validate
themselves on construction (types, ranges, date order) and raise
:class:`~graph.errors.InvalidQuery` naming the parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.errors import InvalidQuery
from graph.identity import StateTable
from graph.model import ASSERTION_TYPES, ENTITY_TYPES, RELATIONSHIP_TYPES

__all__ = [
    "DEFAULT_NEIGHBOURHOOD_TYPES",
    "DEFAULT_PATH_TYPES",
    "INTERVALS",
    "ActivityQuery",
    "AlliancesQuery",
    "ArticleDetail",
    "EntityQuery",
    "GraphView",
    "MeetingsQuery",
    "NeighbourhoodQuery",
    "Page",
    "PathResult",
    "PathsQuery",
    "StoreStats",
    "TimelineQuery",
    "parse_countries",
    "parse_country",
    "parse_date",
    "parse_types",
]

# Articles are provenance, not actors: traversals skip REPORTED_IN unless asked.
DEFAULT_NEIGHBOURHOOD_TYPES = tuple(t for t in RELATIONSHIP_TYPES if t != "REPORTED_IN")
# A path through a shared state (A -AFFILIATED_WITH- SYR -AFFILIATED_WITH- B) says
# nothing; paths follow what people did unless other types are asked for.
DEFAULT_PATH_TYPES = ASSERTION_TYPES


def parse_date(param: str, value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidQuery(param, f"{value!r} is not a valid ISO date (YYYY-MM-DD)") from None


def parse_country(param: str, value: str | None) -> str | None:
    """A state given by ISO code, name or demonym, as its alpha-3 code."""
    if not value:
        return None
    code = StateTable.default().resolve(value)
    if code is None:
        raise InvalidQuery(param, f"{value!r} is not a known state (ISO code, name or demonym)")
    return code


def parse_countries(param: str, value: str | None) -> tuple[str, ...] | None:
    """A comma-separated list of states (codes, names or demonyms) as sorted alpha-3 codes."""
    if not value:
        return None
    items = [item.strip() for item in value.split(",") if item.strip()]
    codes = {parse_country(param, item) for item in items}
    return tuple(sorted(c for c in codes if c)) or None


def parse_types(
    value: str | tuple[str, ...] | list[str] | None, default: tuple[str, ...]
) -> tuple[str, ...]:
    """A comma-separated list of relationship types, checked against the allow-list."""
    if value is None or value == "":
        return default
    items = value.split(",") if isinstance(value, str) else list(value)
    types = tuple(dict.fromkeys(t.strip().upper() for t in items if t.strip()))
    unknown = [t for t in types if t not in RELATIONSHIP_TYPES]
    if unknown or not types:
        raise InvalidQuery(
            "types",
            f"unknown relationship type {', '.join(unknown) or repr(value)}; "
            f"known: {', '.join(RELATIONSHIP_TYPES)}",
        )
    return types


def _check_range(param: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise InvalidQuery(param, f"must be between {low} and {high}, got {value}")


def _check_period(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise InvalidQuery("since", f"{since} is after until ({until})")


@dataclass(frozen=True, slots=True)
class EntityQuery:
    q: str | None = None
    type: str | None = None
    country: str | None = None
    limit: int = 20
    offset: int = 0
    max_limit: int = 1000

    def __post_init__(self) -> None:
        if self.type is not None and self.type not in (*ENTITY_TYPES, "Event", "Article"):
            raise InvalidQuery("type", f"unknown type {self.type!r}")
        _check_range("limit", self.limit, 1, self.max_limit)
        _check_range("offset", self.offset, 0, 10**9)


@dataclass(frozen=True, slots=True)
class MeetingsQuery:
    entity: str | None = None
    with_: str | None = None
    country: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 50
    offset: int = 0
    max_limit: int = 1000

    def __post_init__(self) -> None:
        _check_range("limit", self.limit, 1, self.max_limit)
        _check_range("offset", self.offset, 0, 10**9)
        _check_period(self.since, self.until)


@dataclass(frozen=True, slots=True)
class NeighbourhoodQuery:
    entity: str
    depth: int = 1
    types: tuple[str, ...] = DEFAULT_NEIGHBOURHOOD_TYPES
    since: date | None = None
    until: date | None = None
    limit: int = 200  # the node cap: a hub cannot return the whole graph
    max_depth: int = 3
    max_limit: int = 1000

    def __post_init__(self) -> None:
        _check_range("depth", self.depth, 1, self.max_depth)
        _check_range("limit", self.limit, 1, self.max_limit)
        _check_period(self.since, self.until)


@dataclass(frozen=True, slots=True)
class PathsQuery:
    source: str
    target: str
    max_length: int = 4
    types: tuple[str, ...] = DEFAULT_PATH_TYPES
    since: date | None = None
    until: date | None = None
    k: int = 1
    max_max_length: int = 6
    max_k: int = 10

    def __post_init__(self) -> None:
        _check_range("max_length", self.max_length, 1, self.max_max_length)
        _check_range("k", self.k, 1, self.max_k)
        _check_period(self.since, self.until)


@dataclass(frozen=True, slots=True)
class AlliancesQuery:
    """Stances between states: their own and their officials' and organisations'."""

    since: date | None = None
    until: date | None = None
    countries: tuple[str, ...] | None = None  # both sides among these; None: every state

    def __post_init__(self) -> None:
        _check_period(self.since, self.until)
        if self.countries is not None and len(self.countries) < 2:
            raise InvalidQuery("countries", "name at least two states, or none for all")


@dataclass(frozen=True, slots=True)
class TimelineQuery:
    """The meetings and stances of one entity, oldest first."""

    entity: str
    types: tuple[str, ...] = ASSERTION_TYPES
    since: date | None = None
    until: date | None = None
    limit: int = 100
    offset: int = 0
    max_limit: int = 1000

    def __post_init__(self) -> None:
        unknown = [t for t in self.types if t not in ASSERTION_TYPES]
        if unknown or not self.types:
            raise InvalidQuery(
                "types", f"a timeline holds {', '.join(ASSERTION_TYPES)}; got {', '.join(unknown)}"
            )
        _check_range("limit", self.limit, 1, self.max_limit)
        _check_range("offset", self.offset, 0, 10**9)
        _check_period(self.since, self.until)


INTERVALS = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class ActivityQuery:
    """Relationships counted per day, week or month, for charts."""

    interval: str = "month"
    types: tuple[str, ...] = ASSERTION_TYPES
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.interval not in INTERVALS:
            raise InvalidQuery(
                "interval", f"{self.interval!r} is not one of {', '.join(INTERVALS)}"
            )
        unknown = [t for t in self.types if t not in RELATIONSHIP_TYPES]
        if unknown or not self.types:
            raise InvalidQuery("types", f"unknown relationship type {', '.join(unknown)}")
        _check_period(self.since, self.until)


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class GraphView:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class PathResult:
    length: int
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    article: dict[str, Any]
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class StoreStats:
    backend: str
    articles: int
    nodes: int
    relationships: int
    nodes_by_type: dict[str, int] = field(default_factory=dict)
    relationships_by_type: dict[str, int] = field(default_factory=dict)
