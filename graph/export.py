"""The whole graph in formats other tools read: GraphML, GEXF (Gephi), Cytoscape JSON, CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import networkx as nx
import orjson

from graph.queries import GraphView

__all__ = ["EXPORT_FORMATS", "export_graph"]

EXPORT_FORMATS = ("graphml", "gexf", "cytoscape", "csv")


def _scalar(value: Any) -> Any:
    """GraphML and GEXF take scalars only: lists and mappings become JSON text."""
    if isinstance(value, str | int | float | bool):
        return value
    return orjson.dumps(value).decode()


def _attrs(item: dict[str, Any], skip: tuple[str, ...]) -> dict[str, Any]:
    return {k: _scalar(v) for k, v in item.items() if v is not None and k not in skip}


def _networkx(view: GraphView) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node in view.nodes:
        graph.add_node(node["id"], label=node["name"], **_attrs(node, ("id",)))
    for edge in view.edges:
        attrs = _attrs(edge, ("source", "target", "id"))
        graph.add_edge(edge["source"], edge["target"], key=edge["id"], label=edge["type"], **attrs)
    return graph


def export_graph(view: GraphView, fmt: str, out: Path) -> list[Path]:
    """Write ``view`` to ``out`` (a folder for csv: nodes.csv and edges.csv); the files written."""
    if fmt == "graphml":
        nx.write_graphml(_networkx(view), out)
    elif fmt == "gexf":
        nx.write_gexf(_networkx(view), out)
    elif fmt == "cytoscape":
        elements = {
            "nodes": [{"data": node} for node in view.nodes],
            "edges": [{"data": edge} for edge in view.edges],
        }
        out.write_bytes(orjson.dumps({"elements": elements}, option=orjson.OPT_INDENT_2))
    elif fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, rows in (("nodes.csv", view.nodes), ("edges.csv", view.edges)):
            path = out / name
            path.write_text(_csv(rows), encoding="utf-8")
            written.append(path)
        return written
    else:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    return [out]


def _csv(rows: list[dict[str, Any]]) -> str:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _scalar(v) if v is not None else "" for k, v in row.items()})
    return buffer.getvalue()
