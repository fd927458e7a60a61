"""The shapes of ``/api/v1`` requests and answers, as pydantic models for the OpenAPI document.

Documentation only: the handlers parse parameters themselves into :mod:`graph.queries`
objects (which raise :class:`~graph.errors.InvalidQuery`), and nothing checks a request
or an answer against these models at run time.  ``tests/test_openapi.py`` checks real
answers against the document, so a model that drifts from a handler fails there.

A member that may be left out is typed ``X | Absent``; one that is always sent but may be
null is ``X | None``.  Bounds set by ``api.*`` settings are marked with :func:`cap` and
filled in per app by :mod:`api.openapi`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, WithJsonSchema
from pydantic.config import JsonDict
from pydantic.json_schema import SkipJsonSchema

from graph.model import ASSERTION_TYPES, EVENT_KINDS, NODE_LABELS, RELATIONSHIP_TYPES
from graph.queries import (
    DEFAULT_NEIGHBOURHOOD_TYPES,
    DEFAULT_PATH_TYPES,
    INTERVALS,
    PathsQuery,
)
from loaders.native import ArticleModel, _Document, _Entity

__all__ = [
    "ARTICLE_ID",
    "CAP",
    "GRAPH_FORMATS",
    "TABLE_FORMATS",
    "Activity",
    "ActivityParams",
    "Alliances",
    "AlliancesParams",
    "AnnotateParams",
    "AnnotateRequest",
    "Annotation",
    "ArticleDetail",
    "ArticleDocument",
    "ArticleUpload",
    "CytoscapeGraph",
    "EntitiesParams",
    "EntityDetail",
    "EntityPage",
    "GrafanaGraph",
    "GraphView",
    "Health",
    "HealthUnavailable",
    "MeetingPage",
    "MeetingsParams",
    "NeighbourhoodParams",
    "Paths",
    "PathsParams",
    "Problem",
    "Retraction",
    "Stats",
    "TimelinePage",
    "TimelineParams",
    "WriteResult",
    "cap",
]

# The schema keyword that names the ``api.*`` setting bounding a parameter.
CAP = "x-diplograph-cap"
# What graph.queries accepts, whatever the settings.
MAX_OFFSET = 10**9
MAX_PATHS = PathsQuery(source="", target="").max_k

# What the native format takes as an article id (`pattern`, `maxLength`): a draft's too.
ARTICLE_ID: dict[str, Any] = {
    keyword: value
    for keyword, value in ArticleModel.model_json_schema()["properties"]["id"].items()
    if keyword in ("pattern", "maxLength")
}

Absent = SkipJsonSchema[None]
NodeLabel = Annotated[str, WithJsonSchema({"type": "string", "enum": list(NODE_LABELS)})]
RelationshipType = Annotated[
    str, WithJsonSchema({"type": "string", "enum": list(RELATIONSHIP_TYPES)})
]
EventKind = Annotated[str, WithJsonSchema({"type": "string", "enum": list(EVENT_KINDS)})]


def cap(setting: str, *, clamps_default: bool = False) -> JsonDict:
    """Mark a parameter whose maximum is the ``api.<setting>`` of the app serving it.

    ``clamps_default``: the handler lowers its default to that maximum as well.
    """
    return {CAP: {"setting": setting, "clamps_default": clamps_default}}


def _omit_null_defaults(schema: JsonDict) -> None:
    """Optional members are left out, not sent as null: a null default would mislead."""
    properties = schema.get("properties")
    if isinstance(properties, dict):
        for member in properties.values():
            if isinstance(member, dict) and "default" in member and member["default"] is None:
                del member["default"]


class Schema(BaseModel):
    """Closed: a handler that sends a member its model lacks fails the answer tests."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_omit_null_defaults)


class OpenSchema(Schema):
    """Open: nodes and edges carry whatever properties the articles gave them."""

    model_config = ConfigDict(extra="allow")


# -- errors ----------------------------------------------------------------------------


class ArticleProblem(Schema):
    """One thing wrong with a posted article."""

    path: str | None = Field(description="Where in the document: `relations[0].target`")
    line: int | None = Field(description="The 1-based line of a YAML body, when known")
    message: str


