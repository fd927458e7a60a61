"""Entity resolution: the gazetteer, titles, fuzzy matching, overrides, `resolve`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest
import yaml
from click.testing import CliRunner

from bench.resolution import PAIRS, evaluate, load_pairs
from diplograph.cli import main
from diplograph.config import ConfigError, load_settings
from graph.codec import decode_graph, encode_graph
from graph.compile import Compiler, Rules
from graph.embedded import EmbeddedStore
from graph.errors import InvalidIdentityFile, NotSupported
from graph.fuzzy import fuzzy_compatible
from graph.gazetteer import Gazetteer, Overrides
from graph.identity import AliasTable, StateTable, match_key
from graph.ingest import ingest, reresolve
from graph.model import ParsedEntity
from graph.queries import EntityQuery
from graph.store import Store
from loaders import find_files, load_file, parse_bytes
from tests.conftest import ROOT, SAMPLES

DATA = ROOT / "tests" / "data"


def _official(name: str, country: str | None = None) -> ParsedEntity:
    return ParsedEntity("x", "Official", name, country=country)


def _resolve(name: str, country: str | None = None, day: date | None = None) -> str:
    compiler = Compiler(Rules(), lambda keys: {})
    return compiler.resolve(_official(name, country), day or date(2017, 6, 1)).id


# -- the pair test set -------------------------------------------------------------------


def test_resolution_pairs_no_false_merge_and_recall() -> None:
    pairs = load_pairs(PAIRS)
    assert len(pairs) >= 80
    assert sum(p.same for p in pairs) >= 30 and sum(not p.same for p in pairs) >= 30
    scores = evaluate(pairs, Rules())
    false_merges = [(p.a, p.b) for p, _, _ in scores.mistakes if not p.same]
    assert not false_merges
    assert scores.recall >= 0.95, [(p.a, p.b) for p, _, _ in scores.mistakes]


def test_fuzzy_guards() -> None:
    assert fuzzy_compatible(match_key("Ismail Haniyeh"), match_key("Ismail Haniya"))
    assert fuzzy_compatible(match_key("Kwon Jae-in"), match_key("Kwon Jaein"))
    assert not fuzzy_compatible(match_key("Larijani"), match_key("Larijany"))  # surname alone
    assert not fuzzy_compatible(match_key("Ali Larijani"), match_key("Sadegh Larijani"))
    assert not fuzzy_compatible(match_key("Nabil Khoury"), match_key("Nabih Khoury"))
    assert not fuzzy_compatible(match_key("Jung Kwang-ho"), match_key("Jang Kwang-ho"))


def test_fuzzy_merges_only_within_type_and_state() -> None:
    compiler = Compiler(Rules(), lambda keys: {})
    first = compiler.resolve(_official("Saeb Erekat", "PSE"))
    assert compiler.resolve(_official("Saeb Erakat", "PSE")).id == first.id
    fuzzy = compiler.resolve(_official("Saeb Erakat", "PSE"))
    assert fuzzy.rule == "fuzzy" and fuzzy.score is not None and fuzzy.score >= 90
    assert compiler.resolve(_official("Saeb Erakat", "JOR")).id != first.id
    place = ParsedEntity("p", "Place", "Saeb Erakat", country="PSE")
    assert compiler.resolve(place).id.startswith("place:")
    off = Compiler(Rules(AliasTable.load(), None, fuzzy_threshold=None), lambda keys: {})
    off.resolve(_official("Saeb Erekat", "PSE"))
    assert off.resolve(_official("Saeb Erakat", "PSE")).rule == "name"


def _article(key: str, name: str) -> str:
    return (
        f"format: diplograph/v1\narticle: {{id: {key}, title: T, published: 2017-05-01}}\n"
        f"entities:\n- {{id: p, type: Official, name: {name}, country: PSE}}\n"
    )


def test_a_fuzzy_merge_is_remembered_by_the_store(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s.sqlite")
    first = parse_bytes(_article("a1", "Saeb Erekat").encode(), "a1.yaml").articles
    second = parse_bytes(_article("a2", "Saeb Erakat").encode(), "a2.yaml").articles
    ingest(store, [*first, *second], Rules())
    merged = {(m["spelling"], m["rule"]) for m in store.merges()}
    assert ("Saeb Erakat", "fuzzy") in merged
    # The second article alone, in a later batch that lacks the first: same node.
    ingest(store, second, Rules())
    assert store.stats().nodes_by_type["Official"] == 1
    assert store.entity("person:saeb-erekat")["aliases"] == ["Saeb Erakat"]
    store.close()


def test_an_unknown_title_is_never_matched_fuzzily() -> None:
    compiler = Compiler(Rules(), lambda keys: {})
    day = date(1960, 1, 1)
    first = compiler.resolve(_official("the Emirati Foreign Minister"), day)
    assert first.rule == "name"  # nobody known in 1960: the title stays as written
    assert compiler.resolve(_official("the Emirates Foreign Minister"), day).id != first.id


# -- the gazetteer -----------------------------------------------------------------------


def test_every_un_member_and_observer_has_names_and_demonyms() -> None:
    un = yaml.safe_load((DATA / "un_members.yaml").read_text(encoding="utf-8"))
    members, observers = un["members"].split(), un["observers"].split()
    assert len(members) == 193 == len(set(members)) and observers == ["VAT", "PSE"]
    table = yaml.safe_load((ROOT / "graph" / "data" / "states.yaml").read_text("utf-8"))
    shared = table["_shared"]
    states = StateTable.default()
    for code in members + observers:
        assert code in states, code
        demonyms = table.get(code, {}).get("demonyms")
        assert demonyms, f"{code} has no demonym in graph/data/states.yaml"
        for demonym in demonyms:
            assert states.resolve(demonym) == shared.get(demonym, code), (code, demonym)
        assert states.resolve(states.display_name(code)) == code
    assert states.resolve("Dominican") == "DOM" and states.resolve("Congolese") == "COD"
    assert states.resolve("Ivory Coast") == "CIV" and states.resolve("Holy See") == "VAT"


def test_officials_of_the_sample_corpus_and_the_seed_are_known() -> None:
    gazetteer = Gazetteer.default()
    seen = set()
    for path in find_files([SAMPLES]):
        for article in load_file(path).articles:
            for e in article.entities:
                if e.type == "Official":
                    country = StateTable.default().resolve(e.country) if e.country else None
                    entry = gazetteer.lookup("Official", e.name, country)
                    assert entry is not None, f"{e.name} ({path.name}) is not in the gazetteer"
                    seen.add(entry.name)
    seed = ["Ali Akbar Velayati", "Fayssal Mikdad", "Bashar al-Assad", "Adnan Mahmoud",
            "Hassan Rouhani", "Hossein Jaberi Ansari", "Ali Larijani", "Recep Tayyip Erdogan",
            "Ali Khamenei"]  # fmt: skip
    for name in seed:
        assert gazetteer.lookup("Official", name, None) is not None, name
    assert len(seen) >= 25


def test_gazetteer_ids_match_the_alias_file() -> None:
    aliases = yaml.safe_load((ROOT / "graph" / "data" / "aliases.yaml").read_text("utf-8"))
    gazetteer = Gazetteer.default()
    for entry in aliases:
        listed = gazetteer.lookup(entry["type"], entry["name"], None)
        if listed is not None:
            assert listed.name == entry["name"], "a canonical name differs: ids would change"


def test_offices_are_dated_and_handovers_are_exact() -> None:
    gazetteer = Gazetteer.default()

    def holder(title: str, country: str | None, day: str) -> str | None:
        found = gazetteer.holder(title, country, date.fromisoformat(day))
        return found.name if found else None

    assert holder("Foreign Minister", "SYR", "2017-10-25") == "Walid Muallem"
    assert holder("Foreign Minister", "SYR", "2021-06-01") == "Fayssal Mikdad"
    assert holder("Deputy Foreign Minister", "SYR", "2017-10-25") == "Fayssal Mikdad"
    assert holder("Speaker of Parliament", "IRN", "2017-10-25") == "Ali Larijani"
    assert holder("Head of the Judiciary", "IRN", "2018-01-13") == "Sadegh Larijani"
    assert holder("Foreign Minister", "USA", "2018-03-31") == "Rex Tillerson"
    assert holder("Foreign Minister", "USA", "2018-04-10") is None  # acting: not listed
    assert holder("Foreign Minister", "TUR", "2015-10-01") == "Feridun Sinirlioglu"
    assert holder("President", "IRN", "2021-08-03") == "Ebrahim Raisi"  # incoming on the day
    assert holder("UN Special Envoy for Syria", None, "2017-03-03") == "Staffan de Mistura"
    # A year-only start counts from the year's end: no claim for a day in doubt.
    assert holder("Deputy Foreign Minister", "SYR", "2006-06-01") is None


def test_titles_resolve_to_the_holder_on_the_day() -> None:
    assert _resolve("the Syrian Foreign Minister", day=date(2017, 10, 25)) == (
        "person:walid-muallem"
    )
    assert _resolve("Iran's foreign minister", day=date(2017, 4, 14)) == (
        "person:mohammad-javad-zarif"
    )
    assert _resolve("Foreign Minister of Turkey", day=date(2017, 11, 19)) == (
        "person:mevlut-cavusoglu"
    )
    assert _resolve("Foreign Minister", "IRN", date(2022, 1, 1)) == (
        "person:hossein-amir-abdollahian"
    )
    # Nobody known: the title stays a name of its own, never someone's alias.
    assert _resolve("the Syrian Foreign Minister", day=date(1990, 1, 1)) == (
        "person:the-syrian-foreign-minister"
    )
    assert _resolve("Amir Hatami", "IRN") == "person:amir-hatami"  # a given name, no emir


def test_a_title_in_an_article_uses_the_event_date_and_adds_the_affiliation() -> None:
    text = """
