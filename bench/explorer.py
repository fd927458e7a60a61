"""How fast the explorer page paints and draws, in Debian's headless Chromium.

    python -m bench.explorer [--articles 10000] [--nodes 500] [--runs 5]
                             [--json bench/results/explorer.json]

1. **First paint, sample corpus.**  ``diplograph serve`` on the bundled samples; each run
   opens ``/`` in a fresh browser context (nothing cached).  Reported: the browser's
   first contentful paint (the shell: header and search box) and the time until the
   page is usable (``data-ready``: the API answered and the store's summary is shown),
   both from navigation start, medians over the runs.
2. **A large neighbourhood.**  A synthetic corpus (``bench.generate``), ingested and
   served the same way; its best-connected state is opened with "Nodes per expansion"
   at ``--nodes``.  Reported per run and as medians: nodes drawn, and the times the page
   measures itself for the expansion (API answer, adding the elements, the layout: rings
   around the centre for a large new view, and all of it), the same view laid out by
   fCoSE (what smaller views and later expansions use), the time a
   click on a node takes to open its panel, and the frame intervals while the view is
   zoomed and panned with the mouse (whether it stays interactive).

The aims (issue 8): first meaningful paint under 1 s on loopback; a 500-node view laid
out in under 2 s.  Numbers vary with the machine's load: compare within one run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.core import ApiServer
from bench.generate import dump_article, generate
from graph.embedded import EmbeddedStore
from graph.identity import AliasTable
from graph.ingest import ingest
from loaders import find_files, load_file, parse_bytes

ROOT = Path(__file__).resolve().parent.parent

_FRAMES = """async () => {
  const gaps = []; let last = performance.now(); let on = true;
  const tick = (now) => { gaps.push(now - last); last = now; if (on) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  window.__stopFrames = () => { on = false; return gaps.slice(1); };
}"""


def _store(path: Path, articles: list[Any]) -> None:
    store = EmbeddedStore(path)
    report = ingest(store, articles, AliasTable.load())
    assert report.ok, report.failures[:3]
    store.close()


def _browser(playwright: Any) -> Any:
    executable = shutil.which("chromium")
    if not executable:
        raise SystemExit("bench.explorer needs Debian's chromium: bash scripts/chromium.sh")
    return playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])


def first_paint(browser: Any, server: ApiServer, runs: int) -> dict[str, Any]:
    paints, ready = [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.port}/")
        page.wait_for_selector("body[data-ready=true]", state="attached")
        paints.append(
            page.evaluate(
                "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
            )
        )
        ready.append(page.evaluate("window.diplographExplorer.readyAt"))
        context.close()
    return {
        "runs": runs,
        "first_contentful_paint_ms": statistics.median(paints),
        "usable_ms": statistics.median(ready),
        "samples": {"first_contentful_paint_ms": paints, "usable_ms": ready},
    }


def _frames_while_moving(page: Any) -> list[float]:
    box = page.locator("#cy").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.evaluate(_FRAMES)
    page.mouse.move(x, y)
    for step in range(10):
        page.mouse.wheel(0, -120 if step < 5 else 120)
        page.wait_for_timeout(40)
    page.mouse.down()
    for step in range(20):
        page.mouse.move(x + 8 * step, y + 4 * step)
        page.wait_for_timeout(20)
    page.mouse.up()
    return list(page.evaluate("window.__stopFrames()"))


def large_view(browser: Any, server: ApiServer, nodes: int, runs: int) -> dict[str, Any]:
    hub = server.get("/api/v1/entities?type=State&limit=1")["items"][0]
    samples: list[dict[str, Any]] = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.port}/")
        page.wait_for_selector("body[data-ready=true]", state="attached")
        page.select_option("#limit", str(nodes))
        page.fill("#search", hub["name"])
        page.locator(f"#search-options [data-id='{hub['id']}']").wait_for()
        page.keyboard.press("Enter")
        page.wait_for_function("window.diplographExplorer.state.draws === 1", timeout=120_000)
        drawn = page.evaluate("window.diplographExplorer.graph.counts()")
        timings = page.evaluate("window.diplographExplorer.state.lastDraw")
        # A click on a node (not the hub) until its panel shows its name.
        target = page.evaluate(
            """hub => { const g = window.diplographExplorer.graph, cy = g.cy;
                const box = document.getElementById('cy').getBoundingClientRect();
                const n = cy.nodes().filter(n => n.id() !== hub && n.data('type') === 'State')
                  .sort((a, b) => b.degree() - a.degree())[0] ?? cy.nodes()[1];
                const p = n.renderedPosition();
                return {id: n.id(), name: n.data('name'),
                        x: box.left + p.x, y: box.top + p.y}; }""",
            hub["id"],
        )
        clicked = time.perf_counter()
        page.mouse.click(target["x"], target["y"])
        page.wait_for_function(
            "name => document.getElementById('entity-name').textContent === name",
            arg=target["name"],
        )
        click_ms = (time.perf_counter() - clicked) * 1000
        gaps = _frames_while_moving(page)
        # The same view through fCoSE, which smaller views and later expansions use.
        fcose_ms = page.evaluate("window.diplographExplorer.graph.layout({fresh: true})")
        samples.append(
            {
                "nodes": drawn["nodes"],
                "edges": drawn["edges"],
                **timings,
                "fcose_ms": fcose_ms,
                "click_to_panel_ms": click_ms,
                "frame_p50_ms": statistics.median(gaps),
                "frame_p95_ms": statistics.quantiles(gaps, n=20)[18] if len(gaps) > 2 else None,
            }
        )
        context.close()
    medians = {
        key: statistics.median(s[key] for s in samples)
        for key in samples[0]
        if all(s[key] is not None for s in samples)
    }
    return {"hub": hub, "asked": nodes, "runs": runs, "median": medians, "samples": samples}


def run(articles: int, nodes: int, runs: int, seed: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        samples = [
            a for f in find_files([ROOT / "examples" / "articles"]) for a in load_file(f).articles
        ]
        _store(work / "samples.sqlite", samples)
        blobs = [dump_article(doc) for doc in generate(articles, seed)]
        parsed = [
            a for i, blob in enumerate(blobs) for a in parse_bytes(blob, f"{i}.yaml").articles
        ]
        _store(work / "large.sqlite", parsed)
        report: dict[str, Any] = {"articles": articles, "seed": seed}
        with sync_playwright() as playwright:
            browser = _browser(playwright)
            report["chromium"] = browser.version
            server = ApiServer(work / "samples.sqlite")
            try:
                report["first_paint"] = first_paint(browser, server, runs)
            finally:
                server.stop()
            server = ApiServer(work / "large.sqlite")
            try:
                report["large_view"] = large_view(browser, server, nodes, runs)
            finally:
                server.stop()
            browser.close()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--nodes", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    report = run(args.articles, args.nodes, args.runs, args.seed)
    paint, view = report["first_paint"], report["large_view"]["median"]
    print(
        f"first contentful paint {paint['first_contentful_paint_ms']:.0f} ms, "
        f"usable {paint['usable_ms']:.0f} ms (median of {args.runs}; aim < 1000 ms)"
    )
    print(
        f"{view['nodes']:.0f} nodes, {view['edges']:.0f} edges: layout {view['layout_ms']:.0f} ms "
        f"(aim < 2000 ms; fCoSE {view['fcose_ms']:.0f} ms), "
        f"whole expansion {view['total_ms']:.0f} ms "
        f"(API {view['fetch_ms']:.0f} ms, adding {view['add_ms']:.0f} ms), "
        f"click to panel {view['click_to_panel_ms']:.0f} ms, frames while moving "
        f"p50 {view['frame_p50_ms']:.0f} ms / p95 {view.get('frame_p95_ms', float('nan')):.0f} ms"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
