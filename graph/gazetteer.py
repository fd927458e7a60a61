"""The gazetteer: officials with dated offices, organisations, office titles, overrides.

Shipped as YAML in ``data/`` (``officials.yaml``, ``organizations.yaml``,
``titles.yaml``); every gazetteer file, shipped or the user's (config
``identity.gazetteer_files``), is a mapping with any of the keys ``officials``,
``organizations`` and ``titles`` (``data/README.md`` shows the shapes).  An entry
whose name an earlier file already has extends it (more aliases, more offices).

The compiler asks three things of it: which known entity a spelling names
(:meth:`Gazetteer.lookup`), who held an office on a day (:meth:`Gazetteer.holder`)
and which names of one type and state are worth a fuzzy comparison
(:meth:`Gazetteer.block`).  :class:`Titles` reads a title out of a name.

>>> gaz = Gazetteer.default()
>>> gaz.lookup("Official", "Sadeq Amoli Larijani", "IRN").name
'Sadegh Larijani'
>>> gaz.holder("Foreign Minister", "SYR", date(2017, 10, 25)).name
'Walid Muallem'
>>> gaz.titles.parse("Iran's foreign minister")
TitleMatch(title='Foreign Minister', state='IRN', is_global=False, rest='', strip=True)
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from anyascii import anyascii

from graph.errors import InvalidIdentityFile
from graph.identity import _HONORIFICS, _INITIALS, AliasTable, StateTable, match_key

__all__ = ["Gazetteer", "GazetteerEntry", "Office", "Overrides", "TitleMatch", "Titles"]

_DATA = resources.files("graph") / "data"
SHIPPED_FILES = ("titles.yaml", "officials.yaml", "organizations.yaml")
_SECTIONS = {"officials": "Official", "organizations": "Organization"}

# Words a title phrase may carry or not: "Minister of Foreign Affairs" = "Foreign Affairs Minister".
_STOP = frozenset(["the", "of", "s", "for", "to", "in", "and"])
# Words that may open a name before its title ("the", "H.E.", "Dr.").
_LEAD = _HONORIFICS | {"the"}
# A one-word title is stripped from the front of a name only when it is one of these:
# "Emir" and "Amir" are also given names ("Amir Hatami" is no emir called Hatami).
_ONE_WORD_PREFIXES = frozenset(
    ["president", "premier", "pm", "fm", "vp", "speaker", "chancellor", "king", "monarch"]
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"['\u2019`]s\b")
_MAX_STATE_WORDS = 5


def _word_tokens(word: str) -> list[str]:
    """The lowercase ASCII tokens of one written word: "Iran's" gives ["iran", "s"]."""
    text = _POSSESSIVE.sub(" s", anyascii(word).lower()).replace("'", "")
    text = _INITIALS.sub(r"\1", text)
    return [t for t in _NON_ALNUM.split(text) if t]


def _bag(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(tokens) - _STOP))


# -- dates ---------------------------------------------------------------------------------

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


def _parse_day(value: Any, *, start: bool, where: str, origin: str) -> date | None:
    """A date from YAML: a full date as is, ``YYYY-MM`` or ``YYYY`` read conservatively.

    A start known only to the month or year counts from the end of that period and an
    end from its beginning, so a lookup never names someone for a day in doubt.
    """
    if value is None:
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    found = _PARTIAL.match(text)
    if found is None:
        raise InvalidIdentityFile(origin, f"{where}: {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    year = int(found[1])
    if found[2] is None:
        return date(year, 12, 31) if start else date(year, 1, 1)
    month = int(found[2])
    if not 1 <= month <= 12:
        raise InvalidIdentityFile(origin, f"{where}: month {month} in {value!r}")
    last = calendar.monthrange(year, month)[1]
    return date(year, month, last) if start else date(year, month, 1)


# -- titles --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A title read from a name: which office, which state, and what name is left.

    ``rest`` is empty when the name is only a title ("the Syrian Foreign Minister").
    ``strip`` says whether ``rest`` may stand for the name on its own: a one-word
    title that is also a given name ("Emir") is kept unless the office holder fits.
    """

    title: str
    state: str | None
    is_global: bool
    rest: str
    strip: bool


