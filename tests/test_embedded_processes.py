"""The embedded store across processes: killed writers, and API workers sharing one file."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from graph.embedded import EmbeddedStore
from graph.queries import EntityQuery

ARTICLE = """\
article: {{id: "kill-{n}", title: "Article {n}", published: 2017-10-25}}
entities:
  - {{id: a, type: Official, name: "Official A{n}", country: IRN}}
  - {{id: b, type: Official, name: "Official B{n}", country: SYR}}
events:
  - {{id: m, type: Meeting, participants: [a, b]}}
relations:
  - {{type: SUPPORTS, source: a, target: b, evidence: "A{n} backs B{n}."}}
"""

WRITER = """
import sys
from graph.embedded import EmbeddedStore
from graph.identity import AliasTable
from graph.ingest import ingest
from loaders import parse_bytes

store = EmbeddedStore(sys.argv[1])
template = sys.stdin.read()
aliases = AliasTable.load()
for n in range(100000):
    article = parse_bytes(template.format(n=n).encode(), f"kill-{n}.yaml").articles
    ingest(store, article, aliases)
    print(n, flush=True)
"""


def test_a_writer_killed_mid_save_leaves_the_last_committed_state(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(ARTICLE)
    child.stdin.close()
    committed = -1
    while committed < 40:
        committed = int(child.stdout.readline())
    child.send_signal(signal.SIGKILL)  # somewhere inside a later save
    child.wait(timeout=30)
    child.stdout.close()
    store = EmbeddedStore(path)
    stats = store.stats()
    # Every article it reported as committed is there, whole; at most one more got in.
    assert committed + 1 <= stats.articles <= committed + 3
    for n in range(stats.articles):
        detail = store.article(f"kill-{n}")
        assert {e["type"] for e in detail.edges} >= {"SUPPORTS", "MET_WITH", "PARTICIPATED_IN"}
    assert stats.relationships == stats.articles * len(store.article("kill-0").edges)
    store.close()


def test_two_processes_see_each_others_writes(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    here = EmbeddedStore(path)
    assert here.stats().articles == 0
    script = (
        "import sys\nfrom graph.embedded import EmbeddedStore\n"
        "from graph.identity import AliasTable\nfrom graph.ingest import ingest\n"
        "from loaders import parse_bytes\n"
        "s = EmbeddedStore(sys.argv[1])\n"
        "print(s.stats().articles)\n"
        "ingest(s, parse_bytes(sys.stdin.read().encode(), 'x.yaml').articles, AliasTable.load())\n"
    )
    from graph.identity import AliasTable
    from graph.ingest import ingest
    from loaders import parse_bytes

    ingest(here, parse_bytes(ARTICLE.format(n=1).encode(), "x.yaml").articles, AliasTable.load())
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        input=ARTICLE.format(n=2),
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "1"  # the other process saw this one's write
    assert here.stats().articles == 2  # and this one sees the other's, without reopening
    retract = "import sys\nfrom graph.embedded import EmbeddedStore\n"
    retract += "EmbeddedStore(sys.argv[1]).retract('kill-1')"
    subprocess.run([sys.executable, "-c", retract, str(path)], check=True)
    assert here.stats().articles == 1
    assert here.search_entities(EntityQuery(q="Official A1")).total == 0
    here.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _request(url: str, data: bytes | None = None, **headers: str) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_gunicorn_workers_share_writes(tmp_path: Path) -> None:
    """`diplograph serve --workers 2`: a write through one worker is read by both."""
    port = _free_port()
    config = tmp_path / "config.yaml"
    config.write_text(f"store:\n  path: {tmp_path / 'store.sqlite'}\n", encoding="utf-8")
    env = {**os.environ, "DIPLOGRAPH_API_KEY": "secret"}
    log_file = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "diplograph",
            "serve",
            "--workers",
            "2",
            "--port",
            str(port),
            "--config",
            str(config),
        ],
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, health = _request(f"{base}/health")
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not answer within 30 s"
            time.sleep(0.2)
        assert health["relationships"] == 0
        # Warm both workers so each holds its own in-memory graph before the write.
        for _ in range(10):
            _request(f"{base}/health")
        status, created = _request(
            f"{base}/articles",
            ARTICLE.format(n=7).encode(),
            **{"Content-Type": "application/yaml", "X-API-Key": "secret"},
        )
        assert status == 201, created
        for _ in range(20):
            status, health = _request(f"{base}/health")
            assert health["articles"] == 1
    finally:
        server.terminate()
        server.wait(timeout=30)
        log_file.close()
    # The access log (diplograph/gunicorn_conf.py) has each request, never the key it carried.
    log = (tmp_path / "server.log").read_text(encoding="utf-8")
    assert '"POST /api/v1/articles HTTP/1.1" 201' in log
    assert "secret" not in log
