"""Benchmark of the Neo4j store against a naive writer and against the embedded store.

    python -m bench.neo4j [--articles 10000] [--naive-articles 2000] [--queries 200]

Starts its own Neo4j 5.26 server (``diplograph.neo4j_server``, ports 37687/37474,
home ``bench/out/neo4j``) and measures, in one run on one machine:

* ingest of the synthetic corpus with the batched writer (``Neo4jStore.write``,
  one transaction of UNWIND/MERGE per 250 articles) against a naive writer that
  sends one auto-committed MERGE per node and per relationship (kept here only,
  as the baseline), as articles per second and their ratio;
* the warm round trip of ``RETURN 1``;
* p50 of paths and neighbourhood depth 2 on Neo4j next to the embedded store on
  the same graph, and their ratio.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase

from bench.generate import dump_article, generate
from diplograph import neo4j_server
from graph.compile import Compiler
from graph.embedded import EmbeddedStore
from graph.identity import AliasTable
from graph.memory import MemoryGraph
from graph.model import ArticleGraph
from graph.neo4j_store import Neo4jStore
from graph.queries import NeighbourhoodQuery, PathsQuery
from loaders.native import parse_native

PASSWORD = "diplograph-bench"
HOME = Path(__file__).resolve().parent / "out" / "neo4j"


def _compile(n_articles: int, seed: int) -> list[ArticleGraph]:
    """Compile once, so both writers store exactly the same graphs."""
    memory = MemoryGraph()
    compiler = Compiler(AliasTable.load(), memory.lookup_keys)
    graphs = []
    for i, doc in enumerate(generate(n_articles, seed)):
        text = dump_article(doc).decode()
        (article,) = parse_native(text, f"{i}.yaml", is_json=False)
        assert not isinstance(article, Exception), article
        graphs.append(compiler.compile(article))
    return graphs


def _naive_write(driver: Any, graphs: Sequence[ArticleGraph]) -> None:
    """The baseline: one auto-commit query per node and per relationship."""
    for graph in graphs:
        for node in graph.nodes:
            driver.execute_query(
                "MERGE (n:NaiveNode {id: $id}) SET n.name = $name, n.label = $label",
                id=node.id,
                name=node.name,
                label=node.label,
                database_="neo4j",
            )
        for edge in graph.edges:
            driver.execute_query(
                "MATCH (a:NaiveNode {id: $source}), (b:NaiveNode {id: $target}) "
                "MERGE (a)-[r:NAIVE {id: $id}]->(b) SET r.type = $type, r.article = $article",
                source=edge.source,
                target=edge.target,
                id=edge.id,
                type=edge.type,
                article=edge.article,
                database_="neo4j",
            )


def _timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def run(articles: int, naive_articles: int, queries: int, seed: int) -> dict[str, Any]:
    print(f"compiling {articles} articles ...", file=sys.stderr, flush=True)
    graphs = _compile(articles, seed)
    neo4j_server.reset(HOME)
    info = neo4j_server.start(HOME, bolt_port=37687, http_port=37474, password=PASSWORD)
    store = Neo4jStore(info.bolt_uri, ("neo4j", PASSWORD))
    driver = GraphDatabase.driver(info.bolt_uri, auth=("neo4j", PASSWORD))
    try:
        store.wipe()
        print("batched writer ...", file=sys.stderr, flush=True)
        batched_s = _timed(
            lambda: [store.write(graphs[i : i + 250]) for i in range(0, len(graphs), 250)]
        )
        driver.execute_query("CREATE INDEX naive IF NOT EXISTS FOR (n:NaiveNode) ON (n.id)")
        print(f"naive writer on {naive_articles} articles ...", file=sys.stderr, flush=True)
        naive_s = _timed(lambda: _naive_write(driver, graphs[:naive_articles]))
        driver.execute_query("MATCH (n:NaiveNode) DETACH DELETE n")

        ping = []
        for _ in range(500):
            ping.append(_timed(lambda: driver.execute_query("RETURN 1", database_="neo4j")))
        embedded = EmbeddedStore(":memory:")
        embedded.write(graphs)
        rng = random.Random(seed)
        memory = embedded._graph  # sampling only
        actors = sorted(n for n in memory.acts if memory.acts.degree(n) > 0)
        cases = []
        for _ in range(queries):
            a, b = rng.sample(actors, 2)
            cases.append(("paths", PathsQuery(a, b, max_length=4)))
            cases.append(("neighbourhood_d2", NeighbourhoodQuery(rng.choice(actors), depth=2)))
        timings: dict[str, dict[str, list[float]]] = {}
        for name, query in cases:  # interleaved, so both stores see the same machine
            for label, target in (("neo4j", store), ("embedded", embedded)):
                method = target.paths if name == "paths" else target.neighbourhood
                timings.setdefault(name, {}).setdefault(label, []).append(
                    _timed(lambda m=method, q=query: m(q)) * 1000  # type: ignore[misc]
                )
        embedded.close()
    finally:
        driver.close()
        store.close()
        neo4j_server.stop(HOME)
    batched_rate = len(graphs) / batched_s
    naive_rate = naive_articles / naive_s
    result: dict[str, Any] = {
        "articles": len(graphs),
        "batched_articles_per_s": batched_rate,
        "naive_articles_per_s": naive_rate,
        "batched_over_naive": batched_rate / naive_rate,
        "return1_p50_ms": statistics.median(ping) * 1000,
    }
    for name, by_store in timings.items():
        neo, emb = statistics.median(by_store["neo4j"]), statistics.median(by_store["embedded"])
        result[name] = {"neo4j_p50_ms": neo, "embedded_p50_ms": emb, "ratio": neo / emb}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--naive-articles", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    result = run(args.articles, args.naive_articles, args.queries, args.seed)
    for key, value in result.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
