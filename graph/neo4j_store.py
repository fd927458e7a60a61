"""The Neo4j store: the same graph and the same answers as the embedded store, on a server.

Layout in Neo4j (DESIGN section 3):

* one node per entity, event and article, labelled from :data:`graph.model.NODE_LABELS`
  only, with ``id`` (unique per label), ``name``, ``country``, ``aliases`` and the
  other merged properties, exactly what :func:`graph.merge.merge_contributions` gives;
* one relationship per :class:`~graph.model.Edge`, typed from
  :data:`graph.model.RELATIONSHIP_TYPES`, with ``id`` (unique), ``article``, ``date``
  (a Neo4j date) and the edge's own properties;
* bookkeeping in properties whose names start with ``_`` (never shown): every node
  keeps each distinct contribution the articles make to it (``_contribs``, JSON), how
  many articles make it and the first of them (``_counts``, ``_firsts``), and each
  Article node which contribution it made to each of its nodes (``_node_refs``), so
  replacing or retracting an article recomputes the merge exactly while a hub stays
  small; ``_match_key``/``_alt_keys`` (indexed) answer :meth:`Neo4jStore.lookup_keys`;
  ``_spellings`` serves search; ``_seq`` on a relationship is the order it was
  written in (the embedded store's order where a view is capped); an Article node
  keeps its digest, text and the order of its nodes and edges.

Every query is a fixed template: labels and relationship types are chosen from the
allow-lists by templates keyed on them, never spliced from input, and every value is a
Cypher parameter.  Writes run as one ``execute_write`` transaction per batch, a
handful of ``UNWIND`` queries; reads run in ``execute_read`` transactions.  The
final shaping of answers reuses :mod:`graph.views` and :mod:`graph.merge`, so both
stores agree.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import accumulate
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit, urlunsplit

import orjson
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DatabaseUnavailable,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from neo4j.time import Date as Neo4jDate

from graph.activity import DayCount
from graph.alliances import STANCE_HOLDERS, StanceCount
from graph.errors import ArticleNotFound, EntityNotFound, InvalidQuery, StoreUnavailable
from graph.identity import StateTable, match_key
from graph.merge import merge_contributions, merge_rows
from graph.model import (
    ASSERTION_TYPES,
    ENTITY_TYPES,
    NODE_LABELS,
    RELATIONSHIP_TYPES,
    ArticleGraph,
    Edge,
    Node,
)
from graph.queries import (
    ActivityQuery,
    AlliancesQuery,
    ArticleDetail,
    EntityQuery,
    GraphView,
    MeetingsQuery,
    NeighbourhoodQuery,
    Page,
    PathResult,
    PathsQuery,
    StoreStats,
    TimelineQuery,
)
from graph.store import RetractOutcome, Store, WriteOutcome, WriteStatus, article_node_id
from graph.views import (
    article_summary,
    collapse_structural,
    edge_dict,
    summary,
    timeline_direction,
)

__all__ = ["BulkGraph", "BulkNode", "BulkRelationship", "Neo4jStore"]

T = TypeVar("T")
Row = dict[str, Any]

_OUT_OF_TRANSACTION_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
# The embedded store caps a view at this many edges (graph.neighbourhood.MAX_VIEW_EDGES).
_MAX_VIEW_EDGES = 5000
# Path queries have one template per length bound; lengths beyond this are refused.
_MAX_PATH_LENGTH = 16
# How many relationship-level paths SHORTEST asks for, growing until k distinct simple
# node sequences are found or the search is exhausted.
_FETCH_LADDER = (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32, 64, 128, 256, 512, 1024)
# Edge properties in the order the compiler writes them; any others follow by name.
_EDGE_PROP_ORDER = ("about", "evidence", "span", "confidence", "derived", "event", "title")
_EDGE_KEYS = ("id", "article", "date")
# What _edge_row holds after the two ends, before the other properties: its property names.
_EDGE_ROW_NAMES = (*_EDGE_KEYS, "_seq", *_EDGE_PROP_ORDER)
_SHOWN_ALWAYS = ("id", "type", "name", "country", "aliases")
_ASSERTION_SET = frozenset(ASSERTION_TYPES)
_ALL_TYPES = frozenset(RELATIONSHIP_TYPES)

# -- Cypher templates ----------------------------------------------------------------------
# Only allow-listed labels and types, fixed identifiers and validated integers ever reach
# the text of a query; everything else is a parameter.


def _label(label: str) -> str:
    if label not in NODE_LABELS:
        raise ValueError(f"not an allow-listed node label: {label!r}")
    return label


def _public(var: str) -> str:
    """A node as ``{label, props}``, without the bookkeeping properties."""
    return (
        f"{{label: labels({var})[0], order: {var}._order, "
        f"props: [k IN keys({var}) WHERE NOT k STARTS WITH '_' | [k, {var}[k]]]}}"
    )


def _summary(var: str) -> str:
    return f"{{id: {var}.id, type: labels({var})[0], name: {var}.name, country: {var}.country}}"


def _edge(var: str) -> str:
    """A relationship as [type, source id, target id, properties] (lists decode fastest)."""
    return f"[type({var}), startNode({var}).id, endNode({var}).id, properties({var})]"


def _period(var: str) -> str:
    """The relationship's date is within ``$since``/``$until`` (``graph.views.in_period``)."""
    return (
        f"({var}.date IS NOT NULL OR ($since IS NULL AND $until IS NULL)) "
        f"AND ($since IS NULL OR {var}.date >= $since) "
        f"AND ($until IS NULL OR {var}.date <= $until)"
    )


def _each_label(body: Callable[[str], str], labels: Iterable[str] = NODE_LABELS) -> str:
    return " UNION ALL ".join(body(_label(label)) for label in labels)


_SCHEMA: tuple[str, ...] = (
    *(
        f"CREATE CONSTRAINT diplograph_{label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in NODE_LABELS
    ),
    *(
        f"CREATE INDEX diplograph_{label.lower()}_match_key IF NOT EXISTS "
        f"FOR (n:{label}) ON (n._match_key)"
        for label in ENTITY_TYPES
    ),
    *(
        f"CREATE INDEX diplograph_{label.lower()}_alt_keys IF NOT EXISTS "
        f"FOR (n:{label}) ON (n._alt_keys)"
        for label in ENTITY_TYPES
    ),
    *(
        f"CREATE CONSTRAINT diplograph_{rel.lower()}_id IF NOT EXISTS "
        f"FOR ()-[r:{rel}]-() REQUIRE r.id IS UNIQUE"
        for rel in RELATIONSHIP_TYPES
    ),
    *(
        f"CREATE INDEX diplograph_{rel.lower()}_article IF NOT EXISTS "
        f"FOR ()-[r:{rel}]-() ON (r.article)"
        for rel in RELATIONSHIP_TYPES
    ),
    "CREATE INDEX diplograph_met_with_date IF NOT EXISTS FOR ()-[r:MET_WITH]-() ON (r.date)",
)

# -- writes --

