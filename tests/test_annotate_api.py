"""``POST /api/v1/annotate`` through Flask's test client: drafts, never writes.

The annotate endpoint does not touch the store, so these tests run on the embedded
store only (no Neo4j).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from click.testing import CliRunner
from flask import Flask

from api import create_app
from diplograph.cli import main
from tests.conftest import folder_settings
from tests.test_annotate_cli import MEETING_DAY, PUBLISHED, REPORT, TEXTS

URL = "/api/v1/annotate"


def problem(response: Any, status: int) -> dict[str, Any]:
    """Every error is problem+json with the RFC 9457 members."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json(force=True)
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    return body


@pytest.fixture(scope="module")
def app(sample_app: Flask) -> Flask:
    return sample_app


@pytest.fixture
def client(app: Flask) -> Any:
    return app.test_client()


def _post_text(client: Any, text: str | bytes, **params: str) -> Any:
    return client.post(URL, data=text, content_type="text/plain", query_string=params)


def test_plain_text_gives_a_draft(client: Any) -> None:
    response = _post_text(client, REPORT.read_text(encoding="utf-8"), published=PUBLISHED)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"draft", "warnings", "words"}
    assert 60 < body["words"] < 100
    draft = body["draft"]
    assert draft["article"]["published"] == PUBLISHED
    assert draft["article"]["source"] == "Reuters"
    entities = {e["id"]: e for e in draft["entities"]}
    (meeting,) = [e for e in draft["events"] if e["type"] == "Meeting"]
    assert meeting["date"] == MEETING_DAY
    assert entities[meeting["place"]]["name"] == "Moscow"
    assert {entities[p]["name"] for p in meeting["participants"]} == {
        "Sergei Lavrov",
        "Walid Muallem",
    }
    assert {"MET_WITH", "SUPPORTS", "REJECTS"} <= {r["type"] for r in draft["relations"]}


def test_same_draft_as_the_cli(client: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"store:\n  path: {tmp_path / 'cli.sqlite'}\n", encoding="utf-8")
    cli = CliRunner().invoke(
        main, ["annotate", str(REPORT), "--published", PUBLISHED, "--config", str(config)]
    )
    assert cli.exit_code == 0, cli.output
    # YAML reads dates as dates; JSON carries them as ISO strings.
    from_cli = orjson.loads(orjson.dumps(yaml.safe_load(cli.stdout)))
    text = REPORT.read_text(encoding="utf-8")
    plain = _post_text(client, text, published=PUBLISHED, id="lavrov-muallem").get_json()
    assert plain["draft"] == from_cli
    as_json = client.post(
        URL, json={"text": text, "published": PUBLISHED, "id": "lavrov-muallem"}
    ).get_json()
    assert as_json == plain


def test_nothing_is_stored_and_no_key_is_needed(client: Any) -> None:
    before = client.get("/api/v1/health").get_json()
    text = REPORT.read_text(encoding="utf-8").replace("Lavrov", "Sergei Ryabkov")
    response = _post_text(client, text, published=PUBLISHED, id="not-stored")
    assert response.status_code == 200  # no X-API-Key header
    assert client.get("/api/v1/health").get_json() == before
    problem(client.get("/api/v1/articles/not-stored"), 404)


def test_options_name_the_article(client: Any) -> None:
    text = REPORT.read_text(encoding="utf-8")
    named = _post_text(client, text, published=PUBLISHED, source="Wire", id="my-id").get_json()
    assert named["draft"]["article"]["id"] == "my-id"
    assert named["draft"]["article"]["source"] == "Wire"
    unnamed = _post_text(client, text, published=PUBLISHED).get_json()
    assert unnamed["draft"]["article"]["id"] != "request-body"  # after the headline
    assert "lavrov" in unnamed["draft"]["article"]["id"]


def test_html_is_stripped_with_a_warning(client: Any) -> None:
    page = (TEXTS / "page.html").read_text(encoding="utf-8")
    body = _post_text(client, page, published=PUBLISHED).get_json()
    assert any("HTML" in w for w in body["warnings"])
    assert "<p>" not in body["draft"]["article"]["text"]


def test_dateline_date_without_published(client: Any) -> None:
    text = (TEXTS / "velayati-mikdad.txt").read_text(encoding="utf-8")
    response = client.post(URL, json={"text": text})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["draft"]["article"]["published"] == "2017-10-25"


# -- refusals --------------------------------------------------------------------------


def test_empty_text(client: Any) -> None:
    assert "empty" in problem(_post_text(client, "", published=PUBLISHED), 400)["detail"]
    blank = client.post(URL, json={"text": "  \n", "published": PUBLISHED})
    assert "empty" in problem(blank, 400)["detail"]


def test_text_that_is_not_english(client: Any) -> None:
    french = (TEXTS / "french.txt").read_text(encoding="utf-8")
    detail = problem(_post_text(client, french, published=PUBLISHED), 400)["detail"]
    assert "English" in detail


def test_text_without_a_date(client: Any) -> None:
    undated = (TEXTS / "undated.txt").read_text(encoding="utf-8")
    detail = problem(_post_text(client, undated), 400)["detail"]
    assert "publication date" in detail


@pytest.mark.parametrize("bad", ["2017-02-30", "yesterday"])
def test_bad_dates(client: Any, bad: str) -> None:
    text = REPORT.read_text(encoding="utf-8")
    body = problem(_post_text(client, text, published=bad), 400)
    assert body["parameter"] == "published" and repr(bad) in body["detail"]
    as_json = problem(client.post(URL, json={"text": text, "published": bad}), 400)
    assert as_json["parameter"] == "published"


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ({"published": PUBLISHED}, "text"),
        ({"text": 42}, "text"),
        ({"text": "x", "published": 20171011}, "published"),
        ({"text": "x", "publised": PUBLISHED}, "publised"),
    ],
)
def test_bad_json_fields(client: Any, body: dict[str, Any], parameter: str) -> None:
    assert problem(client.post(URL, json=body), 400)["parameter"] == parameter


def test_malformed_json(client: Any) -> None:
    for data in (b"{text:", b'["a list"]'):
        problem(client.post(URL, data=data, content_type="application/json"), 400)


def test_bytes_that_are_not_utf8(client: Any) -> None:
    text = REPORT.read_text(encoding="utf-8").replace("Muallem", "Mu\u2019allem", 1)
    detail = problem(_post_text(client, text.encode("cp1252"), published=PUBLISHED), 400)["detail"]
    assert "UTF-8" in detail
    declared = client.post(
        URL,
        data=text.encode("cp1252"),
        content_type="text/plain; charset=windows-1252",
        query_string={"published": PUBLISHED},
    )
    assert declared.status_code == 200, declared.get_data(as_text=True)


@pytest.mark.parametrize("content_type", ["application/yaml", "text/html", "multipart/form-data"])
def test_other_media_types(client: Any, content_type: str) -> None:
    response = client.post(URL, data=REPORT.read_bytes(), content_type=content_type)
    assert "text/plain" in problem(response, 415)["detail"]


def test_bodies_over_the_limit(tmp_path: Path) -> None:
    settings = folder_settings(tmp_path, **{"api.max_body_mb": 0.01})
    client = create_app(settings).test_client()
    big = REPORT.read_text(encoding="utf-8") * 40
    problem(_post_text(client, big, published=PUBLISHED), 413)
    problem(client.post(URL, json={"text": big, "published": PUBLISHED}), 413)