class Titles:
    """Office titles and the phrases that name them, compared as bags of words."""

    def __init__(self, states: StateTable | None = None) -> None:
        self.states = states or StateTable.default()
        self._phrases: dict[tuple[str, ...], tuple[str, bool]] = {}
        self._words: set[str] = set()
        self._max_words = 1
        self._cache: dict[str, TitleMatch | None] = {}

    def add(self, title: str, is_global: bool, phrases: Iterable[str] = ()) -> None:
        for phrase in (title, *phrases):
            bag = _bag(t for word in phrase.split() for t in _word_tokens(word))
            if bag:
                self._phrases.setdefault(bag, (title, is_global))
                self._words.update(bag)
                self._max_words = max(self._max_words, len(phrase.split()))
        self._cache.clear()

    def canonical(self, title: str) -> tuple[str, bool]:
        """The canonical title a phrase names ("Secretary of State" -> "Foreign Minister")."""
        bag = _bag(t for word in title.split() for t in _word_tokens(word))
        return self._phrases.get(bag, (title, False))

    def parse(self, name: str) -> TitleMatch | None:
        """The title at the start of ``name`` (or all of it), with the state it names.

        The longest title wins; a global title ("UN Special Envoy for Syria") is tried
        before a state's, so its words keep their state.
        """
        if name in self._cache:
            return self._cache[name]
        found = self._parse(name)
        if len(self._cache) < 100_000:
            self._cache[name] = found
        return found

    def _parse(self, name: str) -> TitleMatch | None:
        words = name.split()
        tokens = [_word_tokens(w) for w in words]
        if not self._words.intersection(t for ts in tokens for t in ts):
            return None  # the common case, decided in one set operation
        first = 0
        while first < len(words) - 1 and tokens[first] and set(tokens[first]) <= _LEAD:
            first += 1
        last = min(len(words), first + self._max_words + _MAX_STATE_WORDS)
        for end in range(last, first, -1):
            flat = [t for ts in tokens[first:end] for t in ts]
            rest = " ".join(words[end:])
            hit = self._phrases.get(_bag(flat))
            if hit is not None and hit[1]:
                return TitleMatch(hit[0], None, True, rest, True)
            state, remaining = self._state_in(flat)
            hit = self._phrases.get(_bag(remaining))
            if hit is not None and not hit[1]:
                bag = _bag(remaining)
                risky = len(bag) == 1 and bag[0] not in _ONE_WORD_PREFIXES
                return TitleMatch(hit[0], state, False, rest, not risky)
        return None

    def _state_in(self, tokens: list[str]) -> tuple[str | None, list[str]]:
        """The leftmost, longest run of tokens that names a state, and the tokens without it."""
        for start in range(len(tokens)):
            for length in range(min(_MAX_STATE_WORDS, len(tokens) - start), 0, -1):
                chunk = tokens[start : start + length]
                if all(t in _STOP for t in chunk):
                    continue
                code = self.states.resolve_name(" ".join(chunk))
                if code is not None:
                    return code, tokens[:start] + tokens[start + length :]
        return None, tokens


# -- entries -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Office:
    """An office held from ``start`` to ``end`` (both inclusive; ``None``: open)."""

    title: str
    country: str | None  # None for a global office (UN Secretary-General)
    start: date
    end: date | None = None

    def held_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    type: str
    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()

    @property
    def id(self) -> str:
        return AliasTable.id_for(self.type, self.name)

    def match_keys(self) -> set[str]:
        return {match_key(s) for s in (self.name, *self.aliases)}


