"""The embedded store's read indexes against brute force, across writes and processes.

Meetings are served from date-ordered indexes and neighbourhoods from per-pair counts
and collapsed views, all kept up to date as articles are written, replaced and
retracted.  Here a random small corpus (shared days, undated meetings, countries that
change with the articles that give them, self-meetings) goes through many writes, and
after each batch every answer must equal the plain scan-and-sort computation.
"""

from __future__ import annotations

import hashlib
import random
import subprocess
import sys
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any

import pytest

import graph.neighbourhood
from graph.embedded import EmbeddedStore
from graph.memory import MemoryGraph
from graph.model import ASSERTION_TYPES, RELATIONSHIP_TYPES, ArticleGraph, ArticleMeta, Edge, Node
from graph.queries import (
    DEFAULT_NEIGHBOURHOOD_TYPES,
    GraphView,
    MeetingsQuery,
    NeighbourhoodQuery,
    Page,
)
from graph.views import collapse_structural, in_period

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = [f"person:p{i}" for i in range(10)]
STATES = ["AAA", "BBB", "CCC"]
EVENTS = [f"event:v{i}" for i in range(5)]
PLACES = ["place:x", "place:y"]
DATED = [date(2020, 1, 1), date(2020, 1, 2), date(2020, 3, 5), date(2021, 7, 1)]
DAYS = [None, *DATED]  # shared days, and now and then none
TITLES = [None, "Foreign Minister", "President"]

# -- a random corpus -------------------------------------------------------------------


def random_article(rng: random.Random, key: str) -> ArticleGraph:
    """One article: a few people (each with a country this article gives them, or none),
    meetings with shared and missing days, stances and structural edges."""
    article_id = f"article:{key}"
    version = rng.randrange(10**6)
    people = rng.sample(PEOPLE, rng.randint(1, 5))
    nodes = [Node(article_id, "Article", f"Article {key}", props={"published": "2020-01-01"})]
    nodes += [
        Node(p, "Official", f"{p} as {key}", country=rng.choice([None, *STATES])) for p in people
    ]
    nodes += [Node(s, "State", s, country=s, rule="iso") for s in STATES]
    event = rng.choice(EVENTS)
    place = PLACES[EVENTS.index(event) % 2]  # an event's id names its place, as compiled
    nodes += [Node(event, "Event", event), Node(place, "Place", place)]
    edges: list[Edge] = []

    def add(kind: str, source: str, target: str, **props: Any) -> None:
        day = rng.choice(DAYS) if rng.random() < 0.2 else rng.choice(DATED)
        edge_id = f"e-{key}-{len(edges)}-{version % 7}"
        edges.append(Edge(edge_id, kind, source, target, article_id, day, props))

    for _ in range(rng.randint(0, 6)):
        a, b = rng.choice(people), rng.choice(people)
        if a != b or rng.random() < 0.1:  # now and then somebody "meets" themselves
            add("MET_WITH", a, b, event=rng.choice([None, event]), derived=rng.random() < 0.3)
    for _ in range(rng.randint(0, 3)):
        add(rng.choice(["SUPPORTS", "REJECTS"]), rng.choice(people), rng.choice(people))
    for p in people:
        add("AFFILIATED_WITH", p, rng.choice(STATES), title=rng.choice(TITLES))
        if rng.random() < 0.5:
            add("PARTICIPATED_IN", p, event)
    add("HELD_IN", event, place)
    add("REPORTED_IN", event, article_id)
    meta = ArticleMeta(key, f"Article {key}", date(2020, 1, 1))
    digest = hashlib.blake2b(repr((nodes, edges)).encode(), digest_size=8).hexdigest()
    return ArticleGraph(meta, digest, tuple(nodes), tuple(edges))


def random_writes(store: EmbeddedStore, rng: random.Random, keys: list[str], n: int) -> None:
    """``n`` writes: new articles, new versions of stored ones, and retractions."""
    for _ in range(n):
        key = rng.choice(keys)
        stored = f"article:{key}" in store._graph.articles
        if stored and rng.random() < 0.35:
            store.retract(key)
        else:
            store.write([random_article(rng, key)])