# Lock (setting a property takes the write lock) and read what a batch will change.
_NODE_STATE = (
    "RETURN id, elementId(n) AS eid, keys(n) AS keys, n._contribs AS contribs,"
    " n._counts AS counts, n._firsts AS firsts, n._digest AS digest,"
    " n._node_ids AS node_ids, n._node_labels AS node_labels, n._node_refs AS node_refs,"
    " n._edge_ids AS edge_ids"
)
_MERGE_AND_LOCK = {
    label: f"UNWIND $ids AS id MERGE (n:{label} {{id: id}}) "
    f"SET n._lock = true REMOVE n._lock {_NODE_STATE}"
    for label in NODE_LABELS
}
_LOCK_ARTICLE = (
    f"MATCH (n:Article {{id: $id}}) WITH n, n.id AS id "
    f"SET n._lock = true REMOVE n._lock {_NODE_STATE}"
)
# The first article (in id order) that still makes a node's distinct contribution, when
# the one that was first stopped making it: each [node id, ref] asked, over the stored
# articles not rewritten by this batch.  Rare (only then), and a scan of Article nodes.
_FIND_FIRSTS = (
    "UNWIND $needs AS need"
    " CALL (need) { MATCH (a:Article) WHERE a._node_ids IS NOT NULL AND NOT a.id IN $changed"
    "  WITH a.id AS article, a._node_ids AS ids, a._node_refs AS refs"
    "  WHERE any(i IN range(0, size(ids) - 1) WHERE ids[i] = need[0] AND refs[i] = need[1])"
    "  RETURN min(article) AS first }"
    " RETURN need, first"
)
# ``+=``: properties mapped to null (stale merged properties) are removed.
_SET_NODES = "UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.eid SET n += row.props"
_DELETE_NODES = "UNWIND $eids AS eid MATCH (n) WHERE elementId(n) = eid DETACH DELETE n"
_DELETE_ARTICLE_EDGES = "UNWIND $articles AS article " + " ".join(
    f"CALL (article) {{ MATCH ()-[r:{rel}]->() WHERE r.article = article DELETE r }}"
    for rel in RELATIONSHIP_TYPES
)
# Rows are lists (see _edge_row): far cheaper to send than maps.  Null properties are
# simply not set.
_CREATE_EDGES = {
    rel: "UNWIND $rows AS row"
    " MATCH (a) WHERE elementId(a) = row[0]"
    " MATCH (b) WHERE elementId(b) = row[1]"
    f" CREATE (a)-[r:{rel} {{id: row[2], article: row[3]}}]->(b)"
    " SET r.date = row[4], r._seq = row[5], "
    + ", ".join(f"r.{key} = row[{6 + i}]" for i, key in enumerate(_EDGE_PROP_ORDER))
    + f" SET r += row[{6 + len(_EDGE_PROP_ORDER)}]"
    for rel in RELATIONSHIP_TYPES
}
_LOOKUP_KEYS = {
    label: f"UNWIND $keys AS key MATCH (n:{label}) WHERE n._match_key = key "
    "RETURN key, min(n.id) AS id"
    for label in NODE_LABELS
}
_LOOKUP_ALT_KEYS = {
    label: f"MATCH (n:{label}) WHERE n._alt_keys IS NOT NULL "
    "AND any(k IN n._alt_keys WHERE k IN $keys) RETURN n.id AS id, n._alt_keys AS keys"
    for label in NODE_LABELS
}

# -- reads --

_FIND = (
    "CALL () { "
    + _each_label(lambda label: f"MATCH (n:{label} {{id: $id}}) RETURN n")
    + f" }} RETURN elementId(n) AS eid, {_public('n')} AS node LIMIT 1"
)
_NODES_BY_ID = {
    label: f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN id, {_public('n')} AS node"
    for label in NODE_LABELS
}
_COUNT_NODES = (
    "CALL () { "
    + _each_label(lambda label: f"MATCH (n:{label}) RETURN '{label}' AS key, count(n) AS count")
    + " } RETURN key, count"
)
_COUNT_EDGES = (
    "CALL () { "
    + " UNION ALL ".join(
        f"MATCH ()-[r:{rel}]->() RETURN '{rel}' AS key, count(r) AS count"
        for rel in RELATIONSHIP_TYPES
    )
    + " } RETURN key, count"
)
_ENTITY_COUNTS = (
    "MATCH (n) WHERE elementId(n) = $eid MATCH (n)-[r]-() "
    "RETURN type(r) AS type, count(DISTINCT r) AS count"
)
# In the order graph.memory meets them: states by their first connection to the entity
# (any type), then as written (``_seq``).
_ENTITY_AFFILIATIONS = (
    "MATCH (n) WHERE elementId(n) = $eid MATCH (n)-[r:AFFILIATED_WITH]->(s)"
    " WITH n, s, collect(r) AS affiliations"
    " MATCH (n)-[q]-(s) WITH s, affiliations, min(q._seq) AS first"
    " UNWIND affiliations AS r"
    f" RETURN {_edge('r')} AS edge, {_summary('s')} AS state ORDER BY first, r._seq"
)
_ARTICLE = (
    "MATCH (n:Article {id: $id}) WHERE n._digest IS NOT NULL "
    f"RETURN {_public('n')} AS node, n._digest AS digest, n._text AS text, "
    "n._node_ids AS node_ids, n._node_labels AS node_labels, n._edge_ids AS edge_ids"
)
_ARTICLE_EDGES = (
    "CALL () { "
    + " UNION ALL ".join(
        f"MATCH ()-[r:{rel}]->() WHERE r.article = $id RETURN r" for rel in RELATIONSHIP_TYPES
    )
    + f" }} RETURN {_edge('r')} AS edge"
)
_EXPORT_NODES = f"MATCH (n) RETURN {_public('n')} AS node"
_EXPORT_EDGES = f"MATCH ()-[r]->() RETURN {_edge('r')} AS edge"
_MERGED_NODES = (
    "MATCH (n) WHERE n._merged = true RETURN n.id AS id, n.name AS name, n._contribs AS contribs"
)
# Which articles contribute which distinct contribution (a ref) to the given nodes.
_CONTRIBUTORS = (
    "MATCH (a:Article) WHERE a._node_ids IS NOT NULL"
    " WITH a.id AS article, a._node_ids AS ids, a._node_refs AS refs"
    " UNWIND range(0, size(ids) - 1) AS i"
    " WITH article, ids[i] AS node, refs[i] AS ref WHERE node IN $nodes"
    " RETURN node, article, ref"
)
_PING = "RETURN 1 AS ok"

_MEETINGS_TAIL = (
    " WITH r, a, b ORDER BY coalesce(r.date, date('0001-01-01')) DESC, r.id DESC"
    " WITH collect([r, a, b]) AS found"
    " WITH size(found) AS total, found[$offset..$stop] AS window"
    " CALL (window) {"
    "  UNWIND window AS f"
    "  WITH f[0] AS r, f[1] AS a, f[2] AS b"
    "  OPTIONAL MATCH (art:Article {id: r.article})"
    # The place: the event's first neighbour (by first connection) that it was held in.
    "  CALL (r) { MATCH (:Event {id: r.event})-[q]-(p)"
    "   WITH p, min(q._seq) AS first, count(CASE WHEN type(q) = 'HELD_IN' THEN 1 END) AS held"
    "   WHERE held > 0 WITH p ORDER BY first LIMIT 1"
    "   RETURN collect(" + _summary("p") + ") AS places }"
    "  RETURN collect({id: r.id, date: r.date, event: r.event, evidence: r.evidence,"
    "   derived: r.derived, a: " + _summary("a") + ", b: " + _summary("b") + ","
    "   article: art {.id, .name, .published, .url, .source}, place: head(places)}) AS items"
    " }"
    " RETURN total, items"
)
# With ``entity``: ``a`` is the entity; ``country`` applies to the other side.
_MEETINGS_OF_ENTITY = (
    "MATCH (e) WHERE elementId(e) = $entity"
    " MATCH (e)-[r:MET_WITH]-()"
    f" WHERE {_period('r')}"
    " WITH DISTINCT e, r"
    " WITH r, startNode(r) AS x, endNode(r) AS y, e"
    " WITH r, CASE WHEN y = e THEN y ELSE x END AS a, CASE WHEN y = e THEN x ELSE y END AS b"
    " WHERE ($with IS NULL OR a.id = $with OR b.id = $with)"
    " AND ($country IS NULL OR b.country = $country)" + _MEETINGS_TAIL
)
# With ``with`` only: ``b`` is that entity.
_MEETINGS_WITH = (
    "MATCH (w) WHERE elementId(w) = $with_node"
    " MATCH (w)-[r:MET_WITH]-()"
    f" WHERE {_period('r')}"
    " WITH DISTINCT w, r"
    " WITH r, startNode(r) AS x, endNode(r) AS y, w"
    " WITH r, CASE WHEN x = w THEN y ELSE x END AS a, CASE WHEN x = w THEN x ELSE y END AS b"
    " WHERE ($country IS NULL OR a.country = $country OR b.country = $country)" + _MEETINGS_TAIL
)
_MEETINGS_ALL = (
    "MATCH (a)-[r:MET_WITH]->(b)"
    f" WHERE {_period('r')}"
    " AND ($country IS NULL OR a.country = $country OR b.country = $country)" + _MEETINGS_TAIL
)


# -- alliances, timelines, activity ----------------------------------------------------

_HOLDER = " OR ".join(f"{{var}}:{_label(label)}" for label in STANCE_HOLDERS)
# Assertions between states: a person or organisation counts for its ``country``.
_STANCE_COUNTS = (
    "MATCH (x)-[r:MET_WITH|SUPPORTS|REJECTS]->(y)"
    f" WHERE ({_HOLDER.format(var='x')}) AND ({_HOLDER.format(var='y')})"
    " AND x.country IS NOT NULL AND y.country IS NOT NULL AND x.country <> y.country"
    " AND ($countries IS NULL OR (x.country IN $countries AND y.country IN $countries))"
    f" AND {_period('r')}"
    # A meeting counts once, however many of its pairs are stated (graph.alliances).
    " WITH r, type(r) = 'MET_WITH' AND y.country < x.country AS swap, x, y"
    " WITH r, CASE WHEN swap THEN y.country ELSE x.country END AS a,"
    "  CASE WHEN swap THEN x.country ELSE y.country END AS b"
    " RETURN type(r) AS type, a, b,"
    "  count(DISTINCT CASE WHEN type(r) = 'MET_WITH' THEN coalesce(r.event, r.id)"
    "   ELSE r.id END) AS n"
)
_STATE_SUMMARIES = "MATCH (s:State) WHERE s.id IN $codes RETURN " + _summary("s") + " AS state"