@dataclass
class _Index:
    by_key: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    blocks: dict[tuple[str, str | None], dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    offices: dict[tuple[str, str | None], list[tuple[Office, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )


class Gazetteer:
    """Known officials and organisations, and the titles of offices."""

    def __init__(self, states: StateTable | None = None) -> None:
        self.states = states or StateTable.default()
        self.titles = Titles(self.states)
        self._entries: dict[tuple[str, str], GazetteerEntry] = {}
        self._index: _Index | None = None

    # -- loading ---------------------------------------------------------------------

    @classmethod
    @cache
    def default(cls) -> Gazetteer:
        """The shipped gazetteer (cached: treat it as read-only)."""
        return cls.load()

    @classmethod
    def load(cls, extra_files: Iterable[Path] = ()) -> Gazetteer:
        gazetteer = cls()
        for name in SHIPPED_FILES:
            gazetteer.add_text((_DATA / name).read_text(encoding="utf-8"), f"graph/data/{name}")
        for path in extra_files:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise InvalidIdentityFile(str(path), f"cannot read: {exc.strerror}") from None
            gazetteer.add_text(text, str(path))
        return gazetteer

    def add_text(self, text: str, origin: str) -> None:
        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InvalidIdentityFile(origin, f"not valid YAML: {exc}") from None
        self.add(doc or {}, origin)

    def add(self, doc: Mapping[str, Any], origin: str) -> None:
        """Add a parsed gazetteer document; titles first, so offices can use them."""
        if not isinstance(doc, Mapping):
            raise InvalidIdentityFile(origin, "a gazetteer file is a mapping of sections")
        unknown = set(doc) - {"titles", *_SECTIONS}
        if unknown:
            known = ", ".join(["titles", *_SECTIONS])
            raise InvalidIdentityFile(origin, f"unknown section(s) {sorted(unknown)} ({known})")
        for i, item in enumerate(_items(doc, "titles", origin)):
            where = f"titles[{i}]"
            scope = item.get("scope", "state")
            if scope not in ("state", "global"):
                message = f"{where}.scope: {scope!r} is not state or global"
                raise InvalidIdentityFile(origin, message)
            phrases = item.get("phrases") or []
            if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
                raise InvalidIdentityFile(origin, f"{where}.phrases: a list of strings")
            self.titles.add(_text(item, "title", where, origin), scope == "global", phrases)
        for section, entity_type in _SECTIONS.items():
            for i, item in enumerate(_items(doc, section, origin)):
                self._add_entry(entity_type, item, f"{section}[{i}]", origin)
        self._index = None

    def _add_entry(
        self, entity_type: str, item: Mapping[str, Any], where: str, origin: str
    ) -> None:
        name = _text(item, "name", where, origin)
        old = self._entries.get((entity_type, name))
        country = old.country if old is not None else None
        if item.get("country") is not None:
            country = self.states.resolve(str(item["country"]))
            if country is None:
                message = f"{where}.country: {item['country']!r} is not a known state"
                raise InvalidIdentityFile(origin, message)
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InvalidIdentityFile(origin, f"{where}.aliases: a list of strings")
        offices = []
        if entity_type != "Official" and item.get("offices"):
            raise InvalidIdentityFile(origin, f"{where}.offices: only officials hold offices")
        for j, office in enumerate(item.get("offices") or []):
            at = f"{where}.offices[{j}]"
            if not isinstance(office, Mapping):
                raise InvalidIdentityFile(origin, f"{at}: a mapping {{title, from, until}}")
            written = _text(office, "title", at, origin)
            title, is_global = self.titles.canonical(written)
            if title == written and not is_global:
                self.titles.add(title, False)  # a title no phrase names is its own phrase
            start = _parse_day(office.get("from"), start=True, where=f"{at}.from", origin=origin)
            end = _parse_day(office.get("until"), start=False, where=f"{at}.until", origin=origin)
            if start is None:
                raise InvalidIdentityFile(origin, f"{at}.from: required")
            if end is not None and end < start:
                raise InvalidIdentityFile(origin, f"{at}: until {end} is before from {start}")
            offices.append(Office(title, None if is_global else country, start, end))
        entry = GazetteerEntry(entity_type, name, country, tuple(aliases), tuple(offices))
        if old is not None:
            if old.country and country and old.country != country:
                message = f"{where}: {name!r} is already listed with country {old.country}"
                raise InvalidIdentityFile(origin, message)
            entry = replace(
                old,
                country=old.country or country,
                aliases=tuple(dict.fromkeys([*old.aliases, *entry.aliases])),
                offices=old.offices + entry.offices,
            )
        self._entries[(entity_type, name)] = entry

    # -- queries ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> list[GazetteerEntry]:
        return list(self._entries.values())

    def entry(self, entity_type: str, name: str) -> GazetteerEntry | None:
        return self._entries.get((entity_type, name))

    def _built(self) -> _Index:
        if self._index is None:
            index = _Index()
            for (entity_type, name), entry in self._entries.items():
                for key in entry.match_keys():
                    index.by_key[(entity_type, key)].add(name)
                    index.blocks[(entity_type, entry.country)][key].add(name)
                for office in entry.offices:
                    index.offices[(office.title, office.country)].append((office, name))
            self._index = index
        return self._index

    def lookup(self, entity_type: str, name: str, country: str | None) -> GazetteerEntry | None:
        """The one entry this spelling names, of a state compatible with ``country``.

        ``None`` when no entry, or several, could be meant: an alias two entries share
        never decides.
        """
        names = self._built().by_key.get((entity_type, match_key(name)))
        if not names:
            return None
        fits = [
            e
            for e in (self._entries[(entity_type, n)] for n in names)
            if e.country is None or country is None or e.country == country
        ]
        return fits[0] if len(fits) == 1 else None

    def holder(self, title: str, country: str | None, day: date) -> GazetteerEntry | None:
        """Who held the office on ``day``; ``None`` when nobody known, or several, did.

        On a handover day the incoming holder is meant.
        """
        offices = self._built().offices.get((title, country), ())
        held = [(o, n) for o, n in offices if o.held_on(day)]
        if len(held) > 1:
            held = [(o, n) for o, n in held if o.end != day] or held
        names = {n for _, n in held}
        if len(names) != 1:
            return None
        return self._entries[("Official", names.pop())]

    def block(self, entity_type: str, country: str | None) -> dict[str, GazetteerEntry]:
        """Every spelling (match key) of the entries of this type and state, unambiguous."""
        keys = self._built().blocks.get((entity_type, country), {})
        return {
            key: self._entries[(entity_type, next(iter(names)))]
            for key, names in keys.items()
            if len(names) == 1
        }


def _items(doc: Mapping[str, Any], section: str, origin: str) -> list[Mapping[str, Any]]:
    items = doc.get(section) or []
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        raise InvalidIdentityFile(origin, f"{section}: a list of mappings")
    return items


def _text(item: Mapping[str, Any], key: str, where: str, origin: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidIdentityFile(origin, f"{where}.{key}: a non-empty string is required")
    return value.strip()


# -- overrides -----------------------------------------------------------------------------


def _spelling(text: str) -> str:
    return " ".join(anyascii(text).casefold().split())


@dataclass(frozen=True, slots=True)
class Overrides:
    """Merges forced and forbidden by hand (config ``identity.overrides``).

    ``merge``: pairs ``[keep, join]`` of names or ids; whatever resolves to ``join``
    becomes ``keep``.  ``split``: pairs ``[spelling, id]``; that exact spelling
    (case and accents aside) never resolves to that id and gets a node of its own.
    """

    merge: tuple[tuple[str, str], ...] = ()
    split: tuple[tuple[str, str], ...] = ()

    @classmethod
    def load(cls, path: Path | None) -> Overrides:
        if path is None:
            return cls()
        origin = str(path)
        try:
            doc = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except OSError as exc:
            raise InvalidIdentityFile(origin, f"cannot read: {exc.strerror}") from None
        except yaml.YAMLError as exc:
            raise InvalidIdentityFile(origin, f"not valid YAML: {exc}") from None
        if not isinstance(doc, Mapping) or set(doc) - {"merge", "split"}:
            raise InvalidIdentityFile(origin, "an override file has `merge` and `split` lists")
        pairs: dict[str, tuple[tuple[str, str], ...]] = {}
        for section in ("merge", "split"):
            found = []
            for i, pair in enumerate(doc.get(section) or []):
                ok = isinstance(pair, list) and len(pair) == 2
                if not ok or not all(isinstance(p, str) and p.strip() for p in pair):
                    message = f"{section}[{i}]: a pair of two names or ids, e.g. [a, b]"
                    raise InvalidIdentityFile(origin, message)
                found.append((pair[0].strip(), pair[1].strip()))
            pairs[section] = tuple(found)
        return cls(pairs["merge"], pairs["split"])

    def splits(self) -> frozenset[tuple[str, str]]:
        return frozenset((_spelling(s), i) for s, i in self.split)

    @staticmethod
    def spelling(text: str) -> str:
        """How a split spelling is compared: case, accents and spacing aside."""
        return _spelling(text)
