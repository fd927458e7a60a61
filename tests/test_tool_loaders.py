"""The annotation-tool loaders: brat, Label Studio and Doccano exports, good and bad.

One article (tests/fixtures/tools) is written in each tool's own export format and
in the native format; all four must give the same graph.  Bad inputs go through
``diplograph ingest`` in one batch: each is reported with its file, line or
annotation id and reason, nothing of it is stored, and the good files still load.
"""

from __future__ import annotations

import codecs
import copy
import json
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner, Result

from diplograph.cli import main
from graph.embedded import EmbeddedStore
from graph.identity import AliasTable
from graph.ingest import ingest
from graph.model import ParsedArticle
from loaders import FORMATS, find_files, load_file
from loaders.labels import DEFAULT_LABELS

TOOLS = Path(__file__).parent / "fixtures" / "tools"
BRAT = TOOLS / "brat" / "mikdad-velayati.ann"
LABELSTUDIO = TOOLS / "labelstudio" / "project-3-export.json"
DOCCANO = TOOLS / "doccano" / "admin.jsonl"
NATIVE = TOOLS / "native" / "mikdad-velayati.yaml"
KEY = "sana-2017-10-25-mikdad-velayati"
TEXT = BRAT.with_suffix(".txt").read_text(encoding="utf-8")
ANN = BRAT.read_text(encoding="utf-8").splitlines()  # line n of the .ann is ANN[n - 1]
META = BRAT.with_suffix(".meta.yaml").read_text(encoding="utf-8")


# -- helpers ---------------------------------------------------------------------------


def _article(path: Path) -> ParsedArticle:
    result = load_file(path)
    assert not result.errors, [str(e) for e in result.errors]
    (article,) = result.articles
    return article


def _graph(path: Path) -> tuple[set[str], set[tuple[Any, ...]]]:
    """Node ids and edges (type, ends, date, evidence, span, event, derived) of one file."""
    store = EmbeddedStore(":memory:")
    try:
        report = ingest(store, load_file(path).articles, AliasTable.load())
        assert report.ok and report.count("created") == 1, [str(f) for f in report.failures]
        view = store.export()
    finally:
        store.close()
    edges = {
        (
            e["type"],
            e["source"],
            e["target"],
            e["date"],
            e.get("evidence"),
            tuple(e["span"]) if e.get("span") else None,
            e.get("event"),
            e.get("derived"),
        )
        for e in view.edges
    }
    return {n["id"] for n in view.nodes}, edges


