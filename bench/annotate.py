"""Throughput of the raw-text annotator (``diplograph annotate``).

    python -m bench.annotate [--mb 5] [--seed 7] [--json bench/out/annotate.json]

1. **One large text.**  About ``--mb`` megabytes of English agency paragraphs, made
   from templates with the officials of ``graph/data/officials.yaml`` (the same seed
   always gives the same text), annotated once by the shipped annotator.  Reported:
   words/s of that one call, the time to build the annotator, and the peak resident
   memory of the process (``resource.getrusage``) before and after the call.
2. **Real-sized texts.**  The median words/s over the texts of ``examples/gold/`` and
   ``examples/annotate-dev/`` (native files with ``article.text``, or raw ``.txt``),
   when present, each annotated once after one warm-up call.

The aim on the 2-core reference machine is above 20,000 words/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from graph.errors import InvalidArticle
from graph.identity import StateTable
from loaders import find_files

if TYPE_CHECKING:
    from loaders.text import Annotator

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "graph" / "data"
CORPORA = (ROOT / "examples" / "gold", ROOT / "examples" / "annotate-dev")
PUBLISHED = date(2017, 11, 22)
FALLBACK_DAY = date(2017, 6, 1)  # for a raw dev text that carries no date

# -- the generated text ----------------------------------------------------------------

AGENCIES = ("Reuters", "AFP", "AP", "TASS", "IRNA", "SANA", "AA", "Xinhua")
CITIES = (
    "Moscow", "Tehran", "Ankara", "Damascus", "Astana", "Geneva", "Sochi", "Baghdad",
    "Beirut", "Cairo", "Riyadh", "Doha", "Amman", "Vienna", "Brussels", "Paris", "Berlin",
    "London", "Washington", "New York", "Beijing", "Istanbul", "Erbil", "Minsk",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TOPICS = (
    "the war in Syria", "the peace talks in Astana", "a ceasefire in Idlib",
    "trade and energy projects", "the return of refugees", "security on their border",
    "the Iran nuclear deal", "the fight against terrorism", "a new gas pipeline",
    "the constitutional committee", "prisoner exchanges", "reconstruction aid",
)  # fmt: skip
ISSUES = (
    "the Kurdish independence referendum", "the sanctions imposed last month",
    "the military operation near the border", "the new settlement plan",
    "foreign interference in its internal affairs", "the blockade of the port",
)  # fmt: skip
MEETINGS = (
    "{a} met {b} in {city} on {day} to discuss {topic}.",
    "{a} received {b} in {city} on {day}, and the two talked about {topic}.",
    "{a} held talks with {b} on {day} in {city}, focusing on {topic}.",
    "{a} and {b} met on the sidelines of a conference in {city} on {day}.",
    "{a} spoke by telephone with {b} on {day} about {topic}, {agency} reported.",
    "During a visit to {city} on {day}, {a} sat down with {b} for talks on {topic}.",
)
STANCES = (
    "{a} voiced support for the {demonym} government in {topic}.",
    "{a} said his country stood by the {demonym} people in {topic}.",
    "{a} praised the role of {country2} in {topic}.",
    "{a} rejected {issue}, calling it illegal.",
    "{a} condemned {issue} and urged the {demonym} government to change course.",
    "{a} criticised the {demonym} leadership over {issue}.",
)
FILLERS = (
    "The ministry gave no further details.",
    "Officials said the two sides agreed to stay in close contact.",
    "A joint statement is expected later this week.",
    "Experts from both countries will meet again next month.",
    "The talks lasted about two hours, according to a diplomatic source.",
    "Neither side took questions from reporters after the meeting.",
)


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    mention: str  # "Syrian Foreign Minister Walid Muallem"
    country: str  # "Syria"
    demonym: str  # "Syrian"


def _people() -> list[_Person]:
    """Officials of the gazetteer with a state and an office, as a report names them."""
    states = yaml.safe_load((DATA / "states.yaml").read_text(encoding="utf-8"))
    names = StateTable.default()
    people = []
    for entry in yaml.safe_load((DATA / "officials.yaml").read_text(encoding="utf-8"))["officials"]:
        country, offices = entry.get("country"), entry.get("offices") or []
        demonyms = (states.get(country) or {}).get("demonyms") or []
        if not country or not offices or not demonyms:
            continue
        title = offices[-1]["title"]
        mention = f"{demonyms[0]} {title} {entry['name']}"
        people.append(_Person(entry["name"], mention, names.display_name(country), demonyms[0]))
    return people


def paragraphs(seed: int) -> Iterator[str]:
    """Endless agency paragraphs (a dateline, a meeting, stances, a closing line)."""
    rng = random.Random(seed)
    people = _people()
    day = PUBLISHED
    while True:
        a, b = rng.sample(people, 2)
        city, agency = rng.choice(CITIES), rng.choice(AGENCIES)
        day -= timedelta(days=rng.randint(0, 2))
        fields = {
            "a": a.mention,
            "b": b.mention,
            "city": city,
            "agency": agency,
            "day": rng.choice(WEEKDAYS),
            "topic": rng.choice(TOPICS),
            "issue": rng.choice(ISSUES),
            "demonym": b.demonym,
            "country2": b.country,
        }
        sentences = [rng.choice(MEETINGS).format(**fields)]
        last = a.name.split()[-1]
        surname = {**fields, "a": last[0].upper() + last[1:]}
        sentences += [rng.choice(STANCES).format(**surname) for _ in range(rng.randint(1, 2))]
        sentences.append(rng.choice(FILLERS))
        dateline = f"{city.upper()}, {day:%b} {day.day} ({agency}) - "
        yield dateline + " ".join(sentences)


def build_text(size_bytes: int, seed: int) -> str:
    """A headline, a blank line and paragraphs until ``size_bytes`` (UTF-8) is reached."""
    parts = ["Diplomatic round-up: ministers meet across the region", ""]
    total = sum(len(p) + 2 for p in parts)
    for paragraph in paragraphs(seed):
        parts.append(paragraph + "\n")
        total += len(paragraph.encode("utf-8")) + 2
        if total >= size_bytes:
            break
    return "\n".join(parts)


# -- measuring -------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def _texts(folders: Sequence[Path]) -> Iterator[tuple[str, str, date | None]]:
    """(origin, text, published) of every gold or dev article found."""
    present = [f for f in folders if f.is_dir()]
    for folder in present:
        for path in sorted(folder.rglob("*.txt")):
            yield str(path), path.read_text(encoding="utf-8"), None
    for path in find_files(present):
        if path.suffix.lower() not in (".yaml", ".yml"):
            continue
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            article = (doc or {}).get("article") if isinstance(doc, dict) else None
            if isinstance(article, dict) and isinstance(article.get("text"), str):
                published = article.get("published")
                day = published if isinstance(published, date) else None
                yield str(path), article["text"], day


def measure_large(annotator: Annotator, size_bytes: int, seed: int) -> dict[str, Any]:
    text = build_text(size_bytes, seed)
    rss_before = _peak_rss_mb()
    start = time.perf_counter()
    draft = annotator.annotate(text, origin="bench.txt", published=PUBLISHED, source="bench")
    seconds = time.perf_counter() - start
    return {
        "bytes": len(text.encode("utf-8")),
        "words": draft.words,
        "seconds": seconds,
        "words_per_s": draft.words / seconds,
        "entities": len(draft.document.get("entities") or ()),
        "events": len(draft.document.get("events") or ()),
        "relations": len(draft.document.get("relations") or ()),
        "peak_rss_mb_before": rss_before,
        "peak_rss_mb": _peak_rss_mb(),
    }


def measure_corpora(annotator: Annotator, folders: Sequence[Path]) -> dict[str, Any]:
    texts = list(_texts(folders))
    rates: list[float] = []
    refused: list[str] = []
    warmed = False
    for origin, text, published in texts:
        day = published or FALLBACK_DAY
        try:
            if not warmed:
                annotator.annotate(text, origin=origin, published=day)
                warmed = True
            start = time.perf_counter()
            draft = annotator.annotate(text, origin=origin, published=day)
            seconds = time.perf_counter() - start
        except InvalidArticle:
            refused.append(origin)
            continue
        rates.append(draft.words / seconds)
    return {
        "folders": [str(f.relative_to(ROOT)) for f in folders if f.is_dir()],
        "texts": len(rates),
        "refused": refused,
        "median_words_per_s": statistics.median(rates) if rates else None,
    }


def measure(mb: float, seed: int, folders: Sequence[Path] = CORPORA) -> dict[str, Any]:
    from loaders.text import Annotator

    start = time.perf_counter()
    annotator = Annotator()
    build_s = time.perf_counter() - start
    return {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "build_s": build_s,
        "large": measure_large(annotator, int(mb * 1024 * 1024), seed),
        "corpora": measure_corpora(annotator, folders),
    }


def _report(row: dict[str, Any]) -> str:
    large, corpora = row["large"], row["corpora"]
    median = corpora["median_words_per_s"]
    lines = [
        f"machine: {row['machine']['cores']} cores, Python {row['machine']['python']}",
        f"annotator built in {row['build_s']:.2f} s",
        f"one text of {large['bytes'] / 1e6:.1f} MB, {large['words']:,} words: "
        f"{large['seconds']:.1f} s, {large['words_per_s']:,.0f} words/s "
        f"({large['entities']} entities, {large['events']} events, "
        f"{large['relations']} relations)",
        f"peak RSS: {large['peak_rss_mb_before']:.0f} MB before annotating, "
        f"{large['peak_rss_mb']:.0f} MB after",
    ]
    if median is None:
        lines.append("no gold or dev texts found")
    else:
        refused = f", {len(corpora['refused'])} refused" if corpora["refused"] else ""
        lines.append(
            f"{corpora['texts']} texts of {', '.join(corpora['folders'])}: "
            f"median {median:,.0f} words/s{refused}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the large text")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    print(f"annotating {args.mb:g} MB of generated text ...", file=sys.stderr, flush=True)
    row = measure(args.mb, args.seed)
    print(_report(row))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(row, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
