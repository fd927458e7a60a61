"""The benchmark report: one command measures both stores and writes BENCHMARKS.md.

    python -m bench.report                      # S = 10,000 and M = 300,000 articles
    python -m bench.report --sizes 10000 --runs 3 --out /tmp/BENCH.md
    python -m bench.report --writers-only --sizes 300000   # Neo4j writer ratios alone

For each corpus size (synthetic, ``bench.generate``, seed 7), side by side in one run
on one machine:

* embedded store: ingest articles/s and assertions/s with peak memory (median of
  ``--runs``), start-up load time and memory per edge (median of ``--runs`` loads),
  and p50/p95/p99 of meetings, neighbourhood depth 1/2/3 and paths, through the store
  and through HTTP (gunicorn, one worker), interleaved;
* Neo4j (a server of its own, ``bench/out/neo4j``): the batched writer, a naive writer
  (one auto-commit ``MERGE`` per node and relationship; kept here only) and bulk import
  (``export --format neo4j-admin`` files, ``neo4j-admin database import``, then the
  store's constraints), as ratios; the same queries through the Neo4j store with
  Neo4j's own reported time (``result_available_after + result_consumed_after``) as
  the floor, with and without the driver's Rust extension.

Every phase runs in a process of its own (``bench.phases``).  Figures go to
``bench/results/report.json``, plots to ``bench/results/*.png`` and the text to ``--out``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.phases import FAMILIES, Case, current_rss_mb

ROOT = Path(__file__).resolve().parent.parent
NEO4J_HOME = ROOT / "bench" / "out" / "neo4j"
FIGURES = ROOT / "bench" / "results"  # committed: BENCHMARKS.md shows its plots
PASSWORD = "diplograph-bench"
BOLT, HTTP = 37687, 37474
HUBS = 5  # the busiest actors are always among the sampled centres


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _phase(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.phases", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.phases {args[0]} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _median_of(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def _cases(store_path: Path, queries: int, seed: int) -> list[Case]:
    """Centres and pairs among actors with assertions, the busiest hubs included."""
    from graph.embedded import EmbeddedStore

    store = EmbeddedStore(store_path)
    acts = store._graph.acts  # sampling only: which nodes have assertions, and how many
    actors = sorted(n for n in acts if acts.degree(n) > 0)
    hubs = sorted(actors, key=lambda n: (-acts.degree(n), n))[:HUBS]
    store.close()
    rng = random.Random(seed)
    cases: list[Case] = []
    for i in range(queries):
        centre = hubs[i] if i < len(hubs) else rng.choice(actors)
        a, b = rng.sample(actors, 2)
        cases += [(f, {"entity": centre}) for f in FAMILIES if f != "paths"]
        cases.append(("paths", {"from": a, "to": b}))
    rng.shuffle(cases)  # families interleaved: each sees the same machine state
    return cases


# -- embedded ---------------------------------------------------------------------------


def embedded(
    size: int, runs: int, seed: int, workdir: Path, cases_path: Path, queries: int
) -> dict[str, Any]:
    store = workdir / f"store-{size}.sqlite"
    ingests = []
    for run in range(runs):
        _say(f"embedded: ingest {size} articles (run {run + 1}/{runs})")
        ingests.append(
            _phase(
                "embedded-ingest",
                "--articles",
                str(size),
                "--seed",
                str(seed),
                "--store",
                str(store),
            )
        )
    loads, rebuilds = [], []
    for run in range(runs):  # alternated, so both see the same machine
        _say(f"embedded: load from the snapshot, and rebuilt (run {run + 1}/{runs})")
        loads.append(_phase("embedded-load", "--store", str(store)))
        rebuilds.append(_phase("embedded-load", "--store", str(store), "--no-snapshot"))
    cases = _cases(store, queries, seed)
    cases_path.write_text(json.dumps(cases))
    _say(f"embedded: {len(cases)} queries through the store and HTTP")
    latencies = _phase("embedded-queries", "--store", str(store), "--cases", str(cases_path))
    first = ingests[0]
    return {
        "articles": size,
        "assertions": first["assertions"],
        "nodes": first["nodes"],
        "relationships": first["relationships"],
        "ingest_articles_per_s": _median_of(ingests, "articles_per_s"),
        "ingest_assertions_per_s": _median_of(ingests, "assertions_per_s"),
        "ingest_peak_rss_mb": _median_of(ingests, "peak_rss_mb"),
        "load_s": _median_of(loads, "seconds"),
        "load_rss_mb": _median_of(loads, "rss_mb"),
        "bytes_per_edge": _median_of(loads, "bytes_per_edge"),
        "rebuild_s": _median_of(rebuilds, "seconds"),
        "rebuild_bytes_per_edge": _median_of(rebuilds, "bytes_per_edge"),
        "snapshot_write_s": _median_of(ingests, "snapshot_write_s"),
        "snapshot_mb": first["snapshot_mb"],
        "queries": latencies,
        "runs": runs,
    }


# -- Neo4j ------------------------------------------------------------------------------


def _compile(size: int, seed: int) -> list[Any]:
    """Compile once, so every writer stores exactly the same graphs."""
    from bench.generate import dump_article, generate
    from graph.compile import Compiler
    from graph.identity import AliasTable
    from graph.memory import MemoryGraph
    from loaders.native import parse_native

    memory = MemoryGraph()
    compiler = Compiler(AliasTable.load(), memory.lookup_keys)
    graphs = []
    for i, doc in enumerate(generate(size, seed)):
        (article,) = parse_native(dump_article(doc).decode(), f"{i}.yaml", is_json=False)
        assert not isinstance(article, Exception), article
        graph = compiler.compile(article)
        memory.apply(graph.article_id, graph)  # later articles resolve against earlier ones
        graphs.append(graph)
    return graphs


def _naive_write(driver: Any, graphs: Sequence[Any]) -> None:
    """The baseline: one auto-commit MERGE per node and per relationship."""
    for graph in graphs:
        for node in graph.nodes:
            driver.execute_query(
                "MERGE (n:NaiveNode {id: $id}) SET n.name = $name, n.label = $label",
                id=node.id, name=node.name, label=node.label, database_="neo4j",
            )  # fmt: skip
        for edge in graph.edges:
            driver.execute_query(
                "MATCH (a:NaiveNode {id: $source}), (b:NaiveNode {id: $target}) "
                "MERGE (a)-[r:NAIVE {id: $id}]->(b) SET r.type = $type, r.article = $article",
                source=edge.source, target=edge.target, id=edge.id, type=edge.type,
                article=edge.article, database_="neo4j",
            )  # fmt: skip


@dataclass(frozen=True)
class Neo4jSetup:
    """The benchmark's own server: its folder (wiped), ports, heap and page cache."""

    home: Path = NEO4J_HOME
    bolt_port: int = BOLT
    http_port: int = HTTP
    heap: str = "4g"


