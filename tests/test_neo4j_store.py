"""The Neo4j store on a real server: same answers as the embedded store, and its faults.

The contract suite (``test_store.py``) checks what both stores must answer; these tests
compare the two stores answer for answer on the same data, and cover what only a server
has: its schema, batched transactions, literal strings, a server that goes away, a
wrong password.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import neo4j
import orjson
import pytest
import yaml

from graph.embedded import EmbeddedStore
from graph.errors import ArticleNotFound, EntityNotFound, StoreUnavailable
from graph.identity import AliasTable
from graph.ingest import ingest
from graph.model import NODE_LABELS, RELATIONSHIP_TYPES, ArticleGraph, Edge
from graph.neo4j_store import Neo4jStore
from graph.queries import (
    DEFAULT_NEIGHBOURHOOD_TYPES,
    EntityQuery,
    MeetingsQuery,
    NeighbourhoodQuery,
    PathsQuery,
)
from graph.store import Store
from loaders import parse_bytes
from tests.conftest import SAMPLES, load_samples

pytestmark = pytest.mark.neo4j

USER = "neo4j"
MIKDAD = "person:fayssal-mikdad"
TEHRAN = "sana-2017-10-25-tehran"


@pytest.fixture
def neo(neo4j_server: dict[str, Any]) -> Iterator[Neo4jStore]:
    store = Neo4jStore(neo4j_server["uri"], (USER, neo4j_server["password"]))
    store.wipe()
    yield store
    store.close()


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "store.sqlite")
    yield store
    store.close()


def _ingest_docs(store: Store, docs: list[dict[str, Any]]) -> list[str]:
    """Ingest native-format documents (as JSON) in one batch; the outcome of each."""
    parsed = parse_bytes(orjson.dumps(docs), "docs.json")
    assert not parsed.errors, [str(e) for e in parsed.errors]
    report = ingest(store, parsed.articles, AliasTable.load())
    assert report.ok, [str(f) for f in report.failures]
    return [o.status for o in report.outcomes]


def _sample(key: str) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load((SAMPLES / f"{key}.yaml").read_text("utf-8"))
    return doc


# -- the same answers ------------------------------------------------------------------


def _everything(store: Store) -> dict[str, Any]:
    """The whole graph, as every listing query shows it."""
    return {
        "stats": _stats(store),
        "export": store.export(),
        "merges": store.merges(),
        "search": [
            store.search_entities(EntityQuery(q=q, type=t, limit=50))
            for q in (None, "Mekdad", "Syrian", "larijani", "al", "zzzz", "Sochi")
            for t in (None, "Official", "State", "Event")
        ],
        "meetings": store.meetings(MeetingsQuery(limit=1000)),
    }


def _stats(store: Store) -> tuple[Any, ...]:
    s = store.stats()
    return (s.articles, s.nodes, s.relationships, s.nodes_by_type, s.relationships_by_type)


def _answers(store: Store) -> dict[str, Any]:
    """A broad sample of every query on the sample corpus, in comparable form."""
    view = store.export()
    ids = [n["id"] for n in view.nodes]
    people = [n["id"] for n in view.nodes if n["type"] == "Official"]
    actors = [n["id"] for n in view.nodes if n["type"] in ("Official", "State", "Organization")]
    articles = [n["id"] for n in view.nodes if n["type"] == "Article"]
    periods = [(None, None), (date(2017, 5, 1), date(2017, 11, 20))]
    out: dict[str, Any] = _everything(store)
    out["entity"] = [store.entity(i) for i in ids]
    out["article"] = [store.article(a) for a in articles]
    for (since, until), entity, with_, country in itertools.product(
        periods, [None, *actors], (None, MIKDAD), (None, "IRN")
    ):
        query = MeetingsQuery(entity, with_, country, since, until, limit=7, offset=1)
        out[f"meetings {query}"] = store.meetings(query)
    hubs = ["SYR", "IRN", "TUR", MIKDAD, "person:recep-tayyip-erdogan", "person:sergei-lavrov"]
    hubs += [people[0], people[-1], "event:kurdistan-independence-referendum", "place:sochi"]
    for entity, depth, types, (since, until), limit in itertools.product(
        hubs,
        (1, 2, 3),
        (DEFAULT_NEIGHBOURHOOD_TYPES, ("MET_WITH",), ("AFFILIATED_WITH", "SUPPORTS")),
        periods,
        (200, 6),
    ):
        query = NeighbourhoodQuery(entity, depth, types, since, until, limit)
        out[f"neighbourhood {query}"] = store.neighbourhood(query)
    for a, b in itertools.combinations(people[::3], 2):
        for types in (("MET_WITH", "SUPPORTS", "REJECTS"), ("MET_WITH", "AFFILIATED_WITH")):
            found = store.paths(PathsQuery(a, b, max_length=3, k=10, types=types))
            if len(found) < 10:  # every path there is: the same set in both stores
                out[f"paths {a} {b} {types}"] = sorted(
                    orjson.dumps((p.length, p.nodes, p.edges), option=orjson.OPT_SORT_KEYS)
                    for p in found
                )
            else:
                out[f"paths {a} {b} {types}"] = [p.length for p in found]
            first = store.paths(PathsQuery(a, b, max_length=5, k=2, types=types))
            out[f"shortest {a} {b} {types}"] = [p.length for p in first]
    return out


def _assert_same(left: dict[str, Any], right: dict[str, Any]) -> None:
    assert left.keys() == right.keys()
    different = [key for key in left if left[key] != right[key]]
    assert not different, (different[:5], left[different[0]], right[different[0]])


def test_same_answers_as_the_embedded_store(embedded: EmbeddedStore, neo: Neo4jStore) -> None:
    load_samples(embedded)
    load_samples(neo)
    _assert_same(_answers(embedded), _answers(neo))
    keys = [("Official", "fayssal mikdad"), ("Official", "faisal mekdad"), ("Place", "tehran")]
    keys += [("Official", "nobody"), ("Nope", "x")]
    assert neo.lookup_keys(keys) == embedded.lookup_keys(keys)


def test_same_answers_after_replacing_and_retracting(
    embedded: EmbeddedStore, neo: Neo4jStore
) -> None:
    changed = _sample(TEHRAN)
    changed["events"] = [e for e in changed["events"] if e["id"] != "m2"]
    changed["relations"] = [r for r in changed["relations"] if r.get("event") != "m2"]
    changed["entities"][0]["name"] = "Faisal al-Miqdad"
    for store in (embedded, neo):
        load_samples(store)
        assert _ingest_docs(store, [changed]) == ["replaced"]
        store.retract("irna-2017-10-25-mekdad-larijani")
        store.retract("article:kazinform-2017-01-24-astana-1")
        # The first article (in id order) behind much of what is said about Iran, Turkey
        # and Tehran: the next one must take its place in every merge.
        store.retract("aa-2017-10-04-erdogan-tehran")
        assert store.write([]) == []
    _assert_same(_everything(embedded), _everything(neo))
    # One batch naming articles twice: applied in order, so the last version stays.
    docs = [_sample("irna-2017-10-25-mekdad-larijani"), _sample(TEHRAN), changed]
    for store in (embedded, neo):
        irna, tehran, tehran_changed = _compile(store, docs)
        outcomes = store.write([irna, tehran, irna, tehran_changed, tehran])
        assert [o.status for o in outcomes] == [
            "created",
            "replaced",
            "unchanged",
            "replaced",
            "replaced",
        ]
    _assert_same(_everything(embedded), _everything(neo))
    assert neo.entity(MIKDAD) == embedded.entity(MIKDAD)


def _compile(store: Store, docs: list[dict[str, Any]]) -> list[ArticleGraph]:
    """Native documents compiled against the store, as ingest would (one compiler)."""
    from graph.compile import Compiler

    articles = list(parse_bytes(orjson.dumps(docs), "docs.json").articles)
    assert len(articles) == len(docs)
    compiler = Compiler(AliasTable.load(), store.lookup_keys)
    compiler.prefetch(articles)
    return [compiler.compile(a) for a in articles]


@pytest.mark.parametrize("run_degrees", [100_000, 1], ids=["one-query", "node-by-node"])
def test_capped_views_list_edges_as_the_embedded_store(
    embedded: EmbeddedStore, neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch, run_degrees: int
) -> None:
    """Past the edge cap, both stores keep the same edges (in the order they were written),
    whether Neo4j counts the view's pairs in one query or node by node, stopping at the cut."""
    import graph.neighbourhood
    import graph.neo4j_store

    monkeypatch.setattr(graph.neighbourhood, "MAX_VIEW_EDGES", 25)
    monkeypatch.setattr(graph.neo4j_store, "_MAX_VIEW_EDGES", 25)
    monkeypatch.setattr(graph.neo4j_store, "_RUN_DEGREES", run_degrees)
    for store in (embedded, neo):
        load_samples(store)
    truncated = 0
    kinds = (DEFAULT_NEIGHBOURHOOD_TYPES, ("MET_WITH",))
    # A period makes the cap count only the edges within it, and cut elsewhere.
    periods = ((None, None), (date(2017, 9, 1), date(2017, 12, 31)))
    for entity in ("SYR", MIKDAD, "person:recep-tayyip-erdogan"):
        for depth, types, (since, until) in itertools.product((1, 2), kinds, periods):
            query = NeighbourhoodQuery(entity, depth, types, since, until)
            mine, theirs = neo.neighbourhood(query), embedded.neighbourhood(query)
            assert mine == theirs, query
            truncated += mine.truncated
    assert truncated >= 10


