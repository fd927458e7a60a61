"""The Neo4j store: the same graph and the same answers as the embedded store, on a server.

Layout in Neo4j (DESIGN section 3):

* one node per entity, event and article, labelled from :data:`graph.model.NODE_LABELS`
  only, with ``id`` (unique per label), ``name``, ``country``, ``aliases`` and the
  other merged properties, exactly what :func:`graph.merge.merge_contributions` gives;
* one relationship per :class:`~graph.model.Edge`, typed from
  :data:`graph.model.RELATIONSHIP_TYPES`, with ``id`` (unique), ``article``, ``date``
  (a Neo4j date) and the edge's own properties;
* bookkeeping in properties whose names start with ``_`` (never shown, as in the
  embedded store): every node keeps the contribution of each article that mentions it
  (``_contrib_articles`` and ``_contribs``, JSON, in parallel), so replacing or
  retracting an article recomputes the merge exactly; ``_match_key``/``_alt_keys``
  (indexed) answer :meth:`Neo4jStore.lookup_keys`; ``_spellings`` serves search; an
  Article node keeps its article's digest, text and the order of its nodes and edges.

Every query is a fixed template: labels and relationship types are chosen from the
allow-lists by templates keyed on them, never spliced from input, and every value is a
Cypher parameter.  Writes run as one ``execute_write`` transaction per batch, a
handful of ``UNWIND`` queries; reads run in ``execute_read`` transactions.  The
final shaping of answers reuses :mod:`graph.views` and :mod:`graph.merge`, so both
stores agree.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import pairwise
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
)
from neo4j.time import Date as Neo4jDate

from graph.errors import ArticleNotFound, EntityNotFound, InvalidQuery, StoreUnavailable
from graph.identity import StateTable, match_key
from graph.merge import merge_contributions
from graph.model import ENTITY_TYPES, NODE_LABELS, RELATIONSHIP_TYPES, ArticleGraph, Edge, Node
from graph.queries import (
    ArticleDetail,
    EntityQuery,
    GraphView,
    MeetingsQuery,
    NeighbourhoodQuery,
    Page,
    PathResult,
    PathsQuery,
    StoreStats,
)
from graph.store import RetractOutcome, Store, WriteOutcome, WriteStatus, article_node_id
from graph.views import article_summary, collapse_structural, edge_dict, summary

__all__ = ["Neo4jStore"]

T = TypeVar("T")
Row = dict[str, Any]

# The embedded store caps a view at this many edges (graph.memory._MAX_VIEW_EDGES).
_MAX_VIEW_EDGES = 5000
# Path queries have one template per length bound; lengths beyond this are refused.
_MAX_PATH_LENGTH = 16
# How many relationship-level paths SHORTEST asks for, growing until k distinct simple
# node sequences are found or the search is exhausted.
_FETCH_LADDER = (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32, 64, 128, 256, 512, 1024)
_MERGE_RULES = ("alias", "variant", "pinned")
# Edge properties in the order the compiler writes them; any others follow by name.
_EDGE_PROP_ORDER = ("about", "evidence", "span", "confidence", "derived", "event", "title")
_EDGE_KEYS = ("id", "article", "date")

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
        f"{{label: labels({var})[0], "
        f"props: [k IN keys({var}) WHERE NOT k STARTS WITH '_' | [k, {var}[k]]]}}"
    )


def _summary(var: str) -> str:
    return f"{{id: {var}.id, type: labels({var})[0], name: {var}.name, country: {var}.country}}"


def _edge(var: str) -> str:
    return (
        f"{{type: type({var}), source: startNode({var}).id, target: endNode({var}).id, "
        f"props: properties({var})}}"
    )


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

# Lock (a write lock is taken by setting a property) and read what a batch will change.
_NODE_STATE = (
    "RETURN id, elementId(n) AS eid, n._contrib_articles AS articles, n._contribs AS contribs, "
    "n._digest AS digest, n._node_ids AS node_ids, n._node_labels AS node_labels, "
    "n._edge_ids AS edge_ids"
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
_SET_NODES = "UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.eid SET n = row.props"
_DELETE_NODES = "UNWIND $eids AS eid MATCH (n) WHERE elementId(n) = eid DETACH DELETE n"
_DELETE_ARTICLE_EDGES = "UNWIND $articles AS article " + " ".join(
    f"CALL (article) {{ MATCH ()-[r:{rel}]->() WHERE r.article = article DELETE r }}"
    for rel in RELATIONSHIP_TYPES
)
_CREATE_EDGES = {
    rel: "UNWIND $rows AS row "
    "MATCH (a) WHERE elementId(a) = row.source "
    "MATCH (b) WHERE elementId(b) = row.target "
    f"CREATE (a)-[r:{rel}]->(b) SET r = row.props"
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
_NODES_BY_EID = (
    f"UNWIND $eids AS eid MATCH (n) WHERE elementId(n) = eid RETURN eid, {_public('n')} AS node"
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
_ENTITY_AFFILIATIONS = (
    "MATCH (n) WHERE elementId(n) = $eid MATCH (n)-[r:AFFILIATED_WITH]->(s) "
    f"RETURN {_edge('r')} AS edge, {_summary('s')} AS state"
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
    "MATCH (n) WHERE n._merged = true "
    "RETURN n.id AS id, n.name AS name, n._contrib_articles AS articles, n._contribs AS contribs"
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
    "  RETURN collect({id: r.id, date: r.date, event: r.event, evidence: r.evidence,"
    "   derived: r.derived, a: " + _summary("a") + ", b: " + _summary("b") + ","
    "   article: art {.id, .name, .published, .url, .source},"
    "   place: head(COLLECT { MATCH (:Event {id: r.event})-[:HELD_IN]-(p)"
    "    RETURN " + _summary("p") + " AS place ORDER BY p.id LIMIT 1 })}) AS items"
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


@cache
def _expand_query(types: frozenset[str]) -> str:
    """One BFS level: each frontier node's unseen neighbours, weighted by matching edges."""
    return (
        "UNWIND $frontier AS eid MATCH (n) WHERE elementId(n) = eid"
        f" MATCH (n)-[r:{_type_expr(types)}]-(m)"
        f" WHERE m <> n AND NOT elementId(m) IN $seen AND {_period('r')}"
        " RETURN eid, elementId(m) AS other, m.id AS other_id, count(r) AS weight"
    )


