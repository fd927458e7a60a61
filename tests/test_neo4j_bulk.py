"""Bulk import: a graph loaded by neo4j-admin answers exactly as one written by the store.

One corpus (the samples, a synthetic corpus and a changed version of one sample) goes
two ways: ``diplograph ingest`` into the test server through the transactional writer,
and ``diplograph ingest`` into an embedded store, ``diplograph export --format
neo4j-admin`` and ``diplograph neo4j import`` into a second server.  Both then answer
every contract query the same, keep the same properties (bookkeeping included), and go
on answering the same after the same retraction and rewrite.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bench.generate import write_corpus
from diplograph.cli import main
from graph.identity import AliasTable
from graph.ingest import ingest
from graph.neo4j_store import Neo4jStore
from graph.queries import (
    ActivityQuery,
    AlliancesQuery,
    EntityQuery,
    MeetingsQuery,
    NeighbourhoodQuery,
    PathResult,
    PathsQuery,
    TimelineQuery,
)
from graph.store import Store
from loaders import load_file
from tests.conftest import NEO4J_PASSWORD, SAMPLES, _open_neo4j, free_port

pytestmark = pytest.mark.neo4j

CHANGED = SAMPLES / "sana-2017-10-25-tehran.yaml"


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _corpus(folder: Path) -> list[Path]:
    """The samples, 150 synthetic articles, then a changed version of one sample."""
    synthetic = folder / "synthetic"
    write_corpus(synthetic, 150, seed=11)
    changed = folder / "changed"
    changed.mkdir()
    text = CHANGED.read_text(encoding="utf-8")
    assert "Tehran" in text
    (changed / CHANGED.name).write_text(text.replace("title: ", "title: Updated ", 1))
    return [SAMPLES, synthetic, changed]


def _config(folder: Path, backend: str, uri: str = "") -> Path:
    path = folder / f"{backend}.yaml"
    text = f"store:\n  backend: {backend}\n  path: {folder / 'embedded.sqlite'}\n"
    if uri:
        text += f"neo4j:\n  uri: {uri}\n"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def twin_stores(
    neo4j_server: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, Store]]:
    """(written by the store, bulk-imported), from the same files in the same order."""
    from diplograph import neo4j_server as server

    folder = tmp_path_factory.mktemp("bulk")
    corpus = _corpus(folder)
    os.environ["NEO4J_PASSWORD"] = NEO4J_PASSWORD
    _open_neo4j(neo4j_server).close()
    for path in corpus:
        _cli("ingest", str(path), "--config", str(_config(folder, "neo4j", neo4j_server["uri"])))
        _cli("ingest", str(path), "--config", str(_config(folder, "networkx")))
    export = folder / "csv"
    out = _cli(
        "export", "--format", "neo4j-admin", "-o", str(export), "--config",
        str(_config(folder, "networkx")),
    )  # fmt: skip
    assert "load them into a stopped server with: diplograph neo4j import" in out
    home = folder / "neo4j"
    bolt_port = free_port()
    server.write_config(home, server.ensure_resolved(), bolt_port=bolt_port, http_port=free_port())
    try:
        out = _cli("neo4j", "import", str(export), "--home", str(home))
        assert f"neo4j running: bolt://127.0.0.1:{bolt_port}" in out
        written = Neo4jStore(neo4j_server["uri"], ("neo4j", NEO4J_PASSWORD))
        imported = Neo4jStore(f"bolt://127.0.0.1:{bolt_port}", ("neo4j", NEO4J_PASSWORD))
        try:
            yield written, imported
        finally:
            written.close()
            imported.close()
    finally:
        server.stop(home, progress=lambda _: None)


def _answers(store: Store) -> dict[str, Any]:
    """Every contract query, over a spread of entities, hubs included."""
    entities = store.search_entities(EntityQuery(limit=500)).items
    ids = [e["id"] for e in entities[::7]] + ["SYR", "IRN", "person:fayssal-mikdad"]
    found: dict[str, Any] = {
        "stats": store.stats(),
        "search": [store.search_entities(EntityQuery(q=q)) for q in ("Mekdad", "iran", "a")],
        "entities": entities,
        "meetings": [
            store.meetings(MeetingsQuery(limit=500)),
            store.meetings(MeetingsQuery(country="IRN")),
            store.meetings(MeetingsQuery(entity="person:fayssal-mikdad")),
        ],
        "alliances": store.alliances(AlliancesQuery()),
        "activity": store.activity(ActivityQuery(interval="month")),
        "merges": store.merges(),
        "export": store.export(),
        "article": store.article("sana-2017-10-25-tehran"),
    }
    for node_id in ids:
        found[f"entity {node_id}"] = store.entity(node_id)
        found[f"timeline {node_id}"] = store.timeline(TimelineQuery(entity=node_id))
        for depth in (1, 2):
            query = NeighbourhoodQuery(entity=node_id, depth=depth, limit=60)
            found[f"neighbourhood {node_id} {depth}"] = store.neighbourhood(query)
    for a, b in zip(ids, ids[3:], strict=False):
        found[f"paths {a} {b}"] = _determined(store.paths(PathsQuery(a, b, k=3, max_length=4)))
    return found


def _determined(paths: list[PathResult]) -> tuple[list[int], list[PathResult]]:
    """What k shortest paths fix: their lengths, and every path shorter than the longest
    (which paths of the longest length make up the k is left to the store)."""
    lengths = [p.length for p in paths]
    return lengths, sorted(
        (p for p in paths if p.length < max(lengths)), key=lambda p: [n["id"] for n in p.nodes]
    )


def _raw(store: Store) -> dict[str, Any]:
    """Every node and relationship with every property, bookkeeping included, as it takes
    effect: a written node keeps the contributions of replaced versions with a count of
    0 (never read again), and ``_seq`` holds the write's stamp, so the live contributions
    and the write order stand for them."""
    assert isinstance(store, Neo4jStore)
    with store._driver.session() as session:
        nodes = {
            r["id"]: (r["labels"], r["props"])
            for r in session.run(
                "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
            )
        }
        rels = {}
        query = (
            "MATCH (a)-[r]->(b) RETURN r.id AS id, type(r) AS type, a.id AS a, b.id AS b,"
            " properties(r) AS props ORDER BY r._seq"
        )
        for rank, r in enumerate(session.run(query)):
            rels[r["id"]] = (r["type"], r["a"], r["b"], {**r["props"], "_seq": rank})
    return {"nodes": _live(nodes), "relationships": rels}


def _live(nodes: dict[str, tuple[list[str], dict[str, Any]]]) -> dict[str, Any]:
    live = {}
    for node_id, (labels, props) in nodes.items():
        kept = {k: v for k, v in props.items() if k not in ("_contribs", "_counts", "_firsts")}
        made = zip(props["_contribs"], props["_counts"], props["_firsts"], strict=True)
        kept["_contribs"] = sorted((text, n, first) for text, n, first in made if n > 0)
        if "_node_refs" in kept:
            refs = zip(kept.pop("_node_ids"), kept.pop("_node_refs"), strict=True)
            kept["_node_refs"] = [(n, nodes[n][1]["_contribs"][ref]) for n, ref in refs]
        live[node_id] = (labels, kept)
    return live


def _same(written: Store, imported: Store) -> None:
    left, right = _answers(written), _answers(imported)
    assert left.keys() == right.keys()
    for key in left:
        assert left[key] == right[key], key
    assert _raw(written) == _raw(imported)


def test_bulk_import_answers_as_the_transactional_writer(twin_stores: tuple[Store, Store]) -> None:
    written, imported = twin_stores
    stats = imported.stats()
    assert stats.articles == 170 and stats.relationships > 1000
    assert imported.article("sana-2017-10-25-tehran").article["title"].startswith("Updated ")
    _same(written, imported)


def test_the_store_goes_on_writing_to_an_imported_graph(twin_stores: tuple[Store, Store]) -> None:
    """The bookkeeping imported with the graph lets the store replace and retract."""
    original = [a for a in load_file(CHANGED).articles if not isinstance(a, Exception)]
    for store in twin_stores:
        assert store.retract("irna-2017-10-25-mekdad-larijani").edges_removed > 0
        report = ingest(store, original, AliasTable.load())
        assert report.ok and report.count("replaced") == 1
    assert not twin_stores[1].article("sana-2017-10-25-tehran").article["title"].startswith("Up")
    _same(*twin_stores)


def test_import_refuses_a_running_server(neo4j_server: dict[str, Any], tmp_path: Path) -> None:
    if neo4j_server["home"] is None:
        pytest.skip("the test server is not ours ($NEO4J_TEST_URI)")
    export = _export_samples(tmp_path)
    result = CliRunner().invoke(
        main, ["neo4j", "import", str(export), "--home", str(neo4j_server["home"])]
    )
    assert result.exit_code == 1
    assert "is running" in result.output and "stop it first" in result.output
    store = Neo4jStore(neo4j_server["uri"], ("neo4j", NEO4J_PASSWORD))
    try:
        store.ping()  # still serving
    finally:
        store.close()


def _export_samples(folder: Path) -> Path:
    config = _config(folder, "networkx")
    _cli("ingest", str(SAMPLES), "--config", str(config))
    _cli("export", "--format", "neo4j-admin", "-o", str(folder / "csv"), "--config", str(config))
    return folder / "csv"