def _brat(
    folder: Path,
    name: str,
    *,
    key: str,
    ann: list[str] | None = None,
    text: bytes | None = None,
    meta: str | None = None,
) -> None:
    """A brat document ``name`` in ``folder``: the fixture, with the given parts replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.ann").write_text("\n".join(ann or ANN) + "\n", encoding="utf-8")
    (folder / f"{name}.txt").write_bytes(TEXT.encode() if text is None else text)
    sidecar = META.replace(KEY, key) if meta is None else meta
    (folder / f"{name}.meta.yaml").write_text(sidecar, encoding="utf-8")


def _edit(lines: list[str], number: int, new: str) -> list[str]:
    """``lines`` with line ``number`` (1-based, as in messages) replaced."""
    return [new if i == number else line for i, line in enumerate(lines, 1)]


def _shift(lines: list[str], by: int, after: int = 0) -> list[str]:
    """``T`` lines with every offset at or after ``after`` moved by ``by``."""
    out = []
    for line in lines:
        ident, _, rest = line.partition("\t")
        if ident.startswith("T"):
            head, _, quoted = rest.partition("\t")
            label, *offsets = head.split(" ")
            moved = [str(int(o) + by) if int(o) >= after else o for o in offsets]
            line = f"{ident}\t{label} {' '.join(moved)}\t{quoted}"
        out.append(line)
    return out


def _task(key: str, task_id: int = 41) -> dict[str, Any]:
    (task,) = json.loads(LABELSTUDIO.read_text(encoding="utf-8"))
    task = copy.deepcopy(task)
    task["id"] = task_id
    task["data"]["article_id"] = key
    return dict(task)


def _doccano(key: str) -> dict[str, Any]:
    line: dict[str, Any] = json.loads(DOCCANO.read_text(encoding="utf-8"))
    line["article_id"] = key
    return line


# -- one article, four formats ---------------------------------------------------------


@pytest.mark.parametrize(
    "path", [BRAT, LABELSTUDIO, DOCCANO], ids=["brat", "labelstudio", "doccano"]
)
def test_each_tool_gives_the_graph_of_the_native_article(path: Path) -> None:
    nodes, edges = _graph(path)
    native_nodes, native_edges = _graph(NATIVE)
    assert nodes == native_nodes
    assert edges == native_edges


def test_the_shared_graph_is_the_article() -> None:
    nodes, edges = _graph(NATIVE)
    assert {"SYR", "IRN", "TUR", f"article:{KEY}"} <= nodes
    assertions = {
        (t, s, o, d) for t, s, o, d, *_ in edges if t in {"MET_WITH", "SUPPORTS", "REJECTS"}
    }
    people = sorted(n for n in nodes if n.startswith("person:"))
    assert len(people) == 3  # Mikdad, Velayati, Mahmoud
    mikdad, velayati = (next(p for p in people if word in p) for word in ("mikdad", "velayati"))
    day = "2017-10-25"
    assert (("MET_WITH", *sorted([mikdad, velayati]), day)) in assertions
    assert ("SUPPORTS", "IRN", "SYR", day) in assertions
    assert ("REJECTS", "SYR", "TUR", day) in assertions
    # The three at the meeting met pairwise: one stated, two derived from the event.
    assert sum(1 for t, *_ in assertions if t == "MET_WITH") == 3
    stated = [e for e in edges if e[0] == "MET_WITH" and not e[-1]]
    assert [e[4] for e in stated] == [TEXT[:148]]


def test_label_studio_uses_the_latest_annotation_that_was_not_cancelled() -> None:
    article = _article(LABELSTUDIO)
    # Annotation 57 (older) has no REJECT; 61 (newest) was cancelled and is empty.
    assert {r.type for r in article.relations} == {"MET_WITH", "SUPPORTS", "REJECTS"}
    assert article.origin == f"{LABELSTUDIO}: task 41"


def test_find_files_takes_every_format_and_skips_brat_companions(tmp_path: Path) -> None:
    shutil.copytree(TOOLS, tmp_path / "tools")
    (tmp_path / "tools" / "native" / "other.meta.yaml").write_text("x: 1\n")  # no .ann: an input
    found = [p.relative_to(tmp_path / "tools").as_posix() for p in find_files([tmp_path])]
    assert found == [
        "brat/mikdad-velayati.ann",
        "doccano/admin.jsonl",
        "labelstudio/project-3-export.json",
        "native/mikdad-velayati.yaml",
        "native/other.meta.yaml",
    ]


def test_format_override(tmp_path: Path) -> None:
    assert FORMATS == ("auto", "yaml", "brat", "labelstudio", "doccano")
    renamed = tmp_path / "export.data"
    shutil.copy(LABELSTUDIO, renamed)
    assert load_file(renamed, fmt="labelstudio").articles[0].meta.key == KEY
    assert load_file(renamed).articles[0].meta.key == KEY  # JSON content: detected anyway
    forced = load_file(LABELSTUDIO, fmt="yaml")  # read as native JSON: not an article
    assert not forced.articles
    assert "article: required field is missing" in str(forced.errors[0])
    lines = tmp_path / "lines.txt"
    shutil.copy(DOCCANO, lines)
    assert load_file(lines, fmt="doccano").articles[0].meta.key == KEY


def test_the_label_map_is_a_parameter(tmp_path: Path) -> None:
    _brat(tmp_path, "region", key="region", ann=_edit(ANN, 11, "T11\tRegion 271 276\tIdleb"))
    assert "unmapped label 'Region'" in str(load_file(tmp_path / "region.ann").errors[0])
    labels = DEFAULT_LABELS.with_overrides({"entities": {"Region": "Place"}})
    result = load_file(tmp_path / "region.ann", labels=labels)
    assert not result.errors
    assert "Idleb" in {e.name for e in result.articles[0].entities if e.type == "Place"}


def test_label_studio_and_doccano_offsets_in_utf16_units_are_converted(tmp_path: Path) -> None:
    """Both editors count offsets in JavaScript's UTF-16 units: an emoji counts two."""
    prefix = "\U0001f1f8\U0001f1fe "  # a flag: two characters, four UTF-16 units
    task = _task("emoji-ls")
    task["data"]["text"] = prefix + TEXT
    for annotation in task["annotations"]:
        for result in annotation["result"]:
            if result["type"] == "labels":
                result["value"]["start"] += 5
                result["value"]["end"] += 5
    (tmp_path / "emoji.json").write_bytes(orjson.dumps(task))
    line = _doccano("emoji-doccano")
    line["text"] = prefix + TEXT
    for entity in line["entities"]:
        entity["start_offset"] += 5
        entity["end_offset"] += 5
    (tmp_path / "emoji.jsonl").write_bytes(orjson.dumps(line))
    reference = {(e.type, e.name) for e in _article(DOCCANO).entities}
    for name in ("emoji.json", "emoji.jsonl"):
        article = _article(tmp_path / name)
        assert {(e.type, e.name) for e in article.entities} == reference, name
        # The first sentence now starts with the flag: 3 characters more, not 5 units.
        assert article.relations[0].span == (0, 151)


