"""The explorer at ``/``, driven in Debian's headless Chromium by Playwright.

Each backend gets a live server on loopback (the real app over HTTP) with the sample
corpus.  Every test saves a screenshot of each step under ``artifacts/explorer/``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest
from werkzeug.serving import make_server

from api import create_app
from api.explorer import BUILD_DIR
from graph.embedded import EmbeddedStore
from graph.store import Store
from tests.conftest import (
    BACKENDS,
    IN_CI,
    ROOT,
    SAMPLES,
    _open_neo4j,
    folder_settings,
    load_samples,
)

ARTIFACTS = ROOT / "artifacts" / "explorer"
MIKDAD = "person:fayssal-mikdad"
pytestmark = pytest.mark.timeout(120)


def _unavailable(reason: str) -> None:
    message = f"explorer tests need a built page and Debian's Chromium: {reason}"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _chromium() -> str:
    path = os.environ.get("DIPLOGRAPH_CHROMIUM") or shutil.which("chromium")
    if not path:
        _unavailable("no chromium on PATH (bash scripts/chromium.sh installs it)")
    return str(path)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (BUILD_DIR / "index.html").is_file():
        _unavailable(f"{BUILD_DIR} holds no build (bash scripts/setup.sh builds it)")
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        except Exception as exc:
            _unavailable(f"{executable} did not start: {exc}")
        yield launched
        launched.close()


class LiveServer:
    """The app on a loopback port, served by werkzeug in a thread."""

    def __init__(self, app: Any) -> None:
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def api(self, path: str) -> Any:
        with urlopen(self.url + "/api/v1" + path) as response:
            return json.load(response)

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join()


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("explorer")
    store: Store = (
        _open_neo4j(request.getfixturevalue("neo4j_server"))
        if request.param == "neo4j"
        else EmbeddedStore(folder / "store.sqlite")
    )
    load_samples(store)
    live = LiveServer(create_app(folder_settings(folder), store=store))
    yield live
    live.stop()
    store.close()


@pytest.fixture
def page(browser: Any, server: LiveServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, accept_downloads=True, base_url=server.url
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.snap = _snapper(page, request.node.name)
    yield page
    page.snap("last")
    context.close()
    assert not errors, f"the page threw: {errors}"


@contextmanager
def _own_server(browser: Any, app: Any) -> Iterator[tuple[LiveServer, Any]]:
    """A page on a server of the test's own, for a store or settings the module's lack."""
    live = LiveServer(app)
    context = browser.new_context(base_url=live.url)
    try:
        yield live, context.new_page()
    finally:
        context.close()
        live.stop()


def _snapper(page: Any, test: str) -> Any:
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", test)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    steps = iter(range(1, 100))

    def snap(step: str) -> None:
        page.screenshot(path=str(folder / f"{next(steps):02d}-{step}.png"))

    return snap


def _open(page: Any, fragment: str = "") -> None:
    page.goto("/" + fragment)
    page.wait_for_selector("body[data-ready=true]", state="attached")


def _search(page: Any, spelling: str, box: str = "#search") -> list[str]:
    """Type a spelling; the ids the list offers, best first."""
    page.fill(box, "")
    page.type(box, spelling)
    options = page.locator(f"{box} + [role=listbox] [role=option]")
    options.first.wait_for()
    return [str(o.get_attribute("data-id")) for o in options.all()]


def _in_view(page: Any) -> dict[str, str]:
    """What the view holds, from its accessible list: id -> name."""
    items = page.locator("#in-view-list li")
    return {
        str(item.get_attribute("data-id")): item.locator("button.link").text_content()
        for item in items.all()
    }


def _graph(page: Any) -> Any:
    return page.evaluate(
        """() => { const g = window.diplographExplorer.graph;
            return {nodes: g.nodes().map(n => n.id),
                    edges: g.edges().map(e => ({id: e.id, type: e.type, date: e.date,
                      source: e.source, target: e.target,
                      colour: g.cy.getElementById(e.id).style('line-color'),
                      path: g.cy.getElementById(e.id).hasClass('path')}))}; }"""
    )


def _open_mikdad(page: Any) -> None:
    _open(page)
    _search(page, "Mekdad")
    page.keyboard.press("Enter")
    page.wait_for_function("window.diplographExplorer.state.draws === 1")
    page.wait_for_selector("#entity:not([hidden])")


# -- search and the entity panel ---------------------------------------------------------


def test_any_spelling_finds_the_same_person_and_opens_it_by_keyboard(page: Any) -> None:
    _open(page)
    expect_empty = page.locator("#empty")
    assert expect_empty.is_visible()
    assert "Search for an entity" in expect_empty.inner_text()
    page.snap("empty")

    assert _search(page, "Mikdad")[0] == MIKDAD
    assert _search(page, "Mekdad")[0] == MIKDAD
    page.snap("mekdad-offered")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_selector("#entity:not([hidden])")
    page.snap("opened")

    assert page.inner_text("#entity-name") == "Fayssal Mikdad"
    assert "Mikdad" in page.inner_text("#entity-aliases")
    assert "Syria" in page.inner_text("#entity-affiliations")
    counts = {
        str(li.get_attribute("data-type")): int(li.locator("strong").inner_text())
        for li in page.locator("#entity-counts li").all()
    }
    entity = page.evaluate(f"fetch('/api/v1/entities/{MIKDAD}').then(r => r.json())")
    assert counts == entity["relationships"] and counts["MET_WITH"] > 0
    timeline = page.locator("#entity-timeline li")
    assert timeline.count() > 0
    assert any("Velayati" in text for text in timeline.all_inner_texts())


def test_unknown_spelling_says_so(page: Any) -> None:
    _open(page)
    page.type("#search", "Qwxzy Unheardof")
    page.wait_for_function(
        "document.getElementById('search-hint').textContent.includes('No entity matches')"
    )
    assert page.locator("#search-options").is_hidden()
    page.snap("no-match")


# -- the neighbourhood -------------------------------------------------------------------


def test_neighbourhood_shows_velayati_and_expands_step_by_step(page: Any) -> None:
    _open_mikdad(page)
    view = _in_view(page)
    assert view[MIKDAD] == "Fayssal Mikdad"
    assert "Ali Akbar Velayati" in view.values()
    page.snap("depth-1")

    drawn = _graph(page)
    colours = {edge["type"]: edge["colour"] for edge in drawn["edges"]}
    assert {"MET_WITH", "REJECTS"} <= colours.keys()
    assert len({colours[t] for t in ("MET_WITH", "REJECTS")}) == 2  # distinct colours

    before = set(drawn["nodes"])
    # A double-click on Velayati's node in the canvas expands it.
    point = page.evaluate(
        """() => { const n = window.diplographExplorer.graph.cy
              .getElementById('person:ali-akbar-velayati');
            const box = document.getElementById('cy').getBoundingClientRect();
            const p = n.renderedPosition(); return {x: box.left + p.x, y: box.top + p.y}; }"""
    )
    page.mouse.dblclick(point["x"], point["y"])
    page.wait_for_function("window.diplographExplorer.state.draws === 2")
    assert page.evaluate("window.diplographExplorer.state.expanded") == [
        MIKDAD,
        "person:ali-akbar-velayati",
    ]
    after = set(_graph(page)["nodes"])
    expected = {
        n["id"]
        for n in page.evaluate(
            "fetch('/api/v1/entities/person:ali-akbar-velayati/neighbourhood"
            "?types=MET_WITH,SUPPORTS,REJECTS,AFFILIATED_WITH&limit=100').then(r => r.json())"
        )["nodes"]
    }
    assert after == before | expected and after > before
    page.snap("velayati-expanded")

    # The same from the keyboard: the list of what the view holds has a button per node.
    page.click("#in-view-summary")
    page.get_by_role("button", name="Expand Hossein Jaberi Ansari").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("window.diplographExplorer.state.draws === 3")
    assert "person:hossein-jaberi-ansari" in page.evaluate(
        "window.diplographExplorer.state.expanded"
    )
    page.snap("jaberi-ansari-expanded")


def test_an_edge_shows_its_sentence_and_source_article(page: Any) -> None:
    _open_mikdad(page)
    # An edge with a sentence, REJECTS first (the layout decides which have a free point)
    edges = sorted(
        (e for e in _graph(page)["edges"] if e["type"] in ("REJECTS", "SUPPORTS", "MET_WITH")),
        key=lambda e: e["type"] != "REJECTS",
    )
    # A real click on the canvas, at a point of an edge that no node or panel covers.
    free_point = """id => {
            const cy = window.diplographExplorer.graph.cy, e = cy.getElementById(id);
            const box = document.getElementById('cy').getBoundingClientRect();
            const [a, b] = [e.renderedSourceEndpoint(), e.renderedTargetEndpoint()];
            for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
              const p = {x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t};
              const x = box.left + p.x, y = box.top + p.y;
              const covered = cy.nodes().some(n => { const r = n.renderedBoundingBox();
                return p.x > r.x1 - 4 && p.x < r.x2 + 4 && p.y > r.y1 - 4 && p.y < r.y2 + 4; });
              // nor crossed by another edge, which the click could select instead
              const near = (o) => { const [c, d] = [o.renderedSourceEndpoint(),
                  o.renderedTargetEndpoint()], dx = d.x - c.x, dy = d.y - c.y;
                const u = Math.max(0, Math.min(1,
                  ((p.x - c.x) * dx + (p.y - c.y) * dy) / (dx * dx + dy * dy || 1)));
                return Math.hypot(p.x - c.x - u * dx, p.y - c.y - u * dy) < 8; };
              const parallel = (o) => o.parallelEdges().contains(e);  // curved apart
              const crossed = cy.edges().some(o => !parallel(o) && near(o));
              const top = document.elementFromPoint(x, y);
              if (!covered && !crossed && top && document.getElementById('cy').contains(top)) {
                return {x, y}; }
            }
            return null; }"""
    point = next((p for p in (page.evaluate(free_point, e["id"]) for e in edges) if p), None)
    assert point, "every point of every edge with a sentence is covered"
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#detail .source a")
    page.snap("edge-detail")
    detail = page.locator("#detail")
    clicked = page.evaluate(
        "window.diplographExplorer.graph.cy.edges(':selected').map(e => e.data())"
    )[0]
    assert clicked["evidence"] in detail.locator(".evidence").inner_text()
    article = page.evaluate(f"fetch('/api/v1/articles/{clicked['article']}').then(r => r.json())")[
        "article"
    ]
    link = detail.locator(".source a").first
    assert link.get_attribute("href") == article["url"]
    assert link.inner_text() == article["title"]
    detail.get_by_text("The sentence in its article").click()
    assert detail.locator(".article-text mark").inner_text() == clicked["evidence"]
    page.snap("sentence-in-article")


def test_type_and_date_filters_redo_the_view(page: Any) -> None:
    _open_mikdad(page)
    assert any(e["type"] == "MET_WITH" for e in _graph(page)["edges"])
    page.uncheck("#type-MET_WITH")
    page.wait_for_function(
        "window.diplographExplorer.graph.edges().every(e => e.type !== 'MET_WITH')"
        " && window.diplographExplorer.graph.edges().length > 0"
    )
    assert {e["type"] for e in _graph(page)["edges"]} <= {"SUPPORTS", "REJECTS", "AFFILIATED_WITH"}
    page.snap("no-meetings")

    page.check("#type-MET_WITH")
    page.focus("#since")
    page.keyboard.press("End")  # from the last day the corpus covers: nothing of 2017 stays
    page.wait_for_function("document.getElementById('since-out').textContent !== 'any date'")
    since = page.inner_text("#since-out")
    page.wait_for_function(
        "since => window.diplographExplorer.graph.edges().every(e => !e.date || e.date >= since)",
        arg=since,
    )
    assert all(e["date"] is None or e["date"] >= since for e in _graph(page)["edges"])
    assert not any(e["type"] == "MET_WITH" for e in _graph(page)["edges"])
    # The entity's timeline follows the dates too.
    page.wait_for_function(
        "document.getElementById('entity-timeline').textContent"
        ".includes('No meetings or stances in this date range')"
    )
    page.snap("from-last-day")


def test_a_truncated_view_says_so(page: Any) -> None:
    _open(page)
    page.select_option("#limit", "10")
    _search(page, "Syria")
    page.keyboard.press("Enter")
    page.wait_for_function("window.diplographExplorer.state.draws === 1")
    assert "Truncated" in page.inner_text("#notice")
    assert len(_graph(page)["nodes"]) == 10
    page.snap("truncated")


# -- paths -------------------------------------------------------------------------------


def test_a_path_between_two_officials_is_drawn(page: Any, server: LiveServer) -> None:
    _open(page)
    _search(page, "Jaberi Ansari", "#from")
    page.keyboard.press("Enter")
    _search(page, "Larijani", "#to")
    page.locator("#to-options [data-id='person:ali-larijani']").click()
    page.select_option("#k", "1")
    page.click("#show-paths")
    page.wait_for_function("window.diplographExplorer.state.draws === 1")
    page.snap("path")

    answer = server.api("/paths?from=person:hossein-jaberi-ansari&to=person:ali-larijani&k=1")
    shortest = answer["paths"][0]
    assert [n["name"] for n in shortest["nodes"]] == [
        "Hossein Jaberi Ansari",
        "Fayssal Mikdad",
        "Ali Larijani",
    ]
    hops = page.locator("#path-list li").first.locator(".hop-node").all_inner_texts()
    assert hops == [n["name"] for n in shortest["nodes"]]
    drawn = _graph(page)
    assert set(drawn["nodes"]) == {n["id"] for n in shortest["nodes"]}
    assert {e["id"] for e in drawn["edges"] if e["path"]} == {e["id"] for e in shortest["edges"]}
    assert "#paths=" in page.url


# -- alliances ---------------------------------------------------------------------------


def test_alliance_heat_map_has_a_cell_for_iran_and_syria(page: Any, server: LiveServer) -> None:
    _open(page)
    page.get_by_role("tab", name="Alliances").click()
    cell = page.locator("#heatmap td[data-a=IRN][data-b=SYR]")
    cell.wait_for()
    alliances = server.api("/alliances")
    i, j = alliances["matrix"]["states"].index("IRN"), alliances["matrix"]["states"].index("SYR")
    stance = alliances["matrix"]["stance"][i][j]
    assert stance is not None
    assert cell.inner_text() == f"{stance:.2f}"
    assert "Iran and Syria" in str(cell.get_attribute("aria-label"))
    cell.focus()
    page.keyboard.press("Enter")
    assert "meetings" in page.inner_text("#pair") and "Iran" in page.inner_text("#pair")
    blocs = page.locator("#blocs li.bloc")
    assert blocs.count() == len(alliances["blocs"]) > 0
    page.snap("alliances")

    page.select_option("#metric", "meetings")
    assert cell.inner_text() == str(alliances["matrix"]["meetings"][i][j])
    page.snap("alliances-meetings")


# -- accessibility -----------------------------------------------------------------------

AXE = ROOT / "explorer" / "node_modules" / "axe-core" / "axe.min.js"


def _axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A/AA checks on the page as it stands: serious and critical."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})
            .then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`))"""
    )
    return list(found)


