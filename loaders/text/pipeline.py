"""The annotator's pipeline: sentences, mentions, coreference, then relations.

spaCy's blank English pipeline gives tokens and sentences (its rule-based sentencizer:
no model to download); phrase matchers find known names and trigger phrases.  Long
texts are read a paragraph block at a time, so memory stays bounded by the block.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from graph.gazetteer import Gazetteer
from loaders.text.clean import Dateline
from loaders.text.dates import CALENDAR_WORDS, find_date
from loaders.text.lexicon import EventType, Form, Lexicon, Trigger
from loaders.text.mentions import (
    DEFINITE_HEADS,
    DEFINITES,
    SIDE_NOUNS,
    SPOKESPEOPLE,
    Entity,
    Mention,
    MentionFinder,
    Registry,
)
from loaders.text.relations import (
    FoundEvent,
    FoundRelation,
    SentenceContext,
    coordinated,
    find_relations,
    followed_suit,
    remember_acts,
    travelled_before,
)

__all__ = ["Found", "Pipeline"]

# The word before a person named inside another's title: "adviser to", "spokesman for".
_WHOSE = frozenset(["to", "for"])
_BLOCK_CHARS = 50_000
_PREPOSITIONS = frozenset(
    [
        "in",
        "with",
        "to",
        "of",
        "by",
        "for",
        "from",
        "during",
        "at",
        "on",
        "against",
        "between",
        "among",
        "about",
        "than",
    ]
)


@Language.component("diplograph_opening_quotes")
def _opening_quotes(doc: Doc) -> Doc:
    """Give an opening quotation mark to the sentence it opens: the sentencizer leaves it
    at the end of the one before ('... the ministry said. "We reject ...," he said.')."""
    for i in range(1, len(doc) - 1):
        token = doc[i]
        if token.text not in ('"', "\u201c") or not doc[i + 1].is_sent_start:
            continue
        opening = token.text == "\u201c" or (doc[i - 1].whitespace_ and not token.whitespace_)
        if opening and doc[i - 1].text in (".", "!", "?", ":"):
            token.is_sent_start = True
            doc[i + 1].is_sent_start = False
    return doc


@dataclass
class Found:
    entities: list[Entity] = field(default_factory=list)
    events: list[FoundEvent] = field(default_factory=list)
    relations: list[FoundRelation] = field(default_factory=list)
    place: Entity | None = None  # the dateline's


class Pipeline:
    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.nlp.add_pipe("diplograph_opening_quotes", after="sentencizer")
        self.nlp.max_length = _BLOCK_CHARS * 4
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.mentions = MentionFinder(self.nlp, gazetteer, lexicon)
        # A phrase matcher (hash lookups, fast on long texts) over every phrase and its
        # variants with an adverb after the first word.
        self.triggers = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._by_phrase: dict[int, list[Trigger]] = defaultdict(list)
        for trigger in lexicon.triggers:
            phrase = " ".join(trigger.words)
            key = self.nlp.vocab.strings.add(phrase)
            if key not in self._by_phrase:
                words = [t.lower_ for t in self.nlp.make_doc(phrase)]
                self.triggers.add(phrase, [Doc(self.nlp.vocab, words=w) for w in _variants(words)])
            self._by_phrase[key].append(trigger)
        self.speech = lexicon["speech"]

    def run(self, text: str, offset: int, published: date, dateline: Dateline | None) -> Found:
        """Annotate the body ``text`` (which starts at ``offset`` of the article text)."""
        registry = Registry(self.gazetteer)
        found = Found()
        if dateline is not None:
            found.place = self._dateline_place(dateline, registry)
            if found.place is not None:
                registry.home = found.place.capital_of or found.place.country
        state = _Discourse()
        index = 0
        for block_start, doc in self._blocks(text):
            known = self.mentions.known(doc)
            triggers = self._trigger_spans(doc)
            for sent in doc.sents:
                self._sentence(
                    sent, index, known, triggers, registry, state, published,
                    offset + block_start, found,
                )  # fmt: skip
                index += 1
        _drop_named_sides(found)
        found.entities = list(registry.entities.values())
        return found

    def _blocks(self, text: str) -> Iterator[tuple[int, Doc]]:
        """The text cut at paragraph ends into blocks of about ``_BLOCK_CHARS``."""
        start = 0
        while start < len(text):
            end = min(len(text), start + _BLOCK_CHARS)
            if end < len(text):
                cut = text.rfind("\n", start, end)
                if cut <= start:
                    cut = text.rfind(". ", start, end)
                end = cut + 1 if cut > start else end
            yield start, self.nlp(text[start:end])
            start = end

    def _trigger_spans(self, doc: Doc) -> dict[int, list[tuple[int, int, list[Trigger]]]]:
        """Longest trigger phrases, not overlapping, by the sentence they are in."""
        matches = sorted(self.triggers(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        by_start: dict[int, list[tuple[int, int, list[Trigger]]]] = defaultdict(list)
        spans = [(start, end, self._by_phrase[key]) for key, start, end in matches]
        spans += _open_phrases(doc, self.lexicon)
        merged: dict[tuple[int, int], list[Trigger]] = defaultdict(list)
        for start, end, options in spans:  # a listed phrase and an open one on the same words
            merged[start, end] += [o for o in options if o not in merged[start, end]]
        taken = -1
        for (start, end), options in sorted(merged.items(), key=lambda m: (m[0][0], -m[0][1])):
            if start < taken:
                continue
            taken = end
            sent_start = doc[start].sent.start
            by_start[sent_start].append((start, end, options))
        return by_start

    def _dateline_place(self, dateline: Dateline, registry: Registry) -> Entity | None:
        doc = self.nlp.make_doc(dateline.place)
        known = self.mentions.known(doc)
        hit = known.get(0)
        if hit is not None and hit[0] == len(doc) and hit[1][0] in ("Place", "State"):
            return registry.known_thing(hit[1], dateline.place, 0, len(doc)).entity
        return registry.known_thing(("Place", dateline.place, None), dateline.place, 0, 0).entity

    def _sentence(
        self,
        sent: Span,
        index: int,
        known: dict[int, tuple[int, tuple[str, str, str | None]]],
        triggers: dict[int, list[tuple[int, int, list[Trigger]]]],
        registry: Registry,
        state: _Discourse,
        published: date,
        offset: int,
        found: Found,
    ) -> None:
        doc = sent.doc
        mentions = self.mentions.find(sent, known, registry, published)
        self._mark_titles(mentions)
        self._appositives(doc, sent, mentions, registry)
        _named_after(doc, mentions, self.mentions.roles)
        _states_before_titles(doc, mentions)
        _states_before_descriptors(doc, mentions)
        _states_before_a_list_of_their_people(doc, mentions)
        _titles_before_names(doc, mentions)
        mentions = _no_titles_of_states(doc, mentions)
        meets = {  # where a meeting verb with its subject before it starts
            start
            for start, _, options in triggers.get(sent.start, [])
            if any(_state_meeting(o) for o in options)
        }
        _state_sides(doc, mentions, meets)
        mentions = _with_groups(doc, sent, mentions, found.events, index, registry, state)
        mentions = _counted_states(doc, sent, mentions)
        mentions = _with_them(doc, sent, mentions, state)
        mentions = _with_host(doc, sent, mentions, state)
        mentions = _with_delegation(doc, sent, mentions, state)
        state.recent = [*state.recent[-30:], *mentions]
        speaker = self._speaker(doc, sent, mentions, state)
        _styled_people(doc, mentions, state)
        self._resolve(doc, sent, mentions, speaker, state, registry)
        if speaker is not None and speaker.entity is None:
            speaker = None
        day = find_date(sent.text, published)
        if day is None and _SAME_DAY.search(sent.text) and found.events:
            day = found.events[-1].date  # "later in the day": the day of the last event
        ctx = SentenceContext(
            sent=sent, index=index, mentions=mentions, speaker=speaker, day=day or published,
            dated=day is not None, published=published, place=found.place, registry=registry,
            offset=offset, events=found.events, acts=state.acts, things=state.things,
            named_things=state.named_things,
            talks_before=index - state.talks_at <= 1,
            # "X opened the summit. ... Y, who attended the summit, ...": one gathering
            pending=list(state.pending) if index - state.pending_at <= 3 else [],
        )  # fmt: skip
        drafted = find_relations(ctx, triggers.get(sent.start, []), self.lexicon)
        if "suit" in sent.text:  # "Canada and Brazil followed suit": the stances just drafted
            stances = drafted if drafted else state.stances if state.stances_at == index - 1 else []
            drafted += followed_suit(ctx, stances)
        if any(r.type != "MET_WITH" for r in drafted):
            state.stances, state.stances_at = drafted, index
        found.relations.extend(drafted)
        if ctx.pending != state.pending:
            state.pending, state.pending_at = ctx.pending, index
        remember_acts(ctx, self.lexicon)
        if any(t.lower_ in _TALK_NOUNS for t in sent):
            state.talks_at = index
        subject = speaker or _first_subject(doc, sent, mentions)
        if subject is not None and subject.entity is not None and subject.entity.type == "Official":
            state.last_subject = subject.entity
        people = [
            m.entity for m in mentions if m.entity is not None and m.entity.type == "Official"
        ]
        if people:
            state.last_person = people[-1]
        state.delegation_head = _delegation_head(doc, sent, mentions) or state.delegation_head
        host = _host(doc, sent, mentions)
        if host is not None and _host_aside(doc, sent, mentions, host):
            # "X and Y embraced after the host, President Z, asked them to": Z was there
            for event in found.events:
                here = event.sentence == index and event.type == "Meeting"
                if here and host not in event.participants:
                    event.participants.append(host)
        state.host = host or state.host
        group = _last_group(doc, mentions)
        if len(group) >= 2:
            state.last_group = group
            state.last_group_at = index
            state.groups.append(group)

    @staticmethod
    def _mark_titles(mentions: list[Mention]) -> None:
        for person in mentions:
            if person.title_start is None:
                continue
            for other in mentions:
                inside = person.title_start <= other.start and other.end <= person.end
                if other is not person and inside and other.kind != "title":
                    other.in_title = True

    def _appositives(
        self, doc: Doc, sent: Span, mentions: list[Mention], registry: Registry
    ) -> None:
        """ "Hossein Jaberi Ansari, Iran's assistant foreign minister, said": title and state."""
        for mention in mentions:
            entity = mention.entity
            if entity is None or entity.type != "Official" or mention.kind != "name":
                continue
            named = frozenset(
                i for m in mentions
                if m.entity is not None and m.entity.type in ("Place", "Organization", "State")
                for i in range(m.outer_start, m.end)
            ) | self._whose(doc, mention.end, mentions)  # fmt: skip
            found = self.mentions.appositive_title(doc, mention.end, sent.end, named)
            if found is None:
                continue
            title, end = found
            if not entity.title:
                entity.title = title
            for other in mentions:
                if mention.end < other.start < end and other.entity is not None:
                    other.in_title = True
                    if other.entity.type == "State" and not entity.country:
                        entity.country = other.entity.country

    def _whose(self, doc: Doc, start: int, mentions: list[Mention]) -> frozenset[int]:
        """The tokens of a person named inside an appositive title after ``start``, with
        their own title: "Celso Amorim, adviser to Brazilian President Lula," (whose
        adviser he is)."""
        for k in range(start + 2, min(len(doc), start + 10)):
            if doc[k].text in (",", ";", "."):
                break
            before = doc[k - 1]
            if doc[k].lower_ in _WHOSE and before.is_lower and before.lower_ in self.mentions.roles:
                people = [
                    m for m in mentions
                    if m.start > k and m.entity is not None and m.entity.type == "Official"
                ]  # fmt: skip
                roles = self.mentions.roles
                if people and any(t.lower_ in roles for t in doc[k + 1 : people[0].start]):
                    return frozenset(range(k + 1, people[0].end))
                break
        return frozenset()

    def _speaker(
        self, doc: Doc, sent: Span, mentions: list[Mention], state: _Discourse
    ) -> Mention | None:
        """Who speaks in the sentence: "X said", "said X", "X, for his part, stressed"."""
        people = [m for m in mentions if not m.in_title and m.kind in ("name", "title", "pronoun")]
        people = [m for m in people if m.entity is None or m.entity.type == "Official"]
        clause_start = sent.start
        filler = {
            i for m in mentions if m.in_title or (m.kind == "title" and m.entity is None)
            for i in range(m.outer_start, m.end)
        }  # fmt: skip
        for i in range(sent.start, sent.end):
            if doc[i].lower_ in ("which", "who", ";") or doc[i].text in _QUOTES:
                clause_start = i + 1
            if not doc[i].is_lower or doc[i].text not in self.speech:  # not "United States"
                continue
            before = [
                m for m in people
                if clause_start <= m.outer_start and m.end <= i
                and (not _after_preposition(doc, sent, m) or _with_saying(doc, sent, m, i))
                and not _object_then_verb(doc, sent, m, i)
                and all(_aside(t) or t.i in filler for t in doc[m.end : i])
            ]  # fmt: skip
            # "X, who came in place of Y, said", "X, also a member of the Politburo, said"
            aside = _speaker_before_aside(doc, sent, people, i, self.speech)
            if before and (before[-1].entity is not None or aside is None):
                return before[-1]
            if aside is not None:
                return aside
            if clause_start - 1 > sent.start and doc[clause_start - 1].lower_ == "who":
                antecedent = [m for m in people if m.end in (clause_start - 1, clause_start - 2)]
                if antecedent:  # "the Egyptian president, who stressed ..."
                    return antecedent[-1]
            after = [m for m in people if i < m.start <= i + 2]
            if after and doc[i].lower_ not in _ADDRESSING:  # "told him": whom, not who
                return after[0]
        return None

    def _resolve(
        self,
        doc: Doc,
        sent: Span,
        mentions: list[Mention],
        speaker: Mention | None,
        state: _Discourse,
        registry: Registry,
    ) -> None:
        """Pronouns, "we" and "I": to the person or state they stand for."""
        for mention in mentions:
            if mention.entity is not None:
                continue
            word = doc[mention.start].lower_
            if mention.kind == "pronoun":
                if word in ("highness", "majesty", "excellency"):
                    mention.entity = state.styled or state.last_subject
                elif word == "him" or (word == "her" and _object_her(doc, mention)):
                    mention.entity = _object_of(mentions, mention, speaker, state)
                elif (
                    speaker is not None
                    and speaker.entity is not None
                    and speaker.start < mention.start
                ):
                    mention.entity = speaker.entity
                else:  # the sentence's subject before it, else the last sentence's
                    before = [m for m in mentions if m.end <= mention.start]
                    subject = _first_subject(doc, sent, before)
                    mention.entity = subject.entity if subject else state.last_subject
            elif mention.kind == "possessive" and word in ("his", "her"):
                # "hailed his boldness": whose, for the stance's target (never its source)
                people = [
                    m.entity for m in mentions
                    if m.end <= mention.start and m.entity and m.entity.type == "Official"
                ]  # fmt: skip
                mention.entity = people[-1] if people else state.last_subject
            elif mention.kind == "it":
                # "cut ties with Qatar, accusing it": the latest state or organisation
                actors = [
                    m.entity for m in mentions
                    if m.end <= mention.start and m.entity is not None
                    and m.entity.type in ("State", "Organization")
                ]  # fmt: skip
                mention.entity = actors[-1] if actors else None
            elif mention.kind == "definite":
                noun = doc[mention.start + 1].lower_
                wanted = DEFINITES[noun]
                earlier = [
                    m.entity for m in state.recent
                    if m.entity is not None and m.entity.type == wanted
                    and (m not in mentions or m.end <= mention.start)
                ]  # fmt: skip
                if noun in DEFINITE_HEADS:
                    # "the court": the organisation named with that word, however long ago
                    named = [e for e in registry.entities.values() if e.type == wanted]
                    earlier = [e for e in [*named, *earlier] if noun in e.name.lower().split()]
                mention.entity = earlier[-1] if earlier else None
            elif mention.kind == "we":
                speaker = speaker or self._speaking_body(doc, sent, mentions)
                mention.entity = self._we(doc, sent, mention, speaker, state, registry)
            elif mention.kind == "i":
                who = (
                    speaker.entity if speaker is not None and speaker.entity else state.last_subject
                )
                mention.entity = who

    def _speaking_body(self, doc: Doc, sent: Span, mentions: list[Mention]) -> Mention | None:
        """An organisation or state that speaks: '"We reject ...," the Foreign Ministry
        said' (people are found by ``_speaker``)."""
        for i in range(sent.start, sent.end):
            if not doc[i].is_lower or doc[i].text not in self.speech:
                continue
            for m in mentions:
                body = m.entity is not None and m.entity.type in ("Organization", "State")
                if body and not m.in_title and (m.end == i or m.outer_start in (i + 1, i + 2)):
                    return m
        return None

    def _we(
        self,
        doc: Doc,
        sent: Span,
        mention: Mention,
        speaker: Mention | None,
        state: _Discourse,
        registry: Registry,
    ) -> Entity | None:
        """ "We in Syria" is Syria; a bare "we" is the speaker's state."""
        nxt = mention.end
        if nxt + 1 < sent.end and doc[nxt].lower_ in ("in", "of"):
            code = self.gazetteer.states.resolve_name(doc[nxt + 1].text)
            if code is not None:
                return registry.state(code)
        person = speaker.entity if speaker is not None and speaker.entity else state.last_subject
        if person is not None and person.type == "Organization":
            # "We ...," Pakistan's Foreign Office said: a state's body speaks for the state;
            # an international organisation for itself
            return registry.state(person.country) if person.country else person
        if person is not None and person.country:
            return registry.state(person.country)
        # A speaker of no state (NATO's Secretary General) speaks for the organisation named
        # last before "we": "NATO ambassadors met ..., after which Stoltenberg said: 'We ...'"
        organizations = [
            m.entity for m in state.recent
            if m.entity is not None and m.entity.type == "Organization" and m.start < mention.start
        ]  # fmt: skip
        return organizations[-1] if organizations else None


