"""The neo4j-admin export files, without a server: layout, types and refusals."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli import main
from graph.embedded import EmbeddedStore
from graph.model import ArticleGraph
from graph.neo4j_admin import ARRAY_DELIMITER, read_manifest, write_import_files
from tests.conftest import SAMPLES, load_samples


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> list[ArticleGraph]:
    store = EmbeddedStore(tmp_path_factory.mktemp("admin") / "store.sqlite")
    load_samples(store, SAMPLES)
    found = store.article_graphs()
    store.close()
    return found


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_files_hold_every_node_and_relationship_with_typed_columns(
    graphs: list[ArticleGraph], tmp_path: Path
) -> None:
    files = write_import_files(graphs, tmp_path / "csv")
    assert read_manifest(tmp_path / "csv").nodes == files.nodes
    nodes = {r["id:ID"]: r for name in files.nodes for r in _rows(tmp_path / "csv" / name)}
    assert len(nodes) == files.node_count == len({n.id for g in graphs for n in g.nodes})
    mikdad = nodes["person:fayssal-mikdad"]
    assert mikdad[":LABEL"] == "Official" and mikdad["name:string"] == "Fayssal Mikdad"
    assert "Mekdad" in mikdad["aliases:string[]"].split(ARRAY_DELIMITER)
    rels = [r for name in files.relationships for r in _rows(tmp_path / "csv" / name)]
    assert len(rels) == files.relationship_count == sum(len(g.edges) for g in graphs)
    met = next(r for r in rels if r[":TYPE"] == "MET_WITH" and "date:date" in r)
    assert met["date:date"][:4] == "2017" and float(met["confidence:double"]) <= 1
    # Article texts span lines: only their files are read as multiline.
    assert files.multiline and all(name.startswith("nodes-Article") for name in files.multiline)


def _content(folder: Path, names: list[str]) -> list[tuple[tuple[str, str], ...]]:
    """Every row as its sorted (column, cell) pairs, whatever file holds it."""
    return sorted(tuple(sorted(row.items())) for name in names for row in _rows(folder / name))


def test_workers_share_the_rows_without_changing_them(
    graphs: list[ArticleGraph], tmp_path: Path
) -> None:
    one = write_import_files(graphs, tmp_path / "one", workers=1)
    three = write_import_files(graphs, tmp_path / "three", workers=3)
    assert len(three.relationships) > len(one.relationships)  # each worker has its files
    assert (three.node_count, three.relationship_count) == (one.node_count, one.relationship_count)
    assert _content(tmp_path / "three", three.nodes) == _content(tmp_path / "one", one.nodes)
    assert _content(tmp_path / "three", three.relationships) == _content(
        tmp_path / "one", one.relationships
    )
    assert read_manifest(tmp_path / "three").multiline == three.multiline


@pytest.mark.parametrize("workers", [1, 2])
def test_a_value_holding_the_array_delimiter_is_refused_by_name(
    graphs: list[ArticleGraph], tmp_path: Path, workers: int
) -> None:
    graph = graphs[0]
    # The second node in id order: with two workers, the forked one meets it.
    second = sorted(graph.nodes, key=lambda n: n.id)[1]
    node = dataclasses.replace(second, aliases=("bad\x1fname",))
    broken = dataclasses.replace(
        graph, nodes=tuple(node if n.id == node.id else n for n in graph.nodes)
    )
    with pytest.raises(ValueError, match=rf"node {node.id}, property aliases: .*U\+001F"):
        write_import_files([broken], tmp_path / "csv", workers=workers)


def test_import_needs_an_export_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["neo4j", "import", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'manifest.json'} not found" in result.output
    assert "diplograph export --format neo4j-admin" in result.output


def test_export_for_neo4j_admin_needs_the_embedded_store(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("store:\n  backend: neo4j\nneo4j:\n  uri: bolt://127.0.0.1:1\n")
    out = tmp_path / "csv"
    result = CliRunner().invoke(
        main,
        ["export", "--format", "neo4j-admin", "-o", str(out), "--config", str(config)],
        env={"NEO4J_PASSWORD": "not-used"},
    )
    assert result.exit_code == 1
    assert "keeps no article graphs: export from the embedded store" in result.output
    assert not out.exists()


def test_export_command_takes_a_number_of_workers(tmp_path: Path) -> None:
    store_path = tmp_path / "store.sqlite"
    store = EmbeddedStore(store_path)
    load_samples(store, SAMPLES)
    store.close()
    config = tmp_path / "config.yaml"
    config.write_text(f"store:\n  backend: networkx\n  path: {store_path}\n")
    out = tmp_path / "csv"
    args = ["export", "--format", "neo4j-admin", "-o", str(out), "--config", str(config)]
    result = CliRunner().invoke(main, [*args, "--workers", "3"])
    assert result.exit_code == 0, result.output
    written = read_manifest(out)
    assert {name.split("-w")[1][0] for name in written.relationships} == {"1", "2", "3"}
    assert written.relationship_count > 100  # the samples, from the configured store
    assert f"{written.relationship_count} relationships" in result.output
    refused = CliRunner().invoke(main, [*args, "--workers", "0"])
    assert refused.exit_code == 2 and "--workers" in refused.output


def test_an_array_of_other_elements_goes_to_a_file_of_its_own(
    graphs: list[ArticleGraph], tmp_path: Path
) -> None:
    """Rows of one shape (the same properties, each a list) plan their columns once; a
    row whose list holds other elements still gets the column type it needs."""
    graph = graphs[0]
    states = sorted((n for n in graph.nodes if n.label == "State"), key=lambda n: n.id)
    codes: dict[str, list[object]] = {states[0].id: [1, 2], states[1].id: ["a", "b"]}
    nodes = tuple(
        dataclasses.replace(n, props={**n.props, "codes": codes[n.id]}) if n.id in codes else n
        for n in graph.nodes
    )
    one = [dataclasses.replace(graph, nodes=nodes)]
    files = write_import_files(one, tmp_path / "csv", workers=1)  # one plan for both
    rows = {r["id:ID"]: r for name in files.nodes for r in _rows(tmp_path / "csv" / name)}
    assert rows[states[0].id]["codes:long[]"] == f"1{ARRAY_DELIMITER}2"
    assert rows[states[1].id]["codes:string[]"] == f"a{ARRAY_DELIMITER}b"