def test_every_view_passes_an_accessibility_audit(page: Any) -> None:
    if not AXE.is_file():
        _unavailable(f"{AXE} is missing (bash scripts/setup.sh installs explorer/ with npm)")
    _open(page)
    assert _axe_violations(page) == []
    _search(page, "Mekdad")
    page.keyboard.press("Enter")
    page.wait_for_function("window.diplographExplorer.state.draws === 1")
    page.click("#in-view-summary")
    assert _axe_violations(page) == []
    page.get_by_role("tab", name="Alliances").click()
    page.locator("#heatmap td.cell").first.wait_for()
    assert _axe_violations(page) == []
    page.snap("audited")


# -- errors, export, offline -------------------------------------------------------------


def test_an_api_error_is_shown_to_the_user(page: Any) -> None:
    _open(page, "#entity=person:nobody-at-all")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Entity not found (404)" in alert.inner_text()
    assert "person:nobody-at-all" in alert.inner_text()
    page.snap("not-found")
    page.click("#error-close")
    assert alert.is_hidden()

    # A server failure on search reaches the user with the API's own problem text.
    page.route(
        "**/api/v1/entities?*",
        lambda route: route.fulfill(
            status=503,
            content_type="application/problem+json",
            body=json.dumps(
                {"title": "Store unavailable", "status": 503, "detail": "Neo4j is restarting"}
            ),
        ),
    )
    page.type("#search", "Mikdad")
    alert.wait_for()
    assert "Store unavailable (503)" in alert.inner_text()
    assert "Neo4j is restarting" in alert.inner_text()
    page.snap("store-unavailable")


