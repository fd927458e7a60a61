"""Global identity: which node a name in an article refers to.

States resolve to ISO 3166-1 alpha-3 codes through pycountry plus a table of
demonyms and everyday names (``data/states.yaml``).  People, organisations and
places are recognised by a *match key*: the name folded so that common
transliteration variants coincide (Mikdad/Mekdad/Miqdad, Fayssal/Faisal/Faysal,
al-/el- prefixes, diacritics, honorifics).  An alias file maps further spellings
to a canonical name.  Every resolution records the rule that made it, so a
merge can be explained and, through the alias file, undone.

>>> match_key("H.E. Dr. Fayssal al-Mikdad") == match_key("Faisal Mekdad")
True
>>> match_key("Ali Larijani") == match_key("Sadegh Larijani")
False
>>> StateTable.default().resolve("Syrian")
'SYR'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml
from anyascii import anyascii

__all__ = [
    "AliasTable",
    "Resolution",
    "StateTable",
    "id_prefix",
    "match_key",
    "slugify",
    "state_body",
]

_DATA = resources.files("graph") / "data"

# Leading words that are forms of address, not part of anyone's name.
_HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "he",
        "excellency",
        "his",
        "her",
        "sheikh",
        "shaikh",
        "sheik",
        "sayyed",
        "sayyid",
        "sayed",
        "ayatollah",
        "hojatoleslam",
        "haj",
        "hajj",
        "mullah",
        "ratu",  # Fijian chiefly style: "Ratu Epeli Nailatikau"
    ]
)
# The Arabic article and its assimilated forms, written as a separate word or with a hyphen.
_PARTICLES = frozenset(["al", "el", "ad", "ar", "as", "at", "an", "ash", "az", "ul"])
# Spelling conventions that differ between transliteration schemes; applied in order.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<!n)gh|q|ck|c(?=[aou])", "k"),  # not the n-g of "Kwangho"
        (r"ph", "f"),
        (r"ou|oo|o", "u"),
        (r"ee|e", "i"),
        (r"(?<=.)y", "i"),  # Faysal, Jaafary; a leading Y stays (Yusuf)
        (r"(.)\1+", r"\1"),  # doubled letters: Fayssal, Muallem, Jaafari
    )
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")
_INITIALS = re.compile(r"\b([a-z])\.(?=[a-z]\.)")


def slugify(text: str) -> str:
    """A lowercase ASCII slug: ``"Çavuşoğlu, Mevlüt"`` gives ``"cavusoglu-mevlut"``."""
    return _NON_ALNUM.sub("-", anyascii(text).lower()).strip("-")


def _tokens(name: str) -> list[str]:
    text = anyascii(name).lower().replace("'", "").replace("`", "")
    text = _INITIALS.sub(r"\1", text)  # "h.e." -> "he."
    words = [w for w in _NON_ALNUM.split(text) if w]
    while words and words[0] in _HONORIFICS:
        words.pop(0)
    return [w for w in words if w not in _PARTICLES] or words


# Bounded: API searches fold whatever text they are sent, and a long-lived worker must
# not keep every one of them.
@lru_cache(maxsize=1 << 16)
def match_key(name: str) -> str:
    """Fold a name so that transliteration variants of it are equal.

    The key is for matching only; it is never shown or used as an id.  An acronym is
    compared letter for letter: "EU" and "EEU" are two unions, not spellings of one.
    """
    if _ACRONYM.fullmatch(name.strip()):
        return "".join(c for c in name.lower() if c.isalnum())
    return " ".join(_fold(word) for word in _tokens(name))


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    # Cached by word: names are mostly unique, their words are not (Ali, Mohammad, al-).
    for pattern, replacement in _FOLDS:
        word = pattern.sub(replacement, word)
    return word


def _state_key(name: str) -> str:
    """States need no transliteration folding (and "DR" is no doctor): words only."""
    words = _NON_ALNUM.split(anyascii(name).lower().replace("'", ""))
    return " ".join(w for w in words if w and w != "the")


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a name led: the id, the display name, and the rule that decided.

    ``score`` is the fuzzy match score (0-100) when the rule is ``fuzzy``; ``country``
    and ``title`` are what a title lookup (rule ``office``) read from the name;
    ``titled`` says the spelling carried a title, so it is no alias of the entity.
    """

    id: str
    name: str
    rule: str
    score: float | None = None
    country: str | None = None
    title: str | None = None
    titled: bool = False