# Adverbs that may sit inside a trigger phrase: "was later received by", "held separate talks".
# Who a delegation "joined" at talks: "joined the (US) president".
_HOST_TITLES = frozenset(["president", "leader", "king", "emir", "chancellor", "premier"])
_INNER_DAYS = [
    ["on", day]
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
] + [["yesterday"], ["today"]]
_INNER_ADVERBS = [
    "later", "also", "then", "first", "subsequently", "separately", "jointly", "briefly",
    "warmly", "officially", "previously", "formally", "strongly", "firmly", "again", "earlier",
    "recently", "personally", "reportedly", "separate", "bilateral", "lengthy", "extensive",
    "closed-door", "private", "fruitful", "cordial", "further", "once", "fully", "repeatedly",
    "categorically", "vehemently", "sharply", "publicly", "unequivocally", "resolutely",
]  # fmt: skip


_HOLD = frozenset(
    ["held", "hold", "holds", "holding", "had", "conducted", "sat", "began", "opened", "resumed",
     "concluded", "wrapped", "started"]
)  # fmt: skip
_GATHERING_NOUNS: dict[str, EventType] = {
    "talks": "Meeting", "meeting": "Meeting", "meetings": "Meeting", "consultations": "Meeting",
    "consultation": "Meeting",
    "discussions": "Meeting", "negotiations": "Meeting", "summit": "Meeting",
    "conversation": "Call", "call": "Call", "breakfast": "Meeting", "lunch": "Meeting",
    "dinner": "Meeting", "audience": "Meeting", "session": "Meeting", "sessions": "Meeting",
}  # fmt: skip
_PASSIVE_MEETING = frozenset(["received", "welcomed", "greeted", "hosted", "met", "embraced"])