# -- the server's own concerns ---------------------------------------------------------

ODD = "Abu 'Ali\" `Backtick` } RETURN 1 // MATCH (n) DETACH DELETE n $id {x}"


def test_odd_strings_are_stored_and_queried_literally(
    embedded: EmbeddedStore, neo: Neo4jStore
) -> None:
    doc = {
        "article": {
            "id": "odd-strings",
            "title": "A title with 'quotes', \"double quotes\", `backticks` and } braces",
            "published": "2017-10-25",
            "source": "Le `Monde` } UNION MATCH (n) RETURN n",
        },
        "entities": [
            {"id": "a", "type": "Official", "name": ODD, "country": "SYR"},
            {
                "id": "b",
                "type": "Organization",
                "name": "CALL { MATCH (n) DELETE n }",
                "key": "org:`weird`}'key",
                "aliases": ["'; DROP TABLE x; --", "\\u0000\\n"],
            },
            {"id": "c", "type": "Official", "name": "Fayssal Mikdad", "country": "SYR"},
        ],
        "relations": [
            {
                "type": "MET_WITH",
                "source": "a",
                "target": "c",
                "evidence": 'He said: "}) DETACH DELETE n //" and `left`.',
                "about": "$about ${about} {about}",
            },
            {"type": "SUPPORTS", "source": "b", "target": "a", "about": "MERGE (x) SET x.y = 1"},
        ],
    }
    for store in (embedded, neo):
        load_samples(store)
        assert _ingest_docs(store, [doc]) == ["created"]
    before = _stats(neo)
    hits = neo.search_entities(EntityQuery(q=ODD))
    assert [i["name"] for i in hits.items][:1] == [ODD]
    odd_id = hits.items[0]["id"]
    weird = neo.entity("org:`weird`}'key")
    assert weird["name"] == "CALL { MATCH (n) DELETE n }"
    assert "'; DROP TABLE x; --" in weird["aliases"]
    assert neo.entity(odd_id) == embedded.entity(odd_id)
    assert neo.article("odd-strings") == embedded.article("odd-strings")
    meetings = neo.meetings(MeetingsQuery(entity=odd_id))
    assert meetings == embedded.meetings(MeetingsQuery(entity=odd_id))
    assert meetings.items[0]["evidence"] == 'He said: "}) DETACH DELETE n //" and `left`.'
    for query in (ODD, "}", "`", "' OR 1=1 --", "$id", "MATCH (n) RETURN n"):
        assert neo.search_entities(EntityQuery(q=query)) == embedded.search_entities(
            EntityQuery(q=query)
        ), query
        with pytest.raises(EntityNotFound):
            neo.entity(query)
        with pytest.raises(ArticleNotFound):
            neo.article(query)
    found = neo.paths(PathsQuery("org:`weird`}'key", MIKDAD, types=("SUPPORTS", "MET_WITH")))
    assert [p.length for p in found] == [2]
    assert _stats(neo) == before  # nothing was executed from a string
    _assert_same(_everything(embedded), _everything(neo))