class StateTable:
    """Every ISO 3166 country, looked up by code, name, official name or demonym.

    ISO names come first, so an extra spelling from ``data/states.yaml`` never takes a
    name pycountry gives another state; a demonym two states share resolves as the
    file's ``_shared`` table says ("Dominican" is the Dominican Republic).
    """

    def __init__(self, extra: Mapping[str, Mapping[str, Any]]) -> None:
        self._codes: dict[str, str] = {}  # exact, case-insensitive: PRI and PRY fold alike
        self._by_key: dict[str, str] = {}
        self._display: dict[str, str] = {}
        self._spellings: dict[str, str] = {}  # every name and demonym as written
        self._demonyms: dict[str, str] = {}  # the first demonym the file lists
        derived: list[tuple[str, str]] = []
        extras: list[tuple[str, str]] = []
        for country in pycountry.countries:
            code: str = country.alpha_3
            info = extra.get(code, {})
            self._codes[code] = self._codes[country.alpha_2] = code
            names = [
                country.name,
                getattr(country, "common_name", None),
                getattr(country, "official_name", None),
            ]
            for name in filter(None, names):
                self._by_key.setdefault(_state_key(name), code)
                self._spellings.setdefault(name, code)
            if info.get("demonyms"):
                self._demonyms[code] = info["demonyms"][0]
            extras += [
                (name, code)
                for name in (info.get("short"), *info.get("names", ()), *info.get("demonyms", ()))
                if name
            ]
            # "Micronesia, Federated States of": also "Micronesia" and
            # "Federated States of Micronesia", unless a real name already took them.
            if "," in country.name:
                head, tail = (part.strip() for part in country.name.split(",", 1))
                derived += [(head, code), (f"{tail} {head}", code)]
            self._display[code] = (
                info.get("short") or getattr(country, "common_name", None) or country.name
            )
        shared = extra.get("_shared", {})
        for name, code in [*shared.items(), *extras, *derived]:
            self._by_key.setdefault(_state_key(name), code)
            self._spellings.setdefault(name, self._by_key[_state_key(name)])

    @classmethod
    @cache
    def default(cls) -> StateTable:
        extra = yaml.safe_load((_DATA / "states.yaml").read_text(encoding="utf-8"))
        return cls(extra)

    def resolve(self, name: str) -> str | None:
        """The alpha-3 code for a code, name or demonym; ``None`` when unknown."""
        code = self._codes.get(name.strip().upper())
        if code is not None:
            return code
        return self._by_key.get(_state_key(name))

    def resolve_name(self, name: str) -> str | None:
        """Like :meth:`resolve` but by name or demonym only: "FM" and "PM" are no codes here."""
        return self._by_key.get(_state_key(name))

    def spellings(self) -> dict[str, str]:
        """Every name and demonym as written, with the state it resolves to."""
        return dict(self._spellings)

    def display_name(self, code: str) -> str:
        return self._display[code]

    def demonym(self, code: str) -> str | None:
        """The state's adjective ("Chinese" for CHN), when ``data/states.yaml`` gives one."""
        return self._demonyms.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._display


_ID_PREFIX = {
    "Official": "person:",
    "Organization": "org:",
    "Place": "place:",
    "Event": "event:",
}


def id_prefix(entity_type: str) -> str:
    """The prefix of global ids of this type; a State's id is its bare ISO code."""
    return _ID_PREFIX.get(entity_type, "")


