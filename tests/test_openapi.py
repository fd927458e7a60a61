"""The OpenAPI document and the docs page, through Flask's test client.

The document is checked three ways: it is valid OpenAPI 3.1; every route under
``/api/v1`` is in it; and real answers of the sample corpus (successes and problems)
match the schemas it gives for them.  The embedded store only: nothing here depends on
the backend.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from api import create_app
from tests.conftest import API_KEY, folder_settings
from tests.test_annotate_cli import PUBLISHED, REPORT
from tests.test_api import ARTICLE, MIKDAD

V1 = "/api/v1"
OWN_ROUTES = "api_v1_docs"  # the document and the docs page are not in the document
PROBLEM = "#/components/schemas/Problem"
AUTH = {"X-API-Key": API_KEY}


@pytest.fixture(scope="module")
def app(sample_app: Flask) -> Flask:
    return sample_app


@pytest.fixture
def client(app: Flask) -> Any:
    return app.test_client()


@pytest.fixture(scope="module")
def doc(app: Flask) -> dict[str, Any]:
    response = app.test_client().get(f"{V1}/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body: dict[str, Any] = response.get_json()
    return body


def _operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _parameters(doc: dict[str, Any], path: str, method: str = "get") -> dict[str, Any]:
    return {p["name"]: p for p in doc["paths"][V1 + path][method]["parameters"]}


# -- the document ----------------------------------------------------------------------


def test_the_document_is_valid_openapi_3_1(doc: dict[str, Any]) -> None:
    assert doc["openapi"].startswith("3.1")
    validate(doc, cls=OpenAPIV31SpecValidator)


def _routes(app: Flask) -> set[str]:
    """Every method and route under /api/v1 but the docs' own, as "GET /api/v1/{id}"."""
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(f"{V1}/") or rule.endpoint.startswith(f"{OWN_ROUTES}."):
            continue
        path = re.sub(r"<(?:[^<>:]+:)?([^<>]+)>", r"{\1}", rule.rule)
        found |= {f"{m} {path}" for m in (rule.methods or set()) - {"HEAD", "OPTIONS"}}
    return found


def _documented(doc: dict[str, Any]) -> set[str]:
    return {f"{method.upper()} {path}" for path, method, _ in _operations(doc)}


def test_every_route_is_documented(app: Flask, doc: dict[str, Any]) -> None:
    undocumented = _routes(app) - _documented(doc)
    assert not undocumented, f"describe these handlers with @api.openapi.document: {undocumented}"
    assert _documented(doc) == _routes(app)


def test_a_route_without_a_description_is_caught(tmp_path: Path) -> None:
    app = create_app(folder_settings(tmp_path))
    app.add_url_rule(f"{V1}/undocumented", "undocumented", lambda: {"items": []})
    doc = app.test_client().get(f"{V1}/openapi.json").get_json()
    assert _routes(app) - _documented(doc) == {f"GET {V1}/undocumented"}


