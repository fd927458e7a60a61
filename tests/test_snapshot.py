"""The embedded store's snapshot: a cache of the built graph that must answer exactly as
a graph rebuilt from SQLite, and must be ignored whenever it does not belong."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import graph.neighbourhood
from api import create_app
from diplograph.cli import main
from graph.embedded import EmbeddedStore
from graph.queries import EntityQuery
from tests.conftest import API_KEY, SAMPLES, folder_settings
from tests.test_embedded_queries import meeting_queries, neighbourhood_queries, random_writes

KEYS = [f"k{i}" for i in range(20)]


def answers(store: EmbeddedStore) -> Any:
    """What clients see: stats, the export, meetings, neighbourhoods and search."""
    store.ping()
    g = store._graph
    meetings = [
        store.meetings(q)
        for q in meeting_queries(random.Random(1), 30)
        if all(p is None or p in g.nodes for p in (q.entity, q.with_))
    ]
    views = [
        store.neighbourhood(q)
        for q in neighbourhood_queries(random.Random(2), 20)
        if q.entity in g.nodes
    ]
    found = store.search_entities(EntityQuery(q=None, limit=1000))
    return store.stats(), store.export(), meetings, views, found


def rebuilt(path: Path) -> Any:
    store = EmbeddedStore(path, snapshot=False)
    assert not store.loaded_from_snapshot
    try:
        return answers(store)
    finally:
        store.close()


def written(path: Path, seed: int, n: int = 40, *, snapshot: bool = True) -> None:
    store = EmbeddedStore(path, snapshot=snapshot)
    random_writes(store, random.Random(seed), KEYS, n)
    store.close()


def test_the_writer_leaves_a_snapshot_the_next_store_starts_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.sqlite"
    writer = EmbeddedStore(path)
    random_writes(writer, random.Random(1), KEYS, 40)
    with monkeypatch.context() as small:
        # Views capped at 25 edges: which edges fill a cap depends on the order the graph
        # holds them in, and the snapshot keeps the writer's order exactly.
        small.setattr(graph.neighbourhood, "MAX_VIEW_EDGES", 25)
        expected = answers(writer)
        writer.close()
        assert (tmp_path / "store.sqlite.snapshot").is_file()
        store = EmbeddedStore(path)
        assert store.loaded_from_snapshot
        assert answers(store) == expected
    # Uncapped, every answer is the one a graph rebuilt from SQLite gives.
    assert answers(store) == rebuilt(path)
    store.close()


def shared_records(store: EmbeddedStore) -> tuple[int, int, int]:
    """How many distinct Edge, Node and ArticleMeta objects the graph holds, after checking
    that its indexes hold the very objects of its articles (not equal copies)."""
    g = store._graph
    edges, nodes, metas = set(), set(), set()
    for article_id, article in g.articles.items():
        metas.add(id(article.meta))
        for edge in article.edges:
            assert g.edges[edge.id] is edge
            edges.add(id(edge))
        for node in article.nodes:
            assert g._contrib[node.id][article_id] is node
            nodes.add(id(node))
    return len(edges), len(nodes), len(metas)


def test_a_snapshot_restores_each_record_once_as_a_rebuild_does(tmp_path: Path) -> None:
    """The snapshot writes records as tables and the graph refers to them by row: the
    loaded graph must share them as the graph it was taken from did, or it grows."""
    path = tmp_path / "store.sqlite"
    written(path, seed=1, n=60)
    store = EmbeddedStore(path)
    assert store.loaded_from_snapshot
    loaded = shared_records(store)
    store.close()
    store = EmbeddedStore(path, snapshot=False)
    assert loaded == shared_records(store)
    assert loaded[1] < sum(len(a.nodes) for a in store._graph.articles.values())  # shared
    store.close()


def test_changes_logged_after_the_snapshot_are_replayed(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    written(path, seed=1)
    before = (tmp_path / "store.sqlite.snapshot").read_bytes()
    written(path, seed=2, snapshot=False)  # new versions and retractions, no new snapshot
    assert (tmp_path / "store.sqlite.snapshot").read_bytes() == before
    store = EmbeddedStore(path)
    assert store.loaded_from_snapshot
    assert answers(store) == rebuilt(path)
    # Reading changes nothing, so closing leaves the snapshot as it was.
    store.close()
    assert (tmp_path / "store.sqlite.snapshot").read_bytes() == before


def test_a_snapshot_of_another_store_or_a_damaged_one_is_ignored(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.sqlite", tmp_path / "theirs.sqlite"
    written(ours, seed=1)
    written(theirs, seed=3)
    shutil.copy(tmp_path / "theirs.sqlite.snapshot", tmp_path / "ours.sqlite.snapshot")
    store = EmbeddedStore(ours)
    assert not store.loaded_from_snapshot
    assert answers(store) == rebuilt(ours)
    store.close()

    snapshot = tmp_path / "theirs.sqlite.snapshot"
    snapshot.write_bytes(snapshot.read_bytes()[: snapshot.stat().st_size // 2])
    store = EmbeddedStore(theirs)
    assert not store.loaded_from_snapshot
    assert answers(store) == rebuilt(theirs)
    store.close()


def test_a_snapshot_newer_than_a_restored_log_is_ignored(tmp_path: Path) -> None:
    path, backup = tmp_path / "store.sqlite", tmp_path / "backup.sqlite"
    written(path, seed=1, n=20)
    source, copy = sqlite3.connect(path), sqlite3.connect(backup)
    source.backup(copy)
    source.close()
    copy.close()
    written(path, seed=2, n=20)  # the snapshot now holds changes the backup lacks
    shutil.copy(backup, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    written(path, seed=5, n=30, snapshot=False)  # other changes reuse the same numbers
    store = EmbeddedStore(path)
    assert not store.loaded_from_snapshot
    assert answers(store) == rebuilt(path)
    store.close()


def test_ingest_leaves_a_snapshot_that_serves_the_same_answers(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    path = tmp_path / "cli.sqlite"
    config.write_text(f"store:\n  path: {path}\n", encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(main, ["ingest", str(SAMPLES), "--config", str(config)])
    assert done.exit_code == 0, done.output
    assert "snapshot saved in" in done.stderr  # a long step on a large store says so
    assert Path(f"{path}.snapshot").is_file()
    stats = runner.invoke(main, ["stats", "--config", str(config)])
    assert stats.exit_code == 0, stats.output
    assert "snapshot" not in stats.stderr  # reading changes nothing
    store = EmbeddedStore(path)
    assert store.loaded_from_snapshot
    assert answers(store) == rebuilt(path)
    store.close()


def test_an_api_worker_never_writes_one_and_its_writes_are_replayed(tmp_path: Path) -> None:
    """A worker may be stopped at any time; its writes reach the next process through the
    log, on top of the snapshot the last command left."""
    settings = folder_settings(tmp_path)
    path = settings.store.path
    done = CliRunner().invoke(
        main, ["ingest", str(SAMPLES), "--config", str(tmp_path / "config.yaml")]
    )
    assert done.exit_code == 0, done.output
    snapshot = Path(f"{path}.snapshot")
    before = snapshot.read_bytes()

    app = create_app(settings)
    article = (SAMPLES / "kremlin-2017-05-03-putin-erdogan-sochi.yaml").read_text("utf-8")
    changed = article.replace("for talks in Sochi on Wednesday", "for long talks in Sochi")
    answer = app.test_client().post(
        "/api/v1/articles",
        data=changed,
        headers={"Content-Type": "application/yaml", "X-API-Key": API_KEY},
    )
    assert answer.status_code == 201, answer.get_json()
    app.extensions["diplograph"].store.close()
    assert snapshot.read_bytes() == before

    store = EmbeddedStore(path)
    assert store.loaded_from_snapshot
    text = store.article("kremlin-2017-05-03-putin-erdogan-sochi").article["text"]
    assert "for long talks in Sochi" in text
    assert answers(store) == rebuilt(path)
    store.close()


def test_a_killed_writers_partial_file_is_cleared_by_the_next_save(tmp_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    partial = tmp_path / f"store.sqlite.snapshot.{gone.stdout.strip()}.partial"
    partial.write_bytes(b"half a snapshot")
    written(tmp_path / "store.sqlite", seed=1, n=5)
    assert not partial.exists()
    assert (tmp_path / "store.sqlite.snapshot").is_file()
