"""The domain model: what every loader produces and every store keeps.

A loader turns one input file into :class:`ParsedArticle` objects (local ids, as
written by the annotator).  :mod:`graph.compile` turns a parsed article into an
:class:`ArticleGraph`: global ids, derived meetings and structural edges, every
piece tagged with the article it came from.  Stores only ever see article graphs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

__all__ = [
    "ASSERTION_TYPES",
    "ENTITY_TYPES",
    "EVENT_KINDS",
    "MEETING_KINDS",
    "NODE_LABELS",
    "RELATIONSHIP_TYPES",
    "STRUCTURAL_TYPES",
    "ArticleGraph",
    "ArticleMeta",
    "Edge",
    "Node",
    "ParsedArticle",
    "ParsedEntity",
    "ParsedEvent",
    "ParsedRelation",
]

EntityType = Literal["Official", "State", "Organization", "Place"]
EventKind = Literal["Meeting", "Visit", "Call", "Conference", "Referendum", "Agreement", "Other"]
AssertionType = Literal["MET_WITH", "SUPPORTS", "REJECTS"]

ENTITY_TYPES: Final = ("Official", "State", "Organization", "Place")
EVENT_KINDS: Final = ("Meeting", "Visit", "Call", "Conference", "Referendum", "Agreement", "Other")
# Everyone who takes part in one of these has met everyone else there.
MEETING_KINDS: Final = frozenset({"Meeting", "Visit", "Call"})

# The allow-lists: no label or relationship type outside these reaches a store.
NODE_LABELS: Final = ("Official", "State", "Organization", "Place", "Event", "Article")
ASSERTION_TYPES: Final = ("MET_WITH", "SUPPORTS", "REJECTS")
STRUCTURAL_TYPES: Final = (
    "PARTICIPATED_IN",
    "HELD_IN",
    "LOCATED_IN",
    "AFFILIATED_WITH",
    "REPORTED_IN",
)
RELATIONSHIP_TYPES: Final = ASSERTION_TYPES + STRUCTURAL_TYPES


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """The article itself: its key (as written in the file) and bibliographic data."""

    key: str
    title: str
    published: date
    source: str | None = None
    url: str | None = None
    language: str | None = None
    text: str | None = None

    @property
    def node_id(self) -> str:
        return f"article:{self.key}"


@dataclass(frozen=True, slots=True)
class ParsedEntity:
    local_id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    title: str | None = None
    key: str | None = None
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedEvent:
    local_id: str
    kind: EventKind
    date: date | None = None
    place: str | None = None
    participants: tuple[str, ...] = ()
    name: str | None = None
    # Pins the global id, so that several articles can report one event.
    key: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedRelation:
    type: AssertionType
    source: str
    target: str
    event: str | None = None
    date: date | None = None
    about: str | None = None
    evidence: str | None = None
    span: tuple[int, int] | None = None
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One article as a loader read it, with the local ids of its file.

    Every reference is known to point at a declared local id: loaders check that.
    """

    meta: ArticleMeta
    entities: tuple[ParsedEntity, ...]
    events: tuple[ParsedEvent, ...] = ()
    relations: tuple[ParsedRelation, ...] = ()
    origin: str = ""  # the file it came from, for messages
    # Document path ("relations[3].target") to 1-based line, where the format has lines.
    lines: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Node:
    """A node as one article contributes it; stores merge contributions by ``id``."""

    id: str
    label: str
    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    # The folded spelling used to recognise the same entity in later articles.
    match_key: str | None = None
    # Which identity rule gave this node its id: "name" (as spelled), "variant" (joined
    # a node spelled otherwise), "alias" (alias file), "gazetteer", "state body" (a
    # state's ministry however written), "office" (a title's
    # holder on the day), "fuzzy", "override"/"split" (override file), "iso" (state),
    # "pinned" (`key`).  See graph.compile.
    rule: str = "name"
    props: dict[str, Any] = field(default_factory=dict)
    # The name as the article wrote it, before identity resolution.
    spelling: str | None = None
    # The fuzzy match score (0-100) when rule is "fuzzy".
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    """One relationship asserted by one article; ``id`` is a hash of its key fields."""

    id: str
    type: str
    source: str
    target: str
    article: str
    date: date | None = None
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ArticleGraph:
    """Everything one article contributes to the graph, with global ids.

    ``digest`` changes when anything the article asserts changes, so a store can
    tell a re-ingest of the same article (nothing to do) from a new version.
    """

    meta: ArticleMeta
    digest: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    origin: str = ""
    # The parsed article it was compiled from, kept by the embedded store so that
    # `diplograph resolve --apply` can compile it again under new identity rules.
    source: ParsedArticle | None = field(default=None, compare=False, repr=False)

    @property
    def article_id(self) -> str:
        return self.meta.node_id