class Problem(OpenSchema):
    """An error as RFC 9457 problem details, sent as `application/problem+json`; the
    members below are those sent today, and RFC 9457 lets a problem type add more."""

    type: str = Field(examples=["urn:diplograph:problem:invalid-parameter"])
    title: str = Field(examples=["Invalid parameter"])
    status: int = Field(examples=[400])
    detail: str = Field(examples=["limit: must be between 1 and 1000, got 0"])
    instance: str = Field(description="The path of the request", examples=["/api/v1/meetings"])
    parameter: str | Absent = Field(
        None, description="Invalid parameter: the query parameter or JSON field at fault"
    )
    problems: list[ArticleProblem] | Absent = Field(
        None, description="Invalid article: everything wrong with the body"
    )
    entity: str | Absent = Field(None, description="Entity not found: the id asked for")
    article: str | Absent = Field(None, description="Article not found: the id asked for")


# -- query parameters ------------------------------------------------------------------

_COUNTRY = "A state by ISO 3166 code, name or demonym: `SYR`, `Syria` or `Syrian`"
_SINCE = "Only what happened on or after this day"
_UNTIL = "Only what happened on or before this day"
_TYPES = "Relationship types to follow, comma-separated (any case)"
_LIMIT = "At most this many items"
_OFFSET = "Skip this many items: the page starts after them"
_PUBLISHED = "The publication day; by default the dateline's, if the text has one"
_ASSERTIONS = "Assertion types, comma-separated (any case); by default all three"
_DRAFT_ID = "The article id (letters, digits, `.`, `_`, `:`, `-`); by default from the headline"

# `format` of list endpoints and of graph endpoints (api.formats writes them).
TABLE_FORMATS = ("json", "csv")
GRAPH_FORMATS = ("json", "cytoscape", "grafana")
AssertionType = Annotated[str, WithJsonSchema({"type": "string", "enum": list(ASSERTION_TYPES)})]


def _format(choices: tuple[str, ...], what: str) -> Any:
    return Field("json", description=what, json_schema_extra={"enum": list(choices)})


_TABLE = _format(
    TABLE_FORMATS,
    "`json`, or `csv` (the items as a table: nested members as dotted columns; "
    "`X-Total-Count` and a `Link: rel=next` header carry the paging)",
)
_GRAPH = _format(
    GRAPH_FORMATS,
    "`json` (graph JSON), `cytoscape` (Cytoscape.js elements) or `grafana` (the nodes and "
    "edges frames of Grafana's node graph panel)",
)


class EntitiesParams(Schema):
    q: str | Absent = Field(
        None,
        description="A name, alias or spelling to look for: exact matches first, then "
        "names that start with it, then names that contain it (3 letters or more)",
    )
    type: NodeLabel | Absent = Field(None, description="Only entities of this type")
    country: str | Absent = Field(None, description=f"Only entities of this state. {_COUNTRY}")
    limit: int = Field(20, ge=1, description=_LIMIT, json_schema_extra=cap("max_results"))
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description=_OFFSET)
    format: str = _TABLE


class MeetingsParams(Schema):
    entity: str | Absent = Field(
        None, description="Only meetings of this entity id, who is then always `a`"
    )
    with_: str | Absent = Field(
        None, alias="with", description="Only meetings with this entity id, then `b`"
    )
    country: str | Absent = Field(
        None,
        description="Only meetings with someone of this state (the other side of `entity` "
        f"when it is given). {_COUNTRY}",
    )
    since: dt.date | Absent = Field(None, description=_SINCE)
    until: dt.date | Absent = Field(None, description=_UNTIL)
    limit: int = Field(50, ge=1, description=_LIMIT, json_schema_extra=cap("max_results"))
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description=_OFFSET)
    format: str = _TABLE


class NeighbourhoodParams(Schema):
    depth: int = Field(
        1, ge=1, description="Steps from the entity", json_schema_extra=cap("max_depth")
    )
    types: list[RelationshipType] = Field(
        list(DEFAULT_NEIGHBOURHOOD_TYPES),
        min_length=1,
        description=f"{_TYPES}; by default every type but REPORTED_IN",
        json_schema_extra={"style": "form", "explode": False},
    )
    since: dt.date | Absent = Field(None, description=_SINCE)
    until: dt.date | Absent = Field(None, description=_UNTIL)
    limit: int = Field(
        200,
        ge=1,
        description="At most this many nodes, strongest ties first; `truncated` says when "
        "the cap was reached",
        json_schema_extra=cap("max_results", clamps_default=True),
    )
    format: str = _GRAPH