format: diplograph/v1
article: {id: t1, title: Talks, published: 2018-06-01}
entities:
- {id: fm, type: Official, name: "Iran's foreign minister"}
- {id: lav, type: Official, name: Foreign Minister Sergei Lavrov, country: RUS}
events:
- {id: m, type: Meeting, date: 2017-04-14, participants: [fm, lav]}
"""
    (article,) = parse_bytes(text.encode(), "t1.yaml").articles
    graph = Compiler(Rules(), lambda keys: {}).compile(article)
    nodes = {n.id: n for n in graph.nodes}
    zarif = nodes["person:mohammad-javad-zarif"]
    assert zarif.rule == "office" and zarif.country == "IRN"
    assert zarif.spelling == "Iran's foreign minister" and not zarif.aliases
    # Title and name agree with the holder on the day: the office says who it is.
    assert nodes["person:sergei-lavrov"].rule == "office"
    affiliations = [e for e in graph.edges if e.type == "AFFILIATED_WITH"]
    assert {(e.source, e.target, e.props["title"]) for e in affiliations} == {
        ("person:mohammad-javad-zarif", "IRN", "Foreign Minister"),
        ("person:sergei-lavrov", "RUS", "Foreign Minister"),
    }


def test_organisations_and_country_conflicts() -> None:
    compiler = Compiler(Rules(), lambda keys: {})
    arab = ParsedEntity("o", "Organization", "League of Arab States")
    assert compiler.resolve(arab).id == "org:arab-league"
    assert compiler.resolve(ParsedEntity("o", "Organization", "UN")).id == "org:united-nations"
    # The alias file's "Jaafari" is Syria's ambassador; Iraq's Jaafari is someone else.
    assert _resolve("Jaafari", "SYR") == "person:bashar-al-jaafari"
    assert _resolve("Jaafari", "IRQ") == "person:jaafari"
    assert _resolve("Larijani", "IRN") == "person:larijani"  # never a guess between brothers


def _ministry_article(key: str, name: str) -> bytes:
    return (
        f"format: diplograph/v1\narticle: {{id: {key}, title: T, published: 2023-08-07}}\n"
        f'entities:\n- {{id: m, type: Organization, name: "{name}"}}\n'
        "- {id: p, type: State, name: Philippines}\n"
        "relations:\n- {type: REJECTS, source: m, target: p}\n"
    ).encode()


def test_a_states_ministry_is_one_node_however_written(store: Store) -> None:
    spellings = ["China's foreign ministry", "the Chinese Foreign Ministry",
                 "Ministry of Foreign Affairs of China"]  # fmt: skip
    articles = [
        a
        for i, name in enumerate(spellings)
        for a in parse_bytes(_ministry_article(f"m{i}", name), f"m{i}.yaml").articles
    ]
    assert ingest(store, articles, Rules()).ok
    assert store.stats().nodes_by_type["Organization"] == 1
    ministry = store.entity("org:chinese-foreign-ministry")
    # Named as the first article wrote it; the other spellings are its aliases.
    assert ministry["name"] == "China's foreign ministry"
    assert set(ministry["aliases"]) == set(spellings[1:])
    merged = {(m["spelling"], m["rule"]) for m in store.merges()}
    assert ("Ministry of Foreign Affairs of China", "state body") in merged
    # Another state's ministry, and a body that is not a state's, stay apart.
    compiler = Compiler(Rules(), lambda keys: {})
    egypt = ParsedEntity("o", "Organization", "Egypt's foreign ministry")
    assert compiler.resolve(egypt).id == "org:egyptian-foreign-ministry"
    european = ParsedEntity("o", "Organization", "European Parliament")
    assert compiler.resolve(european).id == "org:european-parliament"
    # A name that gives no state is the body of the entity's own country, if it has one.
    indian = ParsedEntity("o", "Organization", "Ministry of External Affairs", country="IND")
    assert compiler.resolve(indian).id == "org:indian-foreign-ministry"
    stateless = ParsedEntity("o", "Organization", "Ministry of External Affairs")
    assert compiler.resolve(stateless).id == "org:ministry-of-external-affairs"


def test_user_gazetteer_files_extend_and_errors_name_the_entry(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "officials:\n"
        "- {name: Walid Muallem, aliases: [Walid el-Mouallem Junior Test]}\n"
        "- name: Nasr al-Hariri\n"
        "  offices: [{title: Head of the opposition delegation, from: 2017-02-01}]\n",
        encoding="utf-8",
    )
    gazetteer = Gazetteer.load([extra])
    assert gazetteer.lookup("Official", "Walid el-Mouallem Junior Test", "SYR") is not None
    muallem = gazetteer.entry("Official", "Walid Muallem")
    assert muallem is not None and muallem.offices  # kept the shipped office
    found = gazetteer.holder("Head of the opposition delegation", "SYR", date(2017, 3, 3))
    assert found is not None and found.name == "Nasr al-Hariri"
    bad = tmp_path / "bad.yaml"
    bad.write_text("officials:\n- {name: X, offices: [{title: President, from: 2017-13}]}\n")
    with pytest.raises(InvalidIdentityFile, match=r"bad.yaml: officials\[0\].offices\[0\].from"):
        Gazetteer.load([bad])
    config = tmp_path / "config.yaml"
    config.write_text(f"identity:\n  gazetteer_files: [{bad.name}]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"identity: .*bad\.yaml"):
        load_settings(config).identity.rules()


def test_the_examples_of_the_data_readme_load(tmp_path: Path) -> None:
    readme = (ROOT / "graph" / "data" / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```yaml\n")[1:]]
    gazetteer_doc, overrides_doc = blocks[1], blocks[2]
    (tmp_path / "g.yaml").write_text(gazetteer_doc, encoding="utf-8")
    gazetteer = Gazetteer.load([tmp_path / "g.yaml"])
    assert _holder_name(gazetteer, "Interior Minister", "SYR", date(2016, 1, 1)) == (
        "Mohammad al-Shaar"
    )
    (tmp_path / "o.yaml").write_text(overrides_doc, encoding="utf-8")
    assert len(Overrides.load(tmp_path / "o.yaml").merge) == 2


def _holder_name(gazetteer: Gazetteer, title: str, country: str, day: date) -> str | None:
    found = gazetteer.holder(title, country, day)
    return found.name if found else None


# -- overrides, the stored source and `resolve` -----------------------------------------


def test_overrides_force_and_forbid_merges(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(
        "merge:\n- [High Negotiations Committee, Syrian Negotiation Commission]\n"
        "split:\n- [Faisal Mekdad, person:fayssal-mikdad]\n",
        encoding="utf-8",
    )
    rules = Rules(overrides=Overrides.load(path))
    compiler = Compiler(rules, lambda keys: {})
    snc = compiler.resolve(ParsedEntity("o", "Organization", "Syrian Negotiation Commission"))
    assert (snc.id, snc.rule) == ("org:high-negotiations-committee", "override")
    split = compiler.resolve(_official("Faisal Mekdad", "SYR"))
    assert (split.id, split.rule) == ("person:faisal-mekdad", "split")
    assert compiler.resolve(_official("Faysal Miqdad", "SYR")).id == "person:fayssal-mikdad"
    bad = tmp_path / "bad.yaml"
    bad.write_text("merge: [[only one]]\n", encoding="utf-8")
    with pytest.raises(InvalidIdentityFile, match=r"merge\[0\]"):
        Overrides.load(bad)


def test_the_embedded_store_keeps_each_articles_source(tmp_path: Path) -> None:
    articles = [a for f in find_files([SAMPLES]) for a in load_file(f).articles]
    compiler = Compiler(Rules(), lambda keys: {})
    for article in articles:
        graph = compiler.compile(article)
        again = decode_graph(encode_graph(graph))
        assert again == graph and again.source is not None
        assert again.source.entities == article.entities
        assert again.source.relations == article.relations
    store = EmbeddedStore(tmp_path / "s.sqlite")
    ingest(store, articles, AliasTable.load())
    store.close()
    reopened = EmbeddedStore(tmp_path / "s.sqlite")
    sources = reopened.sources()
    assert len(sources) == 20 and all(s is not None for s in sources.values())
    outcome = reresolve(reopened, Rules())
    assert outcome.count("unchanged") == 20 and not outcome.failures
    reopened.close()


def test_backends_without_sources_say_so() -> None:
    class Bare(EmbeddedStore):
        backend = "bare"

    store = Bare(":memory:")
    with pytest.raises(NotSupported, match="re-ingest"):
        Store.sources(store)
    store.close()


@pytest.fixture
def cli(tmp_path: Path) -> tuple[CliRunner, Path]:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"store:\n  path: {tmp_path / 'store.sqlite'}\nidentity:\n  overrides: overrides.yaml\n",
        encoding="utf-8",
    )
    (tmp_path / "overrides.yaml").write_text("{}\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(SAMPLES), "--config", str(config)])
    assert result.exit_code == 0, result.output
    return runner, config


def test_resolve_report_lists_every_merge_with_rule_and_score(
    cli: tuple[CliRunner, Path],
) -> None:
    runner, config = cli
    table = runner.invoke(main, ["resolve", "--report", "--config", str(config)])
    assert table.exit_code == 0, table.output
    header = table.stdout.splitlines()[0].split()
    assert header == ["entity", "name", "spelling", "rule", "score", "articles"]
    assert "Faisal Mekdad" in table.stdout and "merged spellings" in table.stdout
    merges = orjson.loads(
        runner.invoke(main, ["resolve", "--json", "--config", str(config)]).stdout
    )["merges"]
    assert {"id", "name", "spelling", "rule", "score", "article"} <= merges[0].keys()
    rules = {(m["spelling"], m["rule"]) for m in merges}
    assert ("Velayati", "alias") in rules and ("Faisal Mekdad", "variant") in rules
    only = orjson.loads(
        runner.invoke(
            main, ["resolve", "--rule", "alias", "--json", "--config", str(config)]
        ).stdout
    )["merges"]
    assert only and {m["rule"] for m in only} == {"alias"}


def test_resolve_apply_reaches_the_stored_graph(cli: tuple[CliRunner, Path]) -> None:
    runner, config = cli
    overrides = config.parent / "overrides.yaml"
    overrides.write_text(
        "merge:\n- [High Negotiations Committee, Syrian Negotiation Commission]\n"
        "split:\n- [Faisal Mekdad, person:fayssal-mikdad]\n",
        encoding="utf-8",
    )
    args = ["resolve", "--apply", "--report", "--json", "--config", str(config)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    done = orjson.loads(result.stdout)
    # The SNC article joins the HNC; the IRNA article's "Faisal Mekdad" leaves Mikdad.
    assert done["applied"] == {
        "articles": 20, "replaced": 2, "unchanged": 18, "failed": 0, "unsourced": []
    }  # fmt: skip
    assert {
        "id": "org:high-negotiations-committee",
        "spelling": "Syrian Negotiation Commission",
        "rule": "override",
    }.items() <= next(m for m in done["merges"] if m["rule"] == "override").items()
    store = EmbeddedStore(config.parent / "store.sqlite")
    try:
        assert store.entity("person:faisal-mekdad")["name"] == "Faisal Mekdad"
        hnc = store.entity("org:high-negotiations-committee")
        assert "Syrian Negotiation Commission" in hnc["aliases"]
        assert (
            not store.search_entities(_query("Syrian Negotiation Commission"))
            .items[0]["id"]
            .startswith("org:syrian")
        )
    finally:
        store.close()
    # Without the overrides, applying again restores the first resolution.
    overrides.write_text("{}\n", encoding="utf-8")
    again = runner.invoke(main, ["resolve", "--apply", "--config", str(config)])
    assert "re-resolved 20 articles: 2 changed" in again.stdout
    store = EmbeddedStore(config.parent / "store.sqlite")
    try:
        assert store.entity("org:syrian-negotiation-commission")["name"]
        assert "Faisal Mekdad" in store.entity("person:fayssal-mikdad")["aliases"]
    finally:
        store.close()


def _query(q: str) -> EntityQuery:
    return EntityQuery(q=q, limit=1)