def _open_phrases(doc: Doc, lexicon: Lexicon) -> list[tuple[int, int, list[Trigger]]]:
    """Meetings a fixed phrase cannot list: "held one-on-one talks with", "held an informal
    meeting", "was received at the airport by"."""
    found: list[tuple[int, int, list[Trigger]]] = []
    n = len(doc)
    for i, token in enumerate(doc):
        lower = token.lower_
        opens = token.is_sent_start or (i > 0 and doc[i - 1].is_space and doc[i - 1].is_sent_start)
        if lower in _HOLD and i + 2 < n:
            for j in range(i + 2, min(n, i + 8)):  # "held Iran responsible for the attacks"
                if doc[j].lower_ in ("responsible", "accountable", "culpable"):
                    blame = Trigger("REJECTS", "active", None, 0.8, (lower,))
                    found.append((i, i + 1, [blame]))
                    break
                if doc[j].is_punct or doc[j].lower_ in ("talks", "meeting", "a", "an"):
                    break
        if lower in ("assured", "assures", "assuring") and i + 3 < n:
            for j in range(i + 2, min(n, i + 12)):  # "assured Assad of Russia's continued support"
                if doc[j].lower_ in ("support", "backing", "solidarity") and "of" in [
                    t.lower_ for t in doc[i + 1 : j]
                ]:
                    found.append((i, i + 1, [Trigger("SUPPORTS", "active", None, 0.8, (lower,))]))
                    break
                if doc[j].text in (".", ";"):
                    break
        if lower in _GATHERING_NOUNS and i + 3 < n and doc[i + 1].text == ",":
            # "a telephone conversation, held in front of reporters, with X, Y and Z"
            with_ = _with_after_aside(doc, i + 2, n)
            if with_ is not None:
                kind = _GATHERING_NOUNS[lower]
                trigger = Trigger("MET_WITH", "nominal", kind, 0.8, (lower, "with"))
                found.append((i, with_ + 1, [trigger]))
        if lower in _GIVING and i + 3 < n and _gives_aid(doc, i, n):
            # "will provide Ukraine with $5.5 billion in additional aid"
            found.append((i, i + 1, [Trigger("SUPPORTS", "active", None, 0.8, (lower,))]))
        aid_to = _aid_to(doc, i, n) if lower in _SENDING and i + 3 < n else None
        if aid_to is not None:  # "extended a loan of $1 billion to Egypt"
            words = tuple(t.lower_ for t in doc[i:aid_to])
            found.append((i, aid_to, [Trigger("SUPPORTS", "active", None, 0.8, words)]))
        if token.text in ("Meeting", "Talking") and opens:
            # "Meeting in Ankara on Monday, Erdogan and Rouhani agreed ..."
            found.append((i, i + 1, [Trigger("MET_WITH", "active", "Meeting", 0.8, (lower,))]))
        elif lower in _HOLD:
            for j in range(i + 1, min(n, i + 9)):
                noun = doc[j].lower_
                if noun in _GATHERING_NOUNS and j > i + 1:
                    kind = _GATHERING_NOUNS[noun]
                    if kind == "Call" and doc[j - 1].lower_ not in ("phone", "telephone", "video"):
                        break
                    with_ = j + 1 < n and doc[j + 1].lower_ == "with"
                    form: Form = "active" if with_ else "mutual"
                    trigger = Trigger("MET_WITH", form, kind, 0.85, ("held",))
                    found.append((i, j + 2 if with_ else j + 1, [trigger]))
                    break
                if (doc[j].is_punct and doc[j].text != "-") or doc[j].lower_ in _HOLD:
                    break
                if doc[j].is_title:
                    break  # "held Putin for talks": a person in between, no open phrase
        elif lower == "signed" and doc[i + 1 : i + 2].text.lower() in ("no", "nothing"):
            pass  # "signed no document with each other"
        elif lower == "signed" and not (i > 0 and doc[i - 1].lower_ in ("was", "were", "been")):
            # "signed the memorandum with", "signed a 25-year pact with"
            for j in range(i + 2, min(n, i + 8)):
                if doc[j].lower_ == "with":
                    signing = ("signed", "with")
                    found.append((i, j + 1, [
                        Trigger("MET_WITH", "active", "Meeting", 0.75, signing),
                        Trigger("SUPPORTS", "active", None, 0.8, signing),
                    ]))  # fmt: skip
                    break
                if doc[j].is_punct and doc[j].text != "-":
                    break
        elif lower in ("joined", "joins") and doc[i + 1 : i + 2].text == "the" and i + 3 < n:
            # "joined the American side", "joined the Russian delegation"
            if doc[i + 3].lower_ in ("side", "delegation", "talks", "session", "meeting", "team"):
                attended = Trigger("MET_WITH", "attended", "Meeting", 0.75, ("joined",))
                found.append((i, i + 4, [attended]))
            # "Pompeo, Bolton and Mulvaney joined the US president": at his talks
            elif _HOST_TITLES & {doc[i + 2].lower_, doc[i + 3].lower_} and doc[i - 1].is_alpha:
                end = i + 3 if doc[i + 2].lower_ in _HOST_TITLES else i + 4
                attended = Trigger("MET_WITH", "attended", "Meeting", 0.75, ("joined",))
                found.append((i, end, [attended]))
        elif lower in _TAKING_PART and doc[i + 1 : i + 3].text.lower() == "part in":
            # "Taking part in the 80-minute call were X, Y and Z", "X took part in the
            # two-hour talks": they join the gathering just reported
            joined = _joined_gathering(doc, i + 3, n)
            if joined is not None:
                found.append((i, joined[0], [joined[1]]))
        elif lower in ("led", "leads", "headed", "heads") and _leads_a_team(doc, i, n):
            # "X and Y led the U.S. team": the heads of one side of the talks
            attended = Trigger("MET_WITH", "attended", "Meeting", 0.75, (lower, "team"))
            found.append((i, i + 1, [attended]))
        elif lower == "read" and _reads_a_communique(doc, i, n) is not None:
            # "the final communique, read by X", "The communique was read out by X": the
            # reader was at the meeting it closed
            by = _reads_a_communique(doc, i, n) or i
            attended = Trigger("MET_WITH", "attended", "Meeting", 0.7, ("read", "by"))
            found.append((i, by + 1, [attended]))
        elif lower in ("told", "addressed") and _addressed_gathering(doc, i, n) is not None:
            # "X told the 24th ASEAN Summit", "X told his counterparts": X was there
            end = _addressed_gathering(doc, i, n) or i
            attended = Trigger("MET_WITH", "attended", "Meeting", 0.7, (lower, "gathering"))
            found.append((i, end + 1, [attended]))
        elif lower == "to" and i + 2 < n and doc[i + 1].lower_ in ("see", "meet"):
            if travelled_before(doc, i):
                # "flew from talks with X in Moscow to see Y in Tbilisi": the journey's end
                visit = Trigger("MET_WITH", "active", "Meeting", 0.75, ("to", doc[i + 1].lower_))
                found.append((i, i + 2, [visit]))
        elif lower in ("brought", "brings", "bringing") and i + 2 < n:
            for j in range(i + 2, min(n, i + 14)):  # "brought Lavrov and Kuleba together"
                if doc[j].lower_ == "together":
                    meeting = Trigger("MET_WITH", "between", "Meeting", 0.8, ("brought",))
                    found.append((i, i + 1, [meeting]))
                    break
                if doc[j].text in (";", ".", ","):
                    break
        elif lower == "signed" and i > 0 and doc[i - 1].lower_ in ("was", "were", "been"):
            for j in range(i + 1, min(n, i + 10)):  # "was signed at the closing session by"
                if doc[j].lower_ == "by":
                    signers = [Trigger("MET_WITH", "between", "Meeting", 0.7, ("signed", "by"))]
                    if _signed_where_by(doc, i, n) == j:
                        # "was signed at APEC Haus by A and B": each backs the other, too
                        signers.append(Trigger("SUPPORTS", "between", None, 0.7, ("signed", "by")))
                    found.append((i - 1, j + 1, signers))
                    break
                if doc[j].text in (";", "."):
                    break
        elif lower in _PASSIVE_MEETING and i > 0 and doc[i - 1].lower_ in ("was", "were", "been"):
            for j in range(i + 1, min(n, i + 9)):
                if doc[j].lower_ == "by":
                    trigger = Trigger("MET_WITH", "passive", "Meeting", 0.85, ("was", lower, "by"))
                    found.append((i - 1, j + 1, [trigger]))
                    break
                if doc[j].text in (",", ";", ".") or doc[j].lower_ in ("and", "but"):
                    break
    return found


_GIVING = frozenset(
    ["provide", "provides", "provided", "providing", "supply", "supplies", "supplied",
     "supplying", "give", "gives", "gave", "giving", "grant", "grants", "granted"]
)  # fmt: skip
_AID = frozenset(
    ["aid", "assistance", "weapons", "arms", "loans", "loan", "funding", "grants", "support",
     "ammunition", "vaccines", "relief", "million", "billion"]
)  # fmt: skip


def _gives_aid(doc: Doc, i: int, n: int) -> bool:
    """ "provide Ukraine with $5.5 billion in aid": the one before "with" is helped."""
    if doc[i + 1].is_lower:
        return False  # "provided support to": a phrase of the lexicon; "gave a speech"
    for j in range(i + 2, min(n, i + 14)):
        if doc[j].lower_ == "with":
            return any(t.lower_ in _AID for t in doc[j + 1 : min(n, j + 9)])
        if doc[j].text in (",", ";", ".") or doc[j].lower_ in ("to", "for", "that"):
            return False
    return False


