"""The embedded store: a durable SQLite log of article graphs, queried in networkx.

SQLite holds one row per article (its compiled graph) and a change log.  Each
process keeps the whole graph in memory (:class:`~graph.memory.MemoryGraph`)
and, before every call, replays the change log entries written since it last
looked, so several API workers sharing one file see each other's writes by
their next request.  Writes are transactions in WAL mode: a process killed at
any moment leaves the last committed state, and the cost of writing an article
is proportional to that article.

A process that changed the store leaves a snapshot of its built graph beside the file
when it closes (``<file>.snapshot``, see :mod:`graph.snapshot`); the next process starts
from it and replays only the changes logged after it.
"""

from __future__ import annotations

import gc
import logging
import pickle
import sqlite3
import threading
import uuid
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from graph.activity import DayCount
from graph.alliances import StanceCount
from graph.codec import decode_graph, encode_graph
from graph.collector import collector_paused
from graph.errors import ArticleNotFound, DiplographError, StoreUnavailable
from graph.memory import MemoryGraph
from graph.model import ArticleGraph, ParsedArticle
from graph.queries import (
    ActivityQuery,
    AlliancesQuery,
    ArticleDetail,
    EntityQuery,
    GraphView,
    MeetingsQuery,
    NeighbourhoodQuery,
    Page,
    PathResult,
    PathsQuery,
    StoreStats,
    TimelineQuery,
)
from graph.snapshot import Snapshot, load_snapshot, save_snapshot
from graph.store import RetractOutcome, Store, WriteOutcome, WriteStatus, article_node_id

__all__ = ["EmbeddedStore"]

T = TypeVar("T")
log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    graph BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    article TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""


