"""Benchmark of the embedded store and its HTTP API on synthetic corpora.

    python -m bench.core --sizes 1000 10000 [--queries 300] [--json bench/out/core.json]

For each size: ingest rate (parse + resolve + write, through the same functions as
``diplograph ingest``), store load time at start, and p50/p95 of meetings,
neighbourhood (depth 2, default node cap) and paths, each measured through the
store and through HTTP (gunicorn, one worker, on loopback) side by side, so the
ratio API/store comes from one run on one machine.  Medians, never lone times.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.generate import dump_article, generate
from graph.embedded import EmbeddedStore
from graph.identity import AliasTable
from graph.ingest import ingest
from graph.queries import MeetingsQuery, NeighbourhoodQuery, PathsQuery
from loaders import parse_bytes


def _percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": statistics.median(samples), "p95": cuts[94]}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ApiServer:
    """``diplograph serve --workers N`` (one by default) on a free loopback port."""

    def __init__(self, store_path: Path, workers: int = 1) -> None:
        self.port = _free_port()
        config = store_path.with_suffix(".yaml")
        config.write_text(f"store:\n  path: {store_path}\n", encoding="utf-8")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "diplograph",
                "serve",
                "--workers",
                str(workers),
                "--port",
                str(self.port),
                "--config",
                str(config),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                self.get("/api/v1/health")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the API server did not start")

    def get(self, path: str) -> Any:
        return json.loads(self.fetch(path))

    def fetch(self, path: str) -> bytes:
        """The body of a 200 answer, undecoded: what a timing of the API should cover."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: {response.status} {body[:200]!r}")
            return body
        finally:
            connection.close()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _time(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def measure(size: int, queries: int, seed: int, workdir: Path) -> dict[str, Any]:
    blobs = [dump_article(doc) for doc in generate(size, seed)]
    path = workdir / f"store-{size}.sqlite"
    store = EmbeddedStore(path)
    aliases = AliasTable.load()
    start = time.perf_counter()
    parsed = [a for i, blob in enumerate(blobs) for a in parse_bytes(blob, f"{i}.yaml").articles]
    report = ingest(store, parsed, aliases)
    ingest_s = time.perf_counter() - start
    assert report.ok, report.failures[:3]
    stats = store.stats()
    store.close()

    loads = []
    for _ in range(3):
        start = time.perf_counter()
        store = EmbeddedStore(path)
        loads.append(time.perf_counter() - start)
        store.close()
    store = EmbeddedStore(path)

    rng = random.Random(seed)
    graph = store._graph  # sampling only: which nodes have assertions
    actors = sorted(n for n in graph.acts if graph.acts.degree(n) > 0)
    any_nodes = sorted(
        n for n in graph.full if graph.full.degree(n) > 0 and not n.startswith("article:")
    )
    server = ApiServer(path)
    try:
        cases: dict[str, list[tuple[Callable[[], Any], str]]] = {
            "meetings": [],
            "neighbourhood_d2": [],
            "paths": [],
        }
        for _ in range(queries):
            who = rng.choice(actors)
            cases["meetings"].append(
                (
                    lambda w=who: store.meetings(MeetingsQuery(entity=w, limit=50)),
                    "/api/v1/meetings?" + urlencode({"entity": who, "limit": 50}),
                )
            )
            centre = rng.choice(any_nodes)
            cases["neighbourhood_d2"].append(
                (
                    lambda c=centre: store.neighbourhood(NeighbourhoodQuery(c, depth=2)),
                    f"/api/v1/entities/{centre}/neighbourhood?depth=2",
                )
            )
            a, b = rng.sample(actors, 2)
            cases["paths"].append(
                (
                    lambda a=a, b=b: store.paths(PathsQuery(a, b, max_length=4)),
                    "/api/v1/paths?" + urlencode({"from": a, "to": b, "max_length": 4}),
                )
            )
        results: dict[str, Any] = {}
        for name, calls in cases.items():
            direct, api = [], []
            for call, url in calls:  # interleaved: both see the same machine state
                direct.append(_time(call))
                api.append(_time(lambda u=url: server.get(u)))
            d, h = _percentiles(direct), _percentiles(api)
            results[name] = {
                "store_ms": d,
                "http_ms": h,
                "http_over_store_p50": h["p50"] / d["p50"],
                "http_minus_store_p50_ms": h["p50"] - d["p50"],
            }
    finally:
        server.stop()
        store.close()
    return {
        "articles": size,
        "nodes": stats.nodes,
        "relationships": stats.relationships,
        "ingest_articles_per_s": size / ingest_s,
        "load_s_median": statistics.median(loads),
        "queries": results,
    }


def _report(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| articles | nodes | rels | ingest art/s | load s | query "
        "| store p50 / p95 ms | HTTP p50 / p95 ms | HTTP/store p50 |",
        "|---:|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for row in rows:
        for name, q in row["queries"].items():
            lines.append(
                f"| {row['articles']} | {row['nodes']} | {row['relationships']} | "
                f"{row['ingest_articles_per_s']:.0f} | {row['load_s_median']:.2f} | {name} | "
                f"{q['store_ms']['p50']:.2f} / {q['store_ms']['p95']:.2f} | "
                f"{q['http_ms']['p50']:.2f} / {q['http_ms']['p95']:.2f} | "
                f"{q['http_over_store_p50']:.2f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            print(f"measuring {size} articles ...", file=sys.stderr, flush=True)
            rows.append(measure(size, args.queries, args.seed, Path(tmp)))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(_report(rows))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
