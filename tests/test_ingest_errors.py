"""Bad input through ``diplograph ingest``: clear errors, nothing partial, the rest loads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from click.testing import Result

GOOD = """\
format: diplograph/v1
article:
  id: good-{n}
  title: Good article {n}
  published: 2017-10-25
entities:
  - {{id: velayati, type: Official, name: Ali Akbar Velayati, country: IRN}}
  - {{id: mikdad, type: Official, name: Fayssal Mikdad, country: SYR}}
relations:
  - {{type: MET_WITH, source: velayati, target: mikdad}}
"""

# name -> (file content, what the error must say: file:line: path: reason)
BAD: dict[str, tuple[bytes, str]] = {
    "malformed.yaml": (
        b"article:\n  id: x\n  title: [unclosed\nentities: []\n",
        "malformed.yaml:4: malformed YAML",
    ),
    "unknown-id.yaml": (
        GOOD.format(n="u").replace("target: mikdad", "target: mikdadd").encode(),
        "unknown-id.yaml:10: relations[0].target: unknown local id 'mikdadd'",
    ),
    "bad-date.yaml": (
        GOOD.format(n="d").replace("2017-10-25", "2017-02-30").encode(),
        "bad-date.yaml:5: article.published: '2017-02-30' is not a valid ISO date",
    ),
    "unknown-type.yaml": (
        GOOD.format(n="t").replace("type: MET_WITH", "type: MEETS").encode(),
        "unknown-type.yaml:10: relations[0].type: Input should be 'MET_WITH', 'SUPPORTS' or",
    ),
    "missing-id.yaml": (
        GOOD.format(n="m").replace("  id: good-m\n", "").encode(),
        "missing-id.yaml:2: article.id: required field is missing",
    ),
    "duplicate-ids.yaml": (
        GOOD.format(n="dup").replace("id: mikdad, type", "id: velayati, type").encode(),
        "duplicate-ids.yaml:8: entities[1].id: duplicate local id 'velayati'",
    ),
    "latin1.yaml": (
        GOOD.format(n="l").replace("Fayssal", "Fayçal").encode("latin-1"),
        "latin1.yaml:8: not UTF-8 text: byte 0xe7",
    ),
    "empty.yaml": (b"", "empty.yaml: empty file: no article in it"),
    "unknown-state.yaml": (
        GOOD.format(n="s").replace("country: SYR", "country: Narnia").encode(),
        "unknown-state.yaml:8: entities[1].country: 'Narnia' is not a known state",
    ),
}


def _write_batch(folder: Path) -> None:
    folder.mkdir()
    for n in (1, 2):
        (folder / f"good-{n}.yaml").write_text(GOOD.format(n=n), encoding="utf-8")
    for name, (content, _) in BAD.items():
        (folder / name).write_bytes(content)


def _article_count(run_cli: Callable[..., Result]) -> int:
    result = run_cli("stats", "--json")
    assert result.exit_code == 0, result.output
    return int(orjson.loads(result.stdout)["stats"]["articles"])


def test_bad_files_are_reported_and_good_files_load(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    batch = tmp_path / "batch"
    _write_batch(batch)
    result = run_cli("ingest", str(batch))
    assert result.exit_code == 1
    for _, expected in BAD.values():
        assert expected in result.stderr, f"missing {expected!r} in:\n{result.stderr}"
    assert "2 articles created" in result.stdout
    assert f"{len(BAD)} failed" in result.stdout
    # Only the two good articles (and nothing of the bad ones) are stored.
    assert _article_count(run_cli) == 2
    meetings = orjson.loads(run_cli("query", "meetings", "--json").stdout)
    assert {m["article"]["key"] for m in meetings["items"]} == {"good-1", "good-2"}


def test_a_bad_batch_does_not_touch_what_is_stored(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    first = tmp_path / "first.yaml"
    first.write_text(GOOD.format(n=1), encoding="utf-8")
    assert run_cli("ingest", str(first)).exit_code == 0
    before = run_cli("stats", "--json").stdout
    # A new version of good-1 with a dangling reference: refused, old version kept.
    broken = tmp_path / "broken.yaml"
    broken.write_text(GOOD.format(n=1).replace("target: mikdad", "target: nobody"), "utf-8")
    result = run_cli("ingest", str(broken))
    assert result.exit_code == 1
    assert "relations[0].target: unknown local id 'nobody'" in result.stderr
    assert run_cli("stats", "--json").stdout == before


def test_oversized_file_is_refused_without_reading_it(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(GOOD.format(n="big").encode())
        handle.truncate(50 * 1024 * 1024)  # a sparse 50 MB file
    good = tmp_path / "good.yaml"
    good.write_text(GOOD.format(n=1), encoding="utf-8")
    result = run_cli("ingest", str(big), str(good))
    assert result.exit_code == 1
    assert "big.yaml: file is 52.4 MB, over the limit of 10.5 MB" in result.stderr
    assert _article_count(run_cli) == 1


@pytest.mark.parametrize("content", [b"[]", b"- 1\n- 2\n", b"just text\n"])
def test_documents_that_are_not_articles(
    run_cli: Callable[..., Result], tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    result = run_cli("ingest", str(path))
    assert result.exit_code == 1
    assert "odd.yaml" in result.stderr


def test_the_same_article_id_twice_in_one_batch(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(GOOD.format(n=1), encoding="utf-8")
    result = run_cli("ingest", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert result.exit_code == 1
    assert "b.yaml: article.id: article id 'good-1' appears twice in this batch" in result.stderr
    assert _article_count(run_cli) == 1


def test_json_articles_and_yaml_streams(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    import yaml

    folder = tmp_path / "mixed"
    folder.mkdir()
    docs = [yaml.safe_load(GOOD.format(n=n)) for n in (1, 2)]
    for doc in docs:
        doc["article"]["published"] = "2017-10-25"
    (folder / "two.json").write_bytes(orjson.dumps(docs))
    (folder / "stream.yaml").write_text(
        GOOD.format(n=3) + "---\n" + GOOD.format(n=4), encoding="utf-8"
    )
    result = run_cli("ingest", str(folder))
    assert result.exit_code == 0, result.output
    assert "2 files: 4 articles created" in result.stdout
