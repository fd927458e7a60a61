"""CSV files for ``neo4j-admin database import full``: a first load at full speed.

:func:`write_import_files` turns article graphs into the node and relationship files
of Neo4j's offline importer, with the very properties :class:`~graph.neo4j_store.Neo4jStore`
writes (:class:`~graph.neo4j_store.BulkGraph`), so the imported database is one the
store can go on writing to.  A CSV column has one type, while a property may be absent
or differently typed from one node to the next; so the rows are split by *signature*
(label or type, and each property's name and type), one file each, and every file names
only the properties its rows have.  ``manifest.json`` lists the files and the options
the import needs; ``diplograph neo4j import`` reads it.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any, Final

import orjson

from graph.collector import collector_paused
from graph.model import NODE_LABELS, RELATIONSHIP_TYPES, ArticleGraph
from graph.neo4j_store import BulkGraph

__all__ = ["ARRAY_DELIMITER", "MANIFEST", "ImportFiles", "read_manifest", "write_import_files"]

# Array elements are joined with the ASCII unit separator, which no text of ours holds
# (a value that does is refused); ';', the importer's default, is common in prose.
ARRAY_DELIMITER: Final = "\x1f"
MANIFEST: Final = "manifest.json"

Signature = tuple[str, tuple[tuple[str, str], ...]]


@dataclass
class ImportFiles:
    """What :func:`write_import_files` wrote, as ``manifest.json`` records it."""

    folder: Path
    nodes: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    multiline: list[str] = field(default_factory=list)
    node_count: int = 0
    relationship_count: int = 0

    def manifest(self) -> dict[str, Any]:
        return {
            "format": "diplograph/neo4j-admin/v1",
            "array_delimiter": "U+001F",
            "nodes": self.nodes,
            "relationships": self.relationships,
            "multiline": self.multiline,
            "node_count": self.node_count,
            "relationship_count": self.relationship_count,
        }


_SCALAR_NAMES: Final = {bool: "boolean", int: "long", float: "double", str: "string"}


def _scalar_cell(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Unwritable(ValueError):
    """A value the importer cannot take; the caller names the node or relationship."""


def _encode(value: Any) -> tuple[str, str]:
    """The importer's type name of a value and its CSV cell (strings, the common case,
    first: this runs for every property of every row)."""
    kind = type(value)
    if kind is str:
        return "string", value
    if kind in _SCALAR_NAMES:
        return _SCALAR_NAMES[kind], _scalar_cell(value)
    if isinstance(value, date):
        return "date", value.isoformat()
    if isinstance(value, list | tuple):
        kinds = {type(item) for item in value} or {str}
        element = _SCALAR_NAMES.get(kinds.pop()) if len(kinds) == 1 else None
        if element is None:
            raise _Unwritable("an array must hold values of one scalar type")
        cells = value if element == "string" else [_scalar_cell(item) for item in value]
        cell = ARRAY_DELIMITER.join(cells)
        if cell.count(ARRAY_DELIMITER) != max(len(cells) - 1, 0):
            raise _Unwritable("an array element holds U+001F, the array delimiter")
        return f"{element}[]", cell
    raise _Unwritable(f"Neo4j cannot store a {kind.__name__}")


# The cell of a scalar by its exact type (a row's shape fixes the types of its values).
_CELLS: Final[dict[type, Callable[[Any], str]]] = {
    bool: lambda value: "true" if value else "false",
    int: str,
    float: repr,
    date: date.isoformat,
}
_ELEMENTS: Final = {"string": str, "long": int, "double": float, "boolean": bool}

Cell = Callable[[Any], "str | None"]  # None: the value does not fit the planned column


def _column(value: Any) -> tuple[str, Cell | None]:
    """The type name of a column planned from a first value, and how later values of the
    same Python type become cells (None for a string, kept as it is)."""
    kind, _ = _encode(value)
    if kind == "string":
        return kind, None
    if not kind.endswith("[]"):
        return kind, _CELLS.get(type(value), _scalar_cell)
    element = _ELEMENTS[kind[:-2]]
    each = _CELLS.get(element)

    def array(items: Any) -> str | None:
        types = set(map(type, items))
        if types and types != {element}:
            return None
        cell = ARRAY_DELIMITER.join(items if each is None else map(each, items))
        if cell.count(ARRAY_DELIMITER) != max(len(items) - 1, 0):
            raise _Unwritable("an array element holds U+001F, the array delimiter")
        return cell

    return kind, array


class _Files:
    """One CSV file per signature, opened on first use.

    Rows come in few shapes (a relationship type with the same properties), so each
    shape, its property names in order and the types of their values, is planned once:
    which file, which columns, and how each value becomes a cell.
    """

    def __init__(self, folder: Path, prefix: str, head: tuple[str, ...], part: str) -> None:
        self.folder, self.prefix, self.head, self.part = folder, prefix, head, part
        self.open: dict[Signature, tuple[IO[str], Any, str]] = {}
        self.multiline: set[str] = set()
        self.rows = 0
        self._plans: dict[tuple[Any, ...], _Plan] = {}

    def write(self, name: str, fixed: list[str], props: Mapping[str, Any], what: str) -> None:
        """Write one row; ``what`` ("node x") names it in an error."""
        shape = (name, *props, *map(type, props.values()))
        plan = self._plans.get(shape)
        if plan is None:
            plan = self._plans[shape] = self._plan(name, props, what)
        cells = self._cells(plan, props, what)
        if cells is None:  # an array of other elements than the shape's first row had
            plan = self._plan(name, props, what)
            cells = self._cells(plan, props, what)
            assert cells is not None
        fixed += cells
        text = "".join(fixed)
        if "\n" in text or "\r" in text:
            self.multiline.add(plan.file_name)
        plan.writer.writerow(fixed)
        self.rows += 1

    @staticmethod
    def _cells(plan: _Plan, props: Mapping[str, Any], what: str) -> list[str] | None:
        cells = []
        for key, make in plan.columns:
            value = props[key]
            if make is None:  # a string, the common case
                cells.append(value)
                continue
            try:
                cell = make(value)
            except _Unwritable as exc:
                raise ValueError(f"{what}, property {key}: {exc}") from None
            if cell is None:
                return None
            cells.append(cell)
        return cells

    def _plan(self, name: str, props: Mapping[str, Any], what: str) -> _Plan:
        keys = sorted(props)
        columns = []
        for key in keys:
            try:
                columns.append(_column(props[key]))
            except _Unwritable as exc:
                raise ValueError(f"{what}, property {key}: {exc}") from None
        signature = (name, tuple((k, kind) for k, (kind, _) in zip(keys, columns, strict=True)))
        found = self.open.get(signature)
        if found is None:
            found = self.open[signature] = self._start(name, signature)
        makers = [(k, make) for k, (_, make) in zip(keys, columns, strict=True)]
        return _Plan(makers, found[1], found[2])

    def _start(self, name: str, signature: Signature) -> tuple[IO[str], Any, str]:
        number = sum(s[0] == name for s in self.open) + 1
        file_name = f"{self.prefix}-{name}{self.part}-{number}.csv"
        handle = (self.folder / file_name).open("w", encoding="utf-8", newline="")
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow([*self.head, *(f"{k}:{kind}" for k, kind in signature[1])])
        return handle, writer, file_name

    def close(self) -> list[str]:
        for handle, _, _ in self.open.values():
            handle.close()
        return sorted(name for _, _, name in self.open.values())


@dataclass(frozen=True, slots=True)
class _Plan:
    columns: list[tuple[str, Cell | None]]  # property name, its cell (None: a string)
    writer: Any
    file_name: str


def write_import_files(
    graphs: Iterable[ArticleGraph],
    folder: Path,
    *,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> ImportFiles:
    """Write the import files of ``graphs`` into ``folder`` (emptied first).

    ``workers`` processes (default: one per CPU, at most 4) each compute and write a
    share of the nodes and relationships, in files of their own; they are forked once
    the graphs are read, so they share them.  ``progress`` is called with the number of
    relationships written so far, every 100,000 or so.  Raises ValueError, naming the
    node or relationship and the property, for a value the importer cannot take.
    """
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    of = workers or min(_usable_cpus(), 4)
    with collector_paused():
        bulk = BulkGraph(graphs)
        if of > 1 and "fork" in multiprocessing.get_all_start_methods():
            files = _write_in_processes(bulk, folder, of, progress)
        else:
            files = _merged(folder, _write_share(bulk, folder, 0, 1, progress or (lambda _: None)))
    (folder / MANIFEST).write_bytes(
        orjson.dumps(files.manifest(), option=orjson.OPT_INDENT_2) + b"\n"
    )
    return files


def _usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):  # Linux: the CPUs this process may run on
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _write_in_processes(
    bulk: BulkGraph, folder: Path, of: int, progress: Callable[[int], None] | None
) -> ImportFiles:
    """Shares 1.. in forked processes, share 0 here, once the contributions are tracked.

    Forking first, to track while the relationships are written, was slower: CPython's
    reference counts write to every object read, so the pages the tracking touched were
    copied after the fork (at 300,000 articles the tracking took 26 s instead of 7).
    """
    bulk.track()
    context = multiprocessing.get_context("fork")
    written = context.Array("q", of, lock=False)  # relationships written, per share

    def counter(share: int) -> Callable[[int], None]:
        def update(count: int) -> None:
            written[share] = count
            if share == 0 and progress is not None:
                progress(sum(written))

        return update

    children = []
    for share in range(1, of):
        receiver, sender = context.Pipe(duplex=False)
        work = partial(_write_share, bulk, folder, share, of, counter(share))
        child = context.Process(target=_child, args=(work, sender), daemon=True)
        child.start()
        sender.close()
        children.append((child, receiver))
    try:
        parts = _write_share(bulk, folder, 0, of, counter(0))
        for child, receiver in children:
            try:
                outcome = receiver.recv()
            except EOFError:
                raise RuntimeError(f"export worker {child.pid} died") from None
            if isinstance(outcome, Exception):
                raise outcome
            parts += outcome
    finally:
        for child, _ in children:
            if child.is_alive():
                child.terminate()
            child.join()
    return _merged(folder, parts)


def _write_share(
    bulk: BulkGraph, folder: Path, share: int, of: int, progress: Callable[[int], None]
) -> list[ImportFiles]:
    return [
        _write_nodes(bulk, folder, share, of),
        _write_relationships(bulk, folder, share, of, progress),
    ]


def _merged(folder: Path, parts: list[ImportFiles]) -> ImportFiles:
    return ImportFiles(
        folder,
        sorted(name for part in parts for name in part.nodes),
        sorted(name for part in parts for name in part.relationships),
        sorted(name for part in parts for name in part.multiline),
        sum(part.node_count for part in parts),
        sum(part.relationship_count for part in parts),
    )


def _child(work: Callable[[], list[ImportFiles]], sender: Connection) -> None:
    try:
        outcome: list[ImportFiles] | Exception = work()
    except Exception as exc:  # handed to the parent, which raises it
        outcome = exc
    sender.send(outcome)
    sender.close()


def _part(share: int, of: int) -> str:
    return f"-w{share + 1}" if of > 1 else ""


def _write_nodes(bulk: BulkGraph, folder: Path, share: int, of: int) -> ImportFiles:
    """Share ``share`` of ``of`` of the nodes."""
    files = _Files(folder, "nodes", ("id:ID", ":LABEL"), _part(share, of))
    try:
        for node in bulk.nodes(share, of):
            if node.label not in NODE_LABELS:
                raise ValueError(f"node {node.properties['id']}: label {node.label!r}")
            node_id = node.properties["id"]
            props = {k: v for k, v in node.properties.items() if k != "id"}
            files.write(node.label, [node_id, node.label], props, f"node {node_id}")
    finally:
        names = files.close()
    return ImportFiles(
        folder, nodes=names, multiline=sorted(files.multiline), node_count=files.rows
    )


def _write_relationships(
    bulk: BulkGraph, folder: Path, share: int, of: int, progress: Callable[[int], None]
) -> ImportFiles:
    """Share ``share`` of ``of`` of the relationships; ``progress`` gets how many of the
    share are written, every 100,000 / ``of``."""
    files = _Files(folder, "relationships", (":START_ID", ":END_ID", ":TYPE"), _part(share, of))
    try:
        for count, rel in enumerate(bulk.relationships(share, of), 1):
            if rel.type not in RELATIONSHIP_TYPES:
                raise ValueError(f"relationship {rel.properties['id']}: type {rel.type!r}")
            what = f"relationship {rel.properties['id']}"
            files.write(rel.type, [rel.start, rel.end, rel.type], rel.properties, what)
            if count % (100_000 // of) == 0:
                progress(count)
        progress(files.rows)
    finally:
        names = files.close()
    return ImportFiles(
        folder,
        relationships=names,
        multiline=sorted(files.multiline),
        relationship_count=files.rows,
    )


def read_manifest(folder: Path) -> ImportFiles:
    """The files of an export folder; ValueError when it holds no diplograph export."""
    path = folder / MANIFEST
    try:
        raw = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise ValueError(
            f"{path} not found: write the files with "
            "`diplograph export --format neo4j-admin -o FOLDER` first"
        ) from None
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON ({exc})") from None
    if not isinstance(raw, dict) or raw.get("format") != "diplograph/neo4j-admin/v1":
        raise ValueError(f"{path}: not a diplograph neo4j-admin manifest")
    files = ImportFiles(
        folder,
        list(raw["nodes"]),
        list(raw["relationships"]),
        list(raw["multiline"]),
        int(raw["node_count"]),
        int(raw["relationship_count"]),
    )
    for name in _names(files):
        if not (folder / name).is_file():
            raise ValueError(f"{folder / name}: listed in {path} but missing")
    return files


def _names(files: ImportFiles) -> Iterator[str]:
    yield from files.nodes
    yield from files.relationships