_SENDING = _GIVING | frozenset(
    ["extend", "extends", "extended", "extending", "pledge", "pledges", "pledged", "pledging",
     "send", "sends", "sent", "sending", "offer", "offers", "offered", "offering", "deliver",
     "delivers", "delivered", "delivering", "donate", "donates", "donated", "donating",
     "disburse", "disburses", "disbursed", "approve", "approves", "approved"]
)  # fmt: skip


def _signed_where_by(doc: Doc, i: int, n: int) -> int | None:
    """Where "by" stands in "signed at APEC Haus by", "signed in Riyadh on Monday by": a
    place or a day between the verb and its agents."""
    if i + 3 >= n or doc[i + 1].lower_ not in ("at", "in", "on"):
        return None
    for j in range(i + 2, min(n, i + 9)):
        if doc[j].lower_ == "by":
            return j
        if doc[j].is_lower and doc[j].lower_ not in ("the", "on", "in", "at", "of"):
            return None  # "signed in Riyadh was criticised by": another verb's agent
        if doc[j].is_punct:
            return None
    return None


def _aid_to(doc: Doc, i: int, n: int) -> int | None:
    """Where "to" ends "sent 500 tonnes of aid to", "extended a $1 billion loan to": what
    is given, in lower case or figures, names aid; the one after "to" is helped."""
    seen_aid = False
    for j in range(i + 1, min(n, i + 12)):
        token = doc[j]
        if token.lower_ == "to":
            return j + 1 if seen_aid and j > i + 1 else None
        if token.lower_ in _AID:
            seen_aid = True
        elif not (token.is_lower or token.like_num or token.is_currency or token.text == "-"):
            return None  # a name, punctuation: not one thing given
    return None


def _with_after_aside(doc: Doc, start: int, n: int) -> int | None:
    """Where "with" stands after an aside in lower case set off by commas."""
    for j in range(start, min(n - 1, start + 10)):
        if doc[j].text == ",":
            return j + 1 if j > start and doc[j + 1].lower_ == "with" else None
        if not doc[j].is_lower:
            return None
    return None


_ADDRESSED = frozenset(["summit", "meeting", "session", "conference", "gathering"])


def _addressed_gathering(doc: Doc, i: int, n: int) -> int | None:
    """Where the gathering's noun is in "told the (24th ASEAN) Summit", "told his
    counterparts" (not "told a news conference", "told the UN Security Council")."""
    if i + 2 >= n:
        return None
    first = doc[i + 1].lower_
    if first in ("his", "her", "their") and doc[i + 2].lower_ in ("counterparts", "colleagues"):
        return i + 2
    if first != "the":
        return None
    for j in range(i + 2, min(n, i + 7)):
        word = doc[j].lower_
        if word in _ADDRESSED:
            return j if doc[j - 1].lower_ not in ("news", "press") else None
        if not (doc[j].is_title or doc[j].is_upper or doc[j].like_num or word[:1].isdigit()):
            return None
    return None


_COMMUNIQUES = frozenset(["communique", "communiqué", "declaration"])


def _reads_a_communique(doc: Doc, i: int, n: int) -> int | None:
    """Where "by" is in "communique(,| was) read (out) by": the "by" after ``i``."""
    by = i + 2 if doc[i + 1 : i + 2].text == "out" else i + 1
    if by >= n or doc[by].lower_ != "by":
        return None
    k = i - 1
    while k > 0 and doc[k].lower_ in (",", "was", "is", "been", "has", "had"):
        k -= 1
    return by if k >= 0 and doc[k].lower_ in _COMMUNIQUES else None


def _leads_a_team(doc: Doc, i: int, n: int) -> bool:
    """ "led the U.S. team", "headed the Russian delegation" (not "led by")."""
    if i + 2 >= n or doc[i + 1].lower_ != "the":
        return False
    for j in range(i + 2, min(n, i + 6)):
        if doc[j].lower_ in ("team", "delegation", "side", "negotiators"):
            return j > i + 2
        if not (doc[j].is_title or doc[j].is_upper or doc[j].text in (".", "-")):
            return False
    return False


_TAKING_PART = frozenset(["taking", "took", "take", "takes"])


def _joined_gathering(doc: Doc, start: int, n: int) -> tuple[int, Trigger] | None:
    """The end and the trigger of "(taking part in) the 80-minute call (were)"."""
    if start >= n or doc[start].lower_ not in ("the", "this", "that"):
        return None
    for j in range(start + 1, min(n, start + 6)):
        noun = doc[j].lower_
        if noun in _GATHERING_NOUNS:
            after = j + 1 < n and doc[j + 1].lower_ in ("were", "was")
            words = ("part", noun, "were") if after else ("part", noun)
            trigger = Trigger("MET_WITH", "attended", _GATHERING_NOUNS[noun], 0.8, words)
            return (j + 2 if after else j + 1, trigger)
        if not (doc[j].is_lower or doc[j].like_num or doc[j].text == "-"):
            return None
    return None


def _variants(words: list[str]) -> list[list[str]]:
    """The phrase, and with one adverb or day after its first word: "was (later) received
    by", "signed (on Thursday) by", "held talks (yesterday) with"."""
    if len(words) < 2:
        return [words]
    inner = [[adverb] for adverb in _INNER_ADVERBS] + _INNER_DAYS
    return [words, *([words[0], *extra, *words[1:]] for extra in inner)]


@dataclass
class _Discourse:
    last_subject: Entity | None = None
    last_person: Entity | None = None
    recent: list[Mention] = field(default_factory=list)  # this sentence's and the last one's
    last_group: list[Entity] = field(default_factory=list)  # "Chung and Suh": for "them"
    last_group_at: int = -99  # the sentence that named it
    groups: list[list[Entity]] = field(default_factory=list)  # every such group, in order
    acts: dict[str, tuple[int, list[Entity]]] = field(default_factory=dict)  # who did what
    things: list[FoundEvent] = field(default_factory=list)  # the last thing a stance named
    named_things: dict[str, FoundEvent] = field(default_factory=dict)  # by head, in full
    talks_at: int = -99  # the last sentence that named talks ("officials opened talks")
    styled: Entity | None = None  # the person the text first called "His Highness"
    host: Entity | None = None  # who last hosted or chaired a gathering: "the host"
    delegation_head: Entity | None = None  # "a delegation led by X": "met the delegation"
    pending: list[Entity] = field(default_factory=list)  # at a gathering not yet a meeting
    pending_at: int = -99
    stances: list[FoundRelation] = field(default_factory=list)  # for "followed suit"
    stances_at: int = -99  # the sentence that drafted them


def _last_group(doc: Doc, mentions: list[Mention]) -> list[Entity]:
    """The last people named together in the sentence: "Chung and spy chief Suh Hoon"."""
    people = [
        m for m in mentions
        if m.entity is not None and m.entity.type == "Official" and not m.in_title
        and m.kind in ("name", "title", "pronoun", "group")
    ]  # fmt: skip
    best: list[Entity] = []
    i = 0
    while i < len(people):
        group = coordinated(doc, people[i:])
        entities = list(dict.fromkeys(m.entity for m in group if m.entity is not None))
        if len(entities) >= 2:
            best = entities
        i += max(1, len(group))
    return best


def _with_them(doc: Doc, sent: Span, mentions: list[Mention], state: _Discourse) -> list[Mention]:
    """ "Kim hosted them": the people last named together (not "the ministers of six
    countries, among them X and Y", where "them" are the ones the sentence just named)."""
    added = [
        Mention(t.i, t.i + 1, entity, kind="group", resolved="pronoun")
        for t in sent
        if t.lower_ == "them" and doc[t.i - 1].lower_ != "among"
        for entity in _group_before(doc, sent, mentions, t.i) or state.last_group
    ]  # fmt: skip
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def _group_before(doc: Doc, sent: Span, mentions: list[Mention], i: int) -> list[Entity]:
    """The people named together earlier in the sentence, in a clause before the one
    "them" (at ``i``) is in: "X, Y and Z visited the border, where W briefed them"."""
    before = [m for m in mentions if m.end <= i]
    group = _last_group(doc, before)
    if not group:
        return []
    last = max(m.end for m in before if m.entity in group)
    if not any(t.text in (",", ";") for t in doc[last:i]):
        return []  # "X and Y urged them": the same clause's objects are others
    return group


_HOST_VERBS = frozenset(["hosted", "chaired", "presided", "co-chaired", "convened"])
_HOST_NOUNS = frozenset(["host", "hosts"])


def _host(doc: Doc, sent: Span, mentions: list[Mention]) -> Entity | None:
    """Who the sentence says hosted or chaired a gathering: "The summit was chaired by X",
    "X hosted the talks", "the host, X,"."""
    people = [
        m for m in mentions
        if m.entity is not None and m.entity.type == "Official" and not m.in_title
        and m.resolved != "host"
    ]  # fmt: skip
    for i in range(sent.start, sent.end):
        word = doc[i].lower_
        if word in _HOST_VERBS:
            k = i + 2 if doc[i + 1 : i + 2].text == "over" else i + 1
            if k < sent.end and doc[k].lower_ == "by":  # "was chaired by X"
                after = [m for m in people if m.outer_start == k + 1]
                if after:
                    return after[0].entity
                continue
            before = [m for m in people if m.end <= i]
            gap = list(doc[before[-1].end : i]) if before else []
            if before and all(t.lower_ in _HOST_GAP or t.is_digit for t in gap):
                return before[-1].entity  # "X on Monday hosted"
        elif word in _HOST_NOUNS and doc[i + 1 : i + 2].text == ",":
            after = [m for m in people if m.outer_start == i + 2]
            if after:  # "the host, Dominican President X,"
                return after[0].entity
    return None


