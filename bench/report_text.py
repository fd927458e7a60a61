"""BENCHMARKS.md and its plots, from the figures ``bench.report`` measured.

The aims of issue #7 are checked here against the largest size measured; the
hand-written analysis (profiles, why an aim is missed) lives in ``bench/analysis.md``
and is copied in, so a rerun never loses it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bench.phases import FAMILIES

ANALYSIS = Path(__file__).resolve().parent / "analysis.md"


def plot(report: dict[str, Any], folder: Path) -> list[Path]:
    """Latency p50 and p95 against corpus size, one panel per query family; ingest rates."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = report["rows"]
    sizes = [row["size"] for row in rows]
    fig, axes = plt.subplots(1, len(FAMILIES), figsize=(4 * len(FAMILIES), 3.6), sharey=True)
    for ax, family in zip(axes, FAMILIES, strict=True):
        series = {
            "embedded store": [r["embedded"]["queries"][family]["store_ms"] for r in rows],
            "embedded HTTP": [r["embedded"]["queries"][family]["http_ms"] for r in rows],
        }
        found = [_neo4j_family(r, "rust", family) for r in rows]
        if all(found):
            series["Neo4j store"] = [f["store_ms"] for f in found if f]
            series["Neo4j server time"] = [f["server_ms"] for f in found if f]
        for name, values in series.items():
            (line,) = ax.plot(sizes, [v["p50"] for v in values], marker="o", label=f"{name} p50")
            ax.plot(
                sizes,
                [v["p95"] for v in values],
                marker="x",
                linestyle="--",
                color=line.get_color(),
                label=f"{name} p95",
            )
        ax.set_title(family.replace("_", " "))
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("articles")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_ylabel("ms")
    axes[-1].legend(fontsize=6, loc="upper left")
    fig.tight_layout()
    latency = folder / "latency.png"
    fig.savefig(latency, dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.plot(
        sizes,
        [r["embedded"]["ingest_articles_per_s"] for r in rows],
        marker="o",
        label="embedded ingest",
    )
    if all("neo4j" in r for r in rows):
        for key, name in (
            ("batched", "Neo4j batched writer"),
            ("naive", "Neo4j naive writer"),
            ("bulk", "Neo4j bulk import"),
        ):
            ax.plot(
                sizes, [r["neo4j"][f"{key}_articles_per_s"] for r in rows], marker="o", label=name
            )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles")
    ax.set_ylabel("articles / s")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    ingest = folder / "ingest.png"
    fig.savefig(ingest, dpi=110)
    plt.close(fig)
    return [latency, ingest]


def _neo4j_family(row: dict[str, Any], codec: str, family: str) -> dict[str, Any] | None:
    """The Neo4j figures of a family; None when not measured or every query was refused."""
    found: dict[str, Any] | None = (
        row.get("neo4j", {}).get("queries", {}).get(codec, {}).get("families", {}).get(family)
    )
    return found


def _f(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}"


def _optional(row: dict[str, Any], key: str, digits: int = 2) -> str:
    """A figure that reports from before it existed lack (the snapshot's)."""
    value = row.get(key)
    return "n/a" if value is None else _f(value, digits)


def _aims(report: dict[str, Any]) -> list[str]:
    row = report["rows"][-1]
    emb = row["embedded"]
    q = emb["queries"]
    size = f"{row['size']:,}"
    lines = [
        f"Checked at the largest size measured ({size} articles).",
        "",
        "| aim | measured | met |",
        "|---|---|---|",
    ]

    def add(aim: str, measured: str, met: bool) -> None:
        lines.append(f"| {aim} | {measured} | {'yes' if met else '**no**'} |")

    rebuild = (
        f" (from the snapshot; rebuilt from SQLite {_f(emb['rebuild_s'], 1)} s)"
        if "rebuild_s" in emb
        else ""
    )
    add(
        "embedded store loads in under 30 s",
        f"{_f(emb['load_s'], 1)} s{rebuild}",
        emb["load_s"] < 30,
    )
    add(
        "embedded store uses under 1 KB per edge",
        f"{_f(emb['bytes_per_edge'], 0)} B",
        emb["bytes_per_edge"] < 1024,
    )
    paths = q["paths"]["store_ms"]["p50"]
    add("embedded paths p50 under 5 ms", f"{_f(paths)} ms", paths < 5)
    d2 = q["neighbourhood_d2"]["store_ms"]["p95"]
    add("embedded neighbourhood depth 2 p95 under 100 ms", f"{_f(d2)} ms", d2 < 100)
    worst = max(
        FAMILIES, key=lambda f: q[f]["http_ms"]["p50"] - (1.5 * q[f]["store_ms"]["p50"] + 1)
    )
    http, direct = q[worst]["http_ms"]["p50"], q[worst]["store_ms"]["p50"]
    add(
        "API p50 at most 1.5 x store p50 + 1 ms (every family)",
        f"worst: {worst}, {_f(http)} ms against {_f(1.5 * direct + 1)} ms",
        http <= 1.5 * direct + 1,
    )
    if "neo4j" in row:
        neo = row["neo4j"]
        add(
            "batched Neo4j ingest ≥ 20 x the naive writer",
            f"{_f(neo['batched_over_naive'], 1)}x",
            neo["batched_over_naive"] >= 20,
        )
        add(
            "bulk import ≥ 5 x the batched writer",
            f"{_f(neo['bulk_over_batched'], 1)}x",
            neo["bulk_over_batched"] >= 5,
        )
        neo_paths = (_neo4j_family(row, "rust", "paths") or {"store_ms": {"p50": float("inf")}})[
            "store_ms"
        ]["p50"]
        floor = neo.get("queries", {}).get("rust", {}).get("empty_read_ms")
        beside = (
            f" (an empty read transaction alone: {_f(floor['p50'])} ms = "
            f"{_f(floor['p50'] / paths, 1)}x)"
            if floor  # runs before the floor was measured have none
            else ""
        )
        add(
            "Neo4j paths p50 within 5 x the embedded store",
            f"{_f(neo_paths)} ms = {_f(neo_paths / paths, 1)}x{beside}",
            neo_paths <= 5 * paths,
        )
    return lines


def write_markdown(report: dict[str, Any], images: list[Path], out: Path) -> None:
    machine = report["machine"]
    rows = report["rows"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `python -m bench.report "
        + " ".join(str(a) for a in report["argv"])
        + "` (regenerate with the same command; figures in `bench/results/report.json`;",
        "`--rewrite` writes this page again from them without measuring).",
        "Every figure comes from one run on one machine; latencies are percentiles over",
        "the sampled queries, ingest and load figures the medians of the runs (column runs).",
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in machine.items()),
        "",
        "## Aims",
        "",
        *_aims(report),
        "",
        "## Ingest and start-up",
        "",
        "| articles | assertions | nodes | relationships | runs | embedded ingest art/s "
        "| assertions/s | peak MB | snapshot write s (MB) | load s | rebuild s | loaded MB "
        "| bytes/edge |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        e = row["embedded"]
        snap = "rebuild_s" in e  # before the snapshot, every load was a rebuild
        lines.append(
            f"| {row['size']:,} | {e['assertions']:,} | {e['nodes']:,} | {e['relationships']:,} "
            f"| {e['runs']} | {_f(e['ingest_articles_per_s'], 0)} "
            f"| {_f(e['ingest_assertions_per_s'], 0)} "
            f"| {_f(e['ingest_peak_rss_mb'], 0)} | {_optional(e, 'snapshot_write_s')} "
            f"({_optional(e, 'snapshot_mb', 0)}) | {_optional(e, 'load_s') if snap else 'n/a'} "
            f"| {_f(e['rebuild_s' if snap else 'load_s'])} | {_f(e['load_rss_mb'], 0)} "
            f"| {_f(e['bytes_per_edge'], 0)} |"
        )
    if all("neo4j" in r for r in rows):
        lines += [
            "",
            "Neo4j, on the same server in one run (heap and page cache "
            f"{rows[0]['neo4j']['heap']} each):",
            "",
            "| articles | batched art/s | naive art/s | bulk art/s (export + import + schema) "
            "| batched / naive | bulk / batched | server peak MB |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows:
            n = row["neo4j"]
            b = n["bulk_seconds"]
            lines.append(
                f"| {row['size']:,} | {_f(n['batched_articles_per_s'], 0)} "
                f"| {_f(n['naive_articles_per_s'], 0)} | {_f(n['bulk_articles_per_s'], 0)} "
                f"({_f(b['export'], 1)} + {_f(b['import'], 1)} + {_f(b['schema'], 1)} s) "
                f"| {_f(n['batched_over_naive'], 1)} | {_f(n['bulk_over_batched'], 1)} "
                f"| {_f(n['server_peak_rss_mb_batched'], 0)} |"
            )
    lines += [
        "",
        "## Query latency (ms)",
        "",
        "Centres are sampled among actors with assertions, the five busiest hubs always",
        "included; paths between random pairs of actors (at most 4 hops).  HTTP is",
        "gunicorn with one worker on loopback; Neo4j's server time is its own report",
        "(`result_available_after + result_consumed_after`), the floor under its store.",
        "",
        "| articles | query | store p50 / p95 / p99 | HTTP p50 / p95 / p99 | HTTP / store p50 "
        "| Neo4j store p50 / p95 / p99 | Neo4j server p50 | pure-Python driver / Rust p50 |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]

    def three(p: dict[str, float]) -> str:
        return f"{_f(p['p50'])} / {_f(p['p95'])} / {_f(p['p99'])}"

    for row in rows:
        for family in FAMILIES:
            q = row["embedded"]["queries"][family]
            cells = [
                f"{row['size']:,}",
                family.replace("_", " "),
                three(q["store_ms"]),
                three(q["http_ms"]),
                _f(q["http_ms"]["p50"] / q["store_ms"]["p50"], 1),
            ]
            rust = _neo4j_family(row, "rust", family)
            pure = _neo4j_family(row, "pure_python", family)
            if rust and pure:
                refused = f" ({rust['refused']} refused)" if rust.get("refused") else ""
                cells += [
                    three(rust["store_ms"]) + refused,
                    _f(rust["server_ms"]["p50"]),
                    _f(pure["store_ms"]["p50"] / rust["store_ms"]["p50"], 2),
                ]
            elif "neo4j" in row:
                cells += ["every query refused: out of transaction memory", "", ""]
            else:
                cells += ["", "", ""]
            lines.append("| " + " | ".join(cells) + " |")
    links = (Path(os.path.relpath(image, out.parent)).as_posix() for image in images)
    lines += ["", *(f"![{Path(link).stem}]({link})" for link in links), ""]
    if ANALYSIS.is_file():
        lines += [ANALYSIS.read_text(encoding="utf-8").rstrip(), ""]
    out.write_text("\n".join(lines), encoding="utf-8")
