"""Alliances, timelines and activity on both stores, from a corpus whose counts we know."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from graph.errors import EntityNotFound, InvalidQuery
from graph.identity import AliasTable
from graph.ingest import ingest
from graph.queries import ActivityQuery, AlliancesQuery, TimelineQuery
from graph.store import Store
from loaders import parse_bytes
from tests.conftest import load_samples

# Three articles.  Officials count for their states; the UN (no state) and a stance on a
# referendum (no state) count for no pair; the Washington talks are one meeting of the US
# and Turkey although two of their pairs (one stated, one derived) cross the two states.
CORPUS = """\
article: {id: alliance-1, title: Lavrov in Ankara, published: 2020-01-05}
entities:
  - {id: lavrov, type: Official, name: Sergei Lavrov, country: RUS}
  - {id: cavusoglu, type: Official, name: Mevlut Cavusoglu, country: TUR}
  - {id: syria, type: State, name: Syria}
  - {id: turkey, type: State, name: Turkey}
relations:
  - {type: MET_WITH, source: lavrov, target: cavusoglu}
  - {type: SUPPORTS, source: lavrov, target: syria}
  - {type: REJECTS, source: turkey, target: syria}
---
article: {id: alliance-2, title: Sochi, published: 2020-02-10}
entities:
  - {id: putin, type: Official, name: Vladimir Putin, country: RUS}
  - {id: assad, type: Official, name: Bashar al-Assad, country: SYR}
  - {id: erdogan, type: Official, name: Recep Tayyip Erdogan, country: TUR}
  - {id: russia, type: State, name: Russia}
relations:
  - {type: SUPPORTS, source: putin, target: assad}
  - {type: SUPPORTS, source: assad, target: russia}
  - {type: REJECTS, source: erdogan, target: assad}
  - {type: MET_WITH, source: erdogan, target: putin}
---
article: {id: alliance-3, title: Washington, published: 2020-03-01}
entities:
  - {id: usa, type: State, name: United States}
  - {id: russia, type: State, name: Russia}
  - {id: pompeo, type: Official, name: Mike Pompeo, country: USA}
  - {id: cavusoglu, type: Official, name: Mevlut Cavusoglu, country: TUR}
  - {id: turkey, type: State, name: Turkey}
  - {id: un, type: Organization, name: United Nations}
  - {id: syria, type: State, name: Syria}
  - {id: mikdad, type: Official, name: Fayssal Mikdad, country: SYR}
  - {id: erdogan, type: Official, name: Recep Tayyip Erdogan, country: TUR}
events:
  - {id: vote, type: Referendum, name: Kurdish referendum}
  - {id: talks, type: Meeting, participants: [pompeo, cavusoglu, erdogan]}
relations:
  - {type: REJECTS, source: usa, target: russia}
  - {type: MET_WITH, source: pompeo, target: cavusoglu, event: talks}
  - {type: SUPPORTS, source: pompeo, target: turkey}
  - {type: SUPPORTS, source: un, target: syria}
  - {type: REJECTS, source: mikdad, target: vote}
