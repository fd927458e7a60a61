"""Fixtures: stores of both backends, the sample corpus, the CLI and the API.

Every store test runs against the embedded store and a real Neo4j server (started
once per session by ``diplograph.neo4j_server``).  When Neo4j cannot be started
the Neo4j half fails in CI (``CI=true``) and is skipped elsewhere, with the reason.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from api import create_app
from diplograph.cli import main
from diplograph.config import Settings, load_settings
from graph.identity import AliasTable
from graph.ingest import ingest
from graph.store import Store
from loaders import find_files, load_file
from loaders.text import Annotator

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "articles"
IN_CI = os.environ.get("CI", "").lower() == "true"
NEO4J_PASSWORD = os.environ.get("NEO4J_TEST_PASSWORD", "diplograph-test")
API_KEY = "test-key"


# -- Neo4j -----------------------------------------------------------------------------


def free_port() -> int:
    """A loopback port nothing listens on now: fixed ports collide between checkouts
    whose suites run at the same time (each starts servers of its own)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _neo4j_unavailable(reason: str) -> None:
    message = f"Neo4j tests need a server and none could be started: {reason}"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A Neo4j 5.26 server for this session: ``$NEO4J_TEST_URI`` if set, else one we start."""
    uri = os.environ.get("NEO4J_TEST_URI")
    if uri:
        yield {"uri": uri, "password": NEO4J_PASSWORD, "home": None}
        return
    from diplograph import neo4j_server as server

    home = ROOT / ".neo4j" / "test"
    server.reset(home, progress=lambda _: None)
    try:
        info = server.start(
            home, bolt_port=free_port(), http_port=free_port(), password=NEO4J_PASSWORD, timeout=180
        )
    except Exception as exc:
        _neo4j_unavailable(str(exc))
    try:
        yield {"uri": info.bolt_uri, "password": NEO4J_PASSWORD, "home": home, "info": info}
    finally:
        server.stop(home, progress=lambda _: None)


def _open_neo4j(server: dict[str, Any]) -> Store:
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(server["uri"], ("neo4j", server["password"]))
    store.wipe()
    return store


# -- stores ----------------------------------------------------------------------------

BACKENDS = ["networkx", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_store(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], Store]]:
    """Open a store of the test's backend; every call opens another handle on the same data."""
    opened: list[Store] = []

    def make() -> Store:
        if backend == "neo4j":
            server = request.getfixturevalue("neo4j_server")
            from graph.neo4j_store import Neo4jStore

            store: Store = (
                _open_neo4j(server)
                if not opened
                else Neo4jStore(server["uri"], ("neo4j", server["password"]))
            )
        else:
            from graph.embedded import EmbeddedStore

            store = EmbeddedStore(tmp_path / "store.sqlite")
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: Callable[[], Store]) -> Store:
    return make_store()


def load_samples(store: Store, folder: Path = SAMPLES) -> None:
    articles = [a for f in find_files([folder]) for a in load_file(f).articles]
    report = ingest(store, articles, AliasTable.load())
    assert report.ok, [str(f) for f in report.failures]


@pytest.fixture
def sample_store(store: Store) -> Store:
    load_samples(store)
    return store


# -- CLI and API -----------------------------------------------------------------------


@pytest.fixture
def config_file(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Path:
    """A config.yaml for the test's backend, pointing at a fresh store."""
    path = tmp_path / "config.yaml"
    lines = [f"store:\n  backend: {backend}\n  path: {tmp_path / 'cli-store.sqlite'}\n"]
    if backend == "neo4j":
        server = request.getfixturevalue("neo4j_server")
        _open_neo4j(server).close()  # start from an empty database
        lines.append(f"neo4j:\n  uri: {server['uri']}\n")
        os.environ["NEO4J_PASSWORD"] = server["password"]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def run_cli(config_file: Path) -> Callable[..., Result]:
    """Run ``diplograph ARGS --config <test config>`` through the real entry point."""
    runner = CliRunner()

    def run(*args: str) -> Result:
        argv = [*args]
        # --config belongs to the (sub)command, which is the last word before its arguments.
        return runner.invoke(main, [*argv, "--config", str(config_file)], catch_exceptions=False)

    return run


@pytest.fixture
def settings(config_file: Path) -> Settings:
    return load_settings(config_file, env={**os.environ, "DIPLOGRAPH_API_KEY": API_KEY})


def folder_settings(folder: Path, **overrides: Any) -> Settings:
    """Settings of this folder alone: an embedded store in it, the test API key, and no
    config.yaml or environment of the machine."""
    config = folder / "config.yaml"
    config.write_text(f"store:\n  path: {folder / 'store.sqlite'}\n", encoding="utf-8")
    return load_settings(config, env={"DIPLOGRAPH_API_KEY": API_KEY}, overrides=overrides)


@pytest.fixture(scope="module")
def sample_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One app on the sample corpus (embedded store) for a module, so the annotator it
    may build is built once."""
    app = create_app(folder_settings(tmp_path_factory.mktemp("app")))
    app.testing = True
    state = app.extensions["diplograph"]
    load_samples(state.store, SAMPLES)
    yield app
    state.store.close()


@pytest.fixture
def client(settings: Settings, sample_store: Store) -> Any:
    app = create_app(settings, store=sample_store)
    app.testing = True
    return app.test_client()


# -- the annotator ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def annotator() -> Annotator:
    return Annotator.default()


def facts(document: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(type, source name, target name) of every relation of a drafted document."""
    names = {e["id"]: e["name"] for e in document["entities"]}
    names |= {e["id"]: e.get("name") or e["type"] for e in document["events"]}
    return {(r["type"], names[r["source"]], names[r["target"]]) for r in document["relations"]}
