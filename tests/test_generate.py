"""The synthetic corpus generator: deterministic, well-formed and shaped like event data."""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml

from bench.generate import (
    N_STATES,
    Article,
    build_world,
    corpus_stats,
    dump_article,
    generate,
    main,
    norm_key,
    relation_count_weights,
    to_yaml,
    write_corpus,
)

ENTITY_TYPES = {"Official", "State", "Organization", "Place"}
EVENT_TYPES = {"Meeting", "Visit", "Call", "Conference", "Referendum", "Agreement", "Other"}
RELATION_TYPES = {"MET_WITH", "SUPPORTS", "REJECTS"}


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


@pytest.fixture(scope="module")
def corpus() -> list[Article]:
    return list(generate(2000, 11))


@pytest.fixture(scope="module")
def stats(corpus: list[Article]) -> dict[str, Any]:
    return corpus_stats(corpus)


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


# ---------------------------------------------------------------- determinism


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    for fmt in ("yaml", "json"):
        a, b = tmp_path / f"a-{fmt}", tmp_path / f"b-{fmt}"
        assert write_corpus(a, 300, 5, fmt) == 300
        assert write_corpus(b, 300, 5, fmt) == 300
        assert _digest(a) == _digest(b)


def test_different_seed_different_output() -> None:
    one = [dump_article(d) for d in generate(50, 1)]
    two = [dump_article(d) for d in generate(50, 2)]
    assert one != two
    assert sum(x == y for x, y in zip(one, two, strict=True)) == 0


def test_prefix_is_stable() -> None:
    """The first n articles do not depend on how many are asked for."""
    short = list(generate(20, 9))
    long = list(itertools.islice(generate(500, 9), 20))
    assert short == long


# --------------------------------------------------------------------- counts


def test_world_counts() -> None:
    world = build_world(3)
    assert len(world.states) == N_STATES
    assert len({s.code for s in world.states}) == N_STATES
    assert all(len(s.code) == 3 and s.code.isupper() for s in world.states)
    for code, officials in world.officials_by_state.items():
        assert 2 <= len(officials) <= 8, code
        titles = [world.officials[i].title for i in officials]
        assert len(set(titles)) == len(titles), code  # (country, title) identifies an official
    assert 35 <= len(world.organizations) <= 45
    assert 280 <= len(world.places) <= 400
    assert {p.country for p in world.places} <= {s.code for s in world.states}
    assert {g.country for g in world.organizations} <= {s.code for s in world.states}
    # canonical names are distinct even after normalising spellings
    keys = [norm_key(o.name) for o in world.officials]
    assert len(set(keys)) == len(keys)
    for o in world.officials:
        assert all(norm_key(v) == norm_key(o.name) and v != o.name for v in o.variants)