@cache
def _timeline_query(types: frozenset[str]) -> str:
    return (
        "MATCH (e) WHERE elementId(e) = $entity"
        f" MATCH (e)-[r:{_type_expr(types)}]-(o)"
        f" WHERE {_period('r')}"
        " WITH DISTINCT e, r, o"
        " ORDER BY r.date IS NULL, r.date, r.id"
        " WITH e, collect([r, o]) AS found"
        " WITH e, size(found) AS total, found[$offset..$stop] AS window"
        " CALL (e, window) {"
        "  UNWIND window AS f"
        "  WITH e, f[0] AS r, f[1] AS o"
        "  OPTIONAL MATCH (art:Article {id: r.article})"
        "  RETURN collect({id: r.id, date: r.date, type: type(r), out: startNode(r) = e,"
        "   other: " + _summary("o") + ", event: r.event, about: r.about,"
        "   evidence: r.evidence, confidence: r.confidence, derived: r.derived,"
        "   article: art {.id, .name, .published, .url, .source}}) AS items"
        " }"
        " RETURN total, items"
    )


@cache
def _activity_query(types: frozenset[str]) -> str:
    return (
        f"MATCH ()-[r:{_type_expr(types)}]->() WHERE r.date IS NOT NULL AND {_period('r')}"
        " RETURN r.date AS day, type(r) AS type, count(r) AS n"
    )


def _type_filter(types: Iterable[str]) -> frozenset[str]:
    wanted = frozenset(types)
    unknown = sorted(wanted - set(RELATIONSHIP_TYPES))
    if unknown or not wanted:
        raise InvalidQuery("types", f"unknown relationship type {', '.join(unknown) or '(none)'}")
    return wanted


def _type_expr(types: frozenset[str]) -> str:
    """``MET_WITH|SUPPORTS``: allow-list entries only, in allow-list order."""
    return "|".join(rel for rel in RELATIONSHIP_TYPES if rel in types)


@cache
def _search_query(labels: tuple[str, ...]) -> str:
    return (
        "CALL () { " + _each_label(lambda label: f"MATCH (n:{label}) RETURN n", labels) + " }"
        " WITH n WHERE $country IS NULL OR n.country = $country"
        " WITH n, CASE"
        "  WHEN $q IS NULL THEN 3"
        "  WHEN n.id = $q OR n.id = $state OR $needle IN n._spellings THEN 0"
        # A needle of one or two letters ("zz" folds to "z") only matches whole names.
        "  WHEN size($needle) < 3 THEN -1"
        "  WHEN any(s IN n._spellings WHERE s STARTS WITH $needle) THEN 1"
        "  WHEN any(s IN n._spellings WHERE s CONTAINS $needle) THEN 2"
        "  ELSE -1 END AS rank"
        " WHERE rank >= 0"
        # networkx's degree: distinct neighbours, a self-loop counting twice.
        " WITH n, rank, COUNT { MATCH (n)--(m) WHERE m <> n RETURN DISTINCT m }"
        "  + CASE WHEN EXISTS { (n)--(n) } THEN 2 ELSE 0 END AS degree"
        " ORDER BY rank, degree DESC, n.id"
        " WITH collect(n) AS found"
        f" RETURN size(found) AS total, [n IN found[$offset..$stop] | {_public('n')}] AS items"
    )


# The unseen filter follows the count: once per neighbour, not once per relationship
# (a hub's second BFS level at 300,000 articles: 2.2 s before, 0.7 s after).
_RANKED_NEIGHBOURS = (
    "COLLECT {{ MATCH (n)-[r:{rels}]-(m) WHERE m <> n AND {period}"
    " WITH m, count(r) AS weight{unseen} ORDER BY weight DESC, m.id LIMIT $per"
    " RETURN [elementId(m), m.id, weight] }} AS ranked"
)


def _view_graph(types: frozenset[str]) -> frozenset[str]:
    """The types whose first edge orders a view's pairs (graph.memory: assertions alone,
    or everything)."""
    return _ASSERTION_SET if types <= _ASSERTION_SET else _ALL_TYPES


def _ranked(types: frozenset[str], unseen: str) -> str:
    return _RANKED_NEIGHBOURS.format(rels=_type_expr(types), unseen=unseen, period=_period("r"))


@cache
def _first_level_query(types: frozenset[str]) -> str:
    """The start node by id, and its neighbours ranked by the number of matching edges."""
    return (
        "CALL () { "
        + _each_label(lambda label: f"MATCH (n:{label} {{id: $id}}) RETURN n")
        + " } WITH n LIMIT 1"
        f" RETURN elementId(n) AS eid, {_ranked(types, '')}"
    )


@cache
def _next_level_query(types: frozenset[str]) -> str:
    """One more BFS level: each frontier node's unseen neighbours, strongest ties first."""
    ranked = _ranked(types, " WHERE NOT elementId(m) IN $seen")
    return f"UNWIND $frontier AS eid MATCH (n) WHERE elementId(n) = eid RETURN eid, {ranked}"


_EARLIEST = (
    "reduce(e = head(members), x IN tail(members) |"
    " CASE WHEN coalesce(toString(x.date), '') < coalesce(toString(e.date), '')"
    " OR (coalesce(toString(x.date), '') = coalesce(toString(e.date), '') AND x.id < e.id)"
    " THEN x ELSE e END)"
)
_LATEST = (
    "reduce(l = head(members), x IN tail(members) |"
    " CASE WHEN x.date IS NOT NULL AND (l.date IS NULL OR x.date > l.date) THEN x ELSE l END)"
)
# Rows of edges ``r`` to groups for collapse_structural: an assertion alone, a structural
# group (type, ends, title) as its first member by id, its earliest and its latest member
# (all that collapse_structural shows, but for the number of articles: that is ``size``).
_GROUPS = (
    " WITH r, r.id AS id ORDER BY id"
    " WITH type(r) AS type, CASE WHEN type(r) IN $assertions THEN id END AS own,"
    "  startNode(r) AS a, endNode(r) AS b, r.title AS title, collect(r) AS members"
    " WITH members, CASE WHEN size(members) = 1 THEN members"
    f"  ELSE [head(members), {_EARLIEST}, {_LATEST}] END AS chosen"
    f" RETURN collect({{size: size(members), edges: [x IN chosen | {_edge('x')}]}}) AS groups"
)


def _view_pairs(types: frozenset[str], positions: str) -> str:
    """Each relationship ``r`` of the view's graph from the node at BFS position ``i`` (of
    ``positions``) to a node ``m`` of the view whose id is not smaller: every pair once."""
    return (
        f"UNWIND {positions} AS i MATCH (n) WHERE elementId(n) = $eids[i]"
        f" MATCH (n)-[r:{_type_expr(_view_graph(types))}]-(m)"
        " WITH i, $rank[$eids[i]][1] AS mine, $rank[elementId(m)] AS other, m, r"
        " WHERE other IS NOT NULL AND mine <= other[1]"
    )


@cache
def _view_query(types: frozenset[str]) -> str:
    """The first ``$cap`` edges between a small neighbourhood's nodes, grouped, in one
    query: every relationship between them is expanded and held once.

    Edges come in the order the embedded store lists them before it caps a view: the
    BFS order; for each node, its neighbours of larger id in the order they were first
    connected in the view's graph (all types, or only the assertions); between two
    nodes, the order the edges were written in (``_seq``).  ``$rank`` maps element ids
    to [BFS position, rank of the node id].  One edge more than the cap tells truncation.
    """
    return (
        f"CALL () {{ {_view_pairs(types, 'range(0, size($eids) - 1)')}"
        "  WITH i, m, min(r._seq) AS first, collect(r) AS between"
        f"  UNWIND [x IN between WHERE type(x) IN $types AND {_period('x')}] AS r"
        "  WITH i, first, r ORDER BY i, first, r._seq LIMIT $cap + 1"
        "  RETURN collect(r) AS found }"
        " CALL (found) { UNWIND found[..$cap] AS r" + _GROUPS + " }"
        " RETURN groups, size(found) > $cap AS over"
    )