def test_the_view_exports_as_png_and_json(page: Any, tmp_path: Path) -> None:
    _open_mikdad(page)
    with page.expect_download() as png:
        page.click("#export-png")
    image = Path(png.value.path()).read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and len(image) > 5000
    with page.expect_download() as data:
        page.click("#export-json")
    exported = json.loads(Path(data.value.path()).read_text(encoding="utf-8"))
    assert exported["view"] == "neighbourhood" and exported["expanded"] == [MIKDAD]
    names = {n["name"] for n in exported["nodes"]}
    assert {"Fayssal Mikdad", "Ali Akbar Velayati"} <= names
    stated = [e for e in exported["edges"] if e["type"] == "MET_WITH" and not e["derived"]]
    assert stated and all(e["evidence"] and e["article"] for e in stated)
    assert png.value.suggested_filename.endswith(".png")


def test_the_page_needs_nothing_but_this_server(page: Any, server: LiveServer) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    _open_mikdad(page)
    page.get_by_role("tab", name="Alliances").click()
    page.locator("#heatmap td.cell").first.wait_for()
    assert requested and all(url.startswith(server.url + "/") for url in requested), requested


def test_nodes_that_came_without_edges_are_counted(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A view's edges are capped (5,000): around a hub, the parallel edges of its strongest
    ties can use the cap up, and the page says how many nodes came without theirs."""
    monkeypatch.setattr("graph.neighbourhood.MAX_VIEW_EDGES", 4)
    app = create_app(folder_settings(tmp_path))
    load_samples(app.extensions["diplograph"].store)
    with _own_server(browser, app) as (live, page):
        _open(page, "#entity=SYR")
        page.wait_for_function("window.diplographExplorer.state.draws === 1")
        view = live.api(
            "/entities/SYR/neighbourhood?types=MET_WITH,SUPPORTS,REJECTS,AFFILIATED_WITH&limit=100"
        )
        ends = {end for e in view["edges"] for end in (e["source"], e["target"])}
        bare = sum(1 for n in view["nodes"] if n["id"] != "SYR" and n["id"] not in ends)
        assert view["truncated"] and bare > 0
        notice = page.inner_text("#notice")
        assert "Truncated" in notice
        assert f"{bare} of these nodes came without their edges" in notice


def test_an_empty_store_says_what_to_do(browser: Any, tmp_path: Path) -> None:
    with _own_server(browser, create_app(folder_settings(tmp_path))) as (_, page):
        _open(page)
        assert "0 articles" in page.inner_text("#summary")
        assert "The store is empty" in page.inner_text("#empty")
        assert "diplograph ingest" in page.inner_text("#empty")
        page.get_by_role("tab", name="Alliances").click()
        page.wait_for_function("document.getElementById('pair').textContent !== ''")
        assert "No state has a meeting or a stance" in page.inner_text("#pair")
        page.keyboard.press("ArrowLeft")  # tabs move with the arrow keys
        assert page.get_by_role("tab", name="Graph").get_attribute("aria-selected") == "true"


def test_an_article_url_that_is_not_a_web_address_is_no_link(browser: Any, tmp_path: Path) -> None:
    """An article's url is data: a javascript: one must not become a link that runs."""
    sample = (SAMPLES / "kremlin-2017-05-03-putin-erdogan-sochi.yaml").read_text("utf-8")
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        sample.replace("url: http://en.kremlin.ru/", "url: 'javascript:alert(1)'"), "utf-8"
    )
    app = create_app(folder_settings(tmp_path))
    load_samples(app.extensions["diplograph"].store, hostile.parent)
    with _own_server(browser, app) as (_, page):
        _open(page, "#entity=person:vladimir-putin")
        page.wait_for_function("window.diplographExplorer.state.draws === 1")
        edge = page.evaluate(
            "window.diplographExplorer.graph.edges().find(e => e.type === 'MET_WITH')"
        )
        # Tapped through Cytoscape: the real click on an edge is tested above.
        page.evaluate(
            "id => { window.diplographExplorer.graph.cy.getElementById(id).emit('tap'); }",
            edge["id"],
        )
        source = page.locator("#detail .source")
        source.wait_for()
        assert "Putin and Erdogan back de-escalation zones" in source.inner_text()
        hrefs = [a.get_attribute("href") for a in source.locator("a").all()]
        assert hrefs and not any("javascript" in str(h) for h in hrefs), hrefs


