"""Load test of the HTTP API: locust against ``diplograph serve`` on the embedded store.

    python -m bench.load [--articles 10000] [--workers 2] [--users 32] [--seconds 30]
                         [--warmup 5] [--seed 7] [--json bench/out/load.json]

Builds the synthetic corpus's store once per size and seed (cached in ``--store-dir``,
ingested through the same functions as ``bench.core``), starts gunicorn with W workers
on a free loopback port, and runs locust headless in a subprocess (``bench/locustfile.py``;
locust is never imported here, it monkey-patches with gevent) with U users asking
without pause: meetings, neighbourhood depth 1 and 2, paths, weights 4:2:2:2, on entity
ids sampled from the store with the hubs among them.  Requests of the warm-up are left
out.  Reports sustained requests/s, p50 and p99 and failures, overall and per call,
against the aims: no errors, 800 requests/s with 2 workers, p99 under 100 ms.
Needs the ``bench`` extra (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench.core import ApiServer
from bench.generate import dump_article, generate
from graph.embedded import EmbeddedStore
from graph.identity import AliasTable
from graph.ingest import ingest
from loaders import parse_bytes

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
DEFAULT_STORE_DIR = Path(__file__).with_name("out") / "load"
AIM_RPS = 800.0  # with 2 workers
AIM_P99_MS = 100.0
HUBS = 10  # the best-connected nodes always among the targets
SAMPLE = 500  # plus this many other nodes with edges


def cached_store(articles: int, seed: int, store_dir: Path) -> Path:
    """The store of ``generate(articles, seed)``, built on first use.

    The marker file is written last, so a build cut short is redone, not reused.
    """
    path = store_dir / f"store-{articles}-seed{seed}.sqlite"
    marker = path.with_suffix(".built")
    if marker.exists():
        return path
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    blobs = [dump_article(doc) for doc in generate(articles, seed)]
    parsed = [a for i, blob in enumerate(blobs) for a in parse_bytes(blob, f"{i}.yaml").articles]
    store = EmbeddedStore(path)
    try:
        report = ingest(store, parsed, AliasTable.load())
        if not report.ok:
            raise RuntimeError(f"the synthetic corpus did not ingest: {report.failures[:3]}")
    finally:
        store.close()
    marker.write_text(f"{articles} articles, seed {seed}\n", encoding="utf-8")
    return path


def sample_targets(store_path: Path, seed: int) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Entity ids the load asks about (only nodes with edges, hubs first) and store size."""
    store = EmbeddedStore(store_path)
    try:
        graph = store._graph  # sampling only: which nodes have edges, and how many
        stats = store.stats()
        actors = _by_degree(graph.acts, lambda n: True)
        nodes = _by_degree(graph.full, lambda n: not n.startswith("article:"))
        countries = sorted({c for n in actors if (c := graph.nodes[n].get("country"))})
    finally:
        store.close()
    if len(actors) < 2 or not countries:
        raise RuntimeError("the store has too few connected entities to load-test")
    rng = random.Random(seed)
    targets = {
        "actors": _hubs_and_sample(actors, rng),
        "nodes": _hubs_and_sample(nodes, rng),
        "countries": countries,
    }
    return targets, {"nodes": stats.nodes, "relationships": stats.relationships}


def _by_degree(graph: Any, keep: Callable[[str], bool]) -> list[str]:
    degrees = [(-d, n) for n, d in graph.degree if d > 0 and keep(n)]
    return [n for _, n in sorted(degrees)]


def _hubs_and_sample(ranked: list[str], rng: random.Random) -> list[str]:
    rest = ranked[HUBS:]
    return ranked[:HUBS] + rng.sample(rest, min(SAMPLE, len(rest)))


def run_locust(
    host: str, targets: Path, users: int, seconds: int, warmup: int, out: Path
) -> dict[str, Any]:
    """Run locust headless; return its final per-call stats, errors, exit code, CPU use."""
    prefix = out / "locust"
    log = out / "locust.log"
    command = [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        host,
        "--users",
        str(users),
        "--spawn-rate",
        str(users),  # all users within the first second
        "--run-time",
        f"{warmup + seconds}s",
        "--only-summary",
        # The JSON is written at exit with the final figures; the CSV files are
        # rewritten every second and lag the end, so they serve only for the reasons.
        "--json-file",
        str(prefix),
        "--csv",
        str(prefix),
        "--targets",
        str(targets),
        "--warmup",
        str(warmup),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    with log.open("wb") as sink:
        code = subprocess.run(
            command, stdout=sink, stderr=subprocess.STDOUT, timeout=warmup + seconds + 120
        ).returncode
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    stats_json = Path(f"{prefix}.json")
    # Exit code 1 means the run finished with failures or errors: still a measurement.
    if code not in (0, 1) or not stats_json.exists():
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"locust exited with {code}:\n{tail}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "exit_code": code,
        "entries": json.loads(stats_json.read_text(encoding="utf-8")),
        "failures": _read_csv(Path(f"{prefix}_failures.csv")),
        "exceptions": _read_csv(Path(f"{prefix}_exceptions.csv")),
        "cpu_cores": cpu / wall,
    }


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _percentile(histogram: Counter[int], fraction: float) -> float | None:
    """Locust's own rule on its histogram (whole ms below 100 ms, then 2 digits)."""
    total = sum(histogram.values())
    if not total:
        return None
    above = 0
    for response_time in sorted(histogram, reverse=True):
        above += histogram[response_time]
        if total - above <= int(total * fraction):
            return float(response_time)
    return 0.0


