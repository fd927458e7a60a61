"""The benchmark harness still runs end to end (tiny corpus; no timing is asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.core import main
from tests.conftest import free_port


def test_core_benchmark_runs(tmp_path: Path, capsys: object) -> None:
    out = tmp_path / "core.json"
    assert main(["--sizes", "300", "--queries", "20", "--json", str(out)]) == 0
    (row,) = json.loads(out.read_text(encoding="utf-8"))
    assert row["articles"] == 300 and row["relationships"] > 300
    assert set(row["queries"]) == {"meetings", "neighbourhood_d2", "paths"}
    for figures in row["queries"].values():
        assert figures["store_ms"]["p50"] > 0 and figures["http_ms"]["p50"] > 0


def test_annotate_benchmark_runs(tmp_path: Path) -> None:
    from bench.annotate import build_text
    from bench.annotate import main as annotate_main

    assert build_text(20_000, seed=3) == build_text(20_000, seed=3)  # deterministic
    assert build_text(20_000, seed=3) != build_text(20_000, seed=4)
    out = tmp_path / "annotate.json"
    assert annotate_main(["--mb", "0.05", "--json", str(out)]) == 0
    row = json.loads(out.read_text(encoding="utf-8"))
    large = row["large"]
    assert 50_000 <= large["bytes"] < 60_000 and large["words"] > 5_000
    assert large["words_per_s"] > 0 and large["relations"] > 0
    assert large["peak_rss_mb"] >= large["peak_rss_mb_before"] > 0
    median = row["corpora"]["median_words_per_s"]
    assert median is None or median > 0


def test_load_benchmark_runs(tmp_path: Path) -> None:
    """Locust runs in its own process against a live server; a healthy server never fails."""
    from bench.load import main as load_main

    out = tmp_path / "load.json"
    argv = ["--articles", "300", "--workers", "1", "--users", "4", "--seconds", "3"]
    argv += ["--warmup", "1", "--store-dir", str(tmp_path / "stores"), "--json", str(out)]
    assert load_main(argv) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    overall = report["overall"]
    assert overall["requests"] > 0
    assert {"rps", "p50_ms", "p99_ms"} <= set(overall)
    assert overall["failures"] == 0 and report["exceptions"] == 0, report["failure_reasons"]
    families = {name.split()[0] for name in report["calls"]}
    assert families == {"meetings", "neighbourhood", "paths"}
    for figures in report["calls"].values():
        assert figures["requests"] > 0 and figures["failures"] == 0
        assert {"rps", "p50_ms", "p99_ms"} <= set(figures)


@pytest.mark.neo4j
def test_benchmark_report_runs_on_both_stores(
    neo4j_server: dict[str, object], tmp_path: Path
) -> None:
    """The S-run of `python -m bench.report`, shrunk: every phase, both stores, the text.

    It starts a Neo4j server of its own (like the real run); asking for the session's
    server gives it the same fail-in-CI, skip-elsewhere rule when Neo4j cannot start.
    """
    from bench.report import main as report_main

    out = tmp_path / "BENCHMARKS.md"
    argv = ["--sizes", "300", "--runs", "1", "--queries", "6", "--naive", "30"]
    argv += ["--heap", "256m", "--out", str(out), "--figures", str(tmp_path / "figures")]
    argv += ["--neo4j-home", str(tmp_path / "neo4j"), "--bolt-port", str(free_port())]
    argv += ["--http-port", str(free_port())]
    assert report_main(argv) == 0
    report = json.loads((tmp_path / "figures" / "report.json").read_text(encoding="utf-8"))
    (row,) = report["rows"]
    assert row["size"] == 300 and row["embedded"]["relationships"] > 1000
    neo, emb = row["neo4j"], row["embedded"]
    # Both stores hold the same graph, however it was written.
    assert neo["relationships"] == emb["relationships"] and neo["nodes"] == emb["nodes"]
    assert neo["batched_articles_per_s"] > 0 and neo["naive_articles_per_s"] > 0
    assert neo["bulk_articles_per_s"] > 0 and emb["bytes_per_edge"] > 0
    assert neo["queries"]["rust"]["rust"] and not neo["queries"]["pure_python"]["rust"]
    # The floor of a driver round trip sits beside each query's figures.
    floor = neo["queries"]["rust"]["empty_read_ms"]
    paths = neo["queries"]["rust"]["families"]["paths"]["store_ms"]
    assert 0 < floor["p50"] < paths["p50"] and floor["p50"] <= floor["p99"]
    for family in ("meetings", "neighbourhood_d3", "paths"):
        assert emb["queries"][family]["http_ms"]["p99"] > 0
        assert neo["queries"]["rust"]["families"][family]["server_ms"]["p50"] >= 0
    text = out.read_text(encoding="utf-8")
    assert "## Aims" in text and "| embedded store loads in under 30 s |" in text
    assert "bulk import ≥ 5 x the batched writer" in text
    assert "(an empty read transaction alone: " in text
    assert (tmp_path / "figures" / "latency.png").stat().st_size > 10_000
    assert "![latency](figures/latency.png)" in text