class AliasTable:
    """Spellings that name one canonical entity, per entity type.

    Loaded from YAML lists of ``{name, type, aliases: [...]}``; the shipped file
    comes first and the user's files (``identity.alias_files``) can add to it.
    """

    def __init__(self, entries: Iterable[Mapping[str, Any]] = ()) -> None:
        self._canonical: dict[tuple[str, str], str] = {}
        for entry in entries:
            self.add(entry["type"], entry["name"], entry.get("aliases", ()))

    def add(self, entity_type: str, name: str, aliases: Iterable[str]) -> None:
        for spelling in (name, *aliases):
            self._canonical[(entity_type, match_key(spelling))] = name

    @classmethod
    def load(cls, extra_files: Iterable[Path] = ()) -> AliasTable:
        table = cls(yaml.safe_load((_DATA / "aliases.yaml").read_text(encoding="utf-8")) or [])
        for path in extra_files:
            for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
                table.add(entry["type"], entry["name"], entry.get("aliases", ()))
        return table

    def canonical(self, entity_type: str, name: str) -> str | None:
        return self._canonical.get((entity_type, match_key(name)))

    @staticmethod
    def id_for(entity_type: str, name: str) -> str:
        """The id a new entity of this type and canonical name gets."""
        return f"{_ID_PREFIX[entity_type]}{slugify(name)}"


# A state's own bodies, however a text writes them: "China's foreign ministry", "the
# Chinese Foreign Ministry" and "the Ministry of Foreign Affairs of China" are one
# organisation, named by the state's adjective and the body ("Chinese Foreign Ministry").
_STATE_BODIES = {
    **dict.fromkeys(
        ["foreign ministry", "ministry of foreign affairs", "foreign affairs ministry",
         "ministry of external affairs", "external affairs ministry"],
        "Foreign Ministry",
    ),
    **dict.fromkeys(
        ["defence ministry", "defense ministry", "ministry of defence", "ministry of defense",
         "ministry of national defence", "ministry of national defense"],
        "Defence Ministry",
    ),
    **dict.fromkeys(
        ["interior ministry", "ministry of interior", "ministry of the interior"],
        "Interior Ministry",
    ),
    **dict.fromkeys(["finance ministry", "ministry of finance"], "Finance Ministry"),
    "parliament": "Parliament",
    "coast guard": "Coast Guard",
}  # fmt: skip


def bare_state_body(name: str) -> str | None:
    """The canonical body a name gives without any state ("the Foreign Ministry",
    "Ministry of Foreign Affairs"), or ``None``.

    >>> bare_state_body("the Ministry of Foreign Affairs")
    'Foreign Ministry'
    """
    text = " ".join(name.replace("\u2019", "'").split())
    if text[:4].lower() == "the ":
        text = text[4:]
    return _STATE_BODIES.get(text.lower())


def state_body(name: str, states: StateTable, country: str | None = None) -> str | None:
    """The canonical name of a state's ministry, parliament or coast guard, or ``None``.

    A name that gives no state ("Ministry of External Affairs") is the body of
    ``country`` (ISO alpha-3) when one is given.

    >>> state_body("China's foreign ministry", StateTable.default())
    'Chinese Foreign Ministry'
    >>> state_body("the Ministry of Foreign Affairs of Egypt", StateTable.default())
    'Egyptian Foreign Ministry'
    """
    text = " ".join(name.replace("\u2019", "'").split())
    if text[:4].lower() == "the ":
        text = text[4:]
    words = text.split()
    # "Ministry of Foreign Affairs of Egypt": the state after any "of"
    candidates = [
        (" ".join(words[k + 1 :]).removeprefix("the "), " ".join(words[:k]))
        for k, word in enumerate(words)
        if word == "of"
    ]
    for cut in range(1, min(len(words), 4)):  # "Chinese", "Saudi Arabia's", "U.S."
        state = " ".join(words[:cut])
        state = state[:-2] if state.endswith("'s") else state.rstrip("'")
        candidates.append((state, " ".join(words[cut:])))
    for state, body in candidates:
        canonical = _STATE_BODIES.get(body.lower())
        code = states.resolve_name(state) if canonical else None
        if code is not None:
            return f"{states.demonym(code) or states.display_name(code)} {canonical}"
    canonical = bare_state_body(text)
    if canonical is not None and country is not None and country in states:
        return f"{states.demonym(country) or states.display_name(country)} {canonical}"
    return None