def test_label_studio_relation_direction(tmp_path: Path) -> None:
    task = _task("direction")
    for result in task["annotations"][1]["result"]:
        if result.get("labels") == ["SUPPORT"]:
            result["from_id"], result["to_id"] = result["to_id"], result["from_id"]
            result["direction"] = "left"  # drawn from Syria to Iran, pointing back at Iran
    (tmp_path / "direction.json").write_bytes(orjson.dumps(task))
    article = _article(tmp_path / "direction.json")
    names = {e.local_id: e.name for e in article.entities}
    supports = [
        (names[r.source], names[r.target]) for r in article.relations if r.type == "SUPPORTS"
    ]
    assert supports == [("Iran", "Syria")]


def test_doccano_sequence_labelling_export(tmp_path: Path) -> None:
    line = {"id": 3, "text": TEXT, "article_id": "seq", "title": "T", "published": "2017-10-25"}
    line["label"] = [[31, 45, "PER"], [50, 68, "PER"]]
    (tmp_path / "seq.jsonl").write_bytes(orjson.dumps(line))
    article = _article(tmp_path / "seq.jsonl")
    assert [e.name for e in article.entities] == ["Fayssal Mikdad", "Ali Akbar Velayati"]


# -- brat specifics ----------------------------------------------------------------------


def test_brat_negated_or_speculative_events_and_relations_are_not_asserted(
    tmp_path: Path,
) -> None:
    ann = [*ANN, "A1\tNegated E1", "A2\tSpeculation R2"]
    _brat(tmp_path, "negated", key="negated", ann=ann)
    article = _article(tmp_path / "negated.ann")
    assert article.events == ()  # no meeting: no derived MET_WITH either
    assert {r.type for r in article.relations} == {"MET_WITH", "SUPPORTS"}
    # The participants are still mentioned entities.
    assert "Adnan Mahmoud" in {e.name for e in article.entities}


def test_brat_attributes_and_relations_to_events(tmp_path: Path) -> None:
    ann = [*ANN, "A1\tCountry T1 SYR", "A2\tCountry T3 IRN", "R4\tSUPPORT Arg1:T13 Arg2:E1"]
    _brat(tmp_path, "attrs", key="attrs", ann=ann)
    article = _article(tmp_path / "attrs.ann")
    countries = {e.name: e.country for e in article.entities if e.type == "Official"}
    assert countries == {
        "Fayssal Mikdad": "SYR",
        "Ali Akbar Velayati": "IRN",
        "Adnan Mahmoud": None,
    }
    (event,) = article.events
    assert ("SUPPORTS", event.local_id) in {(r.type, r.target) for r in article.relations}
    _, edges = _graph(tmp_path / "attrs.ann")
    assert {(t, o) for t, s, o, *_ in edges if t == "AFFILIATED_WITH"} == {
        ("AFFILIATED_WITH", "SYR"),
        ("AFFILIATED_WITH", "IRN"),
    }


def test_brat_discontinuous_and_nested_spans(tmp_path: Path) -> None:
    outer = TEXT.index("Leader of the Islamic Revolution")
    inner = TEXT.index("Islamic Revolution")
    ann = [
        *ANN,
        "T15\tPER 31 38;219 225\tFayssal Mikdad",  # "Fayssal" ... "Mikdad": two fragments
        f"T16\tORG {outer} {outer + 32}\tLeader of the Islamic Revolution",
        f"T17\tORG {inner} {inner + 18}\tIslamic Revolution",  # nested in T16: allowed
    ]
    _brat(tmp_path, "spans", key="spans", ann=ann)
    article = _article(tmp_path / "spans.ann")
    names = {e.name for e in article.entities}
    assert {"Leader of the Islamic Revolution", "Islamic Revolution"} <= names
    assert sum(1 for e in article.entities if e.name == "Fayssal Mikdad") == 1


