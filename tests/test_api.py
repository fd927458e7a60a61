"""The REST API through Flask's test client, on both backends, with the sample corpus."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from api import create_app
from diplograph.config import Settings
from graph.store import Store
from tests.conftest import API_KEY, SAMPLES

MIKDAD = "person:fayssal-mikdad"
AUTH = {"X-API-Key": API_KEY}
ARTICLE = """\
article: {id: api-test-1, title: "Lavrov receives Muallem", published: 2018-08-30}
entities:
  - {id: lavrov, type: Official, name: Sergey Lavrov, country: RUS}
  - {id: muallem, type: Official, name: Walid al-Moualem, country: Syrian}
relations:
  - {type: MET_WITH, source: lavrov, target: muallem, evidence: "Lavrov met Muallem."}
"""


def _problem(response: Any, status: int) -> dict[str, Any]:
    """Every error is problem+json with the RFC 9457 members."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json(force=True)
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    assert "Traceback" not in body["detail"]
    return body


def test_health(client: Any) -> None:
    body = client.get("/api/v1/health").get_json()
    assert body["status"] == "ok"
    assert body["backend"] in ("networkx", "neo4j")
    assert body["nodes"] > 100 and body["relationships"] > 400


def test_entities_search_and_detail(client: Any) -> None:
    body = client.get("/api/v1/entities?q=Mekdad").get_json()
    assert body["items"][0]["id"] == MIKDAD
    assert {"id", "type", "name", "country", "aliases"} <= body["items"][0].keys()
    states = client.get("/api/v1/entities?type=State&limit=3").get_json()
    assert len(states["items"]) == 3 and states["total"] >= 8
    by_country = client.get("/api/v1/entities?type=Official&country=Iranian&limit=100").get_json()
    assert all(i["country"] == "IRN" for i in by_country["items"])
    detail = client.get(f"/api/v1/entities/{MIKDAD}").get_json()
    assert detail["relationships"]["MET_WITH"] == 6
    assert detail["affiliations"][0]["state"]["id"] == "SYR"
    _problem(client.get("/api/v1/entities/person:nobody"), 404)


def test_meetings(client: Any) -> None:
    body = client.get(f"/api/v1/meetings?entity={MIKDAD}&with=person:ali-larijani").get_json()
    assert body["total"] == 1
    (item,) = body["items"]
    assert item["a"]["id"] == MIKDAD and item["b"]["name"] == "Ali Larijani"
    assert item["place"]["name"] == "Tehran"
    assert item["article"]["id"] == "article:irna-2017-10-25-mekdad-larijani"
    assert {"date", "a", "b", "place", "event", "article", "evidence"} <= item.keys()
    page = client.get("/api/v1/meetings?since=2017-10-01&until=2017-10-31&limit=2").get_json()
    assert len(page["items"]) == 2 and page["total"] == 22
    assert client.get("/api/v1/meetings?country=Turkey").get_json()["total"] == 21


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/meetings?since=2017-02-30", "since"),
        ("/api/v1/meetings?since=2018-01-01&until=2017-01-01", "since"),
        ("/api/v1/meetings?limit=0", "limit"),
        ("/api/v1/meetings?limit=100000", "limit"),
        ("/api/v1/meetings?limit=ten", "limit"),
        ("/api/v1/meetings?offset=-1", "offset"),
        ("/api/v1/meetings?country=Narnia", "country"),
        (f"/api/v1/entities/{MIKDAD}/neighbourhood?depth=4", "depth"),
        (f"/api/v1/entities/{MIKDAD}/neighbourhood?types=MET_WITH,LOVES", "types"),
        (f"/api/v1/entities/{MIKDAD}/neighbourhood?types=`x`)%20DETACH%20DELETE%20n", "types"),
        ("/api/v1/paths?from=SYR", "to"),
        ("/api/v1/paths?from=SYR&to=IRN&max_length=99", "max_length"),
        ("/api/v1/paths?from=SYR&to=IRN&k=0", "k"),
        ("/api/v1/entities?type=Person", "type"),
        ("/api/v1/meetings?limit=-5", "limit"),
        ("/api/v1/meetings?limit=1e3", "limit"),
        ("/api/v1/meetings?offset=" + "9" * 30, "offset"),
        (f"/api/v1/entities/{MIKDAD}/neighbourhood?depth=-1", "depth"),
        ("/api/v1/paths?from=SYR&to=IRN&k=" + "9" * 30, "k"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client: Any, url: str, parameter: str) -> None:
    assert _problem(client.get(url), 400)["parameter"] == parameter


