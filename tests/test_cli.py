"""The ``diplograph`` command through its entry point, on both backends."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import orjson
import pytest
from click.testing import Result

from tests.conftest import ROOT, SAMPLES

Run = Callable[..., Result]


@pytest.fixture
def loaded(run_cli: Run) -> Run:
    result = run_cli("ingest", str(SAMPLES))
    assert result.exit_code == 0, result.output
    assert "20 files: 20 articles created, 0 replaced, 0 unchanged, 0 failed" in result.stdout
    return run_cli


def test_ingest_twice_is_idempotent(loaded: Run) -> None:
    before = loaded("stats", "--json").stdout
    again = loaded("ingest", str(SAMPLES))
    assert "0 articles created, 0 replaced, 20 unchanged, 0 failed" in again.stdout
    assert loaded("stats", "--json").stdout == before


def test_query_meetings_table_and_json(loaded: Run) -> None:
    table = loaded("query", "meetings", "--entity", "Mekdad", "--with", "Velayati")
    assert table.exit_code == 0
    assert "Fayssal Mikdad" in table.stdout and "Ali Akbar Velayati" in table.stdout
    assert "2 of 2 meetings" in table.stdout
    as_json = orjson.loads(loaded("query", "meetings", "--country", "Kazakh", "--json").stdout)
    assert as_json["total"] == 0  # the Kazakh host held conferences, not meetings
    assert loaded("query", "meetings", "--since", "2017-02-30").exit_code == 1


def test_query_neighbourhood_and_paths(loaded: Run) -> None:
    view = orjson.loads(
        loaded("query", "neighbourhood", "Fayssal Mikdad", "--types", "MET_WITH", "--json").stdout
    )
    assert len(view["nodes"]) == 5
    table = loaded(
        "query", "neighbourhood", "person:fayssal-mikdad", "--depth", "2", "--limit", "3"
    )
    assert "(truncated at the node cap)" in table.stdout
    paths = loaded("query", "paths", "Adnan Mahmoud", "Sedat Onal")
    assert paths.exit_code == 0
    assert paths.stdout.startswith("3: Adnan Mahmoud -[MET_WITH 2017-10-25]- Fayssal Mikdad")
    none = loaded("query", "paths", "Adnan Mahmoud", "Sedat Onal", "--max-length", "2")
    assert none.exit_code == 1 and "no path within 2 steps" in none.stdout
    unknown = loaded("query", "paths", "Adnan Mahmoud", "Nobody At All")
    assert unknown.exit_code == 1 and "no entity matches 'Nobody At All'" in unknown.stderr
    bad = loaded("query", "paths", "SYR", "IRN", "--types", "LIKES")
    assert bad.exit_code == 1 and "unknown relationship type LIKES" in bad.stderr


def test_query_alliances_timeline_and_activity(loaded: Run) -> None:
    table = loaded("query", "alliances")
    assert table.exit_code == 0, table.output
    assert "bloc 2: Russia, Syria" in table.stdout and "in no bloc: United States" in table.stdout
    pair = orjson.loads(loaded("query", "alliances", "--countries", "Iranian,SYR", "--json").stdout)
    assert [(p["a"]["id"], p["b"]["id"], p["meetings"]) for p in pair["pairs"]] == [
        ("IRN", "SYR", 6)
    ]
    timeline = loaded("query", "timeline", "Mekdad", "--types", "REJECTS")
    assert "Turkey" in timeline.stdout and "1 of 1 assertions" in timeline.stdout
    months = orjson.loads(
        loaded(
            "query", "activity", "--since", "2017-10-01", "--until", "2017-10-31", "--json"
        ).stdout
    )
    assert [(p["period"], p["total"]) for p in months["series"]] == [("2017-10", 42)]
    bad = loaded("query", "activity", "--interval", "year")
    assert bad.exit_code != 0 and "year" in bad.output
    lone = loaded("query", "alliances", "--countries", "Iran")
    assert lone.exit_code == 1 and "countries: name at least two states" in lone.stderr


def test_stats_and_merges(loaded: Run) -> None:
    out = loaded("stats", "--merges").stdout
    assert "articles: 20" in out
    assert "person:fayssal-mikdad" in out and "Faisal Mekdad" in out and "variant" in out
    merges = orjson.loads(loaded("stats", "--merges", "--json").stdout)["merges"]
    assert {"id", "name", "spelling", "rule", "article"} <= merges[0].keys()


def test_retract(loaded: Run) -> None:
    result = loaded("retract", "sana-2017-10-25-tehran")
    assert result.exit_code == 0 and "retracted article:sana-2017-10-25-tehran" in result.stdout
    stats = orjson.loads(loaded("stats", "--json").stdout)["stats"]
    assert stats["articles"] == 19
    again = loaded("retract", "sana-2017-10-25-tehran")
    assert again.exit_code == 1 and "no article with id" in again.stderr


def test_exports(loaded: Run, tmp_path: Path) -> None:
    stats = orjson.loads(loaded("stats", "--json").stdout)["stats"]
    counts = (stats["nodes"], stats["relationships"])
    graphml = tmp_path / "g.graphml"
    assert loaded("export", "--format", "graphml", "-o", str(graphml)).exit_code == 0
    read = nx.read_graphml(graphml)
    assert (read.number_of_nodes(), read.number_of_edges()) == counts
    assert read.nodes["person:fayssal-mikdad"]["name"] == "Fayssal Mikdad"
    gexf = tmp_path / "g.gexf"
    assert loaded("export", "--format", "gexf", "-o", str(gexf)).exit_code == 0
    assert ET.parse(gexf).getroot().tag.endswith("gexf")
    cyto = tmp_path / "g.json"
    assert loaded("export", "--format", "cytoscape", "-o", str(cyto)).exit_code == 0
    elements = orjson.loads(cyto.read_bytes())["elements"]
    assert (len(elements["nodes"]), len(elements["edges"])) == counts
    folder = tmp_path / "csv"
    assert loaded("export", "--format", "csv", "-o", str(folder)).exit_code == 0
    with (folder / "edges.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == counts[1]
    assert {"id", "type", "source", "target", "date", "article", "evidence"} <= rows[0].keys()


def test_bad_config_is_named(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from diplograph.cli import main

    config = tmp_path / "config.yaml"
    config.write_text("store:\n  backend: sqlite\napi:\n  port: 0\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["stats", "--config", str(config)])
    assert result.exit_code == 1
    assert "store.backend: Input should be 'networkx' or 'neo4j'" in result.stderr
    assert "api.port" in result.stderr


def test_label_mapping_from_config(tmp_path: Path) -> None:
    """An unmapped tool label is refused by name; config.yaml's `labels` maps it."""
    from click.testing import CliRunner

    from diplograph.cli import main

    source = (ROOT / "tests/fixtures/tools/doccano/admin.jsonl").read_text(encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "export.jsonl").write_text(source.replace('"PER"', '"MINISTER"'), encoding="utf-8")
    store = tmp_path / "store.sqlite"
    plain = tmp_path / "plain.yaml"
    plain.write_text(f"store:\n  path: {store}\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["ingest", str(data), "--config", str(plain)])
    assert refused.exit_code == 1
    assert "unmapped label 'MINISTER'" in refused.stderr
    mapped = tmp_path / "mapped.yaml"
    mapped.write_text(
        f"store:\n  path: {store}\nlabels:\n  entities: {{MINISTER: Official}}\n", encoding="utf-8"
    )
    loaded = CliRunner().invoke(main, ["ingest", str(data), "--config", str(mapped)])
    assert loaded.exit_code == 0, loaded.output
    meetings = CliRunner().invoke(
        main, ["query", "meetings", "--entity", "Mikdad", "--json", "--config", str(mapped)]
    )
    names = {m["b"]["name"] for m in orjson.loads(meetings.stdout)["items"]}
    assert "Ali Akbar Velayati" in names
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"store:\n  path: {store}\nlabels:\n  entities: {{X: Person}}\n", "utf-8")
    wrong = CliRunner().invoke(main, ["ingest", str(data), "--config", str(bad)])
    assert wrong.exit_code == 1 and "labels.entities.X: 'Person' is not one of" in wrong.stderr


def test_neo4j_status_of_a_stopped_server(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from diplograph.cli import main

    result = CliRunner().invoke(main, ["neo4j", "status", "--home", str(tmp_path)])
    assert result.exit_code == 1
    assert "neo4j stopped" in result.stdout and str(tmp_path) in result.stdout
