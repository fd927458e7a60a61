"""A real Neo4j server, started by diplograph.neo4j_server, on free ports in a temp folder.

Where the server cannot be started the neo4j tests are skipped, except under CI=true,
where they fail: CI must prove the server runs.
"""

from __future__ import annotations

import os
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from diplograph import neo4j_server
from diplograph.neo4j_server import Neo4jServerError, ServerInfo

PASSWORD = "test-password-1"
# The first run resolves the server with Maven, which can take minutes on a slow link.
pytestmark = pytest.mark.timeout(1800)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _quiet(message: str) -> None:
    print(message)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("neo4j-home")


@pytest.fixture(scope="module")
def server(home: Path) -> Iterator[ServerInfo]:
    try:
        info = neo4j_server.start(
            home,
            bolt_port=_free_port(),
            http_port=_free_port(),
            password=PASSWORD,
            progress=_quiet,
        )
    except Neo4jServerError as exc:
        message = f"could not start a Neo4j server: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    yield info
    neo4j_server.stop(home, progress=_quiet)


@pytest.mark.neo4j
def test_bolt_answers_with_the_password(server: ServerInfo) -> None:
    with neo4j.GraphDatabase.driver(server.bolt_uri, auth=(server.user, PASSWORD)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1


@pytest.mark.neo4j
def test_bolt_refuses_a_wrong_password(server: ServerInfo) -> None:
    with (
        neo4j.GraphDatabase.driver(server.bolt_uri, auth=("neo4j", "wrong-password")) as driver,
        pytest.raises(neo4j.exceptions.AuthError),
    ):
        driver.verify_connectivity()


@pytest.mark.neo4j
def test_browser_is_served(server: ServerInfo) -> None:
    with urllib.request.urlopen(f"{server.http_url}browser/", timeout=10) as response:
        body = response.read().decode("utf-8")
        assert response.status == 200
    assert "<title>Neo4j Browser</title>" in body


@pytest.mark.neo4j
def test_status_and_second_start(server: ServerInfo, home: Path) -> None:
    state = neo4j_server.status(home)
    assert state.running
    assert state.pid == server.pid
    assert f"bolt://127.0.0.1:{state.bolt_port}" == server.bolt_uri
    assert f"http://127.0.0.1:{state.http_port}/" == server.http_url
    # Starting again, even with other ports asked for, reports the running server.
    again = neo4j_server.start(home, bolt_port=1, password=PASSWORD, progress=_quiet)
    assert again == server


@pytest.mark.neo4j
def test_stop_leaves_no_process(server: ServerInfo, home: Path) -> None:
    assert neo4j_server.stop(home, progress=_quiet)
    assert not Path(f"/proc/{server.pid}").exists()
    assert not neo4j_server.status(home).running
    assert not neo4j_server.stop(home, progress=_quiet)
    neo4j_server.reset(home, progress=_quiet)
    assert not (home / "data").exists()


def test_port_in_use_is_named(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(Neo4jServerError, match=f"bolt port 127.0.0.1:{port} is in use"):
            neo4j_server.start(tmp_path, bolt_port=port, http_port=_free_port(), progress=_quiet)


def test_config_is_loopback_with_auth(tmp_path: Path) -> None:
    conf = neo4j_server.write_config(tmp_path, tmp_path / "lib", bolt_port=7001, http_port=7002)
    settings = dict(line.split("=", 1) for line in conf.read_text().splitlines()[1:])
    assert settings["server.default_listen_address"] == "127.0.0.1"
    assert settings["server.bolt.listen_address"] == ":7001"
    assert settings["server.http.listen_address"] == ":7002"
    assert settings["server.https.enabled"] == "false"
    assert settings["dbms.security.auth_enabled"] == "true"
    assert "BROWSER" in settings["server.http_enabled_modules"]
    assert settings["server.directories.data"] == str(tmp_path / "data")