def test_neighbourhood_and_paths(client: Any) -> None:
    view = client.get(f"/api/v1/entities/{MIKDAD}/neighbourhood?depth=1&types=MET_WITH").get_json()
    assert len(view["nodes"]) == 5 and view["truncated"] is False
    edge = view["edges"][0]
    assert {"id", "source", "target", "type", "date", "article"} <= edge.keys()
    capped = client.get(f"/api/v1/entities/{MIKDAD}/neighbourhood?depth=3&limit=4").get_json()
    assert len(capped["nodes"]) == 4 and capped["truncated"] is True
    paths = client.get(
        "/api/v1/paths?from=person:adnan-mahmoud&to=person:sedat-onal&k=3"
    ).get_json()["paths"]
    assert [p["length"] for p in paths][:1] == [3]
    assert paths[0]["nodes"][1]["id"] == MIKDAD
    none = client.get("/api/v1/paths?from=person:adnan-mahmoud&to=person:sedat-onal&max_length=2")
    assert none.get_json() == {"paths": []}
    _problem(client.get("/api/v1/paths?from=SYR&to=person:nobody"), 404)


def test_writes_need_the_api_key(client: Any) -> None:
    yaml_body = {"data": ARTICLE, "content_type": "application/yaml"}
    _problem(client.post("/api/v1/articles", **yaml_body), 401)
    _problem(client.post("/api/v1/articles", headers={"X-API-Key": "wrong"}, **yaml_body), 401)
    _problem(client.delete("/api/v1/articles/api-test-1"), 401)
    created = client.post(
        "/api/v1/articles", headers={"Authorization": f"Bearer {API_KEY}"}, **yaml_body
    )
    assert created.status_code == 201
    body = created.get_json()
    assert (body["id"], body["status"]) == ("article:api-test-1", "created")
    again = client.post("/api/v1/articles", headers=AUTH, **yaml_body)
    assert (again.status_code, again.get_json()["status"]) == (200, "unchanged")
    meetings = client.get("/api/v1/meetings?entity=person:walid-muallem").get_json()
    assert "api-test-1" in {m["article"]["key"] for m in meetings["items"]}
    for article_id in ("api-test-1", "article:api-test-1"):
        assert client.get(f"/api/v1/articles/{article_id}").get_json()["article"]["key"] == (
            "api-test-1"
        )
    deleted = client.delete("/api/v1/articles/api-test-1", headers=AUTH)
    assert deleted.status_code == 200 and deleted.get_json()["edges_removed"] >= 1
    _problem(client.get("/api/v1/articles/api-test-1"), 404)
    _problem(client.delete("/api/v1/articles/api-test-1", headers=AUTH), 404)


def test_post_json_and_invalid_articles(client: Any) -> None:
    import yaml

    doc = yaml.safe_load(ARTICLE)
    doc["article"]["published"] = "2018-08-30"
    created = client.post("/api/v1/articles", headers=AUTH, json=doc)
    assert created.status_code == 201
    bad = ARTICLE.replace("2018-08-30", "2017-02-30").replace("target: muallem", "target: x")
    body = _problem(
        client.post("/api/v1/articles", headers=AUTH, data=bad, content_type="application/yaml"),
        400,
    )
    assert {(p["path"], p["line"]) for p in body["problems"]} == {
        ("article.published", 1),
        ("relations[0].target", 6),
    }
    _problem(
        client.post("/api/v1/articles", headers=AUTH, data="x", content_type="text/plain"), 415
    )
    _problem(
        client.post("/api/v1/articles", headers=AUTH, data=b"", content_type="application/json"),
        400,
    )


def test_large_bodies_are_refused(settings: Settings, sample_store: Store) -> None:
    settings.api.max_body_mb = 0.01
    client = create_app(settings, store=sample_store).test_client()
    big = ARTICLE + "# " + "x" * 20_000 + "\n"
    _problem(
        client.post("/api/v1/articles", headers=AUTH, data=big, content_type="application/yaml"),
        413,
    )


def test_unknown_routes_and_methods_are_problems(client: Any) -> None:
    _problem(client.get("/api/v1/nothing"), 404)
    _problem(client.get("/api/v1//meetings"), 404)  # not a 308 to /api/v1/meetings
    _problem(client.put("/api/v1/meetings"), 405)


