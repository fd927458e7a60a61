"""A local Neo4j Community server for development and tests, without Docker.

The server's jars come from Maven Central (Maven resolves ``diplograph/neo4j/pom.xml``
once into a cache); the server runs as a plain ``java`` process whose home folder holds
its config, data, logs and pid file.

>>> info = start()                              # doctest: +SKIP
>>> info.bolt_uri                               # doctest: +SKIP
'bolt://127.0.0.1:7687'
>>> stop()                                      # doctest: +SKIP

Defaults: home ``./.neo4j`` (env ``DIPLOGRAPH_NEO4J_DATA``), jar cache
``~/.cache/diplograph/neo4j/<version>/lib`` (env ``DIPLOGRAPH_NEO4J_HOME`` replaces
``~/.cache/diplograph/neo4j``), user ``neo4j`` with password env ``NEO4J_PASSWORD``
(default ``diplograph-dev``), Bolt 7687 and HTTP 7474 on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import importlib.resources
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import neo4j
from neo4j.exceptions import (
    AuthError,
    DatabaseUnavailable,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

__all__ = [
    "BROWSER_VERSION",
    "DEFAULT_PASSWORD",
    "NEO4J_VERSION",
    "Neo4jServerError",
    "ServerInfo",
    "ServerStatus",
    "default_home",
    "ensure_resolved",
    "import_files",
    "main",
    "reset",
    "start",
    "status",
    "stop",
    "write_config",
]

# Newest 5.26 LTS patch on Maven Central. Neo4j's published poms do not name a Browser
# version, so the Browser is the newest 5.x that Maven Central has.
NEO4J_VERSION = "5.26.30"
BROWSER_VERSION = "5.24.0"
DEFAULT_PASSWORD = "diplograph-dev"
USER = "neo4j"
HOST = "127.0.0.1"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
DEFAULT_HEAP = "512m"
DEFAULT_PAGECACHE = "256m"

_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_ADMIN_TOOL = "org.neo4j.cli.AdminTool"
_MARKER = ".resolved"
# The flags Neo4j's own launcher passes (server.jvm.additional in its stock neo4j.conf),
# less AlwaysPreTouch, which only slows a small dev server's start.
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)

Progress = Callable[[str], None]


class Neo4jServerError(RuntimeError):
    """The local Neo4j server could not be resolved, started, reached or stopped."""


@dataclass(frozen=True)
class ServerInfo:
    """How to reach a running server."""

    bolt_uri: str
    http_url: str
    user: str
    password: str = field(repr=False)
    pid: int
    home: Path


@dataclass(frozen=True)
class ServerStatus:
    """Whether the server of a home folder runs, and on which ports."""

    running: bool
    pid: int | None
    bolt_port: int
    http_port: int
    home: Path

    def __str__(self) -> str:
        if not self.running:
            return f"neo4j stopped (home {self.home})"
        return (
            f"neo4j running, pid {self.pid}, bolt://{HOST}:{self.bolt_port}, "
            f"http://{HOST}:{self.http_port}/browser/ (home {self.home})"
        )


def _say(message: str) -> None:
    print(f"[neo4j] {message}", file=sys.stderr, flush=True)


# Servers started by this process: polling them reaps them, so a stopped server does not
# linger as a zombie that still looks alive, and Popen does not warn when it is collected.
_children: dict[int, subprocess.Popen[bytes]] = {}


# --- resolution ---------------------------------------------------------------------


def cache_root() -> Path:
    """The folder holding one ``<version>/lib`` per resolved Neo4j version."""
    if env := os.environ.get("DIPLOGRAPH_NEO4J_HOME"):
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "diplograph" / "neo4j"


def ensure_resolved(
    version: str = NEO4J_VERSION,
    *,
    browser_version: str = BROWSER_VERSION,
    progress: Progress = _say,
) -> Path:
    """Return the folder of the server's jars, resolving them with Maven the first time.

    Later calls find the completion marker and neither run Maven nor need a network.
    Raises Neo4jServerError when Maven is missing or fails.
    """
    base = cache_root() / version
    lib = base / "lib"
    marker = base / _MARKER
    if marker.is_file() and lib.is_dir():
        return lib
    base.mkdir(parents=True, exist_ok=True)
    with _locked(base / ".lock"):
        if marker.is_file() and lib.is_dir():  # another process finished meanwhile
            return lib
        mvn = shutil.which("mvn")
        if mvn is None:
            raise Neo4jServerError(
                "Maven (mvn) not found on PATH; it resolves Neo4j from Maven Central "
                "(Debian: apt-get install maven)"
            )
        partial = base / "lib.partial"
        shutil.rmtree(partial, ignore_errors=True)
        shutil.rmtree(lib, ignore_errors=True)
        progress(f"resolving Neo4j {version} + Browser {browser_version} with Maven into {lib}")
        progress("the first time this downloads about 170 MB (a minute or more)")
        started = time.monotonic()
        with importlib.resources.as_file(
            importlib.resources.files("diplograph").joinpath("neo4j", "pom.xml")
        ) as pom:
            _run_maven(
                [
                    mvn,
                    "-B",
                    "-f",
                    str(pom),
                    "dependency:copy-dependencies",
                    f"-Dneo4j.version={version}",
                    f"-Dneo4j.browser.version={browser_version}",
                    f"-DoutputDirectory={partial}",
                ],
                progress,
            )
        jars = sorted(p.name for p in partial.glob("*.jar"))
        if not any(j.startswith(f"neo4j-{version}") for j in jars):
            raise Neo4jServerError(f"Maven finished but {partial} lacks neo4j-{version}.jar")
        partial.rename(lib)
        marker.write_text(
            f"neo4j={version}\nbrowser={browser_version}\njars={len(jars)}\n", encoding="utf-8"
        )
        progress(f"resolved {len(jars)} jars in {time.monotonic() - started:.0f} s")
    return lib


def _run_maven(cmd: list[str], progress: Progress) -> None:
    downloads = 0

    def on_line(line: str) -> None:
        nonlocal downloads
        if "Downloaded from" in line:
            downloads += 1
            if downloads % 100 == 0:
                progress(f"  {downloads} files downloaded ...")
        elif "[ERROR]" in line:
            progress(line)

    code, tail = _stream(cmd, on_line)
    if code != 0:
        raise Neo4jServerError(
            f"Maven failed (exit {code}) resolving Neo4j; last output:\n" + "\n".join(tail)
        )


def _stream(
    cmd: list[str],
    on_line: Callable[[str], None],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> tuple[int, deque[str]]:
    """Run ``cmd``, handing each line of its output to ``on_line``; its exit status and
    last 40 lines (for the message when it fails)."""
    tail: deque[str] = deque(maxlen=40)
    with subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        errors="replace",
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            tail.append(line.rstrip())
            on_line(line.rstrip())
        return proc.wait(), tail


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- configuration ------------------------------------------------------------------


def default_home() -> Path:
    """``$DIPLOGRAPH_NEO4J_DATA`` or ``.neo4j`` under the current directory."""
    return Path(os.environ.get("DIPLOGRAPH_NEO4J_DATA") or ".neo4j").expanduser().resolve()


def _home(home: Path | str | None) -> Path:
    return Path(home).expanduser().resolve() if home is not None else default_home()


def _password(password: str | None) -> str:
    return password or os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD


def write_config(
    home: Path,
    lib: Path,
    *,
    bolt_port: int = DEFAULT_BOLT_PORT,
    http_port: int = DEFAULT_HTTP_PORT,
    heap: str = DEFAULT_HEAP,
    pagecache: str = DEFAULT_PAGECACHE,
) -> Path:
    """Write ``<home>/conf/neo4j.conf`` for a loopback-only dev server; return its path."""
    conf = home / "conf" / "neo4j.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    settings = {
        "server.default_listen_address": HOST,
        "server.default_advertised_address": HOST,
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f":{bolt_port}",
        "server.bolt.advertised_address": f":{bolt_port}",
        "server.bolt.tls_level": "DISABLED",
        "server.http.enabled": "true",
        "server.http.listen_address": f":{http_port}",
        "server.http.advertised_address": f":{http_port}",
        "server.https.enabled": "false",
        "server.http_enabled_modules": (
            "TRANSACTIONAL_ENDPOINTS,UNMANAGED_EXTENSIONS,BROWSER,QUERY_API_ENDPOINTS"
        ),
        # A local dev server: no usage reports from the server, no telemetry from the Browser.
        "client.allow_telemetry": "false",
        "dbms.usage_report.enabled": "false",
        "dbms.security.auth_enabled": "true",
        # Read by Neo4j's memory checks; the same sizes go to the JVM as -Xms/-Xmx.
        "server.memory.heap.initial_size": heap,
        "server.memory.heap.max_size": heap,
        "server.memory.pagecache.size": pagecache,
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.run": str(home / "run"),
        "server.directories.import": str(home / "import"),
        "server.directories.plugins": str(home / "plugins"),
        "server.directories.licenses": str(home / "licenses"),
        "server.directories.lib": str(lib),
    }
    lines = [
        "# Written by diplograph.neo4j_server on every start; edits are overwritten.",
        *(f"{key}={value}" for key, value in settings.items()),
    ]
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return conf


def _configured_ports(home: Path) -> tuple[int, int]:
    ports = {"bolt": DEFAULT_BOLT_PORT, "http": DEFAULT_HTTP_PORT}
    conf = home / "conf" / "neo4j.conf"
    if conf.is_file():
        for line in conf.read_text(encoding="utf-8").splitlines():
            if m := re.fullmatch(r"server\.(bolt|http)\.listen_address=.*:(\d+)", line.strip()):
                ports[m.group(1)] = int(m.group(2))
    return ports["bolt"], ports["http"]


# --- processes ----------------------------------------------------------------------


def _pid_file(home: Path) -> Path:
    return home / "run" / "neo4j.pid"


def _alive(pid: int, home: Path) -> bool:
    if (child := _children.get(pid)) is not None:
        return child.poll() is None
    proc = Path(f"/proc/{pid}")
    if proc.is_dir():
        try:
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError):
            return False
        # A recycled pid must not pass for our server.
        return (
            state != "Z"
            and _ENTRY_POINT.encode() in cmdline
            and (f"--home-dir={home}".encode() in cmdline)
        )
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _running_pid(home: Path) -> int | None:
    try:
        pid = int(_pid_file(home).read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _alive(pid, home) else None


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).is_file():
        raise Neo4jServerError(
            "Java not found (JAVA_HOME or java on PATH); Neo4j 5.26 needs Java 17 or 21 "
            "(Debian: apt-get install openjdk-17-jre-headless)"
        )
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    m = re.search(r'version "(\d+)', out)
    if m is None or int(m.group(1)) < 17:
        raise Neo4jServerError(f"Neo4j 5.26 needs Java 17 or 21; {java} says: {out.strip()}")
    return java


def _check_port_free(port: int, what: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As Neo4j binds: ports left in TIME_WAIT by a stopped server count as free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError as exc:
            raise Neo4jServerError(
                f"{what} port {HOST}:{port} is in use by another process ({exc.strerror}); "
                f"stop it or choose another {what} port"
            ) from None


def _log_tail(home: Path, lines: int = 30) -> str:
    parts = []
    for name in ("neo4j.log", "console.log"):
        path = home / "logs" / name
        if path.is_file() and (text := path.read_text(errors="replace").strip()):
            parts.append(f"--- {path} (last lines) ---\n" + "\n".join(text.splitlines()[-lines:]))
    return "\n".join(parts) or f"(no log under {home / 'logs'})"


def _set_initial_password(java: str, lib: Path, home: Path, password: str) -> None:
    # The password only takes effect before the system database is first created.
    if (home / "data" / "databases" / "system").exists():
        return
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    done = subprocess.run(
        [java, "-cp", f"{lib}/*", _ADMIN_TOOL, "dbms", "set-initial-password", password],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise Neo4jServerError(
            "neo4j-admin dbms set-initial-password failed (a password needs at least "
            f"8 characters): {(done.stdout + done.stderr).strip()}"
        )


def _wait_ready(info: ServerInfo, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with neo4j.GraphDatabase.driver(
        info.bolt_uri, auth=(info.user, info.password), connection_timeout=2.0
    ) as driver:
        while True:
            try:
                with driver.session() as session:
                    session.run("RETURN 1").consume()
                with urllib.request.urlopen(info.http_url, timeout=2.0):
                    return
            except AuthError as exc:
                raise Neo4jServerError(
                    f"{info.bolt_uri} refused user {info.user!r}: the data in {info.home} was "
                    "initialised with another password. Set NEO4J_PASSWORD to that one, or "
                    f"wipe the data with `python -m diplograph.neo4j_server reset` ({exc.message})"
                ) from None
            except (
                ServiceUnavailable,
                SessionExpired,
                TransientError,
                DatabaseUnavailable,
                urllib.error.URLError,
                OSError,
            ):
                pass
            if not _alive(info.pid, info.home):
                raise Neo4jServerError(
                    f"the Neo4j process {info.pid} exited during start\n{_log_tail(info.home)}"
                )
            if time.monotonic() > deadline:
                raise Neo4jServerError(
                    f"server did not answer on {info.bolt_uri} within {timeout:.0f} s\n"
                    f"{_log_tail(info.home)}"
                )
            time.sleep(0.5)


# --- public commands ----------------------------------------------------------------


def start(
    home: Path | str | None = None,
    *,
    bolt_port: int = DEFAULT_BOLT_PORT,
    http_port: int = DEFAULT_HTTP_PORT,
    password: str | None = None,
    timeout: float = 120.0,
    version: str = NEO4J_VERSION,
    heap: str = DEFAULT_HEAP,
    pagecache: str = DEFAULT_PAGECACHE,
    progress: Progress = _say,
) -> ServerInfo:
    """Start the server of ``home`` in the background and return once Bolt and HTTP answer.

    When it already runs, nothing is started or rewritten: the running server (with the
    ports of its config) is returned. On a failed start the process is stopped and
    Neo4jServerError says why, with the tail of the Neo4j log.
    """
    home = _home(home)
    password = _password(password)
    if (pid := _running_pid(home)) is not None:
        bolt_port, http_port = _configured_ports(home)
        info = _info(home, pid, bolt_port, http_port, password)
        _wait_ready(info, timeout)
        progress(f"already running: {info.bolt_uri} (pid {pid})")
        return info
    if bolt_port == http_port:
        raise Neo4jServerError(f"bolt and http ports must differ (both {bolt_port})")
    _check_port_free(bolt_port, "bolt")
    _check_port_free(http_port, "http")
    java = _java()
    lib = ensure_resolved(version, progress=progress)
    home.mkdir(parents=True, exist_ok=True)
    for sub in ("data", "logs", "run", "import", "plugins", "licenses"):
        (home / sub).mkdir(exist_ok=True)
    write_config(
        home, lib, bolt_port=bolt_port, http_port=http_port, heap=heap, pagecache=pagecache
    )
    _set_initial_password(java, lib, home, password)
    cmd = [
        java,
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *_JVM_FLAGS,
        "-cp",
        f"{lib}/*",
        _ENTRY_POINT,
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
    ]
    progress(f"starting Neo4j {version} in {home}")
    with (home / "logs" / "console.log").open("ab") as console:
        proc = subprocess.Popen(
            cmd,
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # outlives the caller and its terminal's Ctrl-C
        )
    _children[proc.pid] = proc
    _pid_file(home).write_text(f"{proc.pid}\n", encoding="utf-8")
    info = _info(home, proc.pid, bolt_port, http_port, password)
    try:
        _wait_ready(info, timeout)
    except Neo4jServerError:
        _terminate(proc.pid, home, 30.0)
        raise
    progress(f"ready: {info.bolt_uri}, browser {info.http_url}browser/ (pid {proc.pid})")
    return info


def _info(home: Path, pid: int, bolt_port: int, http_port: int, password: str) -> ServerInfo:
    return ServerInfo(
        bolt_uri=f"bolt://{HOST}:{bolt_port}",
        http_url=f"http://{HOST}:{http_port}/",
        user=USER,
        password=password,
        pid=pid,
        home=home,
    )


def _terminate(pid: int, home: Path, timeout: float) -> None:
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _alive(pid, home):
                _children.pop(pid, None)
                _pid_file(home).unlink(missing_ok=True)
                return
            time.sleep(0.2)
    raise Neo4jServerError(f"Neo4j process {pid} survived SIGKILL")


def stop(
    home: Path | str | None = None, *, timeout: float = 60.0, progress: Progress = _say
) -> bool:
    """Stop the server of ``home``: SIGTERM, then SIGKILL after ``timeout`` seconds.

    Returns whether a server was running. Neo4j takes about 10 s to shut down cleanly.
    """
    home = _home(home)
    pid = _running_pid(home)
    if pid is None:
        _pid_file(home).unlink(missing_ok=True)
        progress(f"not running (home {home})")
        return False
    progress(f"stopping pid {pid} ...")
    _terminate(pid, home, timeout)
    progress("stopped")
    return True


def status(home: Path | str | None = None) -> ServerStatus:
    """Whether the server of ``home`` runs, its pid and its configured ports."""
    home = _home(home)
    bolt_port, http_port = _configured_ports(home)
    pid = _running_pid(home)
    return ServerStatus(pid is not None, pid, bolt_port, http_port, home)


def reset(home: Path | str | None = None, *, progress: Progress = _say) -> None:
    """Stop the server of ``home`` if it runs and wipe its data, logs and pid file.

    Only those subfolders are removed, never ``home`` itself; the next start sets the
    initial password again.
    """
    home = _home(home)
    stop(home, progress=progress)
    for sub in ("data", "logs", "run"):
        shutil.rmtree(home / sub, ignore_errors=True)
    progress(f"wiped data and logs in {home}")


def import_files(
    home: Path | str | None,
    *,
    nodes: Sequence[Path],
    relationships: Sequence[Path],
    multiline: Sequence[Path] = (),
    array_delimiter: str = "U+001F",
    database: str = "neo4j",
    overwrite: bool = False,
    version: str = NEO4J_VERSION,
    progress: Progress = _say,
) -> float:
    """Run ``neo4j-admin database import full`` on CSV files into the server of ``home``.

    The server must be stopped (the importer writes the store files directly).  An
    existing database is replaced only with ``overwrite``.  Returns the seconds the
    import took; raises Neo4jServerError with the importer's own message on failure.
    """
    home = _home(home)
    if (pid := _running_pid(home)) is not None:
        raise Neo4jServerError(
            f"the server of {home} is running (pid {pid}); the importer writes the store "
            "files directly: stop it first (`diplograph neo4j stop`)"
        )
    java = _java()
    lib = ensure_resolved(version, progress=progress)
    for sub in ("data", "logs", "run", "import", "plugins", "licenses"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    bolt_port, http_port = _configured_ports(home)
    write_config(home, lib, bolt_port=bolt_port, http_port=http_port)
    cmd = [
        java,
        "-cp",
        f"{lib}/*",
        _ADMIN_TOOL,
        "database",
        "import",
        "full",
        *(f"--nodes={path}" for path in nodes),
        *(f"--relationships={path}" for path in relationships),
        f"--array-delimiter={array_delimiter}",
        f"--overwrite-destination={'true' if overwrite else 'false'}",
        f"--report-file={home / 'logs' / 'import.report'}",
    ]
    if multiline:
        cmd += [
            "--multiline-fields-format=v2",
            "--multiline-fields=" + ",".join(map(str, multiline)),
        ]
    cmd.append(database)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    progress(f"importing {len(nodes)} node and {len(relationships)} relationship files")
    started = time.monotonic()

    def on_line(line: str) -> None:
        # The importer's own stage lines ("(1/4) Node import", "IMPORT DONE in 2s").
        if re.match(r"\(\d/\d\)|IMPORT (DONE|FAILED)|Imported:", line.strip()):
            progress(line.strip())

    code, tail = _stream(cmd, on_line, cwd=home, env=env)
    if code != 0:
        raise Neo4jServerError(
            f"neo4j-admin database import failed (exit {code}):\n" + "\n".join(tail)
        )
    return time.monotonic() - started


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m diplograph.neo4j_server start|stop|status|reset [options]``."""
    parser = argparse.ArgumentParser(
        prog="python -m diplograph.neo4j_server",
        description="Run a local Neo4j Community server (password: env NEO4J_PASSWORD, "
        f"default {DEFAULT_PASSWORD!r}).",
    )
    parser.add_argument("command", choices=["start", "stop", "status", "reset"])
    parser.add_argument("--home", help="server folder (default $DIPLOGRAPH_NEO4J_DATA or ./.neo4j)")
    parser.add_argument("--bolt-port", type=int, default=DEFAULT_BOLT_PORT)
    parser.add_argument("--http-port", type=int, default=DEFAULT_HTTP_PORT)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for Bolt")
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            info = start(
                args.home,
                bolt_port=args.bolt_port,
                http_port=args.http_port,
                timeout=args.timeout,
            )
            print(f"{info.bolt_uri} user {info.user} pid {info.pid}")
            print(f"browser {info.http_url}browser/")
        elif args.command == "stop":
            stop(args.home)
        elif args.command == "status":
            print(status(args.home))
        else:
            reset(args.home)
    except Neo4jServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