# -- brute force: every edge looked at, every answer sorted ------------------------------


def brute_meetings(g: MemoryGraph, query: MeetingsQuery) -> Page:
    found: list[tuple[Edge, str, str]] = []
    for edge in g.edges.values():
        if edge.type != "MET_WITH" or not in_period(edge.date, query.since, query.until):
            continue
        a, b = edge.source, edge.target
        if query.entity is not None:
            if query.entity not in (a, b):
                continue
            if b == query.entity:
                a, b = b, a
        if query.with_ is not None and query.with_ not in (a, b):
            continue
        if query.with_ is not None and query.entity is None and a == query.with_:
            a, b = b, a
        if query.country is not None:
            sides = (b,) if query.entity is not None else (a, b)
            if all(g.nodes[s].get("country") != query.country for s in sides):
                continue
        found.append((edge, a, b))
    found.sort(key=lambda f: (f[0].date or date.min, f[0].id), reverse=True)
    window = found[query.offset : query.offset + query.limit]
    items = [g._meeting_item(edge, a, b) for edge, a, b in window]
    return Page(items, len(found), query.limit, query.offset)


def brute_neighbourhood(g: MemoryGraph, query: NeighbourhoodQuery) -> GraphView:
    wanted = frozenset(query.types)
    net = g.acts if wanted <= frozenset(ASSERTION_TYPES) else g.full

    def keep(e: Edge) -> bool:
        return e.type in wanted and in_period(e.date, query.since, query.until)

    order, seen, frontier, truncated = [query.entity], {query.entity}, [query.entity], False
    for _ in range(query.depth):
        following: list[str] = []
        for node in frontier:
            ranked = sorted(
                (-w, other)
                for other, pair in net.adj[node].items()
                if other not in seen and (w := sum(1 for e in pair["edges"].values() if keep(e)))
            )
            for _, other in ranked:
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
    edges = [
        e
        for node in order
        for other, pair in net.adj[node].items()
        if other in seen and node <= other
        for e in pair["edges"].values()
        if keep(e)
    ]
    cap = graph_memory_cap()
    if len(edges) > cap:
        edges, truncated = edges[:cap], True
    edges.sort(key=attrgetter("id"))
    return GraphView([g.public(n) for n in order], collapse_structural(edges), truncated)


def graph_memory_cap() -> int:
    cap: int = graph.neighbourhood.MAX_VIEW_EDGES
    return cap


# -- random questions --------------------------------------------------------------------


def meeting_queries(rng: random.Random, n: int) -> list[MeetingsQuery]:
    queries = []
    for _ in range(n):
        entity = rng.choice([None, None, *PEOPLE])
        with_ = rng.choice([None, None, None, entity, *PEOPLE])
        since, until = sorted(rng.sample(DATED, 2)) if rng.random() < 0.3 else (None, None)
        if rng.random() < 0.2:
            since, until = (since, None) if rng.random() < 0.5 else (None, until)
        queries.append(
            MeetingsQuery(
                entity=entity,
                with_=with_,
                country=rng.choice([None, None, *STATES]),
                since=since,
                until=until,
                limit=rng.choice([1, 3, 50]),
                offset=rng.choice([0, 0, 1, 4, 100]),
            )
        )
    return queries


def neighbourhood_queries(rng: random.Random, n: int) -> list[NeighbourhoodQuery]:
    type_sets = [
        DEFAULT_NEIGHBOURHOOD_TYPES,
        DEFAULT_NEIGHBOURHOOD_TYPES,
        RELATIONSHIP_TYPES,
        ASSERTION_TYPES,
        ("MET_WITH",),
        ("AFFILIATED_WITH", "MET_WITH"),
        ("HELD_IN", "REPORTED_IN", "PARTICIPATED_IN"),
    ]
    queries = []
    for _ in range(n):
        since = rng.choice([None, None, date(2020, 1, 2)])
        queries.append(
            NeighbourhoodQuery(
                rng.choice([*PEOPLE, *STATES, *EVENTS]),
                depth=rng.randint(1, 3),
                types=rng.choice(type_sets),
                since=since,
                limit=rng.choice([1, 3, 8, 200]),
            )
        )
    return queries