def test_writes_disabled_without_a_configured_key(settings: Settings, sample_store: Store) -> None:
    settings.api.api_key = None
    client = create_app(settings, store=sample_store).test_client()
    body = (SAMPLES / "sana-2017-10-25-tehran.yaml").read_bytes()
    detail = _problem(
        client.post("/api/v1/articles", data=body, content_type="application/yaml"), 403
    )["detail"]
    assert "DIPLOGRAPH_API_KEY" in detail


def test_cors_origins_from_config(settings: Settings, sample_store: Store) -> None:
    settings.api.cors_origins = ["http://dash.example"]
    client = create_app(settings, store=sample_store).test_client()
    allowed = client.get("/api/v1/health", headers={"Origin": "http://dash.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "http://dash.example"
    other = client.get("/api/v1/health", headers={"Origin": "http://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_alliances_timeline_and_activity(client: Any) -> None:
    found = client.get("/api/v1/alliances").get_json()
    pair = next(p for p in found["pairs"] if (p["a"]["id"], p["b"]["id"]) == ("IRN", "SYR"))
    assert (pair["meetings"], pair["supports"]["total"], pair["rejects"]["total"]) == (6, 5, 2)
    assert found["matrix"]["states"] == ["IRN", "IRQ", "RUS", "SYR", "TUR", "USA"]
    assert [[m["id"] for m in b["members"]] for b in found["blocs"]] == [
        ["IRN", "IRQ", "TUR"],
        ["RUS", "SYR"],
    ]
    two = client.get("/api/v1/alliances?countries=Iranian,Syria").get_json()
    assert [(p["a"]["id"], p["b"]["id"]) for p in two["pairs"]] == [("IRN", "SYR")]
    timeline = client.get(f"/api/v1/entities/{MIKDAD}/timeline?types=REJECTS").get_json()
    assert timeline["total"] == 1 and timeline["items"][0]["other"]["id"] == "TUR"
    assert timeline["items"][0]["direction"] == "out"
    months = client.get("/api/v1/stats/activity?since=2017-10-01&until=2017-11-30").get_json()
    assert [(p["period"], p["total"]) for p in months["series"]] == [
        ("2017-10", 42),
        ("2017-11", 16),
    ]


def test_pages_link_to_the_next_one(client: Any) -> None:
    first = client.get("/api/v1/meetings?country=Turkey&limit=10").get_json()
    assert first["total"] == 21 and len(first["items"]) == 10
    assert first["next"].endswith("/api/v1/meetings?country=Turkey&limit=10&offset=10")
    second = client.get(first["next"]).get_json()
    third = client.get(second["next"]).get_json()
    assert len(third["items"]) == 1 and third["next"] is None
    ids = [m["id"] for page in (first, second, third) for m in page["items"]]
    assert len(set(ids)) == 21  # every meeting once, none skipped


def test_tables_as_csv(client: Any) -> None:
    import csv
    import io

    response = client.get("/api/v1/meetings?country=Turkey&limit=5&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["X-Total-Count"] == "21"
    assert 'offset=5>; rel="next"' in response.headers["Link"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 5
    assert {"date", "a.name", "b.country", "article.key", "evidence"} <= rows[0].keys()
    pairs = client.get("/api/v1/alliances?format=csv").get_data(as_text=True)
    header, first = pairs.splitlines()[:2]
    assert header.startswith("a.id,a.type,a.name,a.country,b.id")
    assert first.startswith("IRN,State,Iran,IRN,SYR")
    activity = client.get("/api/v1/stats/activity?format=csv&since=2017-10-01&until=2017-10-31")
    assert activity.get_data(as_text=True).splitlines()[1].startswith("2017-10,2017-10-01")


def test_graphs_for_cytoscape_and_grafana(client: Any) -> None:
    url = f"/api/v1/entities/{MIKDAD}/neighbourhood?types=MET_WITH"
    plain = client.get(url).get_json()
    cytoscape = client.get(url + "&format=cytoscape").get_json()
    nodes = {n["data"]["id"] for n in cytoscape["elements"]["nodes"]}
    assert nodes == {n["id"] for n in plain["nodes"]}
    assert all({"source", "target"} <= e["data"].keys() for e in cytoscape["elements"]["edges"])
    grafana = client.get(url + "&format=grafana").get_json()
    assert {n["id"] for n in grafana["nodes"]} == nodes
    edge = grafana["edges"][0]
    assert edge["mainstat"] == "MET_WITH" and edge["color"] == "#3274d9"
    assert any(e["detail__evidence"] for e in grafana["edges"])  # derived pairs have none
    path = client.get("/api/v1/paths?from=SYR&to=TUR&k=2&format=grafana").get_json()
    assert {"SYR", "TUR"} <= {n["id"] for n in path["nodes"]}


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/meetings?format=xml", "format"),
        (f"/api/v1/entities/{MIKDAD}/neighbourhood?format=csv", "format"),
        ("/api/v1/alliances?countries=Narnia,Syria", "countries"),
        ("/api/v1/alliances?countries=Iran", "countries"),
        ("/api/v1/alliances?since=2018-01-01&until=2017-01-01", "since"),
        (f"/api/v1/entities/{MIKDAD}/timeline?types=AFFILIATED_WITH", "types"),
        (f"/api/v1/entities/{MIKDAD}/timeline?limit=0", "limit"),
        ("/api/v1/stats/activity?interval=year", "interval"),
        ("/api/v1/stats/activity?interval=day&since=1900-01-01", "interval"),
        ("/api/v1/stats/activity?types=KNOWS", "types"),
    ],
)
def test_bad_parameters_of_dashboards(client: Any, url: str, parameter: str) -> None:
    assert _problem(client.get(url), 400)["parameter"] == parameter


def test_timeline_of_an_unknown_entity(client: Any) -> None:
    _problem(client.get("/api/v1/entities/person:nobody/timeline"), 404)


# -- hostile input ---------------------------------------------------------------------

INJECTIONS = [
    "`x`) DETACH DELETE n //",
    "' OR 1=1 --",
    '" RETURN 1 //',
    "$x",
    "(?i).*[",
    "../../etc/passwd",
    "\\",
    "\x00",
]
# Every string parameter, path ones included; {} is the value.
STRING_PARAMETERS = [
    "/api/v1/entities?q={}",
    "/api/v1/entities?country={}",
    "/api/v1/meetings?entity={}&with=SYR&country=Syria",
    "/api/v1/meetings?with={}",
    "/api/v1/paths?from={}&to=SYR",
    "/api/v1/paths?from=SYR&to={}",
    "/api/v1/alliances?countries=SYR,{}",
    "/api/v1/entities/SYR/neighbourhood?types={}",
    "/api/v1/entities/{}",
    "/api/v1/entities/{}/neighbourhood",
    "/api/v1/entities/{}/timeline",
    "/api/v1/articles/{}",
]


def test_injection_attempts_are_only_strings(client: Any) -> None:
    """Cypher, regex metacharacters, `../`, a NUL: an answer or a 4xx problem, nothing run."""
    before = client.get("/api/v1/stats").get_json()
    for template, value in [(t, v) for t in STRING_PARAMETERS for v in INJECTIONS]:
        url = template.format(quote(value, safe=""))
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        if response.status_code != 200:
            _problem(response, response.status_code)
    for value in INJECTIONS:
        deleted = client.delete(f"/api/v1/articles/{quote(value, safe='')}", headers=AUTH)
        _problem(deleted, 404)
    assert client.get("/api/v1/stats").get_json() == before  # nothing written or removed


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/entities?type=", "type"),
        ("/api/v1/meetings?limit=", "limit"),
        ("/api/v1/meetings?since=", "since"),
        ("/api/v1/alliances?format=", "format"),
        (f"/api/v1/entities/{MIKDAD}/neighbourhood?depth=", "depth"),
        ("/api/v1/stats/activity?interval=", "interval"),
        ("/api/v1/stats/activity?types=", "types"),
        (f"/api/v1/entities/{MIKDAD}/neighbourhood?types=,", "types"),
    ],
)
def test_an_empty_value_is_not_the_default(client: Any, url: str, parameter: str) -> None:
    """`limit=` is no number and `type=` no type: refused like any wrong value (fuzzing
    found them answered with the default, against the document's integer and enums)."""
    assert _problem(client.get(url), 400)["parameter"] == parameter


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/meetings?limit=1&limit=2", "limit"),
        (f"/api/v1/entities/{MIKDAD}/neighbourhood?types=MET_WITH&types=REJECTS", "types"),
        ("/api/v1/paths?from=SYR&to=IRN&to=TUR", "to"),
    ],
)
def test_a_repeated_parameter_is_refused(client: Any, url: str, parameter: str) -> None:
    body = _problem(client.get(url), 400)
    assert body["parameter"] == parameter and "given 2 times" in body["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        [("X-API-Key", API_KEY), ("Authorization", "Bearer wrong-key-1")],
        [("X-API-Key", "wrong-key-1"), ("Authorization", f"Bearer {API_KEY}")],
        [("X-API-Key", API_KEY), ("X-API-Key", "wrong-key-1")],
    ],
)
def test_a_wrong_key_beside_the_right_one_is_refused(client: Any, headers: Any) -> None:
    """Fuzzing sent the key with a made-up Bearer token, and the write went through."""
    article = "/api/v1/articles/sana-2017-10-25-tehran"
    refused = client.delete(article, headers=headers)
    _problem(refused, 401)
    assert "wrong-key-1" not in refused.get_data(as_text=True)
    assert client.get(article).status_code == 200  # still there