def neo4j(
    size: int,
    seed: int,
    naive: int,
    cases_path: Path | None,
    workdir: Path,
    setup: Neo4jSetup,
) -> dict[str, Any]:
    """The three writers on the same server, then (with ``cases_path``) the queries."""
    from neo4j import GraphDatabase

    from diplograph import neo4j_server
    from graph.neo4j_admin import write_import_files
    from graph.neo4j_store import Neo4jStore

    _say(f"neo4j: compiling {size} articles")
    graphs = _compile(size, seed)
    # The compiled graphs are this phase's fixture, held throughout: a streaming ingest
    # never holds them, so keep the cyclic collector from walking them on each full
    # collection, which would slow the Python half of every writer for no reason of its own.
    gc.freeze()
    client_before = current_rss_mb()
    neo4j_server.reset(setup.home, progress=_say)
    start_args: dict[str, Any] = {"bolt_port": setup.bolt_port, "http_port": setup.http_port,
                                  "password": PASSWORD, "heap": setup.heap,
                                  "pagecache": setup.heap, "progress": _say}  # fmt: skip
    info = neo4j_server.start(setup.home, **start_args)
    result: dict[str, Any] = {"articles": size, "heap": setup.heap}
    try:
        store = Neo4jStore(info.bolt_uri, ("neo4j", PASSWORD))
        store.wipe()
        _say("neo4j: batched writer")
        start = time.perf_counter()
        for i in range(0, len(graphs), 250):
            store.write(graphs[i : i + 250])
        batched_s = time.perf_counter() - start
        stats = store.stats()
        store.close()
        result["batched_articles_per_s"] = size / batched_s
        result["nodes"], result["relationships"] = stats.nodes, stats.relationships
        result["server_peak_rss_mb_batched"] = current_rss_mb(info.pid, "VmHWM")
        with GraphDatabase.driver(info.bolt_uri, auth=("neo4j", PASSWORD)) as driver:
            driver.execute_query("CREATE INDEX naive IF NOT EXISTS FOR (n:NaiveNode) ON (n.id)")
            subset = graphs[: min(naive, size)]
            _say(f"neo4j: naive writer on {len(subset)} articles")
            start = time.perf_counter()
            _naive_write(driver, subset)
            result["naive_articles_per_s"] = len(subset) / (time.perf_counter() - start)
            with driver.session() as session:  # IN TRANSACTIONS needs an implicit one
                session.run(
                    "MATCH (n:NaiveNode) CALL (n) { DETACH DELETE n } IN TRANSACTIONS"
                ).consume()
        if cases_path is not None:
            result["queries"] = _neo4j_queries(info.bolt_uri, cases_path)
    finally:
        neo4j_server.stop(setup.home, progress=_say)
    _say("neo4j: bulk import (export files, neo4j-admin import, constraints)")
    files = workdir / "neo4j-admin"
    start = time.perf_counter()
    written = write_import_files(graphs, files)
    export_s = time.perf_counter() - start
    import_s = neo4j_server.import_files(
        setup.home,
        nodes=[files / n for n in written.nodes],
        relationships=[files / n for n in written.relationships],
        multiline=[files / n for n in written.multiline],
        overwrite=True,
        progress=_say,
    )
    info = neo4j_server.start(setup.home, **start_args)
    try:
        start = time.perf_counter()
        store = Neo4jStore(info.bolt_uri, ("neo4j", PASSWORD))
        bulk_stats = store.stats()  # builds the constraints and indexes
        store.close()
        schema_s = time.perf_counter() - start
    finally:
        neo4j_server.stop(setup.home, progress=_say)
    if (bulk_stats.nodes, bulk_stats.relationships) != (result["nodes"], result["relationships"]):
        raise RuntimeError(f"bulk import differs from the batched writer: {bulk_stats}")
    bulk_s = export_s + import_s + schema_s
    result.update(
        bulk_articles_per_s=size / bulk_s,
        bulk_seconds={"export": export_s, "import": import_s, "schema": schema_s},
        batched_over_naive=result["batched_articles_per_s"] / result["naive_articles_per_s"],
        bulk_over_batched=(size / bulk_s) / result["batched_articles_per_s"],
        client_rss_mb_graphs=client_before,
    )
    return result