def test_brat_bom_and_crlf_text(tmp_path: Path) -> None:
    """brat reads the .txt with universal newlines and keeps a BOM as character 0."""
    reference = _article(BRAT)
    crlf = TEXT.replace("\n", "\r\n").encode()
    bom = codecs.BOM_UTF8 + TEXT.encode()
    # As brat writes them: CRLF counts one character, the BOM one.
    _brat(tmp_path, "crlf", key="crlf", text=crlf)
    _brat(tmp_path, "bom-brat", key="bom-brat", text=bom, ann=_shift(ANN, 1))
    # A BOM added by an editor after annotation: the quoted texts show it is not counted.
    _brat(tmp_path, "bom-editor", key="bom-editor", text=bom)
    _brat(tmp_path, "both", key="both", text=codecs.BOM_UTF8 + crlf, ann=_shift(ANN, 1))
    for name in ("crlf", "bom-brat", "bom-editor", "both"):
        article = _article(tmp_path / f"{name}.ann")
        assert article.meta.text == TEXT  # stored without BOM, with LF line breaks
        assert article.relations == reference.relations, name
        assert article.events == reference.events, name


# -- bad input, through the CLI ----------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path) -> tuple[CliRunner, Path]:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"store:\n  backend: networkx\n  path: {tmp_path / 'store.sqlite'}\n", encoding="utf-8"
    )
    return CliRunner(), config


def _ingest(cli: tuple[CliRunner, Path], *paths: Path) -> Result:
    runner, config = cli
    argv = ["ingest", *map(str, paths), "--quiet", "--config", str(config)]
    return runner.invoke(main, argv, catch_exceptions=False)


def _stored(tmp_path: Path) -> tuple[set[str], set[str]]:
    """The stored article keys, and the articles that the stored edges come from."""
    store = EmbeddedStore(tmp_path / "store.sqlite")
    try:
        view = store.export()
    finally:
        store.close()
    keys = {n["id"].removeprefix("article:") for n in view.nodes if n["type"] == "Article"}
    return keys, {e["article"].removeprefix("article:") for e in view.edges}


