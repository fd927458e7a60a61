"""The measured phases of ``bench.report``, each in a process of its own.

A phase runs alone so that its peak memory and its imports are its own, and so that
the Neo4j driver can be measured with and without its Rust extension (which it picks
up at import).  Each phase prints one JSON object on its last line of output::

    python -m bench.phases embedded-ingest --articles N --seed S --store FILE
    python -m bench.phases embedded-load --store FILE [--no-snapshot]
    python -m bench.phases embedded-queries --store FILE --cases FILE
    python -m bench.phases neo4j-queries --uri URI --password P --cases FILE [--no-rust]

Query cases (``--cases``) are a JSON list of ``[family, params]`` written by
``bench.report``, so both stores answer the very same questions.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

if os.environ.get("DIPLOGRAPH_BENCH_NO_RUST"):
    # The driver imports its Rust codec when it can; make that import fail so that it
    # falls back to pure Python.  Must happen before anything imports neo4j.
    sys.modules["neo4j._rust"] = None  # type: ignore[assignment]

FAMILIES = ("meetings", "neighbourhood_d1", "neighbourhood_d2", "neighbourhood_d3", "paths")
Case = tuple[str, dict[str, Any]]
WARM_UP = 50


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50/p95/p99 (inclusive method: exact on small samples) in the samples' unit."""
    if len(samples) == 1:
        return {"p50": samples[0], "p95": samples[0], "p99": samples[0]}
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": statistics.median(samples), "p95": cuts[94], "p99": cuts[98]}


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb(pid: int | str = "self", field: str = "VmRSS") -> float:
    """A memory field of /proc status (VmRSS now, VmHWM the peak) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/{pid}/status")


def _warmed(cases: list[Case]) -> tuple[int, list[Case]]:
    """The first cases (WARM_UP, or a quarter of a short list) again in front, to go
    unmeasured: caches, query plans and the JVM's compiler warm up on the same mix."""
    warm = min(WARM_UP, len(cases) // 4)
    return warm, cases[:warm] + cases


def _ms(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def _query(family: str, params: dict[str, Any]) -> tuple[str, Any]:
    """The store method name and query object of a case, and its HTTP path."""
    from graph.queries import MeetingsQuery, NeighbourhoodQuery, PathsQuery

    if family == "meetings":
        return "meetings", MeetingsQuery(entity=params["entity"], limit=50)
    if family.startswith("neighbourhood_d"):
        depth = int(family[-1])
        return "neighbourhood", NeighbourhoodQuery(params["entity"], depth=depth)
    return "paths", PathsQuery(params["from"], params["to"], max_length=4)


def _http_path(family: str, params: dict[str, Any]) -> str:
    if family == "meetings":
        return "/api/v1/meetings?" + urlencode({"entity": params["entity"], "limit": 50})
    if family.startswith("neighbourhood_d"):
        return f"/api/v1/entities/{params['entity']}/neighbourhood?depth={family[-1]}"
    return "/api/v1/paths?" + urlencode({"from": params["from"], "to": params["to"]})


# -- phases ------------------------------------------------------------------------------


def embedded_ingest(articles: int, seed: int, store_path: Path) -> dict[str, Any]:
    """Generate, parse, resolve and write ``articles`` articles, as ``diplograph ingest``."""
    from bench.generate import dump_article, generate
    from graph.embedded import EmbeddedStore
    from graph.identity import AliasTable
    from graph.ingest import ingest
    from loaders import parse_bytes

    docs = list(generate(articles, seed))
    assertions = sum(len(doc.get("relations", ())) for doc in docs)
    blobs = [dump_article(doc) for doc in docs]
    del docs
    store_path.unlink(missing_ok=True)
    store = EmbeddedStore(store_path)
    before = peak_rss_mb()
    start = time.perf_counter()
    parsed = (a for i, blob in enumerate(blobs) for a in parse_bytes(blob, f"{i}.yaml").articles)
    report = ingest(store, parsed, AliasTable.load())  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    if not report.ok:
        raise RuntimeError(f"ingest failed: {report.failures[:3]}")
    stats = store.stats()
    closing = time.perf_counter()
    store.close()  # writes the snapshot of the built graph
    snapshot = Path(f"{store_path}.snapshot")
    return {
        "snapshot_write_s": time.perf_counter() - closing,
        "snapshot_mb": snapshot.stat().st_size / 1e6 if snapshot.exists() else None,
        "articles": articles,
        "assertions": assertions,
        "nodes": stats.nodes,
        "relationships": stats.relationships,
        "seconds": seconds,
        "articles_per_s": articles / seconds,
        "assertions_per_s": assertions / seconds,
        "peak_rss_mb": peak_rss_mb(),
        "corpus_rss_mb": before,
    }


def embedded_load(store_path: Path, snapshot: bool = True) -> dict[str, Any]:
    """Open the store and what its graph costs in memory: from the snapshot the ingest
    left, or (``snapshot=False``) rebuilt from every article row."""
    import gc

    from graph.embedded import EmbeddedStore

    gc.collect()
    baseline = current_rss_mb()
    start = time.perf_counter()
    store = EmbeddedStore(store_path, snapshot=snapshot)
    seconds = time.perf_counter() - start
    if store.loaded_from_snapshot != snapshot:
        raise RuntimeError(f"asked for snapshot={snapshot}, got {store.loaded_from_snapshot}")
    loaded = current_rss_mb()
    stats = store.stats()
    store.close()
    return {
        "seconds": seconds,
        "rss_mb": loaded - baseline,
        "bytes_per_edge": (loaded - baseline) * 1024 * 1024 / stats.relationships,
        "relationships": stats.relationships,
    }


def embedded_queries(store_path: Path, cases: list[Case]) -> dict[str, Any]:
    """Each case through the store and through HTTP (gunicorn, one worker), interleaved."""
    from bench.core import ApiServer
    from graph.embedded import EmbeddedStore

    store = EmbeddedStore(store_path)
    server = ApiServer(store_path)
    warm, cases_warmed = _warmed(cases)
    direct: dict[str, list[float]] = {f: [] for f in FAMILIES}
    http: dict[str, list[float]] = {f: [] for f in FAMILIES}
    try:
        for i, (family, params) in enumerate(cases_warmed):
            method, query = _query(family, params)
            call = getattr(store, method)
            took = _ms(lambda c=call, q=query: c(q))  # type: ignore[misc]
            path = _http_path(family, params)
            over_http = _ms(lambda p=path: server.fetch(p))  # type: ignore[misc]
            if i >= warm:
                direct[family].append(took)
                http[family].append(over_http)
    finally:
        server.stop()
        store.close()
    return {
        family: {"store_ms": percentiles(direct[family]), "http_ms": percentiles(http[family])}
        for family in FAMILIES
        if direct[family]
    }


@contextmanager
def _server_times() -> Iterator[list[float]]:
    """Collect Neo4j's own time for each query the store runs: the time until the first
    record was available plus the time to consume the rest (bench-only instrumentation
    of the store's one query helper)."""
    import graph.neo4j_store as module

    collected: list[float] = []
    original = module._rows

    def timed_rows(tx: Any, cypher: str, /, **params: Any) -> list[dict[str, Any]]:
        result = tx.run(cypher, params)
        rows = [dict(zip(record.keys(), record, strict=True)) for record in result]
        summary = result.consume()
        collected.append(
            float(summary.result_available_after or 0) + float(summary.result_consumed_after or 0)
        )
        return rows

    module._rows = timed_rows  # type: ignore[assignment]
    try:
        yield collected
    finally:
        module._rows = original


class _EmptyRead:
    """A read transaction that asks nothing (``RETURN 1``) in a session of its own, as
    the store runs each query: the least any Neo4j answer can take through the driver."""

    def __init__(self, uri: str, password: str) -> None:
        from neo4j import GraphDatabase

        self._driver = GraphDatabase.driver(uri, auth=("neo4j", password))

    def __call__(self) -> None:
        with self._driver.session(database="neo4j") as session:
            session.execute_read(lambda tx: tx.run("RETURN 1").consume())

    def close(self) -> None:
        self._driver.close()


def neo4j_queries(uri: str, password: str, cases: list[Case]) -> dict[str, Any]:
    """Each case through the Neo4j store, with the server's own reported time beside it,
    and after each an empty read transaction: the floor of the driver's round trips."""
    from graph.errors import InvalidQuery
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(uri, ("neo4j", password))
    empty_read = _EmptyRead(uri, password)
    warm, cases_warmed = _warmed(cases)
    client: dict[str, list[float]] = {f: [] for f in FAMILIES}
    server: dict[str, list[float]] = {f: [] for f in FAMILIES}
    refused: dict[str, list[str]] = {f: [] for f in FAMILIES}
    floor: list[float] = []
    try:
        store.stats()  # connect and warm up
        with _server_times() as times:
            for i, (family, params) in enumerate(cases_warmed):
                method, query = _query(family, params)
                call = getattr(store, method)
                times.clear()
                try:
                    took = _ms(lambda c=call, q=query: c(q))  # type: ignore[misc]
                except InvalidQuery as exc:  # the answer outgrew the server's memory
                    if i >= warm:
                        refused[family].append(f"{params}: {exc}")
                    continue
                if i >= warm:
                    client[family].append(took)
                    server[family].append(sum(times))
                    floor.append(_ms(empty_read))
    finally:
        store.close()
        empty_read.close()
    import neo4j._codec.packstream.v1 as codec

    return {
        "rust": codec._rust_unpack is not None,
        "empty_read_ms": percentiles(floor),
        "families": {
            family: {
                "store_ms": percentiles(client[family]),
                "server_ms": percentiles(server[family]),
                "refused": len(refused[family]),
                "refused_examples": refused[family][:3],
            }
            for family in FAMILIES
            if client[family]
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "phase", choices=["embedded-ingest", "embedded-load", "embedded-queries", "neo4j-queries"]
    )
    parser.add_argument("--articles", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--cases", type=Path)
    parser.add_argument("--uri")
    parser.add_argument("--password")
    parser.add_argument("--no-snapshot", action="store_true", help="embedded-load: rebuild")
    args = parser.parse_args(argv)
    cases = [tuple(c) for c in json.loads(args.cases.read_text())] if args.cases else []
    if args.phase == "embedded-ingest":
        result = embedded_ingest(args.articles, args.seed, args.store)
    elif args.phase == "embedded-load":
        result = embedded_load(args.store, snapshot=not args.no_snapshot)
    elif args.phase == "embedded-queries":
        result = embedded_queries(args.store, cases)  # type: ignore[arg-type]
    else:
        result = neo4j_queries(args.uri, args.password, cases)  # type: ignore[arg-type]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