class PathsParams(Schema):
    from_: str = Field(alias="from", min_length=1, description="The entity id to start from")
    to: str = Field(min_length=1, description="The entity id to reach")
    max_length: int = Field(
        4,
        ge=1,
        description="The longest path, in steps",
        json_schema_extra=cap("max_path_length", clamps_default=True),
    )
    types: list[RelationshipType] = Field(
        list(DEFAULT_PATH_TYPES),
        min_length=1,
        description=f"{_TYPES}; by default the assertions (MET_WITH, SUPPORTS, REJECTS)",
        json_schema_extra={"style": "form", "explode": False},
    )
    since: dt.date | Absent = Field(None, description=_SINCE)
    until: dt.date | Absent = Field(None, description=_UNTIL)
    k: int = Field(1, ge=1, le=MAX_PATHS, description="How many paths, shortest first")
    format: str = _format(
        GRAPH_FORMATS,
        "`json` (the paths), or `cytoscape` / `grafana`: the nodes and edges of all paths "
        "as one graph",
    )


class AlliancesParams(Schema):
    countries: str | Absent = Field(
        None,
        description="Only pairs of these states, comma-separated (at least two). " + _COUNTRY,
        examples=["IRN,SYR,TUR"],
    )
    since: dt.date | Absent = Field(None, description=_SINCE)
    until: dt.date | Absent = Field(None, description=_UNTIL)
    format: str = _format(TABLE_FORMATS, "`json`, or `csv`: the pairs as a table")


class TimelineParams(Schema):
    types: list[AssertionType] = Field(
        list(ASSERTION_TYPES),
        min_length=1,
        description=_ASSERTIONS,
        json_schema_extra={"style": "form", "explode": False},
    )
    since: dt.date | Absent = Field(None, description=_SINCE)
    until: dt.date | Absent = Field(None, description=_UNTIL)
    limit: int = Field(100, ge=1, description=_LIMIT, json_schema_extra=cap("max_results"))
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description=_OFFSET)
    format: str = _TABLE


class ActivityParams(Schema):
    interval: str = Field(
        "month",
        description="The length of a period; weeks are ISO weeks, from Monday",
        json_schema_extra={"enum": list(INTERVALS)},
    )
    types: list[RelationshipType] = Field(
        list(ASSERTION_TYPES),
        min_length=1,
        description=f"{_TYPES}; by default the assertions (MET_WITH, SUPPORTS, REJECTS)",
        json_schema_extra={"style": "form", "explode": False},
    )
    since: dt.date | Absent = Field(None, description="The first period holds this day")
    until: dt.date | Absent = Field(None, description="The last period holds this day")
    format: str = _format(TABLE_FORMATS, "`json`, or `csv`: one row per period")


class AnnotateParams(Schema):
    """Options of a `text/plain` body (a JSON body carries them as members)."""

    published: dt.date | Absent = Field(None, description=_PUBLISHED)
    source: str | Absent = Field(None, description="Who published it: `Reuters`")
    id: str | Absent = Field(None, description=_DRAFT_ID, json_schema_extra=ARTICLE_ID)


# -- request bodies --------------------------------------------------------------------


class ArticleDocument(_Document):
    """An article in the native format (`diplograph/v1`): the article, the entities it
    names, the events it reports and the relations it asserts, with local ids."""


class LabelStudioTask(OpenSchema):
    """A Label Studio task: the text under `data`, labelled spans under `annotations`."""

    data: dict[str, Any]
    annotations: list[dict[str, Any]] | Absent = None
    completions: list[dict[str, Any]] | Absent = Field(None, description="Older exports")


class ArticleUpload(RootModel[ArticleDocument | list[ArticleDocument] | list[LabelStudioTask]]):
    """One native article, a list of them, or a Label Studio export.  All or nothing: when
    one article is invalid, none is stored."""


class AnnotateRequest(Schema):
    """The raw text and its options."""

    text: str = Field(description="The article, as plain text or HTML")
    published: dt.date | Absent = Field(None, description=_PUBLISHED)
    source: str | Absent = Field(None, description="Who published it: `Reuters`")
    id: str | Absent = Field(None, description=_DRAFT_ID, json_schema_extra=ARTICLE_ID)


# -- answers ---------------------------------------------------------------------------


class Summary(Schema):
    """A node in short, inside other answers."""

    id: str = Field(examples=["person:fayssal-mikdad"])
    type: NodeLabel
    name: str
    country: str | None = Field(description="The ISO 3166 alpha-3 code of its state")


class Node(Summary, OpenSchema):
    """A node as shown: merged from every article that mentions it; the first article in
    id order names it and every other spelling is an alias."""

    aliases: list[str]
    wikidata: str | Absent = None
    kind: EventKind | Absent = Field(None, description="Events: what kind")
    date: dt.date | Absent = Field(None, description="Events: the day")
    published: dt.date | Absent = Field(None, description="Articles: the publication day")
    source: str | Absent = Field(None, description="Articles: who published it")
    url: str | Absent = Field(None, description="Articles")
    language: str | Absent = Field(None, description="Articles")


