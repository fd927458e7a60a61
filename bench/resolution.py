"""Entity resolution: precision and recall on the pair test set, and what it costs.

    python -m bench.resolution [--articles 10000] [--seed 7] [--repeat 3] [--json out.json]

1. **Quality.** ``tests/data/resolution_pairs.yaml`` holds pairs of spellings and
   whether they name one entity.  Each pair is resolved by a fresh compiler in both
   orders; a merge is one id for both.  Precision and recall of merges are printed
   for the configured threshold, with a sweep of thresholds (the one in
   :data:`graph.compile.FUZZY_THRESHOLD` was chosen from it), and every mistake.
2. **Cost.** The synthetic corpus (``bench.generate.generate(articles, seed)``) is
   parsed once, then ingested into ``EmbeddedStore(":memory:")`` with the full
   resolution and with the gazetteer and fuzzy steps switched off, alternately,
   ``--repeat`` times; medians per article and their ratio are printed.  The
   generator knows who is who, so false merges and missed merges of synthetic
   officials are counted too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bench.generate import build_world, dump_article, generate, norm_key
from graph.compile import FUZZY_THRESHOLD, Compiler, Rules
from graph.embedded import EmbeddedStore
from graph.gazetteer import Gazetteer
from graph.identity import AliasTable
from graph.ingest import ingest
from graph.model import ParsedArticle, ParsedEntity
from loaders import parse_bytes
from loaders.text.evaluate import Score

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "data" / "resolution_pairs.yaml"
DEFAULT_DAY = date(2017, 6, 1)
SWEEP = (80.0, 85.0, 88.0, 90.0, 92.0, 95.0)


@dataclass(frozen=True, slots=True)
class Pair:
    a: str
    b: str
    same: bool
    type: str = "Official"
    a_country: str | None = None
    b_country: str | None = None
    day: date = DEFAULT_DAY
    why: str = ""


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs = []
    for item in doc["pairs"]:
        country = item.get("country")
        pairs.append(
            Pair(
                str(item["a"]),
                str(item["b"]),
                bool(item["same"]),
                item.get("type", "Official"),
                item.get("a_country", country),
                item.get("b_country", country),
                item.get("date", DEFAULT_DAY),
                str(item.get("why", "")),
            )
        )
    return pairs


@dataclass
class Scores(Score):
    """Merges made and missed over the pairs, counted as the annotator's scores are."""

    tn: int = 0
    mistakes: list[tuple[Pair, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "trials": self.tp + self.fp + self.fn + self.tn,
            "true_merges": self.tp,
            "false_merges": self.fp,
            "missed_merges": self.fn,
            "kept_apart": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
        }


def _entity(name: str, kind: str, country: str | None) -> ParsedEntity:
    return ParsedEntity("x", kind, name, country=country)  # type: ignore[arg-type]


def evaluate(pairs: Sequence[Pair], rules: Rules) -> Scores:
    """Resolve each pair with a fresh, store-less compiler, in both orders."""
    scores = Scores()
    for pair in pairs:
        sides = [(pair.a, pair.a_country), (pair.b, pair.b_country)]
        for first, second in (sides, sides[::-1]):
            compiler = Compiler(rules, lambda keys: {})
            one = compiler.resolve(_entity(first[0], pair.type, first[1]), pair.day)
            two = compiler.resolve(_entity(second[0], pair.type, second[1]), pair.day)
            merged = one.id == two.id
            if merged and pair.same:
                scores.tp += 1
            elif merged:
                scores.fp += 1
                scores.mistakes.append((pair, one.id, two.id))
            elif pair.same:
                scores.fn += 1
                scores.mistakes.append((pair, one.id, two.id))
            else:
                scores.tn += 1
    return scores


# -- cost ----------------------------------------------------------------------------------


def _ingest_seconds(parsed: list[ParsedArticle], rules: Rules) -> tuple[float, EmbeddedStore]:
    store = EmbeddedStore(":memory:")
    start = time.perf_counter()
    report = ingest(store, parsed, rules)
    seconds = time.perf_counter() - start
    if not report.ok:
        raise RuntimeError(f"ingest failed: {report.failures[:3]}")
    return seconds, store


def _synthetic_truth(store: EmbeddedStore, seed: int) -> dict[str, int]:
    """False and missed merges of the generator's officials, by spelling."""
    world = build_world(seed)
    truth: dict[tuple[str, str], int] = {}
    for i, official in enumerate(world.officials):
        for spelling in (official.name, *official.variants):
            truth[(official.country, norm_key(spelling))] = i
    nodes_of: dict[int, set[str]] = defaultdict(set)
    false_merges = 0
    graph = store._graph  # measuring only: the contributions behind each node
    for node_id, contributions in graph._contrib.items():
        who = {
            truth.get((n.country or "", norm_key(n.spelling or n.name)))
            for n in contributions.values()
            if n.label == "Official"
        } - {None}
        if len(who) > 1:
            false_merges += 1
        for person in who:
            if person is not None:
                nodes_of[person].add(node_id)
    missed = sum(len(nodes) - 1 for nodes in nodes_of.values())
    return {"officials": len(nodes_of), "false_merges": false_merges, "missed_merges": missed}


def measure_cost(articles: int, seed: int, repeat: int) -> dict[str, Any]:
    blobs = [dump_article(doc) for doc in generate(articles, seed)]
    parsed = [a for i, b in enumerate(blobs) for a in parse_bytes(b, f"{i}.yaml").articles]
    full = Rules()
    baseline = Rules(AliasTable.load(), gazetteer=None, fuzzy_threshold=None)
    Gazetteer.default()  # loaded once per process, outside the timings
    times: dict[str, list[float]] = {"full": [], "baseline": []}
    stores: dict[str, EmbeddedStore] = {}
    for _ in range(repeat):
        for arm, rules in (("baseline", baseline), ("full", full)):
            seconds, store = _ingest_seconds(parsed, rules)
            times[arm].append(seconds)
            old = stores.pop(arm, None)
            if old is not None:
                old.close()
            stores[arm] = store
    medians = {arm: statistics.median(t) for arm, t in times.items()}
    result = {
        "articles": len(parsed),
        "ms_per_article": {arm: round(s * 1000 / len(parsed), 4) for arm, s in medians.items()},
        "seconds": {arm: [round(s, 3) for s in t] for arm, t in times.items()},
        "ratio": round(medians["full"] / medians["baseline"], 3),
        "nodes": {arm: s.stats().nodes_by_type for arm, s in stores.items()},
        "synthetic_officials": {arm: _synthetic_truth(s, seed) for arm, s in stores.items()},
        "merges_by_rule": {},
    }
    by_rule: dict[str, int] = defaultdict(int)
    for merge in stores["full"].merges():
        by_rule[merge["rule"]] += 1
    result["merges_by_rule"] = dict(sorted(by_rule.items()))
    for store in stores.values():
        store.close()
    return result


# -- report --------------------------------------------------------------------------------


def quality(pairs: Sequence[Pair]) -> dict[str, Any]:
    aliases = AliasTable.load()
    gazetteer = Gazetteer.default()
    sweep = {
        str(t): evaluate(pairs, Rules(aliases, gazetteer, fuzzy_threshold=t)).as_dict()
        for t in SWEEP
    }
    main = evaluate(pairs, Rules(aliases, gazetteer, fuzzy_threshold=FUZZY_THRESHOLD))
    off = evaluate(pairs, Rules(aliases, gazetteer=None, fuzzy_threshold=None))
    return {
        "pairs": len(pairs),
        "threshold": FUZZY_THRESHOLD,
        "scores": main.as_dict(),
        "without_gazetteer_and_fuzzy": off.as_dict(),
        "sweep": sweep,
        "mistakes": [
            {"a": p.a, "b": p.b, "same": p.same, "why": p.why, "ids": [x, y]}
            for p, x, y in main.mistakes
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pairs-only", action="store_true", help="Skip the cost measurement.")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args(argv)

    result: dict[str, Any] = {"quality": quality(load_pairs())}
    q = result["quality"]
    s = q["scores"]
    print(f"resolution pairs: {q['pairs']} pairs, {s['trials']} trials (both orders)")
    print(
        f"  threshold {q['threshold']:g}: precision {s['precision']:.3f}, recall {s['recall']:.3f}"
        f" ({s['true_merges']} merged, {s['false_merges']} false merges, "
        f"{s['missed_merges']} missed, {s['kept_apart']} kept apart)"
    )
    o = q["without_gazetteer_and_fuzzy"]
    print(
        f"  folding and alias file only: precision {o['precision']:.3f}, recall {o['recall']:.3f}"
    )
    for t, figures in q["sweep"].items():
        print(
            f"  sweep {float(t):>5g}: precision {figures['precision']:.3f}, "
            f"recall {figures['recall']:.3f}, false merges {figures['false_merges']}"
        )
    for m in q["mistakes"]:
        kind = "false merge" if not m["same"] else "missed"
        print(f"  {kind}: {m['a']!r} / {m['b']!r} ({m['why']}): {m['ids'][0]} vs {m['ids'][1]}")

    if not args.pairs_only:
        cost = measure_cost(args.articles, args.seed, args.repeat)
        result["cost"] = cost
        ms = cost["ms_per_article"]
        print(f"\ncost on {cost['articles']} synthetic articles (seed {args.seed}), medians:")
        print(f"  without gazetteer and fuzzy: {ms['baseline']:.3f} ms per article")
        print(f"  full resolution:             {ms['full']:.3f} ms per article")
        print(f"  ratio: {cost['ratio']:.2f}x (runs: {cost['seconds']})")
        print(f"  nodes: {cost['nodes']}")
        print(f"  synthetic officials: {cost['synthetic_officials']}")
        print(f"  merges by rule (full): {cost['merges_by_rule']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