@cache
def _view_pairs_query(types: frozenset[str]) -> str:
    """For a large neighbourhood, the pairs of BFS positions $start to $stop that have
    followed edges, in :func:`_view_query`'s order (``first`` is a pair's smallest
    ``_seq``), with how many.  Only counts come back, so a hub's pairs cost no
    transaction memory however many edges they hold."""
    return (
        _view_pairs(types, "range($start, $stop - 1)") + " WITH i, m, min(r._seq) AS first,"
        f"  sum(CASE WHEN type(r) IN $types AND {_period('r')} THEN 1 ELSE 0 END) AS followed"
        " WHERE followed > 0"
        " RETURN i, elementId(m) AS other, followed ORDER BY i, first"
    )


@cache
def _view_nodes_query(types: frozenset[str]) -> str:
    """The nodes of a neighbourhood, each with its degree in the view's graph (from the
    degree store: nothing is expanded), which decides how its edges are gathered."""
    graph = _type_expr(_view_graph(types))
    return (
        "UNWIND $eids AS eid MATCH (x) WHERE elementId(x) = eid"
        f" RETURN eid, {_public('x')} AS node, COUNT {{ (x)-[:{graph}]-() }} AS degree"
    )


@cache
def _view_edges_query(types: frozenset[str]) -> str:
    """The followed edges of the pairs a view's cap keeps, grouped: every edge of the
    ``$whole`` pairs, and the first ``$room`` (by ``_seq``) of the ``$cut`` pair, if the
    cap cuts one."""
    between = f"MATCH (a)-[r:{_type_expr(types)}]-(b) WHERE {_period('r')}"
    return (
        "CALL () { CALL () {"
        "  UNWIND $whole AS pair MATCH (a) WHERE elementId(a) = pair[0]"
        f"  MATCH (b) WHERE elementId(b) = pair[1] {between} RETURN r"
        "  UNION ALL"
        "  MATCH (a) WHERE elementId(a) = $cut[0] MATCH (b) WHERE elementId(b) = $cut[1]"
        f"  {between} WITH r ORDER BY r._seq LIMIT $room RETURN r }}"
        "  RETURN collect(r) AS found }"
        " CALL (found) { UNWIND found AS r" + _GROUPS + " }"
        " RETURN groups"
    )


@cache
def _paths_query(types: frozenset[str], max_length: int, fetch: int, canonical: bool) -> str:
    """Both ends by id and up to ``fetch`` shortest paths between them, with every hop's edges.

    The type and date filters sit inside the quantified path pattern, so they prune the
    search.  With ``canonical``, a hop may only use the smallest-id matching relationship
    between its two nodes, so parallel edges do not multiply the paths of one node
    sequence.
    """
    if not 1 <= max_length <= _MAX_PATH_LENGTH or fetch not in _FETCH_LADDER:
        raise ValueError("path query bounds outside the fixed templates")
    rels = _type_expr(types)
    hop = f"a <> b AND {_period('r')}"
    if canonical:
        hop += (
            f" AND NOT EXISTS {{ MATCH (a)-[q:{rels}]-(b) WHERE q.id < r.id AND {_period('q')} }}"
        )

    def find(param: str) -> str:
        return (
            "head(COLLECT { "
            + _each_label(lambda label: f"MATCH (n:{label} {{id: ${param}}}) RETURN n")
            + " })"
        )

    return (
        f"WITH {find('source')} AS s, {find('target')} AS t"
        f" RETURN s IS NOT NULL AS has_source, t IS NOT NULL AS has_target,"
        f" CASE WHEN s IS NULL THEN null ELSE {_public('s')} END AS source_node,"
        " COLLECT { WITH s, t WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t"
        f"  MATCH p = SHORTEST {int(fetch)}"
        f"  (s)((a)-[r:{rels}]-(b) WHERE {hop}){{1,{int(max_length)}}}(t)"
        "  WITH nodes(p) AS ns"
        "  RETURN {ids: [n IN ns | elementId(n)],"
        f"   nodes: [n IN ns | {_public('n')}],"
        "   hops: [i IN range(0, size(ns) - 2) | COLLECT {"
        "    WITH ns[i] AS x, ns[i + 1] AS y"
        f"    MATCH (x)-[q:{rels}]-(y) WHERE {_period('q')} RETURN {_edge('q')} }}]}}"
        " } AS paths"
    )


# -- conversions ---------------------------------------------------------------------------


def _native(value: Any) -> Any:
    return value.to_native() if isinstance(value, Neo4jDate) else value


