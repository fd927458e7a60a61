"""``diplograph annotate``, ``ingest --annotate`` and ``evaluate`` through the entry point.

The texts in ``tests/fixtures/text/`` are written for these tests.  The main one is
dated by its dateline "Oct 11" (a Wednesday in 2017) and says the ministers met "on
Monday": 2017-10-09.  None of these tests needs Neo4j.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from click.testing import CliRunner, Result

from diplograph.cli import main
from tests.conftest import ROOT, SAMPLES

TEXTS = ROOT / "tests" / "fixtures" / "text"
REPORT = TEXTS / "lavrov-muallem.txt"
PUBLISHED = "2017-10-11"
MEETING_DAY = "2017-10-09"
LAVROV, MUALLEM = "person:sergei-lavrov", "person:walid-muallem"

Run = Callable[..., Result]


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """``diplograph ARGS --config <a config with a fresh embedded store>``."""
    config = tmp_path / "config.yaml"
    config.write_text(f"store:\n  path: {tmp_path / 'store.sqlite'}\n", encoding="utf-8")
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, [*args, "--config", str(config)], catch_exceptions=False)

    return invoke


def _draft(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return doc


def _names(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in doc.get("entities") or []}


def _meetings(run: Run, entity: str = "Lavrov") -> list[dict[str, Any]]:
    result = run("query", "meetings", "--entity", entity, "--json")
    assert result.exit_code == 0, result.output
    items: list[dict[str, Any]] = orjson.loads(result.stdout)["items"]
    return items


def _assert_lavrov_met_muallem(run: Run) -> None:
    met = [m for m in _meetings(run) if m["b"]["id"] == MUALLEM]
    assert met, _meetings(run)
    assert {m["a"]["id"] for m in met} == {LAVROV}
    assert {m["date"] for m in met} == {MEETING_DAY}
    assert {(m["place"] or {}).get("name") for m in met} == {"Moscow"}


# -- annotate --------------------------------------------------------------------------


def test_draft_is_written_and_ingest_accepts_it(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    result = run("annotate", str(REPORT), "--published", PUBLISHED, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    draft = out / "lavrov-muallem.yaml"
    assert draft.is_file()
    assert draft.read_text(encoding="utf-8").startswith("# Draft by `diplograph annotate`")
    assert "1 file: 1 drafted" in result.stderr and "words/s" in result.stderr
    doc = _draft(draft)
    assert doc["article"]["id"] == "lavrov-muallem"
    assert str(doc["article"]["published"]) == PUBLISHED
    assert doc["article"]["text"] == REPORT.read_text(encoding="utf-8")

    loaded = run("ingest", str(draft))
    assert loaded.exit_code == 0, loaded.output
    assert "1 files: 1 articles created" in loaded.stdout
    _assert_lavrov_met_muallem(run)


def test_meeting_date_place_and_stances(run: Run) -> None:
    """The meeting "on Monday" is dated from the dateline, held in Moscow, and the
    support and rejection sentences give one relation each."""
    result = run("annotate", str(REPORT), "--published", PUBLISHED)
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(result.stdout)
    entities = _names(doc)
    meetings = [e for e in doc["events"] if e["type"] == "Meeting"]
    assert len(meetings) == 1, doc["events"]
    (meeting,) = meetings
    assert str(meeting["date"]) == MEETING_DAY
    assert "Moscow" in entities[meeting["place"]]["name"]
    participants = {entities[p]["name"] for p in meeting["participants"]}
    assert participants == {"Sergei Lavrov", "Walid Muallem"}

    def stance(kind: str) -> set[tuple[str, str]]:
        return {
            (entities[r["source"]]["name"], entities[r["target"]].get("country") or "")
            for r in doc["relations"]
            if r["type"] == kind
        }

    assert ("Sergei Lavrov", "SYR") in stance("SUPPORTS")
    assert ("Walid Muallem", "TUR") in stance("REJECTS")
    for relation in doc["relations"]:
        start, end = relation["span"]
        assert doc["article"]["text"][start:end] == relation["evidence"]


def test_published_wins_over_the_dateline(run: Run) -> None:
    """Another publication date moves the meeting with it: "on Monday" is relative."""
    result = run("annotate", str(REPORT), "--published", "2018-10-11")  # a Thursday
    assert result.exit_code == 0, result.output
    (meeting,) = [e for e in yaml.safe_load(result.stdout)["events"] if e["type"] == "Meeting"]
    assert str(meeting["date"]) == "2018-10-08"


def test_dateline_with_a_year_dates_the_text(run: Run) -> None:
    """Without --published, a full dateline date dates the article ("on Tuesday": the 24th)."""
    result = run("annotate", str(TEXTS / "velayati-mikdad.txt"))
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(result.stdout)
    assert str(doc["article"]["published"]) == "2017-10-25"
    assert doc["article"]["source"] == "IRNA"
    entities = _names(doc)
    (meeting,) = [e for e in doc["events"] if e["type"] == "Meeting"]
    assert str(meeting["date"]) == "2017-10-24"
    assert entities[meeting["place"]]["name"] == "Tehran"
    participants = {entities[p]["name"] for p in meeting["participants"]}
    assert participants == {"Ali Akbar Velayati", "Fayssal Mikdad"}


def test_source_option_names_the_publisher(run: Run) -> None:
    result = run("annotate", str(REPORT), "--published", PUBLISHED, "--source", "Wire")
    assert yaml.safe_load(result.stdout)["article"]["source"] == "Wire"
    plain = run("annotate", str(REPORT), "--published", PUBLISHED)
    assert yaml.safe_load(plain.stdout)["article"]["source"] == "Reuters"


def test_several_files_need_out(run: Run, tmp_path: Path) -> None:
    result = run("annotate", str(REPORT), str(TEXTS / "undated.txt"))
    assert result.exit_code == 2
    assert "--out" in result.stderr
    assert result.stdout == ""


def test_two_files_one_bad(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    result = run(
        "annotate",
        str(TEXTS / "empty.txt"),
        str(REPORT),
        "--published",
        PUBLISHED,
        "--out",
        str(out),
    )
    assert result.exit_code == 1
    assert f"error: {TEXTS / 'empty.txt'}" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["lavrov-muallem.yaml"]
    assert "2 files: 1 drafted" in result.stderr and "1 failed" in result.stderr


def test_folder_of_texts(run: Run, tmp_path: Path) -> None:
    raw = tmp_path / "raw" / "nested"
    raw.mkdir(parents=True)
    shutil.copy(REPORT, raw / "one.txt")
    shutil.copy(REPORT, raw / "two.txt")
    (raw / "notes.md").write_text("not a text to annotate\n", encoding="utf-8")
    out = tmp_path / "drafts"
    result = run("annotate", str(tmp_path / "raw"), "--published", PUBLISHED, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["one.yaml", "two.yaml"]


def test_existing_drafts_are_kept_without_force(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    out.mkdir()
    reviewed = out / "lavrov-muallem.yaml"
    reviewed.write_text("# reviewed by hand\n", encoding="utf-8")
    args = ("annotate", str(REPORT), "--published", PUBLISHED, "--out", str(out))
    kept = run(*args)
    assert kept.exit_code == 1 and "--force" in kept.stderr
    assert reviewed.read_text(encoding="utf-8") == "# reviewed by hand\n"
    replaced = run(*args, "--force")
    assert replaced.exit_code == 0, replaced.output
    assert reviewed.read_text(encoding="utf-8").startswith("# Draft by")


def test_same_names_in_two_folders_are_refused(run: Run, tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(REPORT, tmp_path / folder / "report.txt")
    out = tmp_path / "drafts"
    result = run(
        "annotate",
        str(tmp_path / "a" / "report.txt"),
        str(tmp_path / "b" / "report.txt"),
        "--published",
        PUBLISHED,
        "--out",
        str(out),
    )
    assert result.exit_code == 1
    assert "rename one" in result.stderr
    assert [p.name for p in out.iterdir()] == ["report.yaml"]


# -- bad input -------------------------------------------------------------------------


def _refused(run: Run, path: Path, tmp_path: Path, *options: str) -> Result:
    """The file is refused with a message naming it, and no draft is written."""
    out = tmp_path / "drafts"
    result = run("annotate", str(path), "--out", str(out), *options)
    assert result.exit_code == 1, result.output
    assert f"error: {path}" in result.stderr
    assert list(out.iterdir()) == []
    assert "0 drafted" in result.stderr and "1 failed" in result.stderr
    return result


def test_empty_file(run: Run, tmp_path: Path) -> None:
    result = _refused(run, TEXTS / "empty.txt", tmp_path, "--published", PUBLISHED)
    assert "empty" in result.stderr.lower()


def test_french_text(run: Run, tmp_path: Path) -> None:
    result = _refused(run, TEXTS / "french.txt", tmp_path, "--published", PUBLISHED)
    assert "english" in result.stderr.lower()


def test_text_that_is_not_utf8(run: Run, tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    text = REPORT.read_text(encoding="utf-8").replace("Muallem", "Mu\u2019allem", 1)
    latin.write_bytes(text.encode("cp1252"))
    result = _refused(run, latin, tmp_path, "--published", PUBLISHED)
    assert "UTF-8" in result.stderr


def test_text_without_any_date(run: Run, tmp_path: Path) -> None:
    result = _refused(run, TEXTS / "undated.txt", tmp_path)
    assert "--published" in result.stderr


def test_html_page_is_stripped_with_a_warning(run: Run, tmp_path: Path) -> None:
    page = TEXTS / "page.html"
    out = tmp_path / "drafts"
    result = run("annotate", str(page), "--published", PUBLISHED, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"{page}: warning:" in result.stderr and "HTML" in result.stderr
    doc = _draft(out / "page.yaml")
    assert "<p>" not in doc["article"]["text"] and "analytics" not in doc["article"]["text"]
    names = {e["name"] for e in doc["entities"]}
    assert {"Sergei Lavrov", "Walid Muallem"} <= names


@pytest.mark.parametrize("bad", ["2017-02-30", "11/10/2017", "yesterday"])
def test_bad_published_date(run: Run, tmp_path: Path, bad: str) -> None:
    out = tmp_path / "drafts"
    result = run("annotate", str(REPORT), "--published", bad, "--out", str(out))
    assert result.exit_code == 1
    assert f"--published: {bad!r} is not a valid ISO date (YYYY-MM-DD)" in result.stderr
    assert not out.exists()


def test_missing_file_is_one_failure(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    missing = tmp_path / "missing.txt"
    result = run("annotate", str(missing), str(REPORT), "--published", PUBLISHED, "--out", str(out))
    assert result.exit_code == 1
    assert f"error: {missing}" in result.stderr
    assert [p.name for p in out.iterdir()] == ["lavrov-muallem.yaml"]


# -- ingest --annotate -----------------------------------------------------------------


def test_ingest_annotate_stores_the_meeting(run: Run, tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    (batch / "raw").mkdir(parents=True)
    shutil.copy(REPORT, batch / "raw" / "lavrov-muallem.txt")
    shutil.copy(SAMPLES / "sana-2017-10-25-tehran.yaml", batch)
    result = run("ingest", str(batch), "--annotate", "--published", PUBLISHED)
    assert result.exit_code == 0, result.output
    assert "2 files (1 annotated from text" in result.stdout
    assert "2 articles created" in result.stdout
    _assert_lavrov_met_muallem(run)
    again = run("ingest", str(batch), "--annotate", "--published", PUBLISHED)
    assert "2 unchanged" in again.stdout  # drafting is deterministic: re-ingesting is harmless


def test_ingest_annotate_reports_bad_texts_and_loads_the_rest(run: Run, tmp_path: Path) -> None:
    result = run(
        "ingest",
        str(TEXTS / "french.txt"),
        str(REPORT),
        "--annotate",
        "--published",
        PUBLISHED,
    )
    assert result.exit_code == 1
    assert f"error: {TEXTS / 'french.txt'}" in result.stderr
    assert "1 articles created" in result.stdout and "1 failed" in result.stdout


def test_ingest_annotate_says_when_a_text_names_nobody(run: Run, tmp_path: Path) -> None:
    weather = tmp_path / "weather.txt"
    weather.write_text("Rain is expected over the coast on Friday, with sunshine later.\n")
    result = run("ingest", str(weather), "--annotate", "--published", PUBLISHED)
    assert result.exit_code == 1
    assert f"{weather}: nothing to ingest: the annotator found no official" in result.stderr


def test_ingest_without_annotate_refuses_raw_text(run: Run) -> None:
    result = run("ingest", str(REPORT), str(SAMPLES / "sana-2017-10-25-tehran.yaml"))
    assert result.exit_code == 1
    assert f"error: {REPORT}" in result.stderr and "--annotate" in result.stderr
    assert "1 articles created" in result.stdout  # the good file still loads
    folder = run("ingest", str(TEXTS))  # in folders, .txt files are not looked for
    assert folder.exit_code == 0 and "0 files" in folder.stdout


def test_ingest_options_of_raw_text_need_annotate(run: Run) -> None:
    result = run("ingest", str(SAMPLES), "--published", PUBLISHED)
    assert result.exit_code == 2 and "--annotate" in result.stderr


def test_ingest_annotate_skips_brat_texts(run: Run, tmp_path: Path) -> None:
    brat = ROOT / "tests" / "fixtures" / "tools" / "brat"
    copy = tmp_path / "brat"
    shutil.copytree(brat, copy)
    plain = run("ingest", str(copy))
    annotated = run("ingest", str(copy), "--annotate", "--published", PUBLISHED)
    assert annotated.stdout.split(":")[0] == plain.stdout.split(":")[0]  # same files


# -- evaluate --------------------------------------------------------------------------


def _gold(folder: Path) -> Path:
    """A gold article for the main text, annotated by hand after GUIDELINES.md."""
    text = REPORT.read_text(encoding="utf-8")

    def span(sentence: str) -> list[int]:
        start = text.index(sentence)
        return [start, start + len(sentence)]

    met = text[text.index("Russian Foreign") : text.index("said.") + 5]
    backs = "Lavrov voiced support for the Syrian government in its fight against terrorism."
    rejects = text[text.index("Muallem rejected") : text.rindex(".") + 1]
    doc = {
        "format": "diplograph/v1",
        "article": {
            "id": "gold-lavrov-muallem",
            "title": text.splitlines()[0],
            "published": PUBLISHED,
            "source": "Reuters",
            "language": "en",
            "text": text,
        },
        "entities": [
            {"id": "lavrov", "type": "Official", "name": "Sergei Lavrov", "country": "RUS"},
            {"id": "muallem", "type": "Official", "name": "Walid Muallem", "country": "SYR"},
            {"id": "moscow", "type": "Place", "name": "Moscow", "country": "RUS"},
            {"id": "rus", "type": "State", "name": "Russia", "country": "RUS"},
            {"id": "syr", "type": "State", "name": "Syria", "country": "SYR"},
            {"id": "tur", "type": "State", "name": "Turkey", "country": "TUR"},
            {"id": "idlib", "type": "Place", "name": "Idlib", "country": "SYR"},
        ],
        "events": [
            {
                "id": "m1",
                "type": "Meeting",
                "date": MEETING_DAY,
                "place": "moscow",
                "participants": ["lavrov", "muallem"],
            }
        ],
        "relations": [
            {
                "type": "MET_WITH",
                "source": "lavrov",
                "target": "muallem",
                "event": "m1",
                "date": MEETING_DAY,
                "evidence": met,
                "span": span(met),
            },
            {
                "type": "SUPPORTS",
                "source": "lavrov",
                "target": "syr",
                "evidence": backs,
                "span": span(backs),
            },
            {
                "type": "REJECTS",
                "source": "muallem",
                "target": "tur",
                "about": "military incursion into Idlib province",
                "evidence": rejects,
                "span": span(rejects),
            },
        ],
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "gold-lavrov-muallem.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_evaluate_prints_scores_and_writes_errors(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gold = tmp_path / "gold"
    _gold(gold)
    monkeypatch.chdir(tmp_path)
    table = run("evaluate", str(gold))
    assert table.exit_code == 0, table.output
    for row in ("MET_WITH", "SUPPORTS", "REJECTS", "entities"):
        assert row in table.stdout
    assert (tmp_path / "evaluation-errors.yaml").is_file()
    assert "evaluation-errors.yaml" in table.output

    errors = tmp_path / "out" / "errors.yaml"
    errors.parent.mkdir()
    as_json = run("evaluate", str(gold), "--json", "--errors", str(errors))
    assert as_json.exit_code == 0, as_json.output
    scores = orjson.loads(as_json.stdout)["scores"]
    assert set(scores) == {"MET_WITH", "SUPPORTS", "REJECTS", "entities"}
    for score in scores.values():
        assert {"tp", "fp", "fn", "precision", "recall", "f1"} <= score.keys()
        assert 0 <= score["f1"] <= 1
    assert scores["MET_WITH"]["tp"] == 1  # the one meeting, found
    listed = yaml.safe_load(errors.read_text(encoding="utf-8"))
    assert isinstance(listed, list)
    assert all({"article", "origin", "missed", "spurious"} <= e.keys() for e in listed)


def test_evaluate_reports_a_bad_gold_file(run: Run, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    _gold(gold)
    (gold / "broken.yaml").write_text("article: {id: broken}\n", encoding="utf-8")
    result = run("evaluate", str(gold), "--errors", str(tmp_path / "errors.yaml"))
    assert result.exit_code == 1
    assert "broken.yaml" in result.stderr
    assert "MET_WITH" in result.stdout  # the good article is still scored


def test_evaluate_without_gold_files(run: Run, tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "notes.txt").write_text("no gold here\n", encoding="utf-8")
    result = run("evaluate", str(tmp_path / "gold"))
    assert result.exit_code == 1 and "no gold files" in result.stderr
