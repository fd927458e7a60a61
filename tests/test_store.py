"""The store contract on the sample corpus, for every backend (see examples/CORPUS.md)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from graph.errors import ArticleNotFound, EntityNotFound, InvalidQuery
from graph.identity import AliasTable
from graph.ingest import ingest
from graph.queries import EntityQuery, MeetingsQuery, NeighbourhoodQuery, PathsQuery
from graph.store import Store
from loaders import parse_bytes
from tests.conftest import SAMPLES, load_samples

MIKDAD = "person:fayssal-mikdad"
MAHMOUD = "person:adnan-mahmoud"
ONAL = "person:sedat-onal"
DE_MISTURA = "person:staffan-de-mistura"
REFERENDUM = "event:kurdistan-independence-referendum"


def _partners(store: Store, entity: str, **filters: object) -> Counter[str]:
    page = store.meetings(MeetingsQuery(entity=entity, limit=1000, **filters))  # type: ignore[arg-type]
    assert all(item["a"]["id"] == entity for item in page.items)
    return Counter(item["b"]["name"] for item in page.items)


def test_meetings_of_mikdad_across_spellings(sample_store: Store) -> None:
    assert _partners(sample_store, MIKDAD) == {
        "Adnan Mahmoud": 1,
        "Ali Akbar Velayati": 2,
        "Hossein Jaberi Ansari": 2,
        "Ali Larijani": 1,
    }
    page = sample_store.meetings(MeetingsQuery(entity=MIKDAD, with_="person:ali-akbar-velayati"))
    assert {i["article"]["key"] for i in page.items} == {
        "sana-2017-10-25-tehran",
        "irna-2017-10-25-mekdad-larijani",
    }
    sana = next(i for i in page.items if i["article"]["key"] == "sana-2017-10-25-tehran")
    assert sana["date"] == "2017-10-25"
    assert sana["place"]["name"] == "Tehran"
    assert sana["evidence"].startswith("Syrian Deputy Foreign and Expatriates Minister")
    assert sana["derived"] is False


def test_meetings_totals_filters_and_order(sample_store: Store) -> None:
    everything = sample_store.meetings(MeetingsQuery(limit=1000))
    assert everything.total == 44
    pairs = {frozenset((i["a"]["id"], i["b"]["id"])) for i in everything.items}
    assert len(pairs) == 31
    dates = [i["date"] for i in everything.items]
    assert dates == sorted(dates, reverse=True)
    assert _partners(sample_store, "person:recep-tayyip-erdogan").total() == 10
    # Derived pairs: the ambassador attended, so he met both.
    assert _partners(sample_store, MAHMOUD) == {"Ali Akbar Velayati": 1, "Fayssal Mikdad": 1}
    in_2016 = sample_store.meetings(MeetingsQuery(until=date(2016, 12, 31), limit=1000))
    assert in_2016.total == 6
    autumn = _partners(
        sample_store,
        "person:recep-tayyip-erdogan",
        since=date(2017, 10, 1),
        until=date(2017, 10, 31),
    )
    assert autumn.total() == 5
    iranians = _partners(sample_store, "person:recep-tayyip-erdogan", country="IRN")
    assert set(iranians) == {"Mohammad Javad Zarif", "Ali Khamenei", "Hassan Rouhani"}
    page = sample_store.meetings(MeetingsQuery(limit=5, offset=40))
    assert (len(page.items), page.total) == (4, 44)


def test_never_met(sample_store: Store) -> None:
    for a, b in [
        ("person:bashar-al-jaafari", "person:nasr-al-hariri"),
        (DE_MISTURA, MIKDAD),
        (MAHMOUD, ONAL),
        ("person:ali-larijani", "person:sadegh-larijani"),
    ]:
        assert sample_store.meetings(MeetingsQuery(entity=a, with_=b)).total == 0


def test_search_finds_spelling_variants_and_keeps_people_apart(sample_store: Store) -> None:
    for query in ("Mekdad", "Miqdad", "faisal mikdad", "Fayssal al-Mikdad"):
        items = sample_store.search_entities(EntityQuery(q=query)).items
        assert items and items[0]["id"] == MIKDAD, query
    assert sample_store.search_entities(EntityQuery(q="Syrian")).items[0]["id"] == "SYR"
    larijanis = sample_store.search_entities(EntityQuery(q="larijani")).items
    assert {i["id"] for i in larijanis} == {"person:ali-larijani", "person:sadegh-larijani"}
    mikdad = sample_store.search_entities(EntityQuery(q="Mekdad")).items[0]
    assert {"Faisal Mekdad", "Faysal Miqdad", "Mikdad"} <= set(mikdad["aliases"])
    states = sample_store.search_entities(EntityQuery(type="State", limit=100))
    assert {i["id"] for i in states.items} >= {"SYR", "IRN", "TUR", "RUS", "IRQ", "USA"}
    iranians = sample_store.search_entities(EntityQuery(type="Official", country="IRN", limit=50))
    assert "person:ali-larijani" in {i["id"] for i in iranians.items}
    assert sample_store.search_entities(EntityQuery(q="zzzz")).total == 0


def test_entity_detail(sample_store: Store) -> None:
    detail = sample_store.entity(MIKDAD)
    assert detail["name"] == "Fayssal Mikdad"
    assert detail["country"] == "SYR"
    assert detail["relationships"]["MET_WITH"] == 6
    (affiliation,) = [a for a in detail["affiliations"] if a["articles"] > 1]
    assert affiliation["state"]["id"] == "SYR"
    assert affiliation["first_seen"] == "2017-10-25"
    referendum = sample_store.entity(REFERENDUM)
    assert referendum["relationships"]["REPORTED_IN"] == 5
    with pytest.raises(EntityNotFound):
        sample_store.entity("person:nobody")


def test_neighbourhood_depth_types_and_cap(sample_store: Store) -> None:
    view = sample_store.neighbourhood(NeighbourhoodQuery(MIKDAD, types=("MET_WITH",)))
    assert {n["name"] for n in view.nodes} == {
        "Fayssal Mikdad",
        "Adnan Mahmoud",
        "Ali Akbar Velayati",
        "Hossein Jaberi Ansari",
        "Ali Larijani",
    }
    assert {e["type"] for e in view.edges} == {"MET_WITH"}
    assert len(view.edges) == 6 + 1  # Mikdad's six, and Velayati - Mahmoud
    assert view.truncated is False
    deeper = sample_store.neighbourhood(NeighbourhoodQuery(MIKDAD, depth=2, types=("MET_WITH",)))
    names = {n["name"] for n in deeper.nodes}
    assert {"Sedat Onal", "Bashar al-Jaafari", "Haider al-Abadi"} <= names
    capped = sample_store.neighbourhood(NeighbourhoodQuery(MIKDAD, depth=3, limit=4))
    assert len(capped.nodes) == 4 and capped.truncated is True
    assert capped.nodes[0]["id"] == MIKDAD
    dated = sample_store.neighbourhood(
        NeighbourhoodQuery(DE_MISTURA, types=("MET_WITH",), until=date(2017, 1, 31))
    )
    assert [n["id"] for n in dated.nodes] == [DE_MISTURA]
    everything = sample_store.neighbourhood(NeighbourhoodQuery(MIKDAD))
    assert "SYR" in {n["id"] for n in everything.nodes}
    # In a view, one edge per (official, state, title), counting the articles behind it.
    affiliations = [e for e in everything.edges if e["type"] == "AFFILIATED_WITH"]
    assert {e["source"] for e in affiliations} >= {MIKDAD}
    assert sum(e["articles"] for e in affiliations if e["source"] == MIKDAD) == 3


@pytest.mark.parametrize(
    ("source", "target", "types", "lengths"),
    [
        (MAHMOUD, ONAL, None, [3]),
        (MAHMOUD, ONAL, ("MET_WITH",), [3]),
        (DE_MISTURA, MIKDAD, None, [3, 3, 3]),
        (DE_MISTURA, MIKDAD, ("MET_WITH",), [3]),
        ("person:masoud-barzani", MAHMOUD, None, [3]),
        ("person:nasr-al-hariri", ONAL, ("MET_WITH",), [4]),
        ("person:sadegh-larijani", "person:ali-larijani", None, [4, 4]),
    ],
)
def test_shortest_paths(
    sample_store: Store,
    source: str,
    target: str,
    types: tuple[str, ...] | None,
    lengths: list[int],
) -> None:
    extra = {"types": types} if types else {}
    found = sample_store.paths(PathsQuery(source, target, k=10, max_length=4, **extra))  # type: ignore[arg-type]
    shortest = [p.length for p in found if p.length == found[0].length]
    assert shortest == lengths
    lengths_seen = [p.length for p in found]
    assert lengths_seen == sorted(lengths_seen)
    first = found[0]
    assert first.nodes[0]["id"] == source and first.nodes[-1]["id"] == target
    assert len(first.edges) == first.length
    for edge, (a, b) in zip(
        first.edges, zip(first.nodes, first.nodes[1:], strict=False), strict=True
    ):
        assert {edge["source"], edge["target"]} == {a["id"], b["id"]}
        assert edge["article"].startswith("article:")


def test_path_witnesses_and_limits(sample_store: Store) -> None:
    (path,) = sample_store.paths(PathsQuery(MAHMOUD, ONAL))
    assert [n["name"] for n in path.nodes] == [
        "Adnan Mahmoud",
        "Fayssal Mikdad",
        "Hossein Jaberi Ansari",
        "Sedat Onal",
    ]
    assert path.edges[0]["derived"] is True  # the ambassador only attended
    assert path.edges[1]["parallel"] == 2  # stated by SANA and by Press TV
    assert sample_store.paths(PathsQuery(MAHMOUD, ONAL, max_length=2)) == []
    assert sample_store.paths(PathsQuery(MAHMOUD, ONAL, until=date(2017, 10, 1))) == []
    assert sample_store.paths(PathsQuery(MAHMOUD, ONAL, since=date(2017, 10, 26))) == []
    (itself,) = sample_store.paths(PathsQuery(MIKDAD, MIKDAD))
    assert itself.length == 0
    with pytest.raises(EntityNotFound):
        sample_store.paths(PathsQuery(MIKDAD, "person:nobody"))


def test_query_parameters_are_checked() -> None:
    with pytest.raises(InvalidQuery, match="depth"):
        NeighbourhoodQuery(MIKDAD, depth=4)
    with pytest.raises(InvalidQuery, match="max_length"):
        PathsQuery(MIKDAD, ONAL, max_length=0)
    with pytest.raises(InvalidQuery, match="since"):
        MeetingsQuery(since=date(2018, 1, 1), until=date(2017, 1, 1))
    with pytest.raises(InvalidQuery, match="limit"):
        MeetingsQuery(limit=0)


def test_reingest_changes_nothing(sample_store: Store) -> None:
    before = (sample_store.stats(), sample_store.export())
    load_samples(sample_store)
    assert (sample_store.stats(), sample_store.export()) == before


def _ingest_text(store: Store, text: str, name: str = "changed.yaml") -> str:
    parsed = parse_bytes(text.encode(), name)
    assert not parsed.errors, parsed.errors
    report = ingest(store, parsed.articles, AliasTable.load())
    assert report.ok
    return report.outcomes[0].status


def test_a_changed_article_replaces_its_old_assertions(sample_store: Store) -> None:
    doc = yaml.safe_load((SAMPLES / "sana-2017-10-25-tehran.yaml").read_text("utf-8"))
    doc["events"] = [e for e in doc["events"] if e["id"] != "m2"]
    doc["relations"] = [r for r in doc["relations"] if r.get("event") != "m2"]
    changed = yaml.safe_dump(doc, allow_unicode=True)
    assert _ingest_text(sample_store, changed) == "replaced"
    # Jaberi Ansari still met Mikdad, but only as reported by Press TV now.
    partners = _partners(sample_store, MIKDAD)
    assert partners["Hossein Jaberi Ansari"] == 1
    assert sample_store.stats().articles == 20
    assert _ingest_text(sample_store, changed) == "unchanged"


def test_retraction_removes_assertions_and_orphans_only(sample_store: Store) -> None:
    before = sample_store.stats()
    outcome = sample_store.retract("sana-2017-10-25-tehran")
    assert outcome.article == "article:sana-2017-10-25-tehran"
    with pytest.raises(EntityNotFound):
        sample_store.entity(MAHMOUD)  # only that article knew the ambassador
    assert _partners(sample_store, MIKDAD) == {
        "Ali Akbar Velayati": 1,
        "Hossein Jaberi Ansari": 1,
        "Ali Larijani": 1,
    }
    assert sample_store.entity(REFERENDUM)["relationships"]["REPORTED_IN"] == 4
    with pytest.raises(ArticleNotFound):
        sample_store.retract("sana-2017-10-25-tehran")
    _ingest_text(
        sample_store, (SAMPLES / "sana-2017-10-25-tehran.yaml").read_text("utf-8"), "sana.yaml"
    )
    assert sample_store.stats() == before


def test_article_detail_has_provenance(sample_store: Store) -> None:
    detail = sample_store.article("article:irna-2017-10-25-mekdad-larijani")
    assert detail.article["key"] == "irna-2017-10-25-mekdad-larijani"
    assert detail.article["published"] == "2017-10-25"
    text = detail.article["text"]
    stated = [e for e in detail.edges if e["type"] in ("MET_WITH", "SUPPORTS", "REJECTS")]
    assert stated
    for edge in stated:
        if "span" in edge:
            start, end = edge["span"]
            assert text[start:end] == edge["evidence"]
    with pytest.raises(ArticleNotFound):
        sample_store.article("nope")


def test_export_matches_stats(sample_store: Store, tmp_path: Path) -> None:
    view = sample_store.export()
    stats = sample_store.stats()
    assert (len(view.nodes), len(view.edges)) == (stats.nodes, stats.relationships)
    assert stats.nodes_by_type["Article"] == 20
    assert stats.relationships_by_type["MET_WITH"] == 44


def test_merges_explain_each_spelling(sample_store: Store) -> None:
    merges = {(m["spelling"], m["id"]): m["rule"] for m in sample_store.merges()}
    assert merges[("Faisal Mekdad", MIKDAD)] == "variant"
    assert merges[("Velayati", "person:ali-akbar-velayati")] == "alias"
    assert merges[("Bashar al-Jaafary", "person:bashar-al-jaafari")] == "variant"
    assert not any(
        m["id"] == "person:ali-larijani" and "Sadegh" in m["spelling"]
        for m in sample_store.merges()
    )
