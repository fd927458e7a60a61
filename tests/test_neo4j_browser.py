"""The Neo4j Browser for analysts: served by our server, and every shipped query runs."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase, RoutingControl

from graph.model import NODE_LABELS, RELATIONSHIP_TYPES
from tests.conftest import ROOT, load_samples

BROWSER = ROOT / "diplograph" / "neo4j" / "browser"
QUERIES = sorted((BROWSER / "queries").glob("*.cypher"))

pytestmark = pytest.mark.neo4j


def _params(text: str) -> dict[str, Any]:
    match = re.search(r"^// params: (\{.*\})$", text, re.MULTILINE)
    assert match, "each shipped query documents its parameters"
    params: dict[str, Any] = json.loads(match.group(1))
    return params


def test_style_covers_every_label_and_relationship_type() -> None:
    style = (BROWSER / "diplograph.grass").read_text(encoding="utf-8")
    for label in NODE_LABELS:
        assert f"node.{label} {{" in style
    for rel_type in RELATIONSHIP_TYPES:
        assert f"relationship.{rel_type} {{" in style


def test_the_server_serves_the_browser(neo4j_server: dict[str, Any]) -> None:
    if neo4j_server.get("info") is None:
        pytest.skip("an external server (NEO4J_TEST_URI) may not serve the Browser")
    url = f"{neo4j_server['info'].http_url}browser/"
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        assert "Neo4j Browser" in response.read().decode("utf-8", "replace")


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_shipped_queries_return_rows_on_the_sample_corpus(
    neo4j_server: dict[str, Any], query: Path
) -> None:
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_server["uri"], ("neo4j", neo4j_server["password"]))
    try:
        store.wipe()
        load_samples(store)
    finally:
        store.close()
    text = query.read_text(encoding="utf-8")
    cypher = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    auth = ("neo4j", neo4j_server["password"])
    with GraphDatabase.driver(neo4j_server["uri"], auth=auth) as driver:
        records, _, _ = driver.execute_query(
            cypher, _params(text), routing_=RoutingControl.READ, database_="neo4j"
        )
    assert records, f"{query.name} returned no rows"
    if query.stem == "04-alliances":
        pairs = {(r["state"], r["other"]): r for r in records}
        assert pairs[("Iran", "Syria")]["supports"] >= 2
        assert pairs[("Syria", "Turkey")]["rejects"] >= 1
    if query.stem == "03-shortest-path":
        assert {len(r["p"].relationships) for r in records} == {3}