def test_schema_is_created_once_and_only_allow_listed_names_are_used(
    neo4j_server: dict[str, Any], neo: Neo4jStore
) -> None:
    load_samples(neo)
    again = Neo4jStore(neo4j_server["uri"], (USER, neo4j_server["password"]))
    again.ping()  # creates the schema again: IF NOT EXISTS, no error
    again.close()
    with neo4j.GraphDatabase.driver(
        neo4j_server["uri"], auth=(USER, neo4j_server["password"])
    ) as driver:
        labels = {r["label"] for r in driver.execute_query("CALL db.labels()").records}
        types = {
            r["relationshipType"]
            for r in driver.execute_query("CALL db.relationshipTypes()").records
        }
        constraints = driver.execute_query(
            "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN *"
        ).records
    assert labels <= set(NODE_LABELS) and labels >= {"Official", "State", "Event", "Article"}
    assert types <= set(RELATIONSHIP_TYPES) and "MET_WITH" in types
    unique = {
        (r["labelsOrTypes"][0], tuple(r["properties"]))
        for r in constraints
        if "UNIQUENESS" in r["type"]
    }
    for name in (*NODE_LABELS, *RELATIONSHIP_TYPES):
        assert (name, ("id",)) in unique, name


def test_a_batch_is_one_transaction_of_a_few_queries(
    neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    transactions: list[int] = []
    queries: list[str] = []
    execute_write = neo4j.Session.execute_write
    run = neo4j.ManagedTransaction.run

    def counting_write(self: Any, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        transactions.append(1)
        return execute_write(self, work, *args, **kwargs)

    def counting_run(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        queries.append(str(query))
        return run(self, query, *args, **kwargs)

    neo.ping()  # the schema, outside the count
    monkeypatch.setattr(neo4j.Session, "execute_write", counting_write)
    monkeypatch.setattr(neo4j.ManagedTransaction, "run", counting_run)
    load_samples(neo)  # 20 articles: one batch
    stats = neo.stats()
    assert len(transactions) == 1
    assert stats.nodes + stats.relationships > 500
    writes = [q for q in queries if "MERGE" in q or "CREATE" in q or "SET" in q]
    assert len(writes) <= 20, writes
    assert all(q.lstrip().startswith(("UNWIND", "MATCH", "CALL")) for q in writes)


def test_a_failing_batch_leaves_nothing(neo: Neo4jStore, embedded: EmbeddedStore) -> None:
    load_samples(neo)
    before = (_stats(neo), neo.export())
    docs = [_sample(TEHRAN), _sample("irna-2017-10-25-mekdad-larijani")]
    for doc in docs:
        doc["article"]["id"] += "-copy"
    first, second = _compile(neo, docs)
    # The server refuses a map as a property value, after the first article's nodes
    # and edges were written in the same transaction.
    bad = Edge("e-bad", "MET_WITH", MIKDAD, MIKDAD, second.article_id, props={"x": {"y": 1}})
    broken = ArticleGraph(second.meta, second.digest, second.nodes, (*second.edges, bad))
    with pytest.raises(neo4j.exceptions.Neo4jError):
        neo.write([first, broken])
    assert (_stats(neo), neo.export()) == before
    for graph in (first, second):
        with pytest.raises(ArticleNotFound):
            neo.article(graph.article_id)
    assert [o.status for o in neo.write([first, second])] == ["created", "created"]


def test_wrong_password_is_a_clear_error(neo4j_server: dict[str, Any]) -> None:
    secret = "not-the-password-1234"
    store = Neo4jStore(neo4j_server["uri"], (USER, secret))  # does not connect
    try:
        with pytest.raises(StoreUnavailable) as caught:
            store.stats()
    finally:
        store.close()
    message = str(caught.value)
    assert "authentication failed" in message
    assert repr(USER) in message and neo4j_server["uri"] in message
    assert secret not in message


def test_unreachable_server_is_reported_quickly() -> None:
    uri = "bolt://127.0.0.1:1"
    store = Neo4jStore(uri, (USER, "secret-password"), connection_timeout=1.0, retry_time=0.5)
    start = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        store.ping()
    store.close()
    assert uri in str(caught.value) and "secret-password" not in str(caught.value)
    assert time.monotonic() - start < 10


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_server_stopped_then_back(neo4j_server: dict[str, Any], neo: Neo4jStore) -> None:
    """Queries fail with StoreUnavailable while the server is down and work once it is back."""
    home = neo4j_server.get("home")
    if home is None:
        pytest.skip("the server was not started by the tests (NEO4J_TEST_URI)")
    from diplograph import neo4j_server as server

    load_samples(neo)
    before = _stats(neo)
    store = Neo4jStore(
        neo4j_server["uri"],
        (USER, neo4j_server["password"]),
        connection_timeout=2.0,
        retry_time=1.0,
    )
    store.ping()
    ports = server.status(home)
    server.stop(home, progress=lambda _: None)
    try:
        for call in (store.ping, store.stats, lambda: store.entity(MIKDAD)):
            with pytest.raises(StoreUnavailable) as caught:
                call()
            assert neo4j_server["uri"] in str(caught.value)
            assert neo4j_server["password"] not in str(caught.value)
    finally:
        server.start(
            home,
            bolt_port=ports.bolt_port,
            http_port=ports.http_port,
            password=neo4j_server["password"],
            timeout=180,
            progress=lambda _: None,
        )
    assert _stats(store) == before  # the same store object, no reconnect by hand
    assert store.entity(MIKDAD)["name"] == "Fayssal Mikdad"
    store.close()