def _delegation_head(doc: Doc, sent: Span, mentions: list[Mention]) -> Entity | None:
    """Who the sentence says leads a delegation: "a delegation led by X"."""
    for i in range(sent.start, sent.end - 3):
        if doc[i].lower_ != "delegation":
            continue
        k = i + 2 if doc[i + 1].lower_ in ("was", "is") else i + 1
        if doc[k].lower_ in ("led", "headed") and doc[k + 1].lower_ == "by":
            after = [
                m for m in mentions
                if m.outer_start == k + 2 and m.entity is not None
                and m.entity.type == "Official" and m.resolved != "delegation"
            ]  # fmt: skip
            if after:
                return after[0].entity
    return None


_MEETING_VERBS = frozenset(
    ["met", "meets", "meeting", "received", "receives", "welcomed", "hosted", "greeted", "with"]
)


def _with_delegation(
    doc: Doc, sent: Span, mentions: list[Mention], state: _Discourse
) -> list[Mention]:
    """ "Huitfeldt, who met the delegation on Monday": its head, named before."""
    if state.delegation_head is None:
        return mentions
    covering = {i: m for m in mentions for i in range(m.outer_start, m.end)}
    added = []
    for t in sent:
        if t.lower_ != "delegation" or t.i - 2 < sent.start:
            continue
        unnamed = covering.get(t.i)  # "delegation" read as a title of no one
        if unnamed is not None and (unnamed.entity is not None or unnamed.start != t.i):
            continue
        k = t.i - 1
        if doc[k].lower_ == "visiting":
            k -= 1
        if doc[k].lower_ != "the" or doc[k - 1].lower_ not in _MEETING_VERBS:
            continue
        if doc[t.i + 1 : t.i + 2].text.lower() in ("of", "led", "headed", "from"):
            continue  # "the delegation of Iran", "the delegation led by": another one
        if unnamed is not None:
            unnamed.entity, unnamed.resolved = state.delegation_head, "delegation"
            continue
        mention = Mention(k, t.i + 1, state.delegation_head, kind="title", resolved="delegation")
        added.append(mention)
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def _host_aside(doc: Doc, sent: Span, mentions: list[Mention], host: Entity) -> bool:
    """Whether the sentence names ``host`` as "the host, X," (not "X hosted")."""
    return any(
        m.entity is host and m.outer_start >= sent.start + 2
        and doc[m.outer_start - 1].text == "," and doc[m.outer_start - 2].lower_ in _HOST_NOUNS
        for m in mentions
    )  # fmt: skip


_HOST_GAP = frozenset(["on", "also", "later", "then", "has", "had", "who", "jointly"]) | frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)


def _with_host(doc: Doc, sent: Span, mentions: list[Mention], state: _Discourse) -> list[Mention]:
    """ "Dung held talks with the host": the person who last hosted or chaired."""
    if state.host is None:
        return mentions
    taken = {i for m in mentions for i in range(m.outer_start, m.end)}
    named = {
        m.outer_start for m in mentions if m.entity is not None and m.entity.type == "Official"
    }
    added = [
        Mention(t.i - 1, t.i + 1, state.host, kind="title", resolved="host")
        for t in sent
        if t.lower_ in _HOST_NOUNS and t.i - 1 >= sent.start
        and doc[t.i - 1].lower_ in ("the", "his", "her", "their")
        and t.i not in taken and not (doc[t.i + 1 : t.i + 2].text == "," and t.i + 2 in named)
        and not (t.i + 1 < sent.end and doc[t.i + 1].is_alpha and doc[t.i + 1].is_lower
                 and doc[t.i + 1].lower_ not in ("who", "and", "on", "in", "at"))
    ]  # fmt: skip
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def _named_after(doc: Doc, mentions: list[Mention], roles: set[str]) -> None:
    """ "his Russian and Iranian counterparts, Sergei Lavrov and Mohammad Javad Zarif": the
    states only say whose counterparts; the people named after the comma take part."""
    for i, mention in enumerate(mentions):
        entity = mention.entity
        if entity is None or entity.type != "State" or mention.in_title:
            continue
        j = i
        while (
            j + 1 < len(mentions)
            and _is_state(mentions[j + 1])
            and _joined(doc, mentions[j].end, mentions[j + 1].outer_start)
        ):
            j += 1
        last = mentions[j]
        k = last.end
        while k < len(doc) and k - last.end < 3 and doc[k].lower_ in roles | {"foreign"}:
            k += 1
        headed = k + 2 < len(doc) and doc[k].text == "," and doc[k + 2].lower_ == "by"
        if headed and doc[k + 1].lower_ in ("headed", "led"):  # "the delegations, headed by X"
            k += 2
        if k == last.end:
            continue  # "Iran stands with Syria, Zarif said": no office word, no apposition
        following = next((m for m in mentions[j + 1 :] if m.outer_start > k), None)
        if k < len(doc) and doc[k].text in (",", "by") and following is not None:
            person = following.entity
            if person is not None and person.type == "Official" and following.outer_start == k + 1:
                for state in mentions[i : j + 1]:
                    if state.entity is not None and state.entity.type == "State":
                        state.in_title = True


def _styled_people(doc: Doc, mentions: list[Mention], state: _Discourse) -> None:
    """ "His Highness the Amir Sheikh Sabah ...": the agency's own head of state, whom
    "His Highness" and "His Highness the Amir" stand for later in the text."""
    for mention in mentions:
        entity = mention.entity
        k = mention.outer_start - 1
        while k >= 0 and doc[k].lower_ == "the":
            k -= 1
        styled = k >= 1 and doc[k].lower_ in _STYLES and doc[k - 1].lower_ in ("his", "her")
        if not styled or mention.kind == "pronoun":
            continue
        if entity is not None and entity.type == "Official" and mention.kind == "name":
            state.styled = state.styled or entity
        elif mention.kind == "title" and state.styled is not None:
            mention.entity = state.styled  # "His Highness the Amir held talks"


_STYLES = frozenset(["highness", "majesty", "excellency"])
_TALK_NOUNS = frozenset(["talks", "negotiations", "dialogue", "discussions", "consultations"])
_SAME_DAY = re.compile(r"\b(later|earlier) (in|on) the day\b|\bthe same day\b", re.I)
_QUOTES = frozenset(['"', "\u201c", "\u201d"])
_NUMBERS = frozenset(["two", "three", "four", "five", "six", "seven", "both"])
_GROUP_NOUNS_STATES = frozenset(["countries", "governments", "nations", "states"])
_GROUP_NOUNS = _GROUP_NOUNS_STATES | frozenset(
    [
        "sides",
        "leaders",
        "presidents",
        "ministers",
        "officials",
        "men",
        "delegations",
        "diplomats",
        "counterparts",
        "heads",
        "parties",
        "envoys",
        "visitors",
        "guests",
        "women",
        "negotiators",
        "statesmen",
        "premiers",
    ]
)


