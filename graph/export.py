"""The whole graph in formats other tools read: GraphML, GEXF (Gephi), Cytoscape JSON, CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import networkx as nx
import orjson

from graph.queries import GraphView

__all__ = [
    "EXPORT_FORMATS",
    "cytoscape_elements",
    "export_graph",
    "grafana_frames",
    "table_csv",
]

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
        out.write_bytes(orjson.dumps(cytoscape_elements(view), option=orjson.OPT_INDENT_2))
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
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def cytoscape_elements(view: GraphView) -> dict[str, Any]:
    """Cytoscape.js JSON: ``{"elements": {"nodes": [{"data"}], "edges": [{"data"}]}}``."""
    return {
        "elements": {
            "nodes": [{"data": node} for node in view.nodes],
            "edges": [{"data": edge} for edge in view.edges],
        },
        "truncated": view.truncated,
    }


# Grafana's node graph panel: meetings, support and rejection in distinct colours.
_EDGE_COLOURS = {"MET_WITH": "#3274d9", "SUPPORTS": "#37872d", "REJECTS": "#c4162a"}
_NODE_COLOURS = {
    "State": "#8f3bb8",
    "Official": "#3274d9",
    "Organization": "#ff9830",
    "Place": "#5a6b7a",
    "Event": "#ca95e5",
    "Article": "#aaaaaa",
}


def grafana_frames(view: GraphView) -> dict[str, Any]:
    """The two frames Grafana's node graph panel reads (``nodes`` and ``edges``, with its
    field names: ``id``, ``title``, ``mainstat``, ``detail__*``...), for the Infinity or
    JSON data sources."""
    nodes = [
        {
            "id": node["id"],
            "title": node["name"],
            "subtitle": node["type"],
            "mainstat": node.get("country") or "",
            "color": _NODE_COLOURS.get(node["type"], "#aaaaaa"),
        }
        for node in view.nodes
    ]
    edges = [
        {
            "id": edge["id"],
            "source": edge["source"],
            "target": edge["target"],
            "mainstat": edge["type"],
            "secondarystat": edge.get("date") or "",
            "color": _EDGE_COLOURS.get(edge["type"], "#aaaaaa"),
            "detail__article": edge.get("article") or "",
            "detail__evidence": edge.get("evidence") or "",
        }
        for edge in view.edges
    ]
    return {"nodes": nodes, "edges": edges, "truncated": view.truncated}


def table_csv(rows: list[dict[str, Any]]) -> str:
    """List items as CSV: nested objects become dotted columns (``a.name``), lists JSON
    text, and text a spreadsheet would run as a formula is quoted with ``'``."""
    return _csv([_flat(row) for row in rows])


def _flat(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, f"{name}."))
        else:
            out[name] = value
    return out


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    value = _scalar(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value  # CSV injection: "=HYPERLINK(...)" stays text in a spreadsheet
    return value
