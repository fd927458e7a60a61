"""Identity: transliteration variants meet, different people stay apart, states resolve."""

from __future__ import annotations

import pytest

from graph.identity import AliasTable, StateTable, match_key, slugify

SAME_PERSON = [
    ("Fayssal Mikdad", "Faisal Mekdad"),
    ("Fayssal Mikdad", "Faysal Miqdad"),
    ("Fayssal Mikdad", "Fayssal al-Mikdad"),
    ("Fayssal Mikdad", "H.E. Dr. Faisal el-Mekdad"),
    ("Walid Muallem", "Walid al-Moualem"),
    ("Walid Muallem", "Walid Moallem"),
    ("Bashar al-Jaafari", "Bashar Jaafary"),
    ("Hassan Rouhani", "Hasan Rohani"),
    ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu"),
    ("Sadegh Larijani", "Sadeq Larijani"),
    ("Ali Akbar Velayati", "Ali-Akbar Velayati"),
    ("Ratu Epeli Nailatikau", "Epeli Nailatikau"),  # a Fijian chiefly style
]
DIFFERENT_PEOPLE = [
    ("Ali Larijani", "Sadegh Larijani"),
    ("Bashar al-Assad", "Bashar al-Jaafari"),
    ("Hassan Rouhani", "Hassan Nasrallah"),
    ("Hafez al-Assad", "Bashar al-Assad"),
    ("EU", "EEU"),  # acronyms are not transliterations: the European and Eurasian unions
]


@pytest.mark.parametrize(("a", "b"), SAME_PERSON)
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_different_people_keep_different_keys(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Syria", "SYR"),
        ("Syrian", "SYR"),
        ("Syrian Arab Republic", "SYR"),
        ("Iranian", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Turkish", "TUR"),
        ("Russian Federation", "RUS"),
        ("US", "USA"),
        ("Kazakh", "KAZ"),
        ("IRQ", "IRQ"),
        ("iq", "IRQ"),
        ("PRI", "PRI"),  # codes are exact: PRI and PRY fold alike
        ("PRY", "PRY"),
        ("Congo", "COG"),
        ("DR Congo", "COD"),  # "DR" is not a doctor here
        ("State of Palestine", "PSE"),
        ("Micronesia", "FSM"),
        ("Côte d\N{RIGHT SINGLE QUOTATION MARK}Ivoire", "CIV"),
    ],
)
def test_states_resolve_to_iso_alpha3(name: str, code: str) -> None:
    assert StateTable.default().resolve(name) == code


def test_unknown_state_is_none_and_display_names_are_short() -> None:
    states = StateTable.default()
    assert states.resolve("Narnia") is None
    assert states.display_name("IRN") == "Iran"
    assert states.display_name("SYR") == "Syria"
    assert states.display_name("TUR") == "Turkey"


def test_alias_file_maps_spellings_to_a_canonical_id() -> None:
    aliases = AliasTable.load()
    assert aliases.canonical("Official", "Mekdad") == "Fayssal Mikdad"
    assert aliases.canonical("Organization", "UN") == "United Nations"
    # Aliases are per type: a place called "Assad" is not the president.
    assert aliases.canonical("Place", "Assad") is None
    assert AliasTable.id_for("Official", "Fayssal Mikdad") == "person:fayssal-mikdad"
    assert slugify("Mevlüt Çavuşoğlu") == "mevlut-cavusoglu"