class EmbeddedStore(Store):
    """The default store: one SQLite file, no server.  ``":memory:"`` for a scratch store."""

    backend: ClassVar[str] = "networkx"

    def __init__(
        self, path: str | Path, *, snapshot: bool = True, save_snapshot_on_close: bool = True
    ) -> None:
        """``snapshot``: start from ``<path>.snapshot`` when it is current, and (unless
        ``save_snapshot_on_close`` is off) write it on :meth:`close` after this process
        changed the store (see graph.snapshot)."""
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            # Durable against a killed process; only a power cut can lose the last commits.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('store_id', ?)",
                (uuid.uuid4().hex,),
            )
            (self._store_id,) = self._db.execute(
                "SELECT value FROM meta WHERE key = 'store_id'"
            ).fetchone()
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"cannot open the embedded store {self.path}: {exc}") from exc
        self._lock = threading.RLock()
        self._graph = MemoryGraph()
        self._seq = 0
        self._version = -1
        self._snapshot = (
            Path(self.path + ".snapshot") if snapshot and self.path != ":memory:" else None
        )
        self._changed = False  # by this process: the snapshot is worth writing on close
        self._save_on_close = save_snapshot_on_close
        self.loaded_from_snapshot = self._load()

    # -- durable log -----------------------------------------------------------------

    def _load(self) -> bool:
        """Build the graph: from a current snapshot when there is one (then True), else
        from every article row."""
        with self._lock:
            if self._resume():
                gc.freeze()
                return True
            self._db.execute("BEGIN")  # one snapshot: the log position matches the rows
            try:
                row = self._db.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()
                # In the order of their last writes, as this process would hold them had
                # it written them all: a capped view lists edges in that order.
                rows = self._db.execute(
                    "SELECT a.id, a.graph FROM articles AS a LEFT JOIN"
                    " (SELECT article, max(seq) AS last FROM changes GROUP BY article) AS c"
                    " ON c.article = a.id ORDER BY c.last, a.id"
                )
                with collector_paused():
                    for article_id, blob in rows:
                        self._graph.apply(article_id, decode_graph(blob, with_source=False))
                self._seq = int(row[0])
            finally:
                self._db.execute("COMMIT")
        # The graph lives as long as the process: keep the cyclic collector from walking
        # its millions of objects again on each full collection (200 ms at 10,000 articles).
        gc.freeze()
        return False

    def _resume(self) -> bool:
        """Start from the snapshot if it belongs to this log, then replay what followed."""
        if self._snapshot is None:
            return False
        with collector_paused():  # unpickling builds millions of objects
            snapshot = load_snapshot(self._snapshot, self._store_id)
        if snapshot is None:
            return False
        if snapshot.seq and self._article_at(snapshot.seq) != snapshot.last_article:
            return False  # the log was restored or rewritten since: rebuild
        self._graph, self._seq, self._version = snapshot.graph, snapshot.seq, -1
        self._sync()
        return True

    def _article_at(self, seq: int) -> str | None:
        """The article of change ``seq``, None when the log has no such change."""
        row = self._db.execute("SELECT article FROM changes WHERE seq = ?", (seq,)).fetchone()
        return str(row[0]) if row else None

    @property
    def snapshot_pending(self) -> bool:
        """Whether :meth:`close` will write a snapshot (a long step on a large store)."""
        return self._snapshot is not None and self._changed and self._save_on_close

    def save_snapshot(self) -> None:
        """Write the snapshot of the graph as it stands (what :meth:`close` does after
        changes).  A failure to write is logged: the snapshot is only a cache."""
        if self._snapshot is None:
            return
        with self._lock:
            self._sync()
            snapshot = Snapshot(self._store_id, self._seq, self._article_at(self._seq), self._graph)
            try:
                save_snapshot(self._snapshot, snapshot)
            except (OSError, pickle.PicklingError, RecursionError) as exc:
                log.warning("could not write the snapshot %s: %s", self._snapshot, exc)

    def _sync(self) -> None:
        """Replay what other processes committed since this one last looked.

        ``PRAGMA data_version`` changes only when another connection commits, so a
        read in a quiet store costs one pragma.  Replaying an article twice is
        harmless (it is applied as it is now), so the order of these reads does
        not need a transaction.
        """
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if version == self._version:
            return
        self._version = version
        rows = self._db.execute(
            "SELECT seq, article FROM changes WHERE seq > ? ORDER BY seq", (self._seq,)
        ).fetchall()
        # In the order of each article's last change, as a load from scratch applies them
        # (see _load): the graph then holds its edges in the same order either way.
        last: dict[str, int] = {}
        for seq, article in rows:
            last.pop(article, None)
            last[article] = seq
        for article_id in last:
            found = self._db.execute(
                "SELECT graph FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            graph = decode_graph(found[0], with_source=False) if found else None
            self._graph.apply(article_id, graph)
        if rows:
            self._seq = int(rows[-1][0])

    def _read(self, query: Callable[[MemoryGraph], T]) -> T:
        with self._lock:
            try:
                self._sync()
            except sqlite3.Error as exc:
                raise StoreUnavailable(f"embedded store {self.path}: {exc}") from exc
            return query(self._graph)

    def _write(self, changes: Callable[[], T]) -> T:
        """Run ``changes`` inside one transaction that holds the write lock."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreUnavailable(f"embedded store {self.path}: {exc}") from exc
            try:
                self._sync()
                result = changes()
                self._db.execute("COMMIT")
            except DiplographError:
                # Domain errors (unknown article) are raised before anything changes.
                self._db.execute("ROLLBACK")
                raise
            except BaseException:
                self._db.execute("ROLLBACK")
                # Memory may hold changes that were rolled back: rebuild it from the log.
                self._graph = MemoryGraph()
                self._load()
                raise
            return result

    # -- writes ----------------------------------------------------------------------

    def lookup_keys(self, keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], str]:
        return self._read(lambda g: g.lookup_keys(keys))

    def write(self, graphs: Sequence[ArticleGraph]) -> list[WriteOutcome]:
        def changes() -> list[WriteOutcome]:
            outcomes = []
            for graph in graphs:
                article_id = graph.article_id
                old = self._graph.articles.get(article_id)
                counts = (len(graph.nodes), len(graph.edges))
                if old is not None and old.digest == graph.digest:
                    outcomes.append(WriteOutcome(article_id, "unchanged", *counts))
                    continue
                blob = encode_graph(graph)
                self._db.execute(
                    "INSERT OR REPLACE INTO articles (id, digest, graph) VALUES (?, ?, ?)",
                    (article_id, graph.digest, blob),
                )
                self._log(article_id)
                # Memory holds the graph as a load decodes it: no parsed source (sources()
                # reads it from the file), texts interned, small maps shared. A writer's
                # graph (and the snapshot it leaves) is then as compact as a loaded one.
                self._graph.apply(article_id, decode_graph(blob, with_source=False))
                status: WriteStatus = "created" if old is None else "replaced"
                outcomes.append(WriteOutcome(article_id, status, *counts))
            return outcomes

        return self._write(changes)

    def _log(self, article_id: str) -> None:
        cursor = self._db.execute("INSERT INTO changes (article) VALUES (?)", (article_id,))
        self._seq = int(cursor.lastrowid or self._seq)
        self._changed = True

    def retract(self, article: str) -> RetractOutcome:
        article_id = article_node_id(article)

        def changes() -> RetractOutcome:
            old = self._graph.articles.get(article_id)
            if old is None:
                raise ArticleNotFound(article)
            nodes_before = len(self._graph.nodes)
            self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            self._log(article_id)
            self._graph.apply(article_id, None)
            return RetractOutcome(article_id, len(old.edges), nodes_before - len(self._graph.nodes))

        return self._write(changes)

    # -- reads -----------------------------------------------------------------------

    def ping(self) -> None:
        self._read(lambda g: None)

    def stats(self) -> StoreStats:
        return self._read(lambda g: g.stats(self.backend))

    def search_entities(self, query: EntityQuery) -> Page:
        return self._read(lambda g: g.search_entities(query))

    def entity(self, entity_id: str) -> dict[str, Any]:
        return self._read(lambda g: g.entity(entity_id))

    def meetings(self, query: MeetingsQuery) -> Page:
        return self._read(lambda g: g.meetings(query))

    def neighbourhood(self, query: NeighbourhoodQuery) -> GraphView:
        return self._read(lambda g: g.neighbourhood(query))

    def paths(self, query: PathsQuery) -> list[PathResult]:
        return self._read(lambda g: g.paths(query))

    def timeline(self, query: TimelineQuery) -> Page:
        return self._read(lambda g: g.timeline(query))

    def stance_counts(
        self, query: AlliancesQuery
    ) -> tuple[list[StanceCount], dict[str, dict[str, Any]]]:
        return self._read(lambda g: g.stance_counts(query))

    def activity_counts(self, query: ActivityQuery) -> list[DayCount]:
        return self._read(lambda g: g.activity_counts(query))

    def article(self, article: str) -> ArticleDetail:
        return self._read(lambda g: g.article(article_node_id(article)))

    def merges(self) -> list[dict[str, Any]]:
        return self._read(lambda g: g.merges())

    def sources(self) -> dict[str, ParsedArticle | None]:
        with self._lock:
            rows = self._db.execute("SELECT id, graph FROM articles ORDER BY id").fetchall()
        return {article_id: decode_graph(blob).source for article_id, blob in rows}

    def export(self) -> GraphView:
        return self._read(lambda g: g.export())

    def article_graphs(self) -> list[ArticleGraph]:
        return self._read(lambda g: list(g.articles.values()))

    def close(self) -> None:
        with self._lock:
            if self.snapshot_pending:
                try:
                    self.save_snapshot()
                except sqlite3.Error as exc:
                    log.warning("no snapshot of %s: %s", self.path, exc)
            self._db.close()