def _figures(entries: list[dict[str, Any]], window_s: float) -> dict[str, Any]:
    histogram: Counter[int] = Counter()
    for entry in entries:
        histogram.update({int(ms): n for ms, n in entry["response_times"].items()})
    requests = sum(e["num_requests"] for e in entries)
    failures = sum(e["num_failures"] for e in entries)
    return {
        "requests": requests,
        "failures": failures,
        "failure_rate": failures / requests if requests else 0.0,
        "rps": requests / window_s if window_s > 0 else 0.0,
        "p50_ms": _percentile(histogram, 0.50),
        "p99_ms": _percentile(histogram, 0.99),
        "mean_ms": sum(e["total_response_time"] for e in entries) / requests if requests else None,
        "max_ms": max((e["max_response_time"] for e in entries), default=None),
    }


def summarise(run: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    """The report: overall and per-call figures, failure reasons, aims met or not.

    Rates are over the measured window, from the end of the warm-up (when locust's
    counters restart) to the last answer, for every call alike, as locust does.
    """
    entries = [e for e in run["entries"] if e["num_requests"]]
    if not entries:
        raise RuntimeError("locust recorded no requests after the warm-up")
    window_s = max(e["last_request_timestamp"] for e in entries) - min(
        e["start_time"] for e in entries
    )
    overall = _figures(entries, window_s)
    calls = {e["name"]: _figures([e], window_s) for e in sorted(entries, key=lambda e: e["name"])}
    exceptions = sum(int(e["Count"]) for e in run["exceptions"])
    errors = overall["failures"] + exceptions
    rps, p99 = overall["rps"], overall["p99_ms"]
    return {
        **settings,
        "window_s": round(window_s, 2),
        "overall": overall,
        "calls": calls,
        "failure_reasons": [
            {"name": f["Name"], "error": f["Error"], "count": int(f["Occurrences"])}
            for f in run["failures"]
        ],
        "exceptions": exceptions,
        "locust_exit_code": run["exit_code"],
        "locust_cpu_cores": round(run["cpu_cores"], 2),
        "aims": {
            "zero_errors": {"target": 0, "measured": errors, "met": errors == 0},
            "rps": {"target": AIM_RPS, "measured": rps, "met": rps >= AIM_RPS},
            "p99_ms": {
                "target": AIM_P99_MS,
                "measured": p99,
                "met": p99 is not None and p99 < AIM_P99_MS,
            },
        },
    }


def markdown(report: dict[str, Any]) -> str:
    def cell(value: float | None, digits: int = 0) -> str:
        return "n/a" if value is None else f"{value:.{digits}f}"

    lines = [
        f"machine: {report['machine']['cores']} cores, Python {report['machine']['python']}, "
        f"locust {report['machine']['locust']} (on the same machine, "
        f"{report['locust_cpu_cores']} cores busy on average)",
        f"store: {report['articles']} articles, {report['store']['nodes']} nodes, "
        f"{report['store']['relationships']} relationships; {report['workers']} workers, "
        f"{report['users']} users, {report['seconds']} s measured after {report['warmup']} s "
        "warm-up",
        "",
        "| call | requests | req/s | p50 ms | p99 ms | failures |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rows = [*report["calls"].items(), ("**all**", report["overall"])]
    for name, f in rows:
        lines.append(
            f"| {name} | {f['requests']} | {cell(f['rps'], 1)} | {cell(f['p50_ms'])} | "
            f"{cell(f['p99_ms'])} | {f['failures']} ({f['failure_rate']:.2%}) |"
        )
    aims = report["aims"]
    lines += [
        "",
        "aims: "
        + "; ".join(
            [
                f"no errors {_verdict(aims['zero_errors'])} ({aims['zero_errors']['measured']})",
                f">= {AIM_RPS:.0f} req/s with 2 workers {_verdict(aims['rps'])} "
                f"({aims['rps']['measured']:.1f} with {report['workers']})",
                f"p99 < {AIM_P99_MS:.0f} ms {_verdict(aims['p99_ms'])} "
                f"({cell(aims['p99_ms']['measured'])} ms)",
            ]
        ),
    ]
    for reason in report["failure_reasons"][:5]:
        lines.append(f"failure: {reason['count']} x {reason['name']}: {reason['error']}")
    return "\n".join(lines)


def _verdict(aim: dict[str, Any]) -> str:
    return "met" if aim["met"] else "NOT met"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--users", type=int, default=32, help="concurrent locust users")
    parser.add_argument("--seconds", type=int, default=30, help="measured duration")
    parser.add_argument("--warmup", type=int, default=5, help="seconds left out of the stats")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the report here")
    parser.add_argument("--store-dir", type=Path, default=DEFAULT_STORE_DIR)
    args = parser.parse_args(argv)

    print(f"store of {args.articles} articles ...", file=sys.stderr, flush=True)
    store_path = cached_store(args.articles, args.seed, args.store_dir)
    targets, store_size = sample_targets(store_path, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        targets_file = Path(tmp) / "targets.json"
        targets_file.write_text(json.dumps(targets), encoding="utf-8")
        server = ApiServer(store_path, workers=args.workers)
        try:
            print(
                f"locust: {args.users} users for {args.warmup} + {args.seconds} s ...",
                file=sys.stderr,
                flush=True,
            )
            run = run_locust(
                f"http://127.0.0.1:{server.port}",
                targets_file,
                args.users,
                args.seconds,
                args.warmup,
                Path(tmp),
            )
        finally:
            server.stop()
    settings = {
        "articles": args.articles,
        "seed": args.seed,
        "workers": args.workers,
        "users": args.users,
        "seconds": args.seconds,
        "warmup": args.warmup,
        "store": store_size,
        "machine": {
            "cores": os.cpu_count(),
            "python": sys.version.split()[0],
            "locust": version("locust"),
        },
    }
    report = summarise(run, settings)
    print(markdown(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