def _neo4j_queries(uri: str, cases_path: Path) -> dict[str, Any]:
    queries = {}
    for label, env in (("rust", {}), ("pure_python", {"DIPLOGRAPH_BENCH_NO_RUST": "1"})):
        _say(f"neo4j: queries ({label} driver codec)")
        queries[label] = _phase("neo4j-queries", "--uri", uri, "--password", PASSWORD,
                                "--cases", str(cases_path), env=env)  # fmt: skip
    return queries


def writers_only(args: argparse.Namespace) -> int:
    """``--writers-only``: the Neo4j writers' ratios alone, a quick check of a change to a
    writer or to the export.  Figures go to ``--figures``/writers.json; no page."""
    rows: list[dict[str, Any]] = []
    report = {"machine": _machine(), "argv": args.argv, "rows": rows}
    setup = Neo4jSetup(args.neo4j_home, args.bolt_port, args.http_port, args.heap)
    args.figures.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            rows.append(neo4j(size, args.seed, args.naive, None, Path(tmp), setup))
            (args.figures / "writers.json").write_text(json.dumps(report, indent=2))
            row = rows[-1]
            _say(
                f"{size} articles: batched {row['batched_articles_per_s']:.0f} art/s, naive "
                f"{row['naive_articles_per_s']:.0f}, bulk {row['bulk_articles_per_s']:.0f} "
                f"({row['bulk_seconds']}); batched/naive {row['batched_over_naive']:.1f}, "
                f"bulk/batched {row['bulk_over_batched']:.1f}"
            )
    return 0


