"""The benchmark harness still runs end to end (tiny corpus; no timing is asserted)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.core import main


def test_core_benchmark_runs(tmp_path: Path, capsys: object) -> None:
    out = tmp_path / "core.json"
    assert main(["--sizes", "300", "--queries", "20", "--json", str(out)]) == 0
    (row,) = json.loads(out.read_text(encoding="utf-8"))
    assert row["articles"] == 300 and row["relationships"] > 300
    assert set(row["queries"]) == {"meetings", "neighbourhood_d2", "paths"}
    for figures in row["queries"].values():
        assert figures["store_ms"]["p50"] > 0 and figures["http_ms"]["p50"] > 0