@cache
def _edges_among_query(types: frozenset[str]) -> str:
    return (
        "UNWIND range(0, size($eids) - 1) AS i"
        " MATCH (n) WHERE elementId(n) = $eids[i]"
        f" MATCH (n)-[r:{_type_expr(types)}]-(m)"
        f" WHERE elementId(m) IN $eids AND n.id <= m.id AND {_period('r')}"
        f" RETURN i, m.id AS other, {_edge('r')} AS edge"
    )


@cache
def _hop_edges_query(types: frozenset[str]) -> str:
    return (
        "UNWIND $pairs AS pair"
        " MATCH (a) WHERE elementId(a) = pair[0]"
        " MATCH (b) WHERE elementId(b) = pair[1]"
        f" MATCH (a)-[r:{_type_expr(types)}]-(b) WHERE {_period('r')}"
        f" RETURN pair[0] AS u, pair[1] AS v, {_edge('r')} AS edge"
    )


@cache
def _paths_query(types: frozenset[str], max_length: int, fetch: int, canonical: bool) -> str:
    """Up to ``fetch`` shortest paths, type and date filters pruning inside the search.

    With ``canonical``, a hop may only use the smallest-id matching relationship between
    its two nodes, so parallel edges do not multiply the paths of one node sequence.
    """
    if not 1 <= max_length <= _MAX_PATH_LENGTH or fetch not in _FETCH_LADDER:
        raise ValueError("path query bounds outside the fixed templates")
    rels = _type_expr(types)
    hop = f"a <> b AND {_period('r')}"
    if canonical:
        hop += (
            f" AND NOT EXISTS {{ MATCH (a)-[q:{rels}]-(b) WHERE q.id < r.id AND {_period('q')} }}"
        )
    return (
        "MATCH (s) WHERE elementId(s) = $source"
        " MATCH (t) WHERE elementId(t) = $target"
        f" MATCH p = SHORTEST {int(fetch)}"
        f" (s)((a)-[r:{rels}]-(b) WHERE {hop}){{1,{int(max_length)}}}(t)"
        " RETURN [n IN nodes(p) | elementId(n)] AS path"
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
    node.update(sorted(props.items()))
    node["aliases"] = list(aliases)
    return node


def _to_edge(raw: Mapping[str, Any]) -> Edge:
    props = dict(raw["props"])
    edge_id, article, day = props.pop("id"), props.pop("article"), props.pop("date", None)
    ordered = {k: props.pop(k) for k in _EDGE_PROP_ORDER if k in props}
    ordered.update(sorted((k, _native(v)) for k, v in props.items()))
    return Edge(edge_id, raw["type"], raw["source"], raw["target"], article, _native(day), ordered)


def _edge_props(edge: Edge) -> dict[str, Any]:
    props: dict[str, Any] = {"id": edge.id, "article": edge.article}
    if edge.date is not None:
        props["date"] = edge.date
    props.update((k, v) for k, v in edge.props.items() if v is not None and k not in _EDGE_KEYS)
    return props


def _encode_node(node: Node) -> str:
    return orjson.dumps(node).decode()


def _decode_node(text: str) -> Node:
    raw: dict[str, Any] = orjson.loads(text)
    return Node(**{**raw, "aliases": tuple(raw["aliases"])})


def _contributions(articles: list[str] | None, contribs: list[str] | None) -> dict[str, Node]:
    return {a: _decode_node(c) for a, c in zip(articles or [], contribs or [], strict=True)}


def _merge_rows(node_id: str, name: str, contributions: Mapping[str, Node]) -> list[Row]:
    """The rows of :meth:`Store.merges` for one node (as ``graph.memory`` decides them)."""
    return [
        {
            "id": node_id,
            "name": name,
            "spelling": node.name,
            "aliases": list(node.aliases),
            "rule": node.rule,
            "article": article_id,
        }
        for article_id, node in sorted(contributions.items())
        if node.rule in _MERGE_RULES or (len(contributions) > 1 and node.name != name)
    ]


def _node_properties(
    node_id: str, contributions: Mapping[str, Node], article: ArticleGraph | None
) -> dict[str, Any]:
    """Every property a node gets: the merge, its contributions and the lookup keys."""
    merged = merge_contributions(contributions)
    props = {k: v for k, v in merged.items() if k != "type" and v is not None}
    articles = sorted(contributions)
    props["_contrib_articles"] = articles
    props["_contribs"] = [_encode_node(contributions[a]) for a in articles]
    keys = sorted({n.match_key for n in contributions.values() if n.match_key})
    if keys:
        props["_match_key"] = keys[0]
    if len(keys) > 1:
        props["_alt_keys"] = keys[1:]
    props["_spellings"] = sorted({match_key(s) for s in (merged["name"], *merged["aliases"])})
    if _merge_rows(node_id, merged["name"], contributions):
        props["_merged"] = True
    if article is not None:
        props["_digest"] = article.digest
        props["_node_ids"] = [n.id for n in article.nodes]
        props["_node_labels"] = [n.label for n in article.nodes]
        props["_edge_ids"] = [e.id for e in article.edges]
        if article.meta.text is not None:
            props["_text"] = article.meta.text
    return props


def _rows(tx: ManagedTransaction, query: str, **params: Any) -> list[Row]:
    return [record.data() for record in tx.run(query, params)]


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
    contributions: dict[str, Node]


@dataclass
class _StoredArticle:
    digest: str
    nodes: list[tuple[str, str]] = field(default_factory=list)  # (label, id)
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
    :class:`~graph.errors.StoreUnavailable` until the server answers, and works again
    once it does.
    """

    backend: ClassVar[str] = "neo4j"

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str],
        *,
        database: str = "neo4j",
        connection_timeout: float = 5.0,
        retry_time: float | None = None,
    ) -> None:
        self.uri = _safe_uri(uri)
        self.database = database
        self._user = auth[0]
        try:
            self._driver: Driver = GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=connection_timeout,
                # Managed transactions retry transient failures (deadlocks, a restarting
                # server) for this long; a stopped server is reported after it.
                max_transaction_retry_time=(
                    connection_timeout if retry_time is None else retry_time
                ),
            )
        except (ConfigurationError, ValueError) as exc:
            raise StoreUnavailable(f"cannot use the Neo4j URI {self.uri}: {exc}") from None
        self._schema_ready = False
        self._schema_lock = threading.Lock()

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
                list(zip(row["node_labels"] or [], row["node_ids"] or [], strict=True)),
                len(row["edge_ids"] or []),
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
                for label, node_id in stored[article_id].nodes:
                    wanted[label].add(node_id)
            for node in graph.nodes if graph else ():
                wanted[node.label].add(node.id)
        tracked: dict[str, _Tracked] = {}
        for label, node_ids in wanted.items():
            query = _MERGE_AND_LOCK[_label(label)]
            for row in _rows(tx, query, ids=sorted(node_ids)):
                contributions = _contributions(row["articles"], row["contribs"])
                tracked[row["id"]] = _Tracked(label, row["eid"], contributions)
        for article_id, graph in final.items():
            if article_id in stored:
                for _, node_id in stored[article_id].nodes:
                    tracked[node_id].contributions.pop(article_id, None)
            for node in graph.nodes if graph else ():
                tracked[node.id].contributions[article_id] = node
        replaced = [a for a in final if a in stored]
        if replaced:
            tx.run(_DELETE_ARTICLE_EDGES, articles=replaced).consume()
        rows, orphans = [], []
        for node_id, entry in sorted(tracked.items()):
            if not entry.contributions:
                orphans.append(entry.eid)
                continue
            own = final.get(node_id) if entry.label == "Article" else None
            props = _node_properties(node_id, entry.contributions, own)
            rows.append({"eid": entry.eid, "props": props})
        if rows:
            tx.run(_SET_NODES, rows=rows).consume()
        if orphans:
            tx.run(_DELETE_NODES, eids=orphans).consume()
        edges: dict[str, list[Row]] = defaultdict(list)
        for graph in final.values():
            if graph is None:
                continue
            for edge in graph.edges:
                if edge.type not in RELATIONSHIP_TYPES:
                    raise ValueError(f"not an allow-listed relationship type: {edge.type!r}")
                ends = [tracked.get(edge.source), tracked.get(edge.target)]
                if ends[0] is None or ends[1] is None:
                    raise ValueError(f"edge {edge.id} of {graph.article_id} ends outside it")
                edges[edge.type].append(
                    {"source": ends[0].eid, "target": ends[1].eid, "props": _edge_props(edge)}
                )
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

    @staticmethod
    def _nodes_by_eid(tx: ManagedTransaction, eids: Collection[str]) -> dict[str, dict[str, Any]]:
        rows = _rows(tx, _NODES_BY_EID, eids=list(eids))
        return {row["eid"]: _public_node(row["node"]) for row in rows}

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
            states = {row["state"]["id"]: row["state"] for row in rows}
            edges = sorted((_to_edge(row["edge"]) for row in rows), key=lambda e: (e.article, e.id))
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
                    "a": item["a"],
                    "b": item["b"],
                    "place": item["place"],
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
            start = self._find(tx, query.entity)
            order = [start.eid]
            seen = {start.eid}
            frontier = [start.eid]
            truncated = False
            for _ in range(query.depth):
                rows = _rows(
                    tx, _expand_query(types), frontier=frontier, seen=sorted(seen), **period
                )
                around: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
                for row in rows:
                    around[row["eid"]].append((-row["weight"], row["other_id"], row["other"]))
                following: list[str] = []
                for node in frontier:
                    # Strongest ties first, as graph.memory ranks them.
                    ranked = sorted(n for n in around.get(node, ()) if n[2] not in seen)
                    for _, _, other in ranked:
                        if other in seen:
                            continue
                        if len(order) >= query.limit:
                            truncated = True
                            break
                        seen.add(other)
                        order.append(other)
                        following.append(other)
                    if truncated:
                        break
                if truncated or not following:
                    break
                frontier = following
            found = _rows(tx, _edges_among_query(types), eids=order, **period)
            found.sort(key=lambda r: (r["i"], r["other"], r["edge"]["props"]["id"]))
            edges = [_to_edge(r["edge"]) for r in found]
            if len(edges) > _MAX_VIEW_EDGES:
                edges, truncated = edges[:_MAX_VIEW_EDGES], True
            edges.sort(key=lambda e: e.id)
            nodes = self._nodes_by_eid(tx, order)
            return GraphView([nodes[n] for n in order], collapse_structural(edges), truncated)

        return self._read(work)

    def paths(self, query: PathsQuery) -> list[PathResult]:
        types = _type_filter(query.types)
        if query.max_length > _MAX_PATH_LENGTH:
            raise InvalidQuery("max_length", f"must be at most {_MAX_PATH_LENGTH} on Neo4j")
        period = {"since": query.since, "until": query.until}

        def work(tx: ManagedTransaction) -> list[PathResult]:
            source = self._find(tx, query.source)
            target = self._find(tx, query.target)
            if query.source == query.target:
                return [PathResult(0, [source.node], [])]
            sequences = self._shortest(tx, types, query, source.eid, target.eid, period)
            if not sequences:
                return []
            pairs = {(u, v) for seq in sequences for u, v in pairwise(seq)}
            rows = _rows(tx, _hop_edges_query(types), pairs=sorted(pairs), **period)
            between: dict[frozenset[str], list[Edge]] = defaultdict(list)
            for row in rows:
                between[frozenset((row["u"], row["v"]))].append(_to_edge(row["edge"]))
            nodes = self._nodes_by_eid(tx, {n for seq in sequences for n in seq})
            results = []
            for seq in sequences:
                hops = []
                for u, v in pairwise(seq):
                    candidates = {e.id: e for e in between[frozenset((u, v))]}.values()
                    # The hop's witness, as graph.memory picks it: stated first, then newest.
                    best = max(
                        candidates,
                        key=lambda e: (not e.props.get("derived"), e.date or date.min, e.id),
                    )
                    hops.append({**edge_dict(best), "parallel": len(candidates)})
                results.append(PathResult(len(hops), [nodes[n] for n in seq], hops))
            return results

        return self._read(work)

    @staticmethod
    def _shortest(
        tx: ManagedTransaction,
        types: frozenset[str],
        query: PathsQuery,
        source: str,
        target: str,
        period: Mapping[str, Any],
    ) -> list[list[str]]:
        """Up to ``k`` shortest simple node sequences (element ids), shortest first.

        ``SHORTEST n`` counts relationship-level paths, which may revisit a node; ask
        for more until ``k`` distinct simple sequences are in hand or none are left.
        """
        fetch = next((n for n in _FETCH_LADDER if n >= query.k), _FETCH_LADDER[-1])
        while True:
            cypher = _paths_query(types, query.max_length, fetch, query.k > 1)
            paths = [
                row["path"] for row in _rows(tx, cypher, source=source, target=target, **period)
            ]
            distinct = {tuple(p): None for p in paths if len(set(p)) == len(p)}
            if len(paths) < fetch or len(distinct) >= query.k or fetch == _FETCH_LADDER[-1]:
                break
            fetch = next((n for n in _FETCH_LADDER if n >= 2 * fetch), _FETCH_LADDER[-1])
        ordered = sorted(distinct, key=len)
        return [list(seq) for seq in ordered[: query.k]]

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
            out: list[dict[str, Any]] = []
            for row in sorted(_rows(tx, _MERGED_NODES), key=lambda r: r["id"]):
                contributions = _contributions(row["articles"], row["contribs"])
                out.extend(_merge_rows(row["id"], row["name"], contributions))
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