def test_every_error_is_a_problem(doc: dict[str, Any]) -> None:
    for path, method, operation in _operations(doc):
        errors = {s: r for s, r in operation["responses"].items() if int(s) >= 400}
        assert errors, f"{method} {path} lists no error"
        if path == f"{V1}/health":  # health answers 503 with its own JSON, as a status
            (unavailable,) = errors.values()
            schema = unavailable["content"]["application/json"]["schema"]
            assert schema["$ref"].endswith("/HealthUnavailable")
            continue
        for status, response in errors.items():
            assert response["content"] == {
                "application/problem+json": {"schema": {"$ref": PROBLEM}}
            }, f"{method} {path} {status}"
    problem = doc["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "instance"}
    assert {"parameter", "problems"} <= problem["properties"].keys()


def test_statuses_of_each_operation(doc: dict[str, Any]) -> None:
    def statuses(path: str, method: str = "get") -> set[int]:
        return {int(s) for s in doc["paths"][V1 + path][method]["responses"]}

    assert statuses("/meetings") == {200, 400, 404, 503}
    assert statuses("/entities/{entity_id}") == {200, 404, 503}
    assert statuses("/articles", "post") == {200, 201, 400, 401, 403, 413, 415, 503}
    assert statuses("/articles/{article_id}", "delete") == {200, 401, 403, 404, 503}
    assert statuses("/annotate", "post") == {200, 400, 413, 415}


def test_query_parameters_and_their_bounds(doc: dict[str, Any]) -> None:
    meetings = _parameters(doc, "/meetings")
    assert set(meetings) == {
        "entity", "with", "country", "since", "until", "limit", "offset", "format"
    }  # fmt: skip
    assert {"type": "string", "format": "date"}.items() <= meetings["since"]["schema"].items()
    assert _bounds(meetings["limit"]) == (1, 1000, 50)
    assert _bounds(meetings["offset"]) == (0, 10**9, 0)

    neighbourhood = _parameters(doc, "/entities/{entity_id}/neighbourhood")
    assert neighbourhood["entity_id"]["in"] == "path" and neighbourhood["entity_id"]["required"]
    assert _bounds(neighbourhood["depth"]) == (1, 3, 1)
    assert _bounds(neighbourhood["limit"]) == (1, 1000, 200)
    types = neighbourhood["types"]
    assert (types["style"], types["explode"]) == ("form", False)
    assert "REPORTED_IN" in types["schema"]["items"]["enum"]
    assert "REPORTED_IN" not in types["schema"]["default"]

    paths = _parameters(doc, "/paths")
    assert paths["from"]["required"] and paths["to"]["required"]
    assert _bounds(paths["max_length"]) == (1, 6, 4)
    assert _bounds(paths["k"]) == (1, 10, 1)
    assert paths["types"]["schema"]["default"] == ["MET_WITH", "SUPPORTS", "REJECTS"]


def _bounds(parameter: dict[str, Any]) -> tuple[int, int, int]:
    schema = parameter["schema"]
    assert schema["type"] == "integer" and not parameter["required"]
    return schema["minimum"], schema["maximum"], schema["default"]


def test_maxima_are_the_configured_caps(tmp_path: Path) -> None:
    caps = {"api.max_results": 100, "api.max_depth": 2, "api.max_path_length": 3}
    client = create_app(folder_settings(tmp_path, **caps)).test_client()
    doc = client.get(f"{V1}/openapi.json").get_json()
    assert _bounds(_parameters(doc, "/meetings")["limit"]) == (1, 100, 50)
    neighbourhood = _parameters(doc, "/entities/{entity_id}/neighbourhood")
    assert _bounds(neighbourhood["depth"]) == (1, 2, 1)
    assert _bounds(neighbourhood["limit"]) == (1, 100, 100)  # the handler lowers it too
    assert _bounds(_parameters(doc, "/paths")["max_length"]) == (1, 3, 3)
    # ... and the handlers hold to them
    assert client.get(f"{V1}/meetings?limit=100").status_code == 200
    too_many = client.get(f"{V1}/meetings?limit=101")
    assert too_many.status_code == 400 and too_many.get_json()["parameter"] == "limit"


def test_documented_defaults_are_the_handlers(client: Any, doc: dict[str, Any]) -> None:
    for path in ("/entities", "/meetings"):
        parameters = _parameters(doc, path)
        page = client.get(V1 + path).get_json()
        assert page["limit"] == parameters["limit"]["schema"]["default"]
        assert page["offset"] == parameters["offset"]["schema"]["default"]


def test_request_bodies(doc: dict[str, Any]) -> None:
    def media_types(path: str) -> set[str]:
        return set(doc["paths"][V1 + path]["post"]["requestBody"]["content"])

    assert media_types("/articles") == {"application/json", "application/yaml"}
    assert media_types("/annotate") == {"text/plain", "application/json"}
    assert set(_parameters(doc, "/annotate", "post")) == {"published", "source", "id"}


def test_writes_need_the_api_key(doc: dict[str, Any]) -> None:
    schemes = doc["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {"type": "apiKey", "name": "X-API-Key", "in": "header"}
    assert schemes["Bearer"]["type"] == "http" and schemes["Bearer"]["scheme"] == "bearer"
    for path, method, operation in _operations(doc):
        writes = method == "delete" or path == f"{V1}/articles"
        assert ("security" in operation) == writes, f"{method} {path}"
        if writes:
            assert operation["security"] == [{"ApiKey": []}, {"Bearer": []}]


# -- real answers against the document -------------------------------------------------


def _check(doc: dict[str, Any], response: Any, path: str, method: str = "get") -> None:
    """The answer is one the document lists, of its media type, and its body fits."""
    answers = doc["paths"][V1 + path][method]["responses"]
    assert str(response.status_code) in answers, response.get_data(as_text=True)
    listed = answers[str(response.status_code)]["content"]
    assert response.mimetype in listed, f"{response.mimetype} is not in {list(listed)}"
    if response.mimetype == "text/csv":
        return
    schema = {**listed[response.mimetype]["schema"], "components": doc["components"]}
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in Draft202012Validator(schema).iter_errors(response.get_json(force=True))
    ]
    assert errors == [], f"{method.upper()} {path} {response.status_code}"


def test_reads_match_the_document(client: Any, doc: dict[str, Any]) -> None:
    every_type = "types=MET_WITH,SUPPORTS,REJECTS,PARTICIPATED_IN,HELD_IN,LOCATED_IN," + (
        "AFFILIATED_WITH,REPORTED_IN"
    )
    reads = [
        ("/health", "/health"),
        ("/stats", "/stats"),
        ("/entities", "/entities?q=Mekdad"),
        ("/entities", "/entities?type=Place&country=Syria"),
        ("/entities/{entity_id}", f"/entities/{MIKDAD}"),
        ("/meetings", f"/meetings?entity={MIKDAD}&since=2017-01-01"),
        ("/meetings", "/meetings?limit=100"),
        ("/entities/{entity_id}/neighbourhood", f"/entities/{MIKDAD}/neighbourhood?depth=2"),
        ("/entities/{entity_id}/neighbourhood", f"/entities/SYR/neighbourhood?{every_type}"),
        ("/paths", "/paths?from=person:adnan-mahmoud&to=person:sedat-onal&k=3"),
        ("/paths", f"/paths?from=SYR&to=TUR&max_length=3&{every_type}"),
        ("/articles/{article_id}", "/articles/sana-2017-10-25-tehran"),
        ("/alliances", "/alliances"),
        ("/alliances", "/alliances?countries=Iran,Syrian,TUR&since=2017-01-01"),
        ("/alliances", "/alliances?format=csv"),
        ("/entities/{entity_id}/timeline", f"/entities/{MIKDAD}/timeline?limit=2"),
        ("/entities/{entity_id}/timeline", "/entities/SYR/timeline?types=REJECTS&format=csv"),
        ("/stats/activity", "/stats/activity?interval=week&types=MET_WITH,REPORTED_IN"),
        ("/stats/activity", "/stats/activity?format=csv"),
        ("/meetings", "/meetings?format=csv&limit=5"),
        ("/entities", "/entities?format=csv"),
        (
            "/entities/{entity_id}/neighbourhood",
            f"/entities/{MIKDAD}/neighbourhood?format=cytoscape",
        ),
        ("/entities/{entity_id}/neighbourhood", f"/entities/{MIKDAD}/neighbourhood?format=grafana"),
        ("/paths", "/paths?from=person:adnan-mahmoud&to=person:sedat-onal&k=3&format=grafana"),
        ("/paths", "/paths?from=SYR&to=TUR&format=cytoscape"),
    ]
    for path, url in reads:
        response = client.get(V1 + url)
        assert response.status_code == 200, url
        _check(doc, response, path)


def test_problems_match_the_document(client: Any, doc: dict[str, Any]) -> None:
    yaml_body = {"data": ARTICLE, "content_type": "application/yaml"}
    bad = ARTICLE.replace("target: muallem", "target: nobody")
    refusals = [
        ("/meetings", "get", client.get(f"{V1}/meetings?limit=0")),
        ("/paths", "get", client.get(f"{V1}/paths?from=SYR&to=person:nobody")),
        ("/entities/{entity_id}", "get", client.get(f"{V1}/entities/person:nobody")),
        ("/articles/{article_id}", "get", client.get(f"{V1}/articles/nothing")),
        ("/articles", "post", client.post(f"{V1}/articles", **yaml_body)),
        ("/articles", "post", client.post(f"{V1}/articles", headers=AUTH, data="x")),
        (
            "/articles",
            "post",
            client.post(f"{V1}/articles", headers=AUTH, data=bad, content_type="application/yaml"),
        ),
        ("/annotate", "post", client.post(f"{V1}/annotate", json={"text": 1})),
    ]
    for path, method, response in refusals:
        assert response.status_code >= 400
        _check(doc, response, path, method)


def test_writes_match_the_document(client: Any, doc: dict[str, Any]) -> None:
    created = client.post(
        f"{V1}/articles", headers=AUTH, data=ARTICLE, content_type="application/yaml"
    )
    assert created.status_code == 201
    _check(doc, created, "/articles", "post")
    as_json = yaml.safe_load(ARTICLE)
    as_json["article"]["published"] = "2018-08-30"
    unchanged = client.post(f"{V1}/articles", headers=AUTH, json=[as_json])
    assert unchanged.status_code == 200
    _check(doc, unchanged, "/articles", "post")
    deleted = client.delete(f"{V1}/articles/api-test-1", headers=AUTH)
    _check(doc, deleted, "/articles/{article_id}", "delete")


def test_annotate_matches_the_document(client: Any, doc: dict[str, Any]) -> None:
    text = REPORT.read_text(encoding="utf-8")
    plain = client.post(
        f"{V1}/annotate",
        data=text,
        content_type="text/plain",
        query_string={"published": PUBLISHED, "source": "Reuters"},
    )
    assert plain.status_code == 200
    _check(doc, plain, "/annotate", "post")
    nobody = client.post(f"{V1}/annotate", json={"text": "It rained.", "published": PUBLISHED})
    assert nobody.status_code == 200 and nobody.get_json()["draft"]["entities"] == []
    _check(doc, nobody, "/annotate", "post")


def test_health_while_the_store_is_away(app: Flask, doc: dict[str, Any]) -> None:
    state = app.extensions["diplograph"]
    store, state.store, state.store_error = state.store, None, "the store is locked"
    try:
        client = app.test_client()
        _check(doc, client.get(f"{V1}/health"), "/health")
        _check(doc, client.get(f"{V1}/stats"), "/stats")
    finally:
        state.store, state.store_error = store, None


# -- the docs page ---------------------------------------------------------------------


class _Assets(HTMLParser):
    """The URLs of a page's scripts, stylesheets and icons."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.scripts.append(str(found["src"]))
        if tag == "link" and found.get("href"):
            self.links.append(str(found["href"]))


def test_the_docs_page_works_offline(client: Any) -> None:
    page = client.get(f"{V1}/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert f"{V1}/openapi.json" in html
    assets = _Assets()
    assets.feed(html)
    assert assets.scripts and assets.links
    for url in [*assets.scripts, *assets.links]:
        assert not re.match(r"(https?:)?//", url), f"{url} is not served by this app"
        with client.get(url) as fetched:  # a file: closed when read
            assert fetched.status_code == 200 and fetched.get_data(), url
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)


def test_a_missing_asset_is_a_problem(client: Any) -> None:
    missing = client.get(f"{V1}/docs/nothing.js")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