def _with_groups(
    doc: Doc,
    sent: Span,
    mentions: list[Mention],
    events: list[FoundEvent],
    index: int,
    registry: Registry,
    state: _Discourse,
) -> list[Mention]:
    """ "The two sides", "both leaders", "they": the people of the meeting just reported."""
    # The latest meeting, found from the end: a long text reports thousands of events.
    latest = next((e for e in reversed(events) if e.type in ("Meeting", "Visit", "Call")), None)
    if latest is None or index - latest.sentence > 8:
        # "Erdogan and Putin agreed in Sochi ... The two leaders held talks": with no
        # meeting reported yet, the people the sentence before named together
        people = [p for p in state.last_group if p.type == "Official"]
        if index - state.last_group_at > 1:
            people = []  # "they" may still be the people this sentence names together
    else:
        people = [p for p in latest.participants if p.type == "Official"]
    if len(people) < 2 and any(t.lower_ == "signed" for t in sent):
        # "X held talks with Y ..., and the two sides signed 15 agreements"
        named = [
            m.entity for m in mentions
            if m.entity is not None and m.entity.type == "Official" and not m.in_title
        ]  # fmt: skip
        people = list(dict.fromkeys(named))
    states_only = False
    if len(people) < 2 and len(_last_group(doc, mentions)) < 2:
        if latest is None or index - latest.sentence > 8 or not _hails_delegations(doc, sent):
            return mentions
        # "X met the Russian and Ukrainian delegations ... X hailed both delegations": the
        # states the meeting names, when it names no two people
        states_only = True
        people = [p for p in latest.participants if p.country]
    taken = {i for m in mentions for i in range(m.outer_start, m.end)}
    # a state naming whose people the group are: "the two US officials"
    stated = {
        i for m in mentions if _is_state(m) and m.end - m.start == 1 for i in range(m.start, m.end)
    }
    added: list[Mention] = []
    i = sent.start
    while i < sent.end:
        lower = doc[i].lower_
        end = None
        if lower == "both" and i not in taken and _both_alone(doc, i, sent.end):
            end = i + 1  # "Both condemned the strikes", "and both called for calm"
        elif lower in _NUMBERS or (lower == "the" and doc[i + 1 : i + 2].text.lower() in _NUMBERS):
            j = i + 1 if lower in _NUMBERS else i + 2
            while (
                j < sent.end
                and (doc[j].is_lower or j in stated)
                and doc[j].lower_ not in _GROUP_NOUNS
            ):
                j += 1  # "the three foreign ministers", "the two visiting leaders", "two US"
                if j - i > 4:
                    break
            if j < sent.end and doc[j].lower_ in _GROUP_NOUNS:
                end = j + 1
        elif lower == "they" and i not in taken:
            end = i + 1
        elif lower == "the" and _bare_group(doc, i, sent.start) and _just_met(latest, index):
            end = i + 2  # "The leaders reaffirmed ...": those of the call just reported
        if end is not None and not any(k in taken - stated for k in range(i, end)):
            words = [t.lower_ for t in doc[i:end]]
            if states_only and not _judged_delegations(doc, i, words):
                i = end
                continue
            if _judged_delegations(doc, i, words):
                words[-1] = "countries"  # "hailed both delegations": the states they speak for
            if words[-1] in ("countries", "governments", "nations", "states", "sides"):
                # "the two countries signed": the states of the people who met
                earlier_states = {id(m.entity) for m in mentions if m.end <= i and _is_state(m)}
                hostile = _blame(doc, end, sent.end)
                states = _group_states(
                    people, events, index, words, earlier_states, registry, hostile
                )
                if len(states) < 2 and _judged_delegations(doc, i, [t.lower_ for t in doc[i:end]]):
                    # "welcomed the Russian and Ukrainian delegations ... hailed both
                    # delegations": the states the text named the delegations by
                    states = _delegation_states(doc, state.recent, sent.start) or states
                if words[-1] != "sides" or hostile or _signed(doc, end, sent.end):
                    if len(states) >= 2:
                        added += [
                            Mention(i, end, e, kind="group", resolved="pronoun") for e in states
                        ]
                    i = end  # states the text does not let us tell: no one
                    continue
            chosen = _of_office(people, words)
            if i > sent.start and doc[i - 1].lower_ in _JUDGING:
                # "Lourenco praised both leaders": his guests, not himself
                judge = {id(m.entity) for m in mentions if m.end < i and m.entity is not None}
                recent = itertools.takewhile(lambda e: index - e.sentence <= 8, reversed(events))
                for group in [people, *(e.participants for e in recent if e.type == "Meeting")]:
                    officials = [p for p in group if p.type == "Official"]
                    others = [p for p in officials if id(p) not in judge]
                    if len(others) >= 2 and len(others) < len(officials):
                        chosen = _of_office(others, words)
                        break
            own = _last_group(doc, [m for m in mentions if m.end <= i])
            group_at = max((m.start for m in added if m.end <= i), default=-1)
            named = [m.entity for m in added if m.start == group_at and m.entity is not None]
            if words == ["they"] and len(named) >= 2 and len(own) < 2:
                # "The four leaders adopted a declaration in which they expressed": the
                # group the sentence just named
                chosen = named
            elif words in (["they"], ["both"]) and len(own) >= 2:
                chosen = own  # "Macron and Merkel agreed ..., and they called on Turkey"
            elif words == ["they"] and _said_before(doc, i, sent.start):
                # "members of the High Negotiations Committee said they rejected the plan":
                # the sentence's own speakers, not the people of the last meeting
                before = [m for m in [*mentions, *added] if m.end <= i and m.entity is not None]
                if not before:
                    i = end
                    continue
                last = before[-1]  # "They said they ...": the group stays the group
                if last.kind != "group" and last.entity is not None:
                    chosen = [last.entity]
            count = _COUNTS.get(words[1] if len(words) > 1 else "", 0)
            if count and "leaders" in words and latest is not None and len(chosen) > count:
                # "the two leaders" after their aides joined: the meeting's first parties
                chosen = chosen[:count]
            if count and len(chosen) != count:
                # "The two envoys": the last two people the text named together
                earlier = [g for g in reversed(state.groups) if len(g) == count]
                if earlier:
                    chosen = earlier[0]
            if "leaders" in words and len([p for p in chosen if _is_leader(p)]) < 2:
                # "The two leaders held talks": the last two heads named, met or not
                count = _COUNTS.get(words[1] if len(words) > 1 else "", 2)
                heads = [p for p in registry.people if _is_leader(p)]
                if len(heads) >= count:
                    chosen = heads[-count:]
            added += [Mention(i, end, p, kind="group", resolved="pronoun") for p in chosen]
            i = end
            continue
        i += 1
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


_JUDGING = frozenset(
    ["hailed", "praised", "thanked", "commended", "lauded", "congratulated", "urged",
     "accused", "blamed", "criticised", "criticized", "condemned", "warned"]
)  # fmt: skip


def _counted_states(doc: Doc, sent: Span, mentions: list[Mention]) -> list[Mention]:
    """ "Turkey dropped its veto on Finland and Sweden after the three countries signed a
    memorandum": as many states as the sentence named before, and no fewer or more."""
    taken = {i for m in mentions for i in range(m.outer_start, m.end)}
    added: list[Mention] = []
    for i in range(sent.start, sent.end - 2):
        count = _COUNTS.get(doc[i + 1].lower_, 0)
        if doc[i].lower_ != "the" or count < 2 or doc[i + 1].lower_ == "both":
            continue
        end = i + 3
        if doc[i + 2].lower_ not in _GROUP_NOUNS_STATES or any(k in taken for k in range(i, end)):
            continue
        states = list(
            dict.fromkeys(
                m.entity for m in mentions
                if m.end <= i and m.entity is not None and _is_state(m) and not m.in_title
            )
        )  # fmt: skip
        if len(states) == count:
            added += [Mention(i, end, e, kind="group", resolved="pronoun") for e in states]
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def _judged_delegations(doc: Doc, i: int, words: list[str]) -> bool:
    """ "Cavusoglu hailed both delegations": praise or blame of delegations is for the
    states they represent, not for the people who met."""
    return words[-1] == "delegations" and i > 0 and doc[i - 1].lower_ in _JUDGING


def _delegation_states(doc: Doc, recent: list[Mention], before: int) -> list[Entity]:
    """The states of the last "the Russian and Ukrainian delegations" before ``before``."""
    states = [m for m in recent if m.end <= before and m.entity is not None and _is_state(m)]
    for last in reversed(states):
        if doc[last.end : last.end + 1].text.lower() != "delegations":
            continue
        group = [last]
        for m in reversed(states):
            gap = doc[m.end : group[0].start]
            if m.end <= group[0].start and 0 < len(gap) <= 2 and gap[-1].lower_ in (",", "and"):
                group.insert(0, m)
        entities = list(dict.fromkeys(m.entity for m in group if m.entity is not None))
        return entities if len(entities) >= 2 else []
    return []


def _hails_delegations(doc: Doc, sent: Span) -> bool:
    """ "hailed both delegations", "praised the two delegations"."""
    for k in range(sent.start + 2, sent.end):
        if doc[k].lower_ == "delegations":
            start = k - 1 if doc[k - 1].lower_ == "both" else k - 2
            if _judged_delegations(doc, start, ["delegations"]):
                return True
    return False


_BARE_GROUPS = frozenset(["leaders", "ministers", "participants", "presidents"])


def _said_before(doc: Doc, i: int, sent_start: int) -> bool:
    """ "said they", "said that they": "they" opens what the subject said."""
    j = i - 1
    if j > sent_start and doc[j].lower_ == "that":
        j -= 1
    return j >= sent_start and doc[j].lower_ in ("said", "says", "say", "added", "stressed")


def _bare_group(doc: Doc, i: int, sent_start: int) -> bool:
    """ "The leaders", "The ministers" opening the sentence, with no number."""
    opens = all(t.is_space for t in doc[sent_start:i])
    return opens and doc[i + 1 : i + 2].text.lower() in _BARE_GROUPS


def _just_met(latest: FoundEvent | None, index: int) -> bool:
    return latest is not None and index - latest.sentence <= 2 and len(latest.participants) >= 2


def _both_alone(doc: Doc, i: int, limit: int) -> bool:
    """ "Both condemned ...": "both" standing for the people, right before their verb."""
    if i + 1 >= limit or (i > 0 and doc[i - 1].is_lower and doc[i - 1].lower_ != "and"):
        return False  # "the two leaders both backed": a floating quantifier
    following = doc[i + 1]
    verb = following.lower_.endswith("ed") or following.lower_ in ("said", "say", "agree")
    return following.is_lower and verb


def _signed(doc: Doc, end: int, limit: int) -> bool:
    """ "the two sides signed 15 agreements": the states sign, as their people met."""
    i = end
    while i < limit and doc[i].lower_ in ("have", "had", "also", "then", "later"):
        i += 1
    return i < limit and doc[i].lower_ == "signed"


def _blame(doc: Doc, end: int, limit: int) -> bool:
    """ "the two sides accused each other": the states fight, not the people who met."""
    i = end
    while i < limit and doc[i].lower_ in ("have", "had", "also", "again", "quickly", "then"):
        i += 1
    if i >= limit:
        return False
    if doc[i].lower_ in ("traded", "trade", "exchanged"):
        return doc[i + 1 : i + 2].text.lower() in ("accusations", "blame", "barbs", "threats")
    reciprocal = doc[i + 1 : i + 3].text.lower() in ("each other", "one another")
    return doc[i].lower_ in _BLAMING and reciprocal


_BLAMING = frozenset(
    ["accused", "accuses", "accuse", "blamed", "blame", "blames", "condemned", "criticised",
     "criticized"]
)  # fmt: skip


def _group_states(
    people: list[Entity],
    events: list[FoundEvent],
    index: int,
    words: list[str],
    named: set[int],
    registry: Registry,
    hostile: bool = False,
) -> list[Entity]:
    """The states "the two countries" stand for: those of the latest meeting, else of an
    earlier one, whose number fits; the states the sentence itself names are the others
    ("Turkey agreed to back the invitation of the two countries")."""
    count = _COUNTS.get(words[1] if len(words) > 1 else "", 0)
    # Events come in sentence order: walk back only over the last eight sentences' (a
    # long text holds thousands of events, and this runs at every "the two countries").
    recent = itertools.takewhile(lambda e: index - e.sentence <= 8, reversed(events))
    meetings = [e for e in recent if e.type in ("Meeting", "Visit", "Call")]
    earlier = [([p for p in e.participants if p.type == "Official"], e) for e in meetings]
    if hostile and count:
        groups = [people, *(group for group, _ in earlier)][:3]
        sides = _without_mediator(groups, count, registry)
        if sides:  # "Putin called Aliyev, then Pashinyan. The two sides accused each other"
            return sides
    first: list[Entity] = []
    for group, event in [(people, meetings[0] if meetings else None), *earlier]:
        states = _distinct_states(group, registry)
        if count and len(states) == count + 1:
            states = [e for e in states if id(e) not in named] or states
        host = event.place.country if event is not None and event.place is not None else None
        fill = count and len(states) == count - 1 and not named  # the sentence names none
        if fill and host and host not in [e.country for e in states]:
            # "The three countries" after a summit in Baghdad whose host is named by title
            states = [registry.state(host), *states]
        first = first or states
        if not count or len(states) == count:
            return states
    return [] if hostile else first  # who of three blamed whom, the text does not say