def _public_node(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The node as the embedded store shows it: the merged dict without ``_`` keys."""
    props = {k: _native(v) for k, v in raw["props"]}
    node: dict[str, Any] = {
        "id": props.pop("id"),
        "type": raw["label"],
        "name": props.pop("name"),
        "country": props.pop("country", None),
    }
    aliases = props.pop("aliases", [])
    # The merged properties in the order graph.merge put them.
    for key in raw.get("order") or ():
        if key in props:
            node[key] = props.pop(key)
    node.update(sorted(props.items()))
    node["aliases"] = list(aliases)
    return node


def _to_edge(raw: Sequence[Any]) -> Edge:
    kind, source, target, stored = raw
    props = {k: v for k, v in stored.items() if not k.startswith("_")}
    edge_id, article, day = props.pop("id"), props.pop("article"), props.pop("date", None)
    ordered = {k: props.pop(k) for k in _EDGE_PROP_ORDER if k in props}
    ordered.update(sorted((k, _native(v)) for k, v in props.items()))
    return Edge(edge_id, kind, source, target, article, _native(day), ordered)


def _edge_row(edge: Edge, source: str, target: str, seq: list[int]) -> list[Any]:
    """A row of _CREATE_EDGES: ends, id, article, date, write order, props, other props."""
    props = edge.props
    others = {
        k: v
        for k, v in props.items()
        if v is not None and k not in _EDGE_PROP_ORDER and k not in _EDGE_KEYS
    }
    known = [props.get(k) for k in _EDGE_PROP_ORDER]
    return [source, target, edge.id, edge.article, edge.date, seq, *known, others]


class _Contributions:
    """What the articles say about one node, kept compactly on the node.

    Most articles say exactly the same about a node (a state is "Syria", ISO, itself),
    so the node keeps each distinct contribution once (``_contribs``, JSON), with the
    number of articles that make it (``_counts``) and the first of them in id order
    (``_firsts``, "" when none).  Each Article node keeps, per node it contributes, the
    index of its contribution there (``_node_refs``).  A hub's properties thus stay
    small however many articles mention it, and merge_contributions over the distinct
    contributions, each under its first article, gives what it gives over all of them
    (each of its rules takes the first article with some property, or a union).
    """

    def __init__(
        self, contribs: list[str] | None, counts: list[int] | None, firsts: list[str] | None
    ) -> None:
        self.contribs = list(contribs or [])
        self.counts = list(counts or [])
        self.firsts: list[str | None] = [f or None for f in firsts or []]
        self._index = {text: i for i, text in enumerate(self.contribs)}
        self._decoded: dict[int, Node] = {}
        self._lost: dict[int, str] = {}  # ref -> the first article that no longer makes it
        self._added: dict[int, str] = {}  # ref -> the first article of this batch making it

    def node(self, ref: int) -> Node:
        found = self._decoded.get(ref)
        if found is None:
            raw: dict[str, Any] = orjson.loads(self.contribs[ref])
            found = self._decoded[ref] = Node(**{**raw, "aliases": tuple(raw["aliases"])})
        return found

    def remove(self, article: str, ref: int) -> None:
        self.counts[ref] -= 1
        if self.firsts[ref] == article:
            self._lost[ref] = article

    def add(self, article: str, node: Node) -> int:
        text = orjson.dumps(node).decode()
        ref = self._index.get(text)
        if ref is None:
            ref = self._index[text] = len(self.contribs)
            self.contribs.append(text)
            self.counts.append(0)
            self.firsts.append(None)
            self._decoded[ref] = node
        self.counts[ref] += 1
        if ref not in self._added or article < self._added[ref]:
            self._added[ref] = article
        return ref

    def needs(self) -> list[int]:
        """Refs whose first article must be looked up among the other stored articles."""
        return [
            ref
            for ref, lost in self._lost.items()
            if self.counts[ref] > 0 and not (ref in self._added and self._added[ref] <= lost)
        ]

    def settle(self, found: Mapping[int, str | None]) -> None:
        """Fix every first article, given the ones looked up for :meth:`needs`."""
        for ref, count in enumerate(self.counts):
            if count == 0:
                self.firsts[ref] = None
                continue
            known = found.get(ref) if ref in self._lost else self.firsts[ref]
            if ref in self._lost and ref not in found:
                known = None  # the lost first came back, or nothing else makes it
            candidates = [a for a in (known, self._added.get(ref)) if a is not None]
            self.firsts[ref] = min(candidates) if candidates else None

    def distinct(self) -> dict[str, Node]:
        """Each distinct contribution still made, under its first article."""
        return {
            first: self.node(ref)
            for ref, first in enumerate(self.firsts)
            if first is not None and self.counts[ref] > 0
        }

    def properties(self) -> dict[str, Any]:
        return {
            "_contribs": self.contribs,
            "_counts": self.counts,
            "_firsts": [f or "" for f in self.firsts],
        }


def _node_properties(
    node_id: str, distinct: Mapping[str, Node], stale: Iterable[str]
) -> dict[str, Any]:
    """The properties a write sets on a node: the merge and its lookup keys.

    ``distinct`` is each distinct contribution under its first article; ``stale`` are
    the node's current property names, removed (set to null) unless set again.
    """
    merged = merge_contributions(distinct)
    props: dict[str, Any] = dict.fromkeys(k for k in stale if k != "id")
    props.update((k, v) for k, v in merged.items() if k != "type" and v is not None)
    props["_order"] = [k for k, v in merged.items() if v is not None and k not in _SHOWN_ALWAYS]
    keys = sorted({n.match_key for n in distinct.values() if n.match_key})
    props["_match_key"] = keys[0] if keys else None
    props["_alt_keys"] = keys[1:] or None
    props["_spellings"] = sorted({match_key(s) for s in (merged["name"], *merged["aliases"])})
    props["_merged"] = bool(merge_rows(node_id, merged["name"], distinct)) or None
    return props


def _written_properties(
    node_id: str, entry: _Tracked, article: ArticleGraph | None, refs: list[int] | None
) -> dict[str, Any] | None:
    """The properties a write sets on a tracked node whose contributions are settled.

    ``article`` is the node's own article graph when the node is an Article this write
    stores (with ``refs``, its contribution to each of its nodes).  ``None`` when no
    article contributes to the node any more: it is removed.
    """
    distinct = entry.contributions.distinct()
    if not distinct:
        return None
    props = _node_properties(node_id, distinct, entry.keys)
    props.update(entry.contributions.properties())
    if article is not None:
        props["_digest"] = article.digest
        props["_node_ids"] = [n.id for n in article.nodes]
        props["_node_labels"] = [n.label for n in article.nodes]
        props["_node_refs"] = refs
        props["_edge_ids"] = [e.id for e in article.edges]
        props["_text"] = article.meta.text
    # No empty lists: Neo4j's bulk importer cannot write one (an empty cell is no
    # property), so neither does this writer, and readers take a missing list as empty.
    return {k: None if isinstance(v, list) and not v else v for k, v in props.items()}


def _sequenced_edges(
    graphs: Iterable[ArticleGraph | None], stamp: int, position: int = 0
) -> Iterator[tuple[Edge, list[int]]]:
    """Each edge a write creates with its ``_seq``: the write's stamp, then its position
    (counted on from ``position``, the edges of the write before ``graphs``).

    ``_seq`` is the order in which the embedded store lists edges when a view is capped.
    """
    for graph in graphs:
        for edge in graph.edges if graph is not None else ():
            position += 1
            if edge.type not in RELATIONSHIP_TYPES:
                raise ValueError(f"not an allow-listed relationship type: {edge.type!r}")
            yield edge, [stamp, position]


def _view(
    tx: ManagedTransaction,
    order: list[str],
    rank: dict[str, list[int]],
    degrees: list[int],
    types: frozenset[str],
    period: Mapping[str, date | None],
) -> tuple[list[Row], bool]:
    """The grouped edges of a view and whether the edge cap cut them.

    A small view (its nodes' degrees add up to at most ``_RUN_DEGREES``) is gathered in
    one query.  A larger one would hold every relationship between its nodes (close to
    a million around a hub at 300,000 articles): its pairs are counted first, and only
    the edges the cap keeps are fetched.
    """
    assertions = list(ASSERTION_TYPES)
    pairs = {"eids": order, "rank": rank, "types": sorted(types), **period}
    if sum(degrees) <= _RUN_DEGREES:
        cypher = _view_query(types)
        (view,) = _rows(tx, cypher, cap=_MAX_VIEW_EDGES, assertions=assertions, **pairs)
        return view["groups"], view["over"]
    whole, cut = _capped_pairs(tx, _view_pairs_query(types), _runs(degrees), pairs)
    (view,) = _rows(tx, _view_edges_query(types), whole=whole, cut=cut[:2] if cut else None,
                    room=cut[2] if cut else 0, assertions=assertions, **period)  # fmt: skip
    return view["groups"], cut is not None


# How many relationships one query of a view expands, about, unless a single node has
# more: a view within it takes one query; past it, a hub's pairs are counted alone.
_RUN_DEGREES = 100_000


def _runs(degrees: list[int]) -> list[range]:
    """Consecutive BFS positions whose degrees add up to about ``_RUN_DEGREES``."""
    runs, start, total = [], 0, 0
    for position, degree in enumerate(degrees):
        if position > start and total + degree > _RUN_DEGREES:
            runs.append(range(start, position))
            start, total = position, 0
        total += degree
    return [*runs, range(start, len(degrees))] if degrees else runs


def _capped_pairs(
    tx: ManagedTransaction, cypher: str, runs: list[range], params: Mapping[str, Any]
) -> tuple[list[list[str]], list[Any] | None]:
    """The pairs a view shows whole, and the pair the edge cap cuts ([eid, eid, how many
    of its edges fit]) or None: what :func:`graph.neighbourhood.view_edges` picks.

    ``cypher`` is :func:`_view_pairs_query`'s, with the view's ``params``.  The pairs are
    counted a run of BFS positions at a time, and the walk stops at the cut: around a
    hub the cap is spent on the hub's own pairs, and the rest of the view is never
    expanded.
    """
    whole: list[list[str]] = []
    room = _MAX_VIEW_EDGES
    order = params["eids"]
    for run in runs:
        for row in _rows(tx, cypher, start=run.start, stop=run.stop, **params):
            pair = [order[row["i"]], row["other"]]
            if row["followed"] > room:
                return whole, [*pair, room]
            room -= row["followed"]
            whole.append(pair)
    return whole, None


def _collapse_groups(groups: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """:func:`graph.views.collapse_structural` over the members the view query returned.

    A structural group arrives as its first, earliest and latest members, which decide
    everything collapse_structural shows but the number of articles: that is the size.
    """
    members: dict[str, Edge] = {}
    sizes: dict[tuple[str, str, str, Any], int] = {}
    for group in groups:
        for raw in group["edges"]:
            edge = _to_edge(raw)
            members[edge.id] = edge
        sizes[_group_key(edge)] = group["size"]
    out = collapse_structural(members[e] for e in sorted(members))
    for item in out:
        if item["type"] not in ASSERTION_TYPES:
            item["articles"] = sizes[
                (item["type"], item["source"], item["target"], item.get("title"))
            ]
    return out


def _group_key(edge: Edge) -> tuple[str, str, str, Any]:
    return (edge.type, edge.source, edge.target, edge.props.get("title"))


def _path_result(path: Mapping[str, Any]) -> PathResult:
    """One path as graph.memory shapes it: each hop's witness and its parallel edges."""
    hops = []
    for raw_edges in path["hops"]:
        candidates = {e.id: e for e in map(_to_edge, raw_edges)}.values()
        # The hop's witness: a stated (not derived) assertion first, then the newest.
        best = max(candidates, key=lambda e: (not e.props.get("derived"), e.date or date.min, e.id))
        hops.append({**edge_dict(best), "parallel": len(candidates)})
    return PathResult(len(hops), [_public_node(n) for n in path["nodes"]], hops)


def _rows(tx: ManagedTransaction, cypher: str, /, **params: Any) -> list[Row]:
    # Not Record.data(): it walks every value again, and no query returns graph entities.
    return [dict(zip(record.keys(), record, strict=True)) for record in tx.run(cypher, params)]


def _safe_uri(uri: str) -> str:
    """The URI without any user or password in it, for messages."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return "(invalid URI)"
    if parts.hostname is None or "@" not in parts.netloc:
        return uri
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


@dataclass
class _Tracked:
    """A node a write changes: where it is and who contributes to it."""

    label: str
    eid: str
    contributions: _Contributions
    keys: list[str]


@dataclass
class _StoredArticle:
    digest: str
    nodes: list[tuple[str, str, int]] = field(default_factory=list)  # (label, id, ref)
    edges: int = 0


@dataclass
class _Found:
    eid: str
    node: dict[str, Any]


# -- the store -----------------------------------------------------------------------------


class Neo4jStore(Store):
    """The graph in a Neo4j 5 server; one driver per store, connected on first use.

    >>> store = Neo4jStore("bolt://127.0.0.1:7687", ("neo4j", "secret"))  # doctest: +SKIP
    >>> store.stats().backend  # doctest: +SKIP
    'neo4j'

    The constructor never connects, so an API can start while the server is down and
    answer ``/health`` with 503; every call raises
    :class:`~graph.errors.StoreUnavailable` (naming the URI, never the password) until
    the server answers, and works again once it does.  Constraints and indexes are
    created on first use, idempotently.

    ``uri`` is ``bolt://`` (one server), ``neo4j://`` (a cluster) or ``neo4j+s://``
    (Aura); ``database`` is used by every session; ``connection_timeout`` bounds one
    connection attempt and ``retry_time`` how long a failing transaction is retried.
    """

    backend: ClassVar[str] = "neo4j"

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str],
        *,
        database: str = "neo4j",
        connection_timeout: float = 5.0,
        retry_time: float = 2.0,
    ) -> None:
        self.uri = _safe_uri(uri)
        self.database = database
        self._user = auth[0]
        try:
            self._driver: Driver = GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=connection_timeout,
                # Transactions retry transient failures (a deadlock, a connection the
                # server dropped when it restarted) soon and for ``retry_time`` seconds;
                # a stopped server is reported after that, so /health answers 503 quickly.
                max_transaction_retry_time=retry_time,
                initial_retry_delay=0.1,
            )
        except (ConfigurationError, ValueError) as exc:
            raise StoreUnavailable(f"cannot use the Neo4j URI {self.uri}: {exc}") from None
        self._schema_ready = False
        self._schema_lock = threading.Lock()
        self._stamp_lock = threading.Lock()
        self._last_stamp = 0

    def _stamp(self) -> int:
        """A write's place in time: nanoseconds, increasing within this process."""
        with self._stamp_lock:
            self._last_stamp = max(time.time_ns(), self._last_stamp + 1)
            return self._last_stamp

    # -- plumbing ------------------------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except AuthError:
            raise StoreUnavailable(
                f"Neo4j authentication failed for user {self._user!r} at {self.uri}"
            ) from None
        except (ServiceUnavailable, SessionExpired, DatabaseUnavailable) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is unavailable: {exc}") from None
        except TransientError as exc:
            if exc.code != _OUT_OF_TRANSACTION_MEMORY:
                raise
            # A neighbourhood of hubs can need more than the server lets one transaction
            # hold: say what to change rather than fail with an internal error.
            raise InvalidQuery(
                "query",
                "the answer needs more memory than the Neo4j server allows one transaction "
                "(db.memory.transaction.max): ask for less (a smaller depth, limit or "
                "period, fewer types) or give the server more heap",
            ) from None

    def _ensure_schema(self) -> None:
        """Constraints and indexes, created once per store object (idempotent on the server)."""
        if self._schema_ready:
            return
        with self._schema_lock:
            if self._schema_ready:
                return
            with self._errors(), self._driver.session(database=self.database) as session:
                for statement in _SCHEMA:
                    session.run(statement).consume()
                session.run("CALL db.awaitIndexes(300)").consume()
            self._schema_ready = True

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        self._ensure_schema()
        with self._errors(), self._driver.session(database=self.database) as session:
            return session.execute_read(work)

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        self._ensure_schema()
        with self._errors(), self._driver.session(database=self.database) as session:
            return session.execute_write(work)

    def wipe(self) -> None:
        """Delete every node and relationship (constraints and indexes stay)."""
        self._ensure_schema()
        with self._errors(), self._driver.session(database=self.database) as session:
            session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"
            ).consume()

    def close(self) -> None:
        self._driver.close()

    # -- writes --------------------------------------------------------------------------

    def lookup_keys(self, keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], str]:
        by_label: dict[str, set[str]] = defaultdict(set)
        for label, key in keys:
            if label in NODE_LABELS:
                by_label[label].add(key)
        if not by_label:
            return {}

        def work(tx: ManagedTransaction) -> dict[tuple[str, str], str]:
            found: dict[tuple[str, str], str] = {}

            def offer(label: str, key: str, node_id: str) -> None:
                pair = (label, key)
                if pair not in found or node_id < found[pair]:
                    found[pair] = node_id

            for label, wanted in by_label.items():
                listed = sorted(wanted)
                for row in _rows(tx, _LOOKUP_KEYS[label], keys=listed):
                    offer(label, row["key"], row["id"])
                for row in _rows(tx, _LOOKUP_ALT_KEYS[label], keys=listed):
                    for key in wanted.intersection(row["keys"]):
                        offer(label, key, row["id"])
            return found

        return self._read(work)

    def write(self, graphs: Sequence[ArticleGraph]) -> list[WriteOutcome]:
        if not graphs:
            return []

        def work(tx: ManagedTransaction) -> list[WriteOutcome]:
            ids = list(dict.fromkeys(g.article_id for g in graphs))
            stored = self._lock_articles(tx, ids)
            current = {a: s.digest for a, s in stored.items()}
            final: dict[str, ArticleGraph | None] = {}
            outcomes = []
            for graph in graphs:
                article_id = graph.article_id
                counts = (len(graph.nodes), len(graph.edges))
                old = current.get(article_id)
                if old == graph.digest:
                    outcomes.append(WriteOutcome(article_id, "unchanged", *counts))
                    continue
                status: WriteStatus = "created" if old is None else "replaced"
                current[article_id] = graph.digest
                final.pop(article_id, None)  # applied last, as the embedded store does
                final[article_id] = graph
                outcomes.append(WriteOutcome(article_id, status, *counts))
            if final:
                self._replace(tx, stored, final)
            return outcomes

        return self._write(work)

    def retract(self, article: str) -> RetractOutcome:
        article_id = article_node_id(article)

        def work(tx: ManagedTransaction) -> RetractOutcome:
            rows = _rows(tx, _LOCK_ARTICLE, id=article_id)
            stored = {a: s for a, s in self._stored(rows).items() if a == article_id}
            if not stored:
                raise ArticleNotFound(article)
            removed = self._replace(tx, stored, {article_id: None})
            return RetractOutcome(article_id, stored[article_id].edges, removed)

        return self._write(work)

    @staticmethod
    def _stored(rows: Iterable[Row]) -> dict[str, _StoredArticle]:
        return {
            row["id"]: _StoredArticle(
                row["digest"],
                list(zip(row["node_labels"], row["node_ids"], row["node_refs"], strict=True)),
                len(row["edge_ids"] or ()),
            )
            for row in rows
            if row["digest"] is not None
        }

    def _lock_articles(self, tx: ManagedTransaction, ids: list[str]) -> dict[str, _StoredArticle]:
        # MERGE, so a concurrent writer of the same new article waits for this one.
        return self._stored(_rows(tx, _MERGE_AND_LOCK["Article"], ids=sorted(ids)))

    def _replace(
        self,
        tx: ManagedTransaction,
        stored: Mapping[str, _StoredArticle],
        final: Mapping[str, ArticleGraph | None],
    ) -> int:
        """Make each article of ``final`` what it maps to (``None``: gone); nodes removed."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for article_id, graph in final.items():
            if article_id in stored:
                for label, node_id, _ in stored[article_id].nodes:
                    wanted[label].add(node_id)
            for node in graph.nodes if graph else ():
                wanted[node.label].add(node.id)
        tracked: dict[str, _Tracked] = {}
        for label, node_ids in wanted.items():
            query = _MERGE_AND_LOCK[_label(label)]
            for row in _rows(tx, query, ids=sorted(node_ids)):
                contributions = _Contributions(row["contribs"], row["counts"], row["firsts"])
                tracked[row["id"]] = _Tracked(label, row["eid"], contributions, row["keys"])
        refs: dict[str, list[int]] = {}
        for article_id, graph in final.items():
            if article_id in stored:
                for _, node_id, ref in stored[article_id].nodes:
                    tracked[node_id].contributions.remove(article_id, ref)
            if graph is not None:
                refs[article_id] = [
                    tracked[node.id].contributions.add(article_id, node) for node in graph.nodes
                ]
        needs = [
            [node_id, ref]
            for node_id, entry in sorted(tracked.items())
            for ref in entry.contributions.needs()
        ]
        found: dict[str, dict[int, str | None]] = defaultdict(dict)
        if needs:
            for row in _rows(tx, _FIND_FIRSTS, needs=needs, changed=sorted(final)):
                node_id, ref = row["need"]
                found[node_id][ref] = row["first"]
        replaced = [a for a in final if a in stored]
        if replaced:
            tx.run(_DELETE_ARTICLE_EDGES, articles=replaced).consume()
        rows, orphans = [], []
        for node_id, entry in sorted(tracked.items()):
            entry.contributions.settle(found[node_id])
            graph = final.get(node_id) if entry.label == "Article" else None
            props = _written_properties(node_id, entry, graph, refs.get(node_id))
            if props is None:
                orphans.append(entry.eid)
            else:
                rows.append({"eid": entry.eid, "props": props})
        if rows:
            tx.run(_SET_NODES, rows=rows).consume()
        if orphans:
            tx.run(_DELETE_NODES, eids=orphans).consume()
        edges: dict[str, list[list[Any]]] = defaultdict(list)
        eids = {node_id: entry.eid for node_id, entry in tracked.items()}
        for edge, seq in _sequenced_edges(final.values(), self._stamp()):
            source, target = eids.get(edge.source), eids.get(edge.target)
            if source is None or target is None:
                raise ValueError(f"edge {edge.id} of {edge.article} ends outside it")
            edges[edge.type].append(_edge_row(edge, source, target, seq))
        for rel, edge_rows in edges.items():
            tx.run(_CREATE_EDGES[rel], rows=edge_rows).consume()
        return len(orphans)

    # -- reads ---------------------------------------------------------------------------

    @staticmethod
    def _find(tx: ManagedTransaction, node_id: str) -> _Found:
        rows = _rows(tx, _FIND, id=node_id)
        if not rows:
            raise EntityNotFound(node_id)
        return _Found(rows[0]["eid"], _public_node(rows[0]["node"]))

    def ping(self) -> None:
        self._read(lambda tx: _rows(tx, _PING))

    def stats(self) -> StoreStats:
        def work(tx: ManagedTransaction) -> StoreStats:
            nodes = {r["key"]: r["count"] for r in _rows(tx, _COUNT_NODES) if r["count"]}
            edges = {r["key"]: r["count"] for r in _rows(tx, _COUNT_EDGES) if r["count"]}
            return StoreStats(
                backend=self.backend,
                articles=nodes.get("Article", 0),
                nodes=sum(nodes.values()),
                relationships=sum(edges.values()),
                nodes_by_type=dict(sorted(nodes.items())),
                relationships_by_type=dict(sorted(edges.items())),
            )

        return self._read(work)

    def search_entities(self, query: EntityQuery) -> Page:
        labels = (query.type,) if query.type else tuple(ENTITY_TYPES)
        text = query.q or None
        params = {
            "q": text,
            "needle": match_key(text) if text else None,
            "state": StateTable.default().resolve(text) if text else None,
            "country": query.country or None,
            "offset": query.offset,
            "stop": query.offset + query.limit,
        }

        def work(tx: ManagedTransaction) -> Page:
            row = _rows(tx, _search_query(tuple(_label(x) for x in labels)), **params)[0]
            items = []
            for raw in row["items"]:
                node = _public_node(raw)
                items.append({**summary(node), "aliases": node["aliases"]})
            return Page(items, row["total"], query.limit, query.offset)

        return self._read(work)

    def entity(self, entity_id: str) -> dict[str, Any]:
        def work(tx: ManagedTransaction) -> dict[str, Any]:
            found = self._find(tx, entity_id)
            node = found.node
            counts = {r["type"]: r["count"] for r in _rows(tx, _ENTITY_COUNTS, eid=found.eid)}
            rows = _rows(tx, _ENTITY_AFFILIATIONS, eid=found.eid)
            states = {row["state"]["id"]: summary(row["state"]) for row in rows}
            edges = [_to_edge(row["edge"]) for row in rows]
            node["affiliations"] = [
                {
                    "state": states[e["target"]],
                    "title": e.get("title"),
                    "first_seen": e["first_seen"],
                    "last_seen": e["last_seen"],
                    "articles": e["articles"],
                }
                for e in sorted(collapse_structural(edges), key=lambda e: e["first_seen"] or "")
            ]
            node["relationships"] = dict(sorted(counts.items()))
            return node

        return self._read(work)

    def meetings(self, query: MeetingsQuery) -> Page:
        params: dict[str, Any] = {
            "since": query.since,
            "until": query.until,
            "country": query.country,
            "with": query.with_,
            "offset": query.offset,
            "stop": query.offset + query.limit,
        }

        def work(tx: ManagedTransaction) -> Page:
            anchors = {}
            for name, value in (("entity", query.entity), ("with_node", query.with_)):
                if value is not None:
                    anchors[name] = self._find(tx, value).eid
            if query.entity is not None:
                cypher = _MEETINGS_OF_ENTITY
            elif query.with_ is not None:
                cypher = _MEETINGS_WITH
            else:
                cypher = _MEETINGS_ALL
            row = _rows(tx, cypher, **params, **anchors)[0]
            items = [
                {
                    "id": item["id"],
                    "date": _iso(item["date"]),
                    "a": summary(item["a"]),
                    "b": summary(item["b"]),
                    "place": summary(item["place"]) if item["place"] else None,
                    "event": item["event"],
                    "article": article_summary(item["article"]),
                    "evidence": item["evidence"],
                    "derived": bool(item["derived"]),
                }
                for item in row["items"]
            ]
            return Page(items, row["total"], query.limit, query.offset)

        return self._read(work)

    def neighbourhood(self, query: NeighbourhoodQuery) -> GraphView:
        types = _type_filter(query.types)
        period = {"since": query.since, "until": query.until}

        def work(tx: ManagedTransaction) -> GraphView:
            # Each level asks for one candidate more than can still be added, per frontier
            # node: enough to fill the cap and to know whether it truncated.
            rows = _rows(tx, _first_level_query(types), id=query.entity, per=query.limit, **period)
            if not rows:
                raise EntityNotFound(query.entity)
            order = [rows[0]["eid"]]
            ids = {order[0]: query.entity}
            seen = set(order)
            frontier = order[:]
            truncated = False
            for level in range(query.depth):
                if level:
                    rows = _rows(
                        tx,
                        _next_level_query(types),
                        frontier=frontier,
                        seen=sorted(seen),
                        per=query.limit - len(order) + 1,
                        **period,
                    )
                around = {row["eid"]: row["ranked"] for row in rows}
                following: list[str] = []
                for node in frontier:
                    # Strongest ties first, as graph.memory ranks them.
                    ranked = sorted(
                        (-weight, other_id, other)
                        for other, other_id, weight in around.get(node, ())
                        if other not in seen
                    )
                    for _, other_id, other in ranked:
                        if len(order) >= query.limit:
                            truncated = True
                            break
                        ids[other] = other_id
                        seen.add(other)
                        order.append(other)
                        following.append(other)
                    if truncated:
                        break
                if truncated or not following:
                    break
                frontier = following
            by_id = sorted(range(len(order)), key=lambda i: ids[order[i]])
            rank = {order[i]: [i, r] for r, i in enumerate(by_id)}
            found = {row["eid"]: row for row in _rows(tx, _view_nodes_query(types), eids=order)}
            degrees = [found[eid]["degree"] for eid in order]
            groups, over = _view(tx, order, rank, degrees, types, period)
            nodes = [_public_node(found[eid]["node"]) for eid in order]
            return GraphView(nodes, _collapse_groups(groups), truncated or over)

        return self._read(work)

    def paths(self, query: PathsQuery) -> list[PathResult]:
        types = _type_filter(query.types)
        if query.max_length > _MAX_PATH_LENGTH:
            raise InvalidQuery("max_length", f"must be at most {_MAX_PATH_LENGTH} on Neo4j")
        params = {
            "source": query.source,
            "target": query.target,
            "since": query.since,
            "until": query.until,
        }

        def work(tx: ManagedTransaction) -> list[PathResult]:
            # SHORTEST n counts relationship-level paths, which may revisit a node: ask for
            # more until k distinct simple node sequences are in hand or none are left.
            fetch = next((n for n in _FETCH_LADDER if n >= query.k), _FETCH_LADDER[-1])
            while True:
                cypher = _paths_query(types, query.max_length, fetch, query.k > 1)
                (row,) = _rows(tx, cypher, **params)
                if not row["has_source"]:
                    raise EntityNotFound(query.source)
                if not row["has_target"]:
                    raise EntityNotFound(query.target)
                if query.source == query.target:
                    return [PathResult(0, [_public_node(row["source_node"])], [])]
                found: dict[tuple[str, ...], Row] = {}
                for path in row["paths"]:
                    ids = tuple(path["ids"])
                    if len(set(ids)) == len(ids):
                        found.setdefault(ids, path)
                exhausted = len(row["paths"]) < fetch or fetch == _FETCH_LADDER[-1]
                if exhausted or len(found) >= query.k:
                    break
                fetch = next((n for n in _FETCH_LADDER if n >= 2 * fetch), _FETCH_LADDER[-1])
            ordered = sorted(found.values(), key=lambda p: len(p["ids"]))
            return [_path_result(path) for path in ordered[: query.k]]

        return self._read(work)

    def timeline(self, query: TimelineQuery) -> Page:
        cypher = _timeline_query(_type_filter(query.types))
        params = {"since": query.since, "until": query.until, "offset": query.offset,
                  "stop": query.offset + query.limit}  # fmt: skip

        def work(tx: ManagedTransaction) -> Page:
            entity = self._find(tx, query.entity).eid
            rows = _rows(tx, cypher, entity=entity, **params)
            if not rows:
                return Page([], 0, query.limit, query.offset)
            items = [
                {
                    "id": item["id"],
                    "date": _iso(item["date"]),
                    "type": item["type"],
                    "direction": timeline_direction(item["type"], item["out"]),
                    "other": summary(item["other"]),
                    "event": item["event"],
                    "about": item["about"],
                    "evidence": item["evidence"],
                    "confidence": item["confidence"],
                    "derived": bool(item["derived"]),
                    "article": article_summary(item["article"]),
                }
                for item in rows[0]["items"]
            ]
            return Page(items, rows[0]["total"], query.limit, query.offset)

        return self._read(work)

    def stance_counts(
        self, query: AlliancesQuery
    ) -> tuple[list[StanceCount], dict[str, dict[str, Any]]]:
        params = {"since": query.since, "until": query.until,
                  "countries": list(query.countries) if query.countries else None}  # fmt: skip

        def work(tx: ManagedTransaction) -> tuple[list[StanceCount], dict[str, dict[str, Any]]]:
            found = sorted(
                StanceCount(row["type"], row["a"], row["b"], row["n"])
                for row in _rows(tx, _STANCE_COUNTS, **params)
            )
            codes = sorted({c.source for c in found} | {c.target for c in found})
            rows = _rows(tx, _STATE_SUMMARIES, codes=codes)
            return found, {row["state"]["id"]: summary(row["state"]) for row in rows}

        return self._read(work)

    def activity_counts(self, query: ActivityQuery) -> list[DayCount]:
        cypher = _activity_query(_type_filter(query.types))

        def work(tx: ManagedTransaction) -> list[DayCount]:
            rows = _rows(tx, cypher, since=query.since, until=query.until)
            return sorted(DayCount(_native(r["day"]), r["type"], r["n"]) for r in rows)

        return self._read(work)

    def article(self, article: str) -> ArticleDetail:
        article_id = article_node_id(article)

        def work(tx: ManagedTransaction) -> ArticleDetail:
            rows = _rows(tx, _ARTICLE, id=article_id)
            if not rows:
                raise ArticleNotFound(article_id)
            row = rows[0]
            node = _public_node(row["node"])
            detail = {
                **article_summary(node),
                "language": node.get("language"),
                "text": row["text"],
                "digest": row["digest"],
            }
            by_label: dict[str, list[str]] = defaultdict(list)
            for label, node_id in zip(row["node_labels"], row["node_ids"], strict=True):
                if node_id != article_id:
                    by_label[label].append(node_id)
            nodes: dict[str, dict[str, Any]] = {}
            for label, ids in by_label.items():
                for found in _rows(tx, _NODES_BY_ID[_label(label)], ids=ids):
                    nodes[found["id"]] = _public_node(found["node"])
            edges = {
                e.id: e
                for e in (_to_edge(r["edge"]) for r in _rows(tx, _ARTICLE_EDGES, id=article_id))
            }
            return ArticleDetail(
                detail,
                [nodes[n] for n in row["node_ids"] if n != article_id],
                [edge_dict(edges[e]) for e in row["edge_ids"]],
            )

        return self._read(work)

    def merges(self) -> list[dict[str, Any]]:
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            nodes = {row["id"]: row for row in _rows(tx, _MERGED_NODES)}
            every: dict[str, dict[str, Node]] = defaultdict(dict)
            if nodes:
                stored = {
                    n: _Contributions(row["contribs"], None, None) for n, row in nodes.items()
                }
                for row in _rows(tx, _CONTRIBUTORS, nodes=sorted(nodes)):
                    every[row["node"]][row["article"]] = stored[row["node"]].node(row["ref"])
            out: list[dict[str, Any]] = []
            for node_id in sorted(nodes):
                out.extend(merge_rows(node_id, nodes[node_id]["name"], every[node_id]))
            return out

        return self._read(work)

    def export(self) -> GraphView:
        def work(tx: ManagedTransaction) -> GraphView:
            nodes = [_public_node(r["node"]) for r in _rows(tx, _EXPORT_NODES)]
            edges = [_to_edge(r["edge"]) for r in _rows(tx, _EXPORT_EDGES)]
            nodes.sort(key=lambda n: n["id"])
            edges.sort(key=lambda e: e.id)
            return GraphView(nodes, [edge_dict(e) for e in edges])

        return self._read(work)


def _iso(value: Any) -> str | None:
    day = _native(value)
    return day.isoformat() if isinstance(day, date) else None


# -- bulk import -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BulkNode:
    label: str
    properties: dict[str, Any]


@dataclass(frozen=True, slots=True)
class BulkRelationship:
    type: str
    start: str
    end: str
    properties: dict[str, Any]


class BulkGraph:
    """What :meth:`Neo4jStore.write` of ``graphs`` stores in an empty database.

    Nodes and relationships carry exactly the properties the transactional writer sets,
    bookkeeping included, so a store bulk-imported from them (``neo4j-admin database
    import``) answers, replaces and retracts as if every article had been written.  As
    in one write, a later version of an article replaces an earlier one.

    Both :meth:`nodes` and :meth:`relationships` are computed lazily and can be taken in
    shares (``share`` of ``of``), so that forked processes each compute and write a
    part; the nodes need the contributions tracked first (:meth:`track`).
    """

    def __init__(self, graphs: Iterable[ArticleGraph]) -> None:
        final: dict[str, ArticleGraph] = {}
        for graph in graphs:
            final.pop(graph.article_id, None)
            final[graph.article_id] = graph
        self._final = final
        self._edge_counts = [*accumulate(len(g.edges) for g in final.values())]  # running
        self._refs: dict[str, list[int]] = {}
        self._tracked: list[tuple[str, _Tracked]] | None = None

    def track(self) -> None:
        """Track which article contributes what to each node: what :meth:`nodes` needs
        (done on its first call) and :meth:`relationships` does not."""
        if self._tracked is not None:
            return
        tracked: dict[str, _Tracked] = {}
        for article_id, graph in self._final.items():
            article_refs = self._refs[article_id] = []
            for node in graph.nodes:
                entry = tracked.get(node.id)
                if entry is None:
                    fresh = _Contributions(None, None, None)
                    entry = tracked[node.id] = _Tracked(node.label, "", fresh, [])
                article_refs.append(entry.contributions.add(article_id, node))
        self._tracked = sorted(tracked.items())

    def nodes(self, share: int = 0, of: int = 1) -> Iterator[BulkNode]:
        """The nodes in id order (every ``of``-th from ``share``)."""
        self.track()
        assert self._tracked is not None
        for node_id, entry in self._tracked[share::of]:
            entry.contributions.settle({})
            own = self._final.get(node_id) if entry.label == "Article" else None
            props = _written_properties(node_id, entry, own, self._refs.get(node_id))
            assert props is not None  # every tracked node has a contribution
            written = {"id": node_id} | {k: v for k, v in props.items() if v is not None}
            yield BulkNode(entry.label, written)

    def relationships(self, share: int = 0, of: int = 1) -> Iterator[BulkRelationship]:
        """The relationships in write order: share ``share`` of ``of`` runs of articles.

        Each share is a run of whole articles, so that a forked process touches (and
        copies, as CPython's reference counts write to every object read) only its own.
        """
        graphs = [*self._final.values()]
        first, last = (len(graphs) * k // of for k in (share, share + 1))
        before = self._edge_counts[first - 1] if first else 0
        for edge, seq in _sequenced_edges(graphs[first:last], 0, before):
            # The row _CREATE_EDGES takes, as the properties it sets (nulls are not set).
            row = _edge_row(edge, edge.source, edge.target, seq)
            named = zip(_EDGE_ROW_NAMES, row[2:-1], strict=True)
            written = {k: v for k, v in named if v is not None}
            written.update(row[-1])  # the other properties, none of them null
            yield BulkRelationship(edge.type, edge.source, edge.target, written)
