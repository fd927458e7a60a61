"""A snapshot of the embedded store's built graph, so a large store starts in seconds.

Rebuilding the in-memory graph from SQLite decodes every article and inserts every
edge again (72 s at 300,000 articles); unpickling the built graph restores the same
objects about five times faster.  The snapshot is a cache, never the record: it names
the store it was taken from (``store_id``) and the last change it holds (``seq``), and
the store replays the change log after ``seq`` as it does for other processes' writes.
A snapshot of another store, of other code, or one that cannot be read is ignored.

The model's records (articles, nodes, edges) are written as columns, one table per class,
ahead of the graph, which refers to them by row number (pickle's persistent ids).
Pickled one at a time, each record's state would be a list that the unpickler keeps
until the end of the load; freed together, those lists left holes in the allocator's
pools that made a loaded graph take 10-16% more memory than a rebuilt one.

The file is a pickle, so it deserves the trust of the SQLite file beside it: whoever
can write one can write the other.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, fields
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import IO, Any, Final

import networkx

from graph.memory import MemoryGraph
from graph.model import ArticleGraph, ArticleMeta, Edge, Node

__all__ = ["Snapshot", "load_snapshot", "save_snapshot"]

_MAGIC = b"diplograph-snapshot-2\n"
# The classes written as tables, in order: each refers only to those before it.
_TABLES: Final = (ArticleMeta, Node, Edge, ArticleGraph)


@dataclass(frozen=True)
class Snapshot:
    store_id: str
    seq: int  # the last change (``changes.seq``) the graph holds
    last_article: str | None  # the article of that change, to tell a restored log apart
    graph: MemoryGraph


@cache
def _fingerprint() -> bytes:
    """The code whose objects a snapshot holds: this package's sources and versions."""
    digest = hashlib.sha256(f"{sys.version}|{networkx.__version__}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.digest()


def save_snapshot(path: Path, snapshot: Snapshot) -> None:
    """Write atomically: readers see the old file or the new one, never half of one."""
    _remove_abandoned(path)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        with partial.open("wb") as out:
            out.write(_MAGIC + _fingerprint())
            _TablePickler(out).dump_with_tables(snapshot)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _remove_abandoned(path: Path) -> None:
    """Partial files of writers that were killed (their process is gone): a snapshot of a
    large store is hundreds of megabytes."""
    for partial in path.parent.glob(f"{path.name}.*.partial"):
        pid = partial.name[len(path.name) + 1 : -len(".partial")]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            partial.unlink(missing_ok=True)
        except PermissionError:
            pass  # alive, another user's


def load_snapshot(path: Path, store_id: str) -> Snapshot | None:
    """The snapshot at ``path`` if it was taken from this store by this code, else None."""
    header = _MAGIC + _fingerprint()
    try:
        with path.open("rb") as source:
            if source.read(len(header)) != header:
                return None
            snapshot = _load_with_tables(source)
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or foreign file is a cache miss, not an error
        return None
    if not isinstance(snapshot, Snapshot) or snapshot.store_id != store_id:
        return None
    return snapshot


class _TablePickler(pickle.Pickler):
    """Writes each record once, in its class's table, and refers to it by row number."""

    def __init__(self, out: IO[bytes]) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        self._rows: dict[int, int] = {}  # id() of a record written -> its row number

    def _row(self, obj: Any) -> int | None:
        return self._rows.get(id(obj))

    def dump_with_tables(self, snapshot: Snapshot) -> None:
        # One pickler throughout: its memo shares the strings between tables and graph.
        for cls, records in zip(_TABLES, _records(snapshot.graph), strict=True):
            if cls is ArticleGraph:
                # Only article graphs refer to other records. The pickler asks every
                # object it writes for a persistent id, a Python call each: the tables
                # before them are written without.
                self.persistent_id = self._row  # type: ignore[method-assign]
            self.dump([list(map(attrgetter(f.name), records)) for f in fields(cls)])
            for record in records:  # rows number on across the tables
                self._rows[id(record)] = len(self._rows)
        self.dump(snapshot)


def _records(graph: MemoryGraph) -> tuple[list[Any], ...]:
    """Each record the graph holds, once (equal contributions share one Node)."""
    metas: dict[int, ArticleMeta] = {}
    nodes: dict[int, Node] = {}
    edges: dict[int, Edge] = {}
    for article in graph.articles.values():
        metas[id(article.meta)] = article.meta
        nodes.update((id(node), node) for node in article.nodes)
        edges.update((id(edge), edge) for edge in article.edges)
    return [*metas.values()], [*nodes.values()], [*edges.values()], [*graph.articles.values()]


def _load_with_tables(source: IO[bytes]) -> Any:
    unpickler = pickle.Unpickler(source)
    records: list[Any] = []
    unpickler.persistent_load = records.__getitem__  # type: ignore[method-assign]
    for cls in _TABLES:
        columns = unpickler.load()
        records.extend(map(cls, *columns))  # no per-record temporaries to outlive the load
    return unpickler.load()