def test_write_corpus_counts(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    assert write_corpus(out, 120, 4, "yaml") == 120
    files = sorted(out.iterdir())
    assert len(files) == 120
    assert all(f.suffix == ".yaml" for f in files)
    assert write_corpus(tmp_path / "empty", 0, 4, "json") == 0


def test_several_articles_per_file(tmp_path: Path) -> None:
    docs = list(generate(25, 6))
    assert write_corpus(tmp_path / "y", 25, 6, "yaml", per_file=10) == 25
    assert write_corpus(tmp_path / "j", 25, 6, "json", per_file=10) == 25
    yaml_files = sorted((tmp_path / "y").iterdir())
    json_files = sorted((tmp_path / "j").iterdir())
    assert yaml_files[0].name == "synth-6-part-00001.yaml"
    assert len(yaml_files) == len(json_files) == 3
    loaded = [d for f in yaml_files for d in yaml.safe_load_all(f.read_text(encoding="utf-8"))]
    assert loaded == docs
    arrays = [orjson.loads(f.read_bytes()) for f in json_files]
    assert [d["article"]["id"] for a in arrays for d in a] == [d["article"]["id"] for d in docs]


def test_ids_unique_and_readable(corpus: list[Article]) -> None:
    ids = [d["article"]["id"] for d in corpus]
    assert ids == [f"synth-11-{n}" for n in range(1, len(corpus) + 1)]


# ------------------------------------------------------------------ structure


def test_every_reference_is_declared(corpus: list[Article]) -> None:
    for doc in corpus:
        art = doc["article"]
        assert doc["format"] == "diplograph/v1"
        assert art["title"] and art["source"] and art["language"] == "en"
        assert "text" not in art
        entities = {e["id"]: e for e in doc["entities"]}
        events = {e["id"]: e for e in doc.get("events", [])}
        assert len(entities) == len(doc["entities"])
        assert len(events) == len(doc.get("events", []))
        assert not set(entities) & set(events), art["id"]
        for e in doc["entities"]:
            assert e["type"] in ENTITY_TYPES
            assert e["name"] and len(e["country"]) == 3
            assert ("title" in e) == (e["type"] == "Official")
        for ev in events.values():
            assert ev["type"] in EVENT_TYPES
            assert ev["date"] <= art["published"], art["id"]
            if "place" in ev:
                assert entities[ev["place"]]["type"] in {"Place", "State"}
            for p in ev.get("participants", []):
                assert p in entities, (art["id"], p)
        for rel in doc["relations"]:
            assert rel["type"] in RELATION_TYPES
            assert rel["source"] in entities, (art["id"], rel)
            assert rel["target"] in entities or rel["target"] in events, (art["id"], rel)
            assert rel["source"] != rel["target"]
            assert rel["evidence"]
            if "event" in rel:
                assert rel["event"] in events
                participants = events[rel["event"]]["participants"]
                assert rel["source"] in participants and rel["target"] in participants
            if rel["type"] != "MET_WITH":
                assert rel["about"]
            assert 0 < rel.get("confidence", 1) <= 1
        # every declared entity is used by something
        used = {r["source"] for r in doc["relations"]} | {r["target"] for r in doc["relations"]}
        for ev in events.values():
            used |= set(ev.get("participants", [])) | ({ev["place"]} if "place" in ev else set())
        assert used >= set(entities), art["id"]


def test_dates_in_2017(corpus: list[Article]) -> None:
    for doc in corpus:
        assert doc["article"]["published"].year == 2017
        for rel in doc["relations"]:
            assert rel["date"].year == 2017
            assert rel["date"] <= doc["article"]["published"]


def test_yaml_round_trips_and_matches_pyyaml(corpus: list[Article]) -> None:
    for doc in corpus[:500]:
        text = to_yaml(doc)
        assert yaml.safe_load(text) == doc
        expected = yaml.dump(
            doc, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=1 << 16
        )
        assert text == expected


def test_json_round_trips(corpus: list[Article]) -> None:
    doc = corpus[0]
    loaded = orjson.loads(dump_article(doc, "json"))
    assert loaded["article"]["published"] == doc["article"]["published"].isoformat()
    assert loaded["relations"][0]["type"] == doc["relations"][0]["type"]


def test_files_hold_the_documents(tmp_path: Path) -> None:
    write_corpus(tmp_path, 30, 8, "yaml")
    docs = list(generate(30, 8))
    for doc in docs:
        path = tmp_path / f"{doc['article']['id']}.yaml"
        assert yaml.safe_load(path.read_text(encoding="utf-8")) == doc


# ----------------------------------------------------------------- statistics


def test_relation_count_bounds_and_mean(corpus: list[Article], stats: dict[str, Any]) -> None:
    counts = [len(d["relations"]) for d in corpus]
    assert min(counts) >= 1 and max(counts) <= 5
    assert abs(stats["relations_per_article"] - 1.5) < 0.08


@pytest.mark.parametrize("mean", [1.0, 2.5])
def test_relation_mean_is_configurable(mean: float) -> None:
    docs = list(generate(1500, 2, relations_mean=mean))
    got = sum(len(d["relations"]) for d in docs) / len(docs)
    assert abs(got - mean) < 0.1
    assert abs(sum((k + 1) * p for k, p in enumerate(relation_count_weights(mean))) - mean) < 1e-6


def test_bad_options_are_rejected() -> None:
    with pytest.raises(ValueError):
        next(generate(1, 1, relations_mean=6))
    with pytest.raises(ValueError):
        next(generate(1, 1, mix=(1, -1, 0)))


def test_type_mix(stats: dict[str, Any]) -> None:
    share = stats["type_share"]
    assert abs(share["MET_WITH"] - 0.60) < 0.04
    assert abs(share["SUPPORTS"] - 0.25) < 0.04
    assert abs(share["REJECTS"] - 0.15) < 0.04
    custom = corpus_stats(generate(1000, 3, mix=(0, 1, 1)))["type_share"]
    assert custom["MET_WITH"] == 0 and abs(custom["SUPPORTS"] - 0.5) < 0.06


def test_hub_states_take_a_large_share(stats: dict[str, Any]) -> None:
    assert stats["top_states_relation_share"] > 0.30
    assert "USA" in stats["top_states"]


def test_most_met_with_come_from_events(corpus: list[Article]) -> None:
    met = [r for d in corpus for r in d["relations"] if r["type"] == "MET_WITH"]
    assert sum("event" in r for r in met) / len(met) > 0.7
    sizes = Counter(
        len(ev["participants"])
        for d in corpus
        for ev in d.get("events", [])
        if ev["type"] in {"Meeting", "Visit", "Call"}
    )
    assert set(sizes) <= {2, 3, 4}


def test_events_are_reported_about_three_times(stats: dict[str, Any]) -> None:
    assert 2.5 <= stats["reports_per_event"] <= 3.5


def test_reports_of_one_event_differ_in_id_and_source(corpus: list[Article]) -> None:
    by_event: dict[tuple[Any, ...], list[Article]] = {}
    for doc in corpus:
        entities = {e["id"]: e for e in doc["entities"]}
        for ev in doc.get("events", []):
            if ev["type"] in {"Meeting", "Visit", "Call"}:
                key = (
                    ev["type"],
                    ev["date"],
                    tuple(
                        sorted(
                            (entities[p]["country"], entities[p].get("title", ""))
                            for p in ev["participants"]
                        )
                    ),
                )
                by_event.setdefault(key, []).append(doc)
    multi = [docs for docs in by_event.values() if len(docs) >= 3]
    assert len(multi) > 100
    for docs in multi:
        sources = [d["article"]["source"] for d in docs]
        assert len(set(sources)) >= min(len(docs), 3) - 1


def test_spelling_variants_appear(stats: dict[str, Any], corpus: list[Article]) -> None:
    assert stats["officials_with_variants"] > 50
    names: dict[tuple[str, str], set[str]] = {}
    for doc in corpus:
        for e in doc["entities"]:
            if e["type"] == "Official":
                names.setdefault((e["country"], e["title"]), set()).add(e["name"])
    for spellings in names.values():
        assert len({norm_key(n) for n in spellings}) == 1


def test_dates_have_bursts(stats: dict[str, Any]) -> None:
    assert stats["busiest_week_share"] > 2.5 * stats["median_week_share"]


# ------------------------------------------------------------------------ CLI


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli"
    assert (
        main(
            [
                "--articles",
                "40",
                "--seed",
                "3",
                "--out",
                str(out),
                "--format",
                "json",
                "--relations-mean",
                "2",
                "--stats",
            ]
        )
        == 0
    )
    files = sorted(out.glob("*.json"))
    assert len(files) == 40
    doc = orjson.loads(files[0].read_bytes())
    assert doc["article"]["id"].startswith("synth-3-")
    printed = orjson.loads(capsys.readouterr().out)
    assert printed["articles"] == 40