class Edge(OpenSchema):
    """A relationship as an article asserted it.  Structural ones (AFFILIATED_WITH,
    PARTICIPATED_IN, ...) come one per type, ends and title, with the period they were
    reported in and how many articles reported them."""

    id: str
    type: RelationshipType
    source: str = Field(description="A node id")
    target: str = Field(description="A node id")
    date: dt.date | None
    article: str = Field(description="The id of the article that asserted it")
    event: str | Absent = Field(None, description="The event it happened at")
    about: str | Absent = Field(None, description="SUPPORTS and REJECTS: about what")
    evidence: str | Absent = Field(None, description="The sentence that says so")
    span: tuple[int, int] | Absent = Field(None, description="Character offsets of the evidence")
    confidence: float | Absent = Field(None, ge=0, le=1)
    derived: bool | Absent = Field(
        None, description="MET_WITH: inferred from taking part in one meeting, not stated"
    )
    title: str | Absent = Field(None, description="AFFILIATED_WITH: the title held")
    first_seen: dt.date | None = Field(None, description="Structural: the earliest report")
    last_seen: dt.date | None = Field(None, description="Structural: the latest report")
    articles: int | Absent = Field(None, description="Structural: how many articles")
    parallel: int | Absent = Field(
        None, description="Paths: how many relationships join these two nodes"
    )


class Health(Schema):
    status: Literal["ok"]
    backend: Literal["networkx", "neo4j"]
    nodes: int
    relationships: int
    articles: int


class HealthUnavailable(Schema):
    status: Literal["unavailable"]
    backend: Literal["networkx", "neo4j"]
    detail: str = Field(description="Why the store cannot be reached")


class Stats(Schema):
    backend: Literal["networkx", "neo4j"]
    articles: int
    nodes: int
    relationships: int
    nodes_by_type: dict[str, int]
    relationships_by_type: dict[str, int]


class Page(Schema):
    total: int = Field(description="How many match, over every page")
    limit: int
    offset: int
    next: str | None = Field(
        description="The URL of the next page (same parameters, a later `offset`); null on "
        "the last page"
    )


class EntityItem(Summary):
    aliases: list[str]


class EntityPage(Page):
    items: list[EntityItem]


class Affiliation(Schema):
    state: Summary
    title: str | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    articles: int = Field(description="How many articles reported it")


class EntityDetail(Node):
    """An entity with its affiliations and its relationships counted by type."""

    affiliations: list[Affiliation]
    relationships: dict[str, int] = Field(examples=[{"MET_WITH": 6, "REJECTS": 1}])


class ArticleSummary(Schema):
    id: str = Field(examples=["article:reuters-2018-08-30-lavrov-moualem"])
    key: str = Field(description="The id without its `article:` prefix")
    title: str
    published: dt.date
    url: str | None
    source: str | None


class Meeting(Schema):
    """One MET_WITH assertion of one article."""

    id: str
    date: dt.date | None
    a: Summary
    b: Summary
    place: Summary | None
    event: str | None
    article: ArticleSummary
    evidence: str | None
    derived: bool = Field(description="Inferred from taking part in one meeting, not stated")


class MeetingPage(Page):
    """Meetings, newest first."""

    items: list[Meeting]


class GraphView(Schema):
    nodes: list[Node]
    edges: list[Edge]
    truncated: bool = Field(description="Whether the node cap (`limit`) cut the view short")


class Path(Schema):
    length: int = Field(description="In steps")
    nodes: list[Node] = Field(description="From the start to the end")
    edges: list[Edge] = Field(description="Each step's witness: a stated assertion first")


class Paths(Schema):
    paths: list[Path] = Field(description="Shortest first; empty when there is none")


class ArticleRecord(ArticleSummary):
    language: str | None
    text: str | None
    digest: str = Field(description="Changes when anything the article asserts changes")


class ArticleDetail(Schema):
    """The article and everything it asserted."""

    article: ArticleRecord
    nodes: list[Node]
    edges: list[Edge]


class Written(Schema):
    id: str = Field(examples=["article:api-test-1"])
    key: str
    status: Literal["created", "replaced", "unchanged"]
    nodes: int
    edges: int


class WriteResult(Written):
    """The first article's outcome, and every article's under `articles`."""

    articles: list[Written]