# -- report -----------------------------------------------------------------------------


def _machine() -> dict[str, str]:
    import matplotlib
    import networkx

    from diplograph.neo4j_server import NEO4J_VERSION

    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    memory = next(
        line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )  # fmt: skip
    java = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()  # fmt: skip
    dirty = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True,
                           check=False).stdout.strip()  # fmt: skip
    return {
        "cpu": f"{os.cpu_count()} x {cpu}",
        "memory": f"{int(memory) / 1024 / 1024:.0f} GiB",
        "python": sys.version.split()[0],
        "neo4j": NEO4J_VERSION,
        "java": (java.stderr.splitlines() or ["?"])[0],
        "networkx": networkx.__version__,
        "matplotlib": matplotlib.__version__,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + (" with local changes" if dirty else ""),
    }


def _save(report: dict[str, Any], folder: Path) -> None:
    (folder / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from bench.report_text import plot, write_markdown

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 300_000])
    parser.add_argument(
        "--runs",
        type=int,
        nargs="+",
        default=[3, 1],
        help="ingest and load runs, one number per size (the last one for the rest)",
    )
    parser.add_argument("--queries", type=int, default=200, help="cases per query family")
    parser.add_argument("--naive", type=int, default=2000, help="articles for the naive writer")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--heap", default="4g", help="Neo4j heap and page cache each")
    parser.add_argument("--neo4j-home", type=Path, default=NEO4J_HOME, help="wiped first")
    parser.add_argument("--bolt-port", type=int, default=BOLT)
    parser.add_argument("--http-port", type=int, default=HTTP)
    parser.add_argument("--no-neo4j", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--figures", type=Path, default=FIGURES, help="report.json and PNG plots")
    parser.add_argument(
        "--rewrite",
        action="store_true",
        help="measure nothing: write the plots and --out again from the figures' report.json",
    )
    parser.add_argument(
        "--writers-only",
        action="store_true",
        help="only the Neo4j writers (batched, naive, bulk) into --figures/writers.json",
    )
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    if args.writers_only:
        return writers_only(args)
    if args.rewrite:
        report = json.loads((args.figures / "report.json").read_text(encoding="utf-8"))
        write_markdown(report, plot(report, args.figures), args.out)
        _say(f"wrote {args.out} from {args.figures / 'report.json'}")
        return 0
    rows: list[dict[str, Any]] = []
    report = {"machine": _machine(), "argv": sys.argv[1:] if argv is None else argv, "rows": rows}
    args.figures.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for i, size in enumerate(args.sizes):
            cases = workdir / f"cases-{size}.json"
            runs = args.runs[min(i, len(args.runs) - 1)]
            row: dict[str, Any] = {"size": size}
            rows.append(row)
            row["embedded"] = embedded(size, runs, args.seed, workdir, cases, args.queries)
            _save(report, args.figures)  # a later failure keeps what was measured
            if not args.no_neo4j:
                setup = Neo4jSetup(args.neo4j_home, args.bolt_port, args.http_port, args.heap)
                row["neo4j"] = neo4j(size, args.seed, args.naive, cases, workdir, setup)
                _save(report, args.figures)
    images = plot(report, args.figures)
    write_markdown(report, images, args.out)
    _say(f"wrote {args.out}, {args.figures / 'report.json'} and {len(images)} plots")
    return 0


if __name__ == "__main__":
    sys.exit(main())