def test_without_a_build_the_root_says_how_to_make_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("api.explorer.BUILD_DIR", tmp_path / "nothing")
    app = create_app(folder_settings(tmp_path))
    answer = app.test_client().get("/")
    assert answer.status_code == 503
    assert answer.mimetype == "application/problem+json"
    assert "scripts/setup.sh" in answer.get_json()["detail"]


def test_the_benchmark_runs(tmp_path: Path) -> None:
    """``bench.explorer`` end to end on a tiny corpus; no timing is asserted."""
    if not (BUILD_DIR / "index.html").is_file():
        _unavailable(f"{BUILD_DIR} holds no build (bash scripts/setup.sh builds it)")
    _chromium()
    out = tmp_path / "explorer.json"
    # Its own process: this one may already drive a browser through Playwright's sync API.
    argv = ["--articles", "400", "--nodes", "100", "--runs", "1", "--json", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "bench.explorer", *argv], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "first contentful paint" in done.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    paint = report["first_paint"]
    assert 0 < paint["first_contentful_paint_ms"] <= paint["usable_ms"]
    view = report["large_view"]["median"]
    assert 0 < view["nodes"] <= 100 and view["edges"] > 0
    assert 0 < view["layout_ms"] <= view["total_ms"] and view["fcose_ms"] > 0
    assert view["click_to_panel_ms"] > 0 and view["frame_p50_ms"] > 0