def _bad_batch(batch: Path) -> tuple[set[str], list[str]]:
    """A folder of good and bad exports: the good article keys and the expected errors."""
    good = {"good-brat", "crlf", "bom", "good-ls", "good-doccano-1", "good-doccano-3"}
    _brat(batch, "good-brat", key="good-brat")
    _brat(batch, "crlf", key="crlf", text=TEXT.replace("\n", "\r\n").encode())
    _brat(batch, "bom", key="bom", text=codecs.BOM_UTF8 + TEXT.encode(), ann=_shift(ANN, 1))
    # -- bad brat documents, one fault each
    (batch / "orphan.ann").write_text("\n".join(ANN) + "\n", encoding="utf-8")
    _brat(batch, "outside", key="bad-outside", ann=_edit(ANN, 3, "T3\tPER 450 999\tAli Akbar"))
    _brat(batch, "mismatch", key="bad-mismatch", ann=_edit(ANN, 1, "T1\tPER 30 44\tFayssal Mikdad"))
    _brat(batch, "dangling", key="bad-dangling", ann=_edit(ANN, 16, "R2\tREJECT Arg1:T9 Arg2:T99"))
    _brat(batch, "unmapped", key="bad-unmapped", ann=_edit(ANN, 11, "T11\tRegion 271 276\tIdleb"))
    _brat(batch, "crossing", key="bad-crossing", ann=[*ANN, "T15\tPER 39 49\tMikdad met"])
    # offsets of a tool that counted CRLF as two characters (brat counts one)
    _brat(
        batch,
        "crlf-two",
        key="bad-crlf-two",
        text=TEXT.replace("\n", "\r\n").encode(),
        ann=_shift(ANN, 1, after=TEXT.index("\n") + 1),
    )
    _brat(batch, "nometa", key="x", meta="")
    (batch / "nometa.meta.yaml").unlink()
    _brat(batch, "notitle", key="x", meta="id: bad-notitle\npublished: 2017-10-25\n")
    # -- Label Studio: a good task and one whose only annotation was cancelled
    cancelled = _task("bad-cancelled", task_id=42)
    cancelled["annotations"] = [a for a in cancelled["annotations"] if a["was_cancelled"]]
    outside = _task("bad-ls-outside", task_id=43)
    region = outside["annotations"][1]["result"][0]
    region["value"].update(start=500, end=514)
    (batch / "export.json").write_bytes(orjson.dumps([_task("good-ls"), cancelled, outside]))
    # -- Doccano: a line that is not JSON between two good lines, and a dangling relation
    dangling = _doccano("bad-doccano-dangling")
    dangling["relations"][0]["to_id"] = 999
    lines = [
        json.dumps(_doccano("good-doccano-1")),
        '{"id": 13, "text": "unterminated',
        json.dumps(_doccano("good-doccano-3")),
        json.dumps(dangling),
    ]
    (batch / "admin.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    n = len(TEXT)
    b = str(batch)
    errors = [
        f"{b}/orphan.ann: orphan.txt is missing: brat offsets refer to the .txt of the same name",
        f"{b}/outside.ann:3: T3: offsets [450, 999] are outside the text ({n} characters)",
        f"{b}/mismatch.ann:1: T1: offsets [30, 44] cover ' Fayssal Mikda', "
        "not the quoted 'Fayssal Mikdad'",
        f"{b}/dangling.ann:16: R2.target: refers to 'T99', which is not in this document",
        f"{b}/unmapped.ann:11: T11: unmapped label 'Region': map it under labels.entities "
        "or labels.events in config.yaml",
        f"{b}/crossing.ann:20: T15: span [39, 49] crosses T1 [31, 45]; "
        "spans may nest but not cross",
        f"{b}/crlf-two.ann:8: T8: offsets [220, 226] cover 'ikdad ', not the quoted 'Mikdad'",
        f"{b}/nometa.ann: no metadata: brat has no place for it, so write nometa.meta.yaml "
        "(or nometa.meta.json) beside nometa.txt with id, title and published",
        f"{b}/notitle.ann: notitle.meta.yaml: title: required field is missing",
        f"{b}/export.json: task 42: every annotation of this task was cancelled "
        "(skipped in Label Studio): nothing to load",
        f"{b}/export.json: task 43: {region['id']}: offsets [500, 514] are outside the text "
        f"({n} characters)",
        f"{b}/admin.jsonl:2: not JSON: unexpected end of data",
        f"{b}/admin.jsonl:4: relation 31.target: refers to 'entity 999', "
        "which is not in this document",
    ]
    return good, errors


def test_bad_exports_are_reported_and_the_good_ones_load(
    cli: tuple[CliRunner, Path], tmp_path: Path
) -> None:
    good, errors = _bad_batch(tmp_path / "batch")
    result = _ingest(cli, tmp_path / "batch")
    assert result.exit_code == 1
    for expected in errors:
        assert f"error: {expected}\n" in result.stderr, f"missing {expected!r} in:\n{result.stderr}"
    assert f"{len(good)} articles created" in result.stdout
    assert f"{len(errors)} failed" in result.stdout
    keys, asserted_by = _stored(tmp_path)
    assert keys == good
    assert asserted_by == good  # nothing of a bad article reached the store


def test_a_bad_export_keeps_the_stored_version(cli: tuple[CliRunner, Path], tmp_path: Path) -> None:
    folder = tmp_path / "v1"
    _brat(folder, "doc", key="doc")
    assert _ingest(cli, folder / "doc.ann").exit_code == 0
    before = _stored(tmp_path)
    # A second version whose relation points nowhere: refused, the first version stays.
    _brat(folder, "doc", key="doc", ann=_edit(ANN, 17, "R3\tSUPPORT Arg1:T13 Arg2:T404"))
    result = _ingest(cli, folder / "doc.ann")
    assert result.exit_code == 1
    assert "doc.ann:17: R3.target: refers to 'T404', which is not in this document" in result.stderr
    assert _stored(tmp_path) == before


def test_the_four_formats_of_one_article_load_through_the_cli(
    cli: tuple[CliRunner, Path], tmp_path: Path
) -> None:
    result = _ingest(cli, BRAT, LABELSTUDIO, DOCCANO, NATIVE)
    # One article four times in one batch: the first loads, the others are duplicates.
    assert "1 articles created" in result.stdout
    assert result.stderr.count(f"article id '{KEY}' appears twice in this batch") == 3
    first = _export(tmp_path)
    for path in (LABELSTUDIO, DOCCANO, NATIVE):
        result = _ingest(cli, path)  # a new version of the article, from another tool
        assert result.exit_code == 0, result.output
        assert _export(tmp_path) == first


def _export(tmp_path: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    store = EmbeddedStore(tmp_path / "store.sqlite")
    try:
        view = store.export()
    finally:
        store.close()
    keys = ("type", "source", "target", "date", "evidence", "event", "derived")
    edges = sorted(tuple(str(e.get(k)) for k in keys) for e in view.edges)
    return sorted(n["id"] for n in view.nodes), edges