"""


@pytest.fixture
def corpus_store(store: Store) -> Store:
    parsed = parse_bytes(CORPUS.encode(), "alliances.yaml")
    assert not parsed.errors, parsed.errors
    assert ingest(store, parsed.articles, AliasTable.load()).ok
    return store


def _pairs(store: Store, **query: Any) -> dict[tuple[str, str], tuple[int, int, int, Any]]:
    """(a, b) -> (meetings, supports, rejects, stance)."""
    found = store.alliances(AlliancesQuery(**query))
    return {
        (p["a"]["id"], p["b"]["id"]): (
            p["meetings"],
            p["supports"]["total"],
            p["rejects"]["total"],
            p["stance"],
        )
        for p in found.pairs
    }


def test_pairs_count_officials_for_their_states(corpus_store: Store) -> None:
    assert _pairs(corpus_store) == {
        ("RUS", "SYR"): (0, 3, 0, 1.0),
        ("RUS", "TUR"): (2, 0, 0, None),
        ("SYR", "TUR"): (0, 0, 2, -1.0),
        ("RUS", "USA"): (0, 0, 1, -1.0),
        ("TUR", "USA"): (1, 1, 0, 1.0),
    }
    found = corpus_store.alliances(AlliancesQuery())
    rus_syr = next(p for p in found.pairs if p["b"]["id"] == "SYR" and p["a"]["id"] == "RUS")
    assert rus_syr["supports"] == {"a_to_b": 2, "b_to_a": 1, "total": 3}
    assert rus_syr["a"] == {"id": "RUS", "type": "State", "name": "Russia", "country": "RUS"}
    assert found.pairs[0]["a"]["id"] == "RUS"  # most evidence first


def test_matrix_is_directed_for_stances_and_symmetric_for_meetings(corpus_store: Store) -> None:
    matrix = corpus_store.alliances(AlliancesQuery()).matrix
    codes = matrix["states"]
    assert codes == ["RUS", "SYR", "TUR", "USA"]
    at = {code: i for i, code in enumerate(codes)}
    assert matrix["supports"][at["RUS"]][at["SYR"]] == 2
    assert matrix["supports"][at["SYR"]][at["RUS"]] == 1
    assert matrix["rejects"][at["TUR"]][at["SYR"]] == 2
    assert matrix["rejects"][at["SYR"]][at["TUR"]] == 0
    assert matrix["meetings"][at["RUS"]][at["TUR"]] == matrix["meetings"][at["TUR"]][at["RUS"]] == 2
    assert matrix["stance"][at["SYR"]][at["TUR"]] == -1.0
    assert matrix["stance"][at["RUS"]][at["RUS"]] is None


def test_blocs_follow_support_not_meetings(corpus_store: Store) -> None:
    found = corpus_store.alliances(AlliancesQuery())
    blocs = [[m["id"] for m in bloc["members"]] for bloc in found.blocs]
    assert sorted(blocs) == [["RUS", "SYR"], ["TUR", "USA"]]
    russia_syria = next(b for b in found.blocs if b["members"][0]["id"] == "RUS")
    assert (russia_syria["supports"], russia_syria["rejects"]) == (3, 0)
    assert found.unaligned == []


def test_period_and_countries_filter(corpus_store: Store) -> None:
    assert _pairs(corpus_store, since=date(2020, 2, 1), until=date(2020, 2, 28)) == {
        ("RUS", "SYR"): (0, 2, 0, 1.0),
        ("RUS", "TUR"): (1, 0, 0, None),
        ("SYR", "TUR"): (0, 0, 1, -1.0),
    }
    assert _pairs(corpus_store, countries=("RUS", "SYR")) == {("RUS", "SYR"): (0, 3, 0, 1.0)}
    assert _pairs(corpus_store, since=date(2021, 1, 1)) == {}


def test_timeline_of_a_person_and_of_a_state(corpus_store: Store) -> None:
    page = corpus_store.timeline(TimelineQuery("person:sergei-lavrov"))
    assert page.total == 2
    assert {(i["type"], i["direction"], i["other"]["id"]) for i in page.items} == {
        ("MET_WITH", "mutual", "person:mevlut-cavusoglu"),
        ("SUPPORTS", "out", "SYR"),
    }
    assert page.items[0]["article"]["key"] == "alliance-1"
    syria = corpus_store.timeline(TimelineQuery("SYR"))
    assert [(i["date"], i["type"], i["direction"], i["other"]["id"]) for i in syria.items] == [
        ("2020-01-05", *first)
        for first in sorted(
            [("REJECTS", "in", "TUR"), ("SUPPORTS", "in", "person:sergei-lavrov")],
            key=lambda item: _edge_id(syria.items, item[2]),
        )
    ] + [("2020-03-01", "SUPPORTS", "in", "org:united-nations")]
    only = corpus_store.timeline(TimelineQuery("SYR", types=("REJECTS",), limit=1))
    assert only.total == 1 and only.items[0]["other"]["id"] == "TUR"
    later = corpus_store.timeline(TimelineQuery("SYR", since=date(2020, 2, 1)))
    assert [i["other"]["id"] for i in later.items] == ["org:united-nations"]
    with pytest.raises(EntityNotFound):
        corpus_store.timeline(TimelineQuery("person:nobody"))


def _edge_id(items: list[dict[str, Any]], other: str) -> str:
    """Items of one day come in relationship-id order, the same on both stores."""
    return str(next(i["id"] for i in items if i["other"]["id"] == other))


def test_activity_per_month_and_week(corpus_store: Store) -> None:
    months = corpus_store.activity(ActivityQuery(interval="month"))
    assert [(p["period"], p["counts"]) for p in months.series] == [
        ("2020-01", {"MET_WITH": 1, "SUPPORTS": 1, "REJECTS": 1}),
        ("2020-02", {"MET_WITH": 1, "SUPPORTS": 2, "REJECTS": 1}),
        ("2020-03", {"MET_WITH": 3, "SUPPORTS": 2, "REJECTS": 2}),  # two derived pairs
    ]
    assert months.total == 14
    weeks = corpus_store.activity(ActivityQuery(interval="week", types=("MET_WITH",)))
    first = weeks.series[0]
    # 5 January 2020 is a Sunday: ISO week 1 of 2020, which starts on 30 December 2019.
    assert (first["period"], first["start"], first["end"]) == (
        "2020-W01",
        "2019-12-30",
        "2020-01-05",
    )
    assert len(weeks.series) == 9 and weeks.total == 5  # empty weeks are there, as zeros
    assert sum(p["total"] == 0 for p in weeks.series) == 6
    days = corpus_store.activity(
        ActivityQuery(interval="day", since=date(2020, 2, 9), until=date(2020, 2, 11))
    )
    assert [(p["period"], p["total"]) for p in days.series] == [
        ("2020-02-09", 0),
        ("2020-02-10", 4),
        ("2020-02-11", 0),
    ]


def test_both_stores_agree_on_the_sample_corpus(store: Store) -> None:
    load_samples(store)
    found = store.alliances(AlliancesQuery())
    pair = next(p for p in found.pairs if {p["a"]["id"], p["b"]["id"]} == {"IRN", "SYR"})
    assert pair["supports"]["total"] > pair["rejects"]["total"]
    blocs = [{m["id"] for m in bloc["members"]} for bloc in found.blocs]
    # Iran and the US meet in no bloc: each rejects the other, whatever they support.
    assert not any({"IRN", "USA"} <= members for members in blocs)
    assert blocs == [{"IRN", "IRQ", "TUR"}, {"RUS", "SYR"}]
    assert [s["id"] for s in found.unaligned] == ["USA"]
    # The numbers both backends must give (pinned here, checked on each backend).
    assert (pair["meetings"], pair["supports"]["total"], pair["rejects"]["total"]) == (6, 5, 2)
    activity = store.activity(ActivityQuery(interval="month"))
    assert activity.total == 116
    timeline = store.timeline(TimelineQuery("person:fayssal-mikdad"))
    assert timeline.total == 7


@pytest.mark.parametrize(
    ("make", "parameter"),
    [
        (lambda: AlliancesQuery(since=date(2020, 2, 1), until=date(2020, 1, 1)), "since"),
        (lambda: AlliancesQuery(countries=("RUS",)), "countries"),
        (lambda: TimelineQuery("SYR", types=("AFFILIATED_WITH",)), "types"),
        (lambda: TimelineQuery("SYR", limit=0), "limit"),
        (lambda: ActivityQuery(interval="year"), "interval"),
        (lambda: ActivityQuery(types=("KNOWS",)), "types"),
    ],
)
def test_bad_queries_name_the_parameter(make: Any, parameter: str) -> None:
    with pytest.raises(InvalidQuery) as caught:
        make()
    assert caught.value.param == parameter


def test_a_day_series_over_decades_is_refused(corpus_store: Store) -> None:
    query = ActivityQuery(interval="day", since=date(1990, 1, 1), until=date(2020, 1, 1))
    with pytest.raises(InvalidQuery, match="narrow since/until"):
        corpus_store.activity(query)