def test_a_wrong_method_says_which_are_allowed(client: Any) -> None:
    """RFC 9110: a 405 lists the allowed methods in `Allow` (the problem page lost it)."""
    response = client.open("/api/v1/articles/sana-2017-10-25-tehran", method="TRACE")
    _problem(response, 405)
    assert {"GET", "DELETE"} <= set(response.headers["Allow"].split(", "))


@pytest.mark.parametrize("charset", ["undefined", "punycode"])
def test_annotate_text_its_charset_cannot_decode(client: Any, charset: str) -> None:
    """Codecs that fail without saying where raised a bare UnicodeError: a 500."""
    response = client.post(
        "/api/v1/annotate?published=2018-08-30",
        data=b"Lavrov met Muallem in Moscow.",
        content_type=f"text/plain; charset={charset}",
    )
    assert f"not {charset} text" in _problem(response, 400)["detail"]


def test_annotate_refuses_an_id_no_article_can_have(client: Any) -> None:
    """The draft took any id, and came back with one the document (and ingest) refuse."""
    text = "Lavrov met Muallem in Moscow."
    as_json = {"text": text, "published": "2018-08-30", "id": "x`y"}
    assert _problem(client.post("/api/v1/annotate", json=as_json), 400)["parameter"] == "id"
    plain = client.post(
        "/api/v1/annotate?published=2018-08-30&id=..%2Fx", data=text, content_type="text/plain"
    )
    assert _problem(plain, 400)["parameter"] == "id"