class Retraction(Schema):
    article: str
    edges_removed: int
    nodes_removed: int = Field(description="Nodes no other article mentions")


class Draft(ArticleDocument):
    """A native-format draft to review before ingesting it; `entities` is empty when
    the annotator found nobody, and such a draft cannot be ingested."""

    entities: list[_Entity] = Field(default_factory=list)


class Annotation(Schema):
    draft: Draft
    warnings: list[str] = Field(description="What was changed or doubted: HTML stripped, ...")
    words: int = Field(description="The length of the text")


class TimelineItem(Schema):
    """One assertion of the entity or about it."""

    id: str
    date: dt.date | None
    type: AssertionType
    direction: Literal["out", "in", "mutual"] = Field(
        description="`out`: the entity's stance; `in`: a stance on the entity; `mutual`: a meeting"
    )
    other: Summary = Field(description="Who or what is on the other side")
    event: str | None
    about: str | None
    evidence: str | None
    confidence: float | None = Field(ge=0, le=1)
    derived: bool = Field(description="Inferred from taking part in one meeting, not stated")
    article: ArticleSummary


class TimelinePage(Page):
    """The entity's meetings and stances, oldest first (undated last)."""

    items: list[TimelineItem]


class Directed(Schema):
    a_to_b: int
    b_to_a: int
    total: int


class StatePair(Schema):
    """Two states (`a` before `b` by code) and what their people asserted of each other."""

    a: Summary
    b: Summary
    meetings: int = Field(description="Meetings between their people, each counted once")
    supports: Directed = Field(description="SUPPORTS assertions, one per article")
    rejects: Directed = Field(description="REJECTS assertions, one per article")
    stance: float | None = Field(
        ge=-1,
        le=1,
        description="(supports - rejects) / (supports + rejects), both directions; null "
        "when neither was stated",
    )


class StanceMatrix(Schema):
    """The same numbers as square tables: row `i`, column `j` for `states[i]`, `states[j]`."""

    states: list[str] = Field(description="ISO codes, in the order of rows and columns")
    meetings: list[list[int]] = Field(description="Symmetric")
    supports: list[list[int]] = Field(description="The row's state supporting the column's")
    rejects: list[list[int]] = Field(description="The row's state rejecting the column's")
    stance: list[list[float | None]] = Field(description="Symmetric; null on the diagonal")


class Bloc(Schema):
    id: int
    members: list[Summary]
    meetings: int = Field(description="Between members")
    supports: int = Field(description="Between members")
    rejects: int = Field(description="Between members")


class Alliances(Schema):
    """Stances between states, their officials' and organisations' counted for them, and
    blocs: Louvain communities of the support-minus-rejection graph, without members that
    reject the rest of their bloc more than they support it."""

    states: list[Summary]
    pairs: list[StatePair] = Field(description="Most evidence first")
    matrix: StanceMatrix
    blocs: list[Bloc] = Field(description="Largest first")
    unaligned: list[Summary] = Field(description="States in no bloc")


class Period(Schema):
    period: str = Field(examples=["2017-10", "2017-W43", "2017-10-25"])
    start: dt.date
    end: dt.date
    counts: dict[str, int] = Field(description="By relationship type, zeros included")
    total: int


class Activity(Schema):
    """Relationships counted per period; periods with nothing in them are there, as zeros."""

    interval: Literal["day", "week", "month"]
    types: list[RelationshipType]
    total: int
    series: list[Period]


class CytoscapeElement(OpenSchema):
    data: dict[str, Any] = Field(description="The node or edge as in graph JSON")


class CytoscapeElements(Schema):
    nodes: list[CytoscapeElement]
    edges: list[CytoscapeElement]


class CytoscapeGraph(Schema):
    """`format=cytoscape`: what `cy.add()` or `cytoscape({elements})` takes."""

    elements: CytoscapeElements
    truncated: bool


class GrafanaNode(Schema):
    id: str
    title: str
    subtitle: str
    mainstat: str
    color: str


class GrafanaEdge(Schema):
    id: str
    source: str
    target: str
    mainstat: str = Field(description="The relationship type")
    secondarystat: str = Field(description="The date")
    color: str
    detail__article: str
    detail__evidence: str


class GrafanaGraph(Schema):
    """`format=grafana`: the nodes and edges frames of Grafana's node graph panel, with its
    field names (for the Infinity or JSON data sources)."""

    nodes: list[GrafanaNode]
    edges: list[GrafanaEdge]
    truncated: bool
