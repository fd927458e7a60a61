"""Neo4j out of reach, seen through the real interfaces: the CLI and the HTTP API."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from api import create_app
from diplograph.cli import main
from diplograph.config import load_settings

CLOSED = "bolt://127.0.0.1:1"  # nothing listens on port 1


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(
        f"store:\n  backend: neo4j\nneo4j:\n  uri: {CLOSED}\n  connection_timeout: 1\n",
        encoding="utf-8",
    )
    return path


def test_cli_names_the_uri_and_exits_non_zero(tmp_path: Path) -> None:
    env = {"NEO4J_PASSWORD": "not-this-one"}
    result = CliRunner(env=env).invoke(main, ["stats", "--config", str(_config(tmp_path))])
    assert result.exit_code == 1
    assert CLOSED in result.stderr
    assert "not-this-one" not in result.output + result.stderr
    assert "Traceback" not in result.stderr


def test_api_starts_and_answers_503_problems(tmp_path: Path) -> None:
    settings = load_settings(_config(tmp_path), env={"NEO4J_PASSWORD": "not-this-one"})
    client = create_app(settings).test_client()
    health = client.get("/api/v1/health")
    assert health.status_code == 503
    assert health.get_json()["status"] == "unavailable"
    for url in ("/api/v1/meetings", "/api/v1/entities?q=Mikdad", "/api/v1/paths?from=SYR&to=IRN"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response.mimetype == "application/problem+json"
        body = response.get_json(force=True)
        assert CLOSED in body["detail"] and "not-this-one" not in body["detail"]