def _without_mediator(groups: list[list[Entity]], count: int, registry: Registry) -> list[Entity]:
    """The sides who blame each other, when the last meetings all had one state in common
    (the mediator's, who met each side or both): the other states, if ``count`` of them."""
    states = [_distinct_states(g, registry) for g in groups]
    unique = {tuple(sorted(id(e) for e in g)): g for g in states if len(g) >= 2}
    states = list(unique.values())
    if len(states) < 2:
        return []
    hub = set.intersection(*({id(e) for e in g} for g in states))
    sides = list({id(e): e for g in states for e in g if id(e) not in hub}.values())
    return sides if len(hub) == 1 and len(sides) == count else []


def _distinct_states(people: list[Entity], registry: Registry) -> list[Entity]:
    codes = list(dict.fromkeys(p.country for p in people if p.country))
    return [registry.state(code) for code in codes]


def _of_office(people: list[Entity], words: list[str]) -> list[Entity]:
    """ "The three foreign ministers": those of the meeting whose titles say so; "the two
    leaders": its heads of state or government."""
    office = [w.rstrip("s") for w in words if w not in _NUMBERS and w not in _LOOSE_GROUP]
    if "leaders" in words:
        leaders = [p for p in people if _LEADER_WORDS & set((p.title or "").lower().split())]
        return leaders if len(leaders) >= 2 else people
    if not office:
        return people
    fitting = [
        p for p in people
        if all(any(t.lower().startswith(w) for t in (p.title or "").split()) for w in office)
    ]  # fmt: skip
    return fitting if len(fitting) >= 2 else people


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}


def _is_leader(person: Entity) -> bool:
    return bool(_LEADER_WORDS & set((person.title or "").lower().split()))


_LEADER_WORDS = frozenset(
    [
        "president",
        "prime",
        "premier",
        "king",
        "emir",
        "amir",
        "chancellor",
        "leader",
        "sultan",
        "crown",
        "queen",
        "monarch",
    ]
)
_LOOSE_GROUP = frozenset(
    [
        "the",
        "sides",
        "leaders",
        "officials",
        "men",
        "parties",
        "visiting",
        "delegations",
        "counterparts",
        "heads",
        "diplomats",
        "both",
    ]
)


def _titles_before_names(doc: Doc, mentions: list[Mention]) -> None:
    """ "Russia's ambassador to Washington, Anatoly Antonov": the title is Antonov's."""
    for title, name in itertools.pairwise([m for m in mentions if not m.in_title]):
        named = name.entity is not None and name.entity.type == "Official" and name.kind == "name"
        comma = name.outer_start - 1
        between = doc[title.end : comma]
        # "the EU envoy for the dialogue, Miroslav Lajcak": a phrase of the title between
        of_title = len(between) <= 5 and (
            not between or between[0].lower_ in ("for", "to", "in", "at", "of", "on")
        )
        after_comma = comma >= title.end and doc[comma].text == "," and of_title
        after_comma = after_comma and "," not in between.text
        if title.kind == "title" and named and (after_comma or _more_titles(doc, title, name)):
            title.in_title = True
            title.entity = None
            if after_comma:
                title.end = comma  # its phrase ("for the dialogue") is the title's too


def _more_titles(doc: Doc, title: Mention, name: Mention) -> bool:
    """ "UAE Vice President, Prime Minister and Ruler of Dubai Sheikh Mohammed": a list of
    offices, all the name's."""
    between = doc[title.end : name.outer_start]
    if not between or between[0].text != ",":
        return False
    return len(between) <= 12 and all(
        t.is_title or t.lower_ in ("and", "of", "the", ",") for t in between
    )


def _states_before_titles(doc: Doc, mentions: list[Mention]) -> None:
    """ "Russian and Turkish defence ministers X and Y": "Russian" belongs to the titles too."""
    for i in range(len(mentions) - 2, -1, -1):
        first, second = mentions[i], mentions[i + 1]
        gap = doc[first.end : second.start].text
        # a list by commas goes on to "and": "Russian, Turkish and Iranian ministers", but
        # "backs Ukraine, British Prime Minister X said" lists nothing
        listed = gap == "," and i + 2 < len(mentions) and mentions[i + 2].in_title
        listed = listed and doc[second.end : mentions[i + 2].start].text in ("and", ",")
        if (gap == "and" or listed) and _is_state(first) and _is_state(second) and second.in_title:
            first.in_title = True


def _states_before_a_list_of_their_people(doc: Doc, mentions: list[Mention]) -> None:
    """ "the leaders of Uzbekistan, Kazakhstan and Tajikistan: Shavkat Mirziyoyev, Kassym-Jomart
    Tokayev and Emomali Rahmon": the people after the colon are the ones who take part, and
    each is of the state at the same place in the list before it."""
    colons = (
        [t.i for t in doc[mentions[0].end : mentions[-1].start] if t.text == ":"]
        if mentions
        else []
    )
    if not colons:
        return
    colon = colons[0]
    states = [m for m in mentions if m.end <= colon and _is_state(m) and not m.in_title]
    people = [m for m in mentions if m.start > colon and _is_person(m)]
    states = _listed_back(doc, states, colon)
    people = _listed_on(doc, people, colon)
    if len(states) < 2 or len(people) < 2:
        return
    for state in states:
        state.in_title = True
    if len(states) == len(people):
        for state, person in zip(states, people, strict=True):
            if person.entity is not None and not person.entity.country and state.entity:
                person.entity.country = state.entity.country


def _listed_back(doc: Doc, mentions: list[Mention], end: int) -> list[Mention]:
    """The mentions that form a list by commas and "and" ending right at ``end``."""
    listed: list[Mention] = []
    for mention in reversed(mentions):
        gap = doc[mention.end : listed[0].start if listed else end].text.strip()
        if gap not in ("", ",", "and", ", and"):
            break
        listed.insert(0, mention)
    return listed


def _listed_on(doc: Doc, mentions: list[Mention], start: int) -> list[Mention]:
    """The mentions that form a list by commas and "and" starting right after ``start``."""
    listed: list[Mention] = []
    for mention in mentions:
        gap = doc[listed[-1].end if listed else start + 1 : mention.start].text.strip()
        if gap not in ("", ",", "and", ", and"):
            break
        listed.append(mention)
    return listed


_DESCRIPTORS = frozenset(
    ["opposition", "former", "interim", "self-proclaimed", "exiled", "jailed", "dissident",
     "rebel", "separatist", "acting", "outgoing", "incoming", "top", "chief", "veteran",
     "hardline", "ousted", "deposed", "detained", "imprisoned", "nuclear", "opposition's"]
)  # fmt: skip


def _states_before_descriptors(doc: Doc, mentions: list[Mention]) -> None:
    """ "Venezuelan opposition leader Juan Guaido": the state says whose opposition;
    the person is the one named."""
    for first, second in itertools.pairwise(mentions):
        gap = doc[first.end : second.outer_start]
        person = second.entity is not None and second.entity.type == "Official"
        described = 1 <= len(gap) <= 2 and all(t.lower_ in _DESCRIPTORS for t in gap)
        if _is_state(first) and person and described:
            first.in_title = True