def test_annotate_json_takes_no_options_in_the_query(client: Any) -> None:
    """They were ignored, even when invalid: a JSON body carries its options itself."""
    body = {"text": "Lavrov met Muallem in Moscow.", "published": "2018-08-30"}
    response = client.post("/api/v1/annotate?published=2017-02-30", json=body)
    assert _problem(response, 400)["parameter"] == "published"


@pytest.mark.parametrize(
    ("interval", "first", "last"),
    [
        ("day", "0001-01-01", "9999-12-31"),
        ("week", "0001-W01", "9999-W52"),
        ("month", "0001-01", "9999-12"),
    ],
)
def test_activity_at_the_ends_of_the_calendar(
    client: Any, interval: str, first: str, last: str
) -> None:
    """The period after 9999-12 cannot be a date: it raised OverflowError (a 500)."""
    url = f"/api/v1/stats/activity?interval={interval}"
    end = client.get(f"{url}&since=9999-12-30&until=9999-12-31")
    assert end.status_code == 200, end.get_data(as_text=True)
    series = end.get_json()["series"]
    assert (series[-1]["period"], series[-1]["end"]) == (last, "9999-12-31")
    start = client.get(f"{url}&since=0001-01-01&until=0001-01-01").get_json()
    assert start["series"][0]["period"] == first


def test_json_bodies_with_keys_other_than_strings_still_serialise(
    settings: Settings, sample_store: Store
) -> None:
    """Bodies go out without orjson's slower option for non-string keys; one that has
    such keys (a date, a number) falls back to it."""
    from datetime import date

    app = create_app(settings, store=sample_store)
    with app.app_context():
        plain = app.json.response({"a": [1, 2]})
        keyed = app.json.response({date(2017, 10, 1): 3, 7: "x"})
    assert plain.get_json() == {"a": [1, 2]}
    assert keyed.get_json() == {"2017-10-01": 3, "7": "x"}
    assert app.json.dumps({date(2017, 10, 1): 3}) == '{"2017-10-01":3}'
