"""CSV files for ``neo4j-admin database import full``: a first load at full speed.

:func:`write_import_files` turns article graphs into the node and relationship files
of Neo4j's offline importer, with the very properties :class:`~graph.neo4j_store.Neo4jStore`
writes (:func:`~graph.neo4j_store.bulk_graph`), so the imported database is one the
store can go on writing to.  A CSV column has one type, while a property may be absent
or differently typed from one node to the next; so the rows are split by *signature*
(label or type, and each property's name and type), one file each, and every file names
only the properties its rows have.  ``manifest.json`` lists the files and the options
the import needs; ``diplograph neo4j import`` reads it.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, Final

import orjson

from graph.model import NODE_LABELS, RELATIONSHIP_TYPES, ArticleGraph
from graph.neo4j_store import bulk_graph

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


def _encode(value: Any, where: str) -> tuple[str, str]:
    """The importer's type name of a value and its CSV cell."""
    kind = type(value)
    if kind in _SCALAR_NAMES:
        return _SCALAR_NAMES[kind], _scalar_cell(value)
    if isinstance(value, date):
        return "date", value.isoformat()
    if isinstance(value, list | tuple):
        kinds = {type(item) for item in value} or {str}
        element = _SCALAR_NAMES.get(kinds.pop()) if len(kinds) == 1 else None
        if element is None:
            raise ValueError(f"{where}: an array must hold values of one scalar type")
        cells = value if element == "string" else [_scalar_cell(item) for item in value]
        cell = ARRAY_DELIMITER.join(cells)
        if cell.count(ARRAY_DELIMITER) != max(len(cells) - 1, 0):
            raise ValueError(f"{where}: an array element holds U+001F, the array delimiter")
        return f"{element}[]", cell
    raise ValueError(f"{where}: Neo4j cannot store a {kind.__name__}")


class _Files:
    """One CSV file per signature, opened on first use."""

    def __init__(self, folder: Path, prefix: str, head: tuple[str, ...]) -> None:
        self.folder, self.prefix, self.head = folder, prefix, head
        self.open: dict[Signature, tuple[IO[str], Any, str]] = {}
        self.multiline: set[str] = set()
        self.rows = 0

    def write(self, name: str, fixed: list[str], props: Mapping[str, Any], where: str) -> None:
        keys = sorted(props)
        encoded = [_encode(props[k], f"{where}, property {k}") for k in keys]
        signature = (name, tuple((k, kind) for k, (kind, _) in zip(keys, encoded, strict=True)))
        found = self.open.get(signature)
        if found is None:
            file_name = f"{self.prefix}-{name}-{sum(s[0] == name for s in self.open) + 1}.csv"
            handle = (self.folder / file_name).open("w", encoding="utf-8", newline="")
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
            writer.writerow([*self.head, *(f"{k}:{kind}" for k, kind in signature[1])])
            found = self.open[signature] = (handle, writer, file_name)
        cells = [*fixed, *(cell for _, cell in encoded)]
        if any("\n" in cell or "\r" in cell for cell in cells):
            self.multiline.add(found[2])
        found[1].writerow(cells)
        self.rows += 1

    def close(self) -> list[str]:
        for handle, _, _ in self.open.values():
            handle.close()
        return sorted(name for _, _, name in self.open.values())


def write_import_files(
    graphs: Iterable[ArticleGraph],
    folder: Path,
    *,
    progress: Callable[[int], None] | None = None,
) -> ImportFiles:
    """Write the import files of ``graphs`` into ``folder`` (emptied first).

    ``progress`` is called with the number of relationships written so far, every
    100,000.  Raises ValueError, naming the node or relationship and the property, for
    a value the importer cannot take.
    """
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    nodes, relationships = bulk_graph(graphs)
    node_files = _Files(folder, "nodes", ("id:ID", ":LABEL"))
    rel_files = _Files(folder, "relationships", (":START_ID", ":END_ID", ":TYPE"))
    try:
        for node in nodes:
            if node.label not in NODE_LABELS:
                raise ValueError(f"node {node.properties['id']}: label {node.label!r}")
            props = {k: v for k, v in node.properties.items() if k != "id"}
            where = f"node {node.properties['id']}"
            node_files.write(node.label, [node.properties["id"], node.label], props, where)
        for count, rel in enumerate(relationships, 1):
            if rel.type not in RELATIONSHIP_TYPES:
                raise ValueError(f"relationship {rel.properties['id']}: type {rel.type!r}")
            where = f"relationship {rel.properties['id']}"
            rel_files.write(rel.type, [rel.start, rel.end, rel.type], rel.properties, where)
            if progress is not None and count % 100_000 == 0:
                progress(count)
    finally:
        files = ImportFiles(folder, node_files.close(), rel_files.close())
    files.multiline = sorted(node_files.multiline | rel_files.multiline)
    files.node_count, files.relationship_count = node_files.rows, rel_files.rows
    (folder / MANIFEST).write_bytes(
        orjson.dumps(files.manifest(), option=orjson.OPT_INDENT_2) + b"\n"
    )
    return files


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