def assert_answers_match(store: EmbeddedStore, rng: random.Random) -> None:
    store.ping()  # replays what other stores wrote
    g = store._graph
    for mq in meeting_queries(rng, 40):
        if any(p is not None and p not in g.nodes for p in (mq.entity, mq.with_)):
            continue
        assert store.meetings(mq) == brute_meetings(g, mq), mq
    for nq in neighbourhood_queries(rng, 25):
        if nq.entity not in g.nodes:
            continue
        assert store.neighbourhood(nq) == brute_neighbourhood(g, nq), nq


@pytest.fixture
def small_view_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cap on view edges that a small corpus reaches, so that capped views are checked."""
    monkeypatch.setattr(graph.neighbourhood, "MAX_VIEW_EDGES", 25)


# -- the tests ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_answers_match_brute_force_across_writes_and_retractions(
    seed: int, small_view_cap: None
) -> None:
    rng = random.Random(seed)
    store = EmbeddedStore(":memory:")
    keys = [f"k{i}" for i in range(25)]
    for _ in range(12):
        random_writes(store, rng, keys, 6)
        assert_answers_match(store, rng)
    for key in keys:  # everything retracted: the indexes must be empty again
        if f"article:{key}" in store._graph.articles:
            store.retract(key)
    index = store._graph._meetings
    assert not (index.edges or index.all or index.by_node or index.by_country)
    assert not index.by_node_country
    store.close()


def test_stores_sharing_a_file_index_what_the_other_wrote(
    tmp_path: Path, small_view_cap: None
) -> None:
    path = tmp_path / "shared.sqlite"
    writer, reader = EmbeddedStore(path), EmbeddedStore(path)
    rng = random.Random(7)
    keys = [f"k{i}" for i in range(20)]
    for _ in range(8):
        random_writes(writer, rng, keys, 5)
        assert_answers_match(reader, rng)  # replayed from the log, not written here
        random_writes(reader, rng, keys, 2)
        assert_answers_match(writer, rng)
    writer.close()
    reader.close()


WRITER = """
import random, sys
sys.path.insert(0, sys.argv[2])
from graph.embedded import EmbeddedStore
from tests.test_embedded_queries import random_writes

store = EmbeddedStore(sys.argv[1])
random_writes(store, random.Random(int(sys.argv[3])), [f"k{i}" for i in range(20)], 40)
store.close()
"""


def test_a_reader_catches_up_with_another_process(tmp_path: Path, small_view_cap: None) -> None:
    path = tmp_path / "shared.sqlite"
    reader = EmbeddedStore(path)
    rng = random.Random(3)
    for seed in (1, 2):
        subprocess.run([sys.executable, "-c", WRITER, str(path), str(ROOT), str(seed)], check=True)
        assert_answers_match(reader, rng)
        fresh = EmbeddedStore(path)  # the same answers as a store loaded from scratch
        for mq in meeting_queries(random.Random(seed), 30):
            if all(p is None or p in fresh._graph.nodes for p in (mq.entity, mq.with_)):
                assert reader.meetings(mq) == fresh.meetings(mq)
        fresh.close()
    reader.close()


def test_view_edges_are_copies() -> None:
    store = EmbeddedStore(":memory:")
    random_writes(store, random.Random(5), ["a", "b", "c"], 6)
    query = NeighbourhoodQuery(STATES[0], depth=2)
    first = store.neighbourhood(query)
    for edge in first.edges:
        edge["scribbled"] = True
    assert not any("scribbled" in edge for edge in store.neighbourhood(query).edges)
    store.close()