def _no_titles_of_states(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "came to the defence of Qatar": lower-case words that name no one, ending in a
    state's name, are the state, not an unnamed official (unlike "the Foreign Minister of
    Iran, X")."""
    drop = []
    for title in mentions:
        if title.kind != "title" or title.entity is not None:
            continue
        if any(t.is_title or t.is_upper for t in doc[title.outer_start : title.start]):
            continue
        states = [m for m in mentions if _is_state(m) and m.start == title.start and m.in_title]
        if states:
            drop.append(title)
            states[0].in_title = False
    return [m for m in mentions if m not in drop]


def _drop_named_sides(found: Found) -> None:
    """A state takes part in a meeting only when the text names no person for its side:
    "Senior Chinese and U.S. officials opened talks. The Chinese side was represented by
    Yang Jiechi ..." is a meeting of the people."""
    for event in found.events:
        people = {p.country for p in event.participants if p.type == "Official" and p.country}
        gone = [p for p in event.participants if p.type == "State" and p.country in people]
        if not gone:
            continue
        event.participants = [p for p in event.participants if p not in gone]
        found.relations = [
            r for r in found.relations
            if r.event is not event or (r.source not in gone and r.target not in gone)
        ]  # fmt: skip


def _state_sides(doc: Doc, mentions: list[Mention], meets: set[int]) -> None:
    """A state the text names no person for stands for its side in talks (GUIDELINES.md):
    "Chinese officials held talks with a U.S. trade delegation", "negotiators from the
    United States and China", "summoned Pakistan's envoy", "the Russian side", and the
    subject of a meeting verb ("India summoned ...", "Russia and Turkey held talks";
    ``meets``: where those verbs start)."""
    for title in mentions:
        if title.kind != "title" or title.entity is not None:
            continue
        voice = _voice_of(doc, title, mentions)
        if voice is not None:  # "a spokesman for the Iranian foreign ministry"
            title.entity = voice
            continue
        head = title.end - 1
        if doc[head].lower_ not in SIDE_NOUNS:
            # "Iran's envoy to the UN", "Pakistan's ambassador to Washington": the envoy
            # is the first state's, where he serves is not his side
            heads = [
                k for k in range(title.outer_start, head)
                if doc[k].lower_ in SIDE_NOUNS and doc[k + 1].lower_ in ("to", "at", "in")
            ]  # fmt: skip
            if not heads:
                continue
            head = heads[0]
        states = [
            m for m in mentions
            if m is not title and _is_state(m) and title.outer_start <= m.start < head
        ]  # fmt: skip
        if len(states) == 1:  # "a U.S. trade delegation": the delegation is the state's
            title.entity, title.side = states[0].entity, True
    named = {  # states whose people the sentence names take part through them
        m.entity.country for m in mentions
        if m.entity is not None and m.entity.type == "Official" and m.entity.country
    }  # fmt: skip
    states = [m for m in mentions if _is_state(m) and not m.in_title and m.kind == "name"]
    for k, mention in enumerate(states):
        if _side_named_elsewhere(doc, mention, named):
            continue
        first = _list_start(doc, states, k)
        if mention.end in meets and _opens_a_clause(doc, states[first]):
            for listed in states[first : k + 1]:  # "Russia, Iran and Turkey held talks"
                listed.side = True
            continue
        j = mention.end
        if j < len(doc) and doc[j].text in ("'s", "\u2019s"):
            j += 1
        modifier = j + 1 < len(doc) and doc[j].is_lower and doc[j].lower_ not in SIDE_NOUNS
        if modifier and not doc[j].lower_.endswith(("ed", "s")):
            j += 1  # "Chinese trade officials", "the Russian military delegation"
        led = [t.lower_ for t in doc[j + 1 : j + 4] if t.text != ","][:1]
        if led and led[0] in ("led", "headed", "represented", "including", "includes", "was"):
            continue  # "the Russian and Ukrainian delegations, headed by X and Y"
        if j < len(doc) and doc[j].lower_ in SIDE_NOUNS and not doc[j].is_title:
            for listed in states[first : k + 1]:  # "Russian, Turkish and Iranian officials"
                listed.side = True
        i = mention.start - 1
        while i > 0 and doc[i].lower_ in ("the", "a"):
            i -= 1
        if i > 0 and doc[i].lower_ in ("from", "of") and doc[i - 1].lower_ in SIDE_NOUNS:
            mention.side = True  # "officials from Britain, France and Germany"
            for before, after in zip(states[k:], states[k + 1 :], strict=False):
                if doc[before.end : after.start].text not in (",", "and", ", and"):
                    break
                after.side = True


def _voice_of(doc: Doc, title: Mention, mentions: list[Mention]) -> Entity | None:
    """The organisation an unnamed spokesman speaks for: "a spokesman for the Iranian
    foreign ministry", "a spokeswoman for the European Commission"."""
    for k in range(title.outer_start, min(title.end, len(doc) - 1)):
        if doc[k].lower_ in SPOKESPEOPLE and doc[k + 1].lower_ in ("for", "of"):
            # the body's name may run past the title's: "spokesman for the" + "Iranian
            # foreign ministry"
            bodies = [
                m.entity for m in mentions
                if m is not title and m.entity is not None and m.entity.type == "Organization"
                and k + 1 < m.outer_start <= max(title.end, k + 3)
            ]  # fmt: skip
            return bodies[0] if bodies else None
    return None


def _with_saying(doc: Doc, sent: Span, mention: Mention, verb: int) -> bool:
    """ "..., with its envoy Paul Oquist saying the country opposed the accord": a speaker
    in an absolute construction after "with"."""
    if verb != mention.end or not doc[verb].lower_.endswith("ing"):
        return False
    k = mention.outer_start - 1
    while k > sent.start and doc[k].lower_ in ("his", "her", "its", "their", "the"):
        k -= 1
    return k >= sent.start and doc[k].lower_ == "with"


def _state_meeting(trigger: Trigger) -> bool:
    """A meeting verb whose subject may be a state: not a signing ("Kazakhstan and
    Uzbekistan signed" is no meeting: states sign, the people who met are not named)."""
    return (
        trigger.relation == "MET_WITH"
        and trigger.form in ("active", "mutual")
        and not trigger.words[0].startswith("sign")
    )


def _list_start(doc: Doc, states: list[Mention], k: int) -> int:
    """Where the list of states ending at ``states[k]`` starts: "Russia, Iran and Turkey"."""
    first = k
    while first > 0 and doc[states[first - 1].end : states[first].start].text in (
        ",", "and", ", and",
    ):  # fmt: skip
        first -= 1
    return first


def _opens_a_clause(doc: Doc, mention: Mention) -> bool:
    """The mention opens its clause: "India summoned", "Russia and Turkey held talks", not
    "talks in Russia held ..." or "Putin's Russia met"."""
    i = mention.start - 1
    while i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i < 0 or doc[i].is_sent_start or doc[i].text in (",", "-", "--", "\u2014", ";", ":")


def _side_named_elsewhere(doc: Doc, mention: Mention, named: set[str]) -> bool:
    """ "part of the Russian team", "the two U.S. officials": people the text names."""
    assert mention.entity is not None
    if mention.entity.country in named:
        return True
    i = mention.start - 1
    if i > 0 and doc[i].lower_ == "the" and doc[i - 1].lower_ in ("of", "on", "in", "joined"):
        return True
    return i >= 0 and (doc[i].like_num or doc[i].lower_ in ("both", "two", "three", "four"))


def _is_person(mention: Mention) -> bool:
    return mention.entity is not None and mention.entity.type == "Official"


def _is_state(mention: Mention) -> bool:
    return mention.entity is not None and mention.entity.type == "State"


def _joined(doc: Doc, end: int, start: int) -> bool:
    words = [t.lower_ for t in doc[end:start]]
    return bool(words) and len(words) <= 2 and all(w in (",", "and") for w in words)


_ASIDE = frozenset(
    [
        "for",
        "his",
        "her",
        "part",
        "in",
        "turn",
        "also",
        "then",
        "later",
        "on",
        "the",
        "other",
        "hand",
        "meanwhile",
        "again",
        "has",
        "had",
        "have",
        "was",
        "is",
        "will",
        "would",
        "further",
        "however",
        "separately",
        "once",
        "both",
    ]
)


def _speaker_before_aside(
    doc: Doc, sent: Span, people: list[Mention], verb: int, speech: set[str]
) -> Mention | None:
    """ "X, also a member of the Politburo, said", "X, who came in place of Y, said": the
    person who opens the clause, before an aside in lower case set off by two commas."""
    if verb - 1 <= sent.start or doc[verb - 1].text != ",":
        return None
    for mention in people:
        if mention.end >= verb - 2 or doc[mention.end].text != ",":
            continue
        inside = doc[mention.end + 1 : verb - 1]
        if not inside[0].is_lower or len(inside) > 30:
            continue
        if any(t.text in _QUOTES or t.text in (",", ";") or t.text in speech for t in inside):
            continue  # "X, who said ..., added": the aside has a verb of its own
        opening = [t for t in doc[sent.start : mention.outer_start] if not t.is_space]
        titled = all(t.is_title or t.is_upper or t.is_punct for t in opening)
        if opening and opening[-1].text != "," and not titled:
            continue  # "after talks with X, who ..., said": an object, no speaker
        return mention
    return None


def _aside(token: Token) -> bool:
    """Words that may stand between a speaker and "said": "X, for his part, also said"."""
    lower = token.lower_
    return (
        (token.is_punct and token.text not in _QUOTES)
        or lower in _ASIDE
        or lower.endswith("ly")
        or token.like_num
        or lower in CALENDAR_WORDS
    )


def _after_preposition(doc: Doc, sent: Span, mention: Mention) -> bool:
    start = mention.outer_start
    return start > sent.start and doc[start - 1].lower_ in _PREPOSITIONS


def _first_subject(doc: Doc, sent: Span, mentions: list[Mention]) -> Mention | None:
    for mention in mentions:
        entity = mention.entity
        if entity is None or entity.type != "Official" or mention.in_title:
            continue
        if not _after_preposition(doc, sent, mention):
            return mention
    return None


_ADDRESSING = frozenset(["told", "tells", "assured", "assures", "warned", "warns", "reminded"])


def _object_then_verb(doc: Doc, sent: Span, mention: Mention, verb: int) -> bool:
    """ "Erdogan called Maduro, told him to stand tall": the object of the verb before, with
    the next verb of a list after a comma, is not who speaks."""
    before = mention.outer_start - 1
    if before < sent.start or verb != mention.end + 1 or doc[mention.end].text != ",":
        return False
    word = doc[before]
    return word.is_lower and (word.text.endswith("ed") or word.text in ("met", "told"))


def _object_her(doc: Doc, mention: Mention) -> bool:
    """ "met her" (object) rather than "her visit" (possessive): a verb-like word before."""
    return mention.start > 0 and doc[mention.start - 1].lower_ in (
        "with",
        "met",
        "received",
        "told",
    )


def _object_of(
    mentions: list[Mention], pronoun: Mention, speaker: Mention | None, state: _Discourse
) -> Entity | None:
    """ "him": the latest other person before it in the sentence, else the last person met."""
    subject = speaker.entity if speaker is not None else None
    before = [m for m in mentions if m.end <= pronoun.start]
    for mention in reversed(before):
        entity = mention.entity
        if entity is not None and entity.type == "Official" and entity is not subject:
            return entity
    # "Modi welcomed him": him is whom the story was about, when that is someone else
    doers = {id(m.entity) for m in before}
    if state.last_subject is not None and id(state.last_subject) not in doers:
        return state.last_subject
    return state.last_person
