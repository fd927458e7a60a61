"""Meetings, support and rejection in one sentence, from the trigger lexicon.

A trigger phrase says which relation a sentence states and where its sides stand
(:mod:`loaders.text.lexicon`); this module finds the sides among the sentence's
mentions.  What it will not draft: anything negated ("did not meet"), meetings that are
planned or proposed ("will meet", "is expected to visit"), questions, and stances
whose object names no actor and no thing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from loaders.text.dates import CALENDAR_WORDS, MONTH_WORDS, find_date
from loaders.text.lexicon import EventType, Lexicon, Trigger
from loaders.text.mentions import SPOKESPEOPLE, Entity, Mention, Registry

__all__ = [
    "FoundEvent",
    "FoundRelation",
    "SentenceContext",
    "coordinated",
    "find_relations",
    "followed_suit",
    "remember_acts",
    "travelled_before",
]

_QUOTES = frozenset(['"', "\u201c", "\u201d", "\u00ab", "\u00bb"])
_PREPOSITIONS = frozenset(
    ["in", "at", "to", "with", "of", "by", "for", "from", "during", "on", "against", "into",
     "between", "among", "about", "toward", "towards", "after", "before", "across"]
)  # fmt: skip
_COORDINATION = frozenset(
    [
        ",",
        "and",
        "&",
        "as",
        "well",
        "also",
        "the",
        "with",
        "its",
        "their",
        "ally",
        "allies",
        "along",
        "together",
        "plus",
    ]
)
_ACTORS = frozenset(["Official", "State", "Organization"])
_OBJECT_STOPS = frozenset(
    [",", ";", ":", ".", "that", "which", "who", "saying", "adding", "stressing", "noting",
     "while", "but", "because", "as", "until", "when", "after", "before", "if", "unless",
     "since", "although", "though", "whereas", "despite", "and", "will", "would", "is", "are",
     "was", "were", "has", "have", "had", "can", "could", "should", "must", "may", "might",
     "shall", "did", "does", "do"]
)  # fmt: skip


@dataclass(eq=False)
class FoundEvent:
    type: str  # Meeting | Visit | Call, or the type of a thing (Referendum, Agreement, ...)
    name: str | None
    date: date
    place: Entity | None = None
    participants: list[Entity] = field(default_factory=list)
    sentence: int = 0

    def index_people(self) -> list[Entity]:
        return [p for p in self.participants if p.type == "Official"]


@dataclass(eq=False)
class FoundRelation:
    type: str
    source: Entity
    target: Entity | FoundEvent
    date: date
    start: int  # character span of the evidence sentence in the article text
    end: int
    confidence: float
    event: FoundEvent | None = None
    about: str | None = None


@dataclass
class SentenceContext:
    """What one sentence's relations need besides its tokens."""

    sent: Span
    index: int
    mentions: list[Mention]
    speaker: Mention | None
    day: date  # the sentence's date, or the article's
    dated: bool  # whether the sentence itself names the date
    published: date
    place: Entity | None  # the dateline's place
    registry: Registry
    offset: int  # where the body starts in the article text
    events: list[FoundEvent]
    # People an attendance phrase named before the sentence gave their meeting
    # ("The session, chaired by X, was attended by Y and Z").
    pending: list[Entity] = field(default_factory=list)
    # Who did the acts the text reported so far, shared by the article's sentences:
    # act key -> (sentence index, actors); see :func:`remember_acts`.
    acts: dict[str, tuple[int, list[Entity]]] = field(default_factory=dict)
    # The last thing a stance was about ("hailed the agreement"), for "supported it".
    things: list[FoundEvent] = field(default_factory=list)
    # Things by their head noun, as first named in full ("the Kurdish independence
    # referendum"), for a later "the referendum".
    named_things: dict[str, FoundEvent] = field(default_factory=dict)
    # Whether this sentence or the one before named talks: "Senior officials opened talks
    # in Anchorage. The Chinese side was represented by X and Y, while Z led the US team."
    talks_before: bool = False


def find_relations(
    ctx: SentenceContext, triggers: Sequence[tuple[int, int, list[Trigger]]], lexicon: Lexicon
) -> list[FoundRelation]:
    """Every relation the sentence states, one per (type, source, target)."""
    sent = ctx.sent
    if sent.text.rstrip().endswith("?"):
        return []
    found: list[FoundRelation] = _paired(ctx)
    sources: dict[int, list[Entity]] = {}  # trigger start -> its sources, for "and discussed"
    for start, end, options in triggers:
        met = False
        for relation in ("MET_WITH", "SUPPORTS", "REJECTS"):
            if met and not any(t.words[0] == "signed" for t in options):
                break  # "welcomed X": a meeting, or else support; a signing is both
            for trigger in _ordered([t for t in options if t.relation == relation]):
                made = _read(ctx, start, end, trigger, lexicon, sources)
                if made is not None:
                    found.extend(made)
                    met = met or (relation == "MET_WITH" and bool(made))
                    break
    return _unique(found)


_SUIT_COPIES = ("SUPPORTS",)  # the stances a "followed suit" repeats
_SUIT_ADVERBS = frozenset(
    ["quickly", "swiftly", "promptly", "soon", "later", "also", "then", "immediately", "have",
     "has", "had", "all", "both", "shortly", "subsequently", "rapidly", "too"]
)  # fmt: skip


def followed_suit(ctx: SentenceContext, template: list[FoundRelation]) -> list[FoundRelation]:
    """ "X backed Guaido, and Canada and Brazil quickly followed suit": those who followed
    take the stances of ``template`` (this sentence's, else the last sentence's) as their
    own; "did not follow suit" or "are expected to follow suit" are no stance."""
    doc, sent = ctx.sent.doc, ctx.sent
    found: list[FoundRelation] = []
    for i in range(sent.start + 1, sent.end - 1):
        if doc[i].lower_ != "followed" or doc[i + 1].lower_ != "suit":
            continue
        j = i
        while j > sent.start and doc[j - 1].lower_ in _SUIT_ADVERBS:
            j -= 1
        followers = [
            m for m in ctx.mentions
            if m.entity is not None and not m.in_title and m.end <= j
            and m.entity.type in _ACTORS and m.kind not in ("possessive", "we", "i")
        ]  # fmt: skip
        if not followers or followers[-1].end != j:
            continue
        group = _group_back(doc, followers)
        earlier = [r for r in template if r.type in _SUIT_COPIES]
        sources = [_as_actor(m.entity, ctx.registry) for m in group if m.entity is not None]
        for relation in earlier:
            for source in sources:
                if source is relation.target or source is relation.source:
                    continue
                found.append(
                    FoundRelation(
                        relation.type, source, relation.target, ctx.day, *_span(ctx),
                        confidence=round(relation.confidence * 0.9, 2), about=relation.about,
                    )
                )  # fmt: skip
    return found


_PAIR_NOUNS: dict[str, EventType] = {
    "summit": "Meeting", "talks": "Meeting", "meeting": "Meeting", "call": "Call"
}  # fmt: skip


def _paired(ctx: SentenceContext) -> list[FoundRelation]:
    """ "the Putin-Erdogan summit", "the Biden-Xi call": two people joined by a dash before
    a meeting noun met (a planned one is not a meeting)."""
    doc = ctx.sent.doc
    people = [
        m for m in ctx.mentions
        if m.entity is not None and m.entity.type == "Official" and not m.in_title
    ]  # fmt: skip
    found: list[FoundRelation] = []
    for first, second in itertools.pairwise(people):
        dash = second.start == first.end + 1 and doc[first.end].text in ("-", "\u2013")
        noun = doc[second.end].lower_ if second.end < ctx.sent.end else ""
        if not dash or noun not in _PAIR_NOUNS:
            continue
        rest = {t.lower_ for t in doc[second.end : ctx.sent.end]}
        rest |= {t.lower_ for t in doc[max(ctx.sent.start, first.start - 4) : first.start]}
        if rest & _NOT_YET:
            continue  # "ahead of the Biden-Xi summit", "the Biden-Xi call will take place"
        kind = _PAIR_NOUNS[noun]
        trigger = Trigger("MET_WITH", "between", kind, 0.8, (noun,))
        found += _meet(ctx, trigger, [first], [second], first.start)
    return found


_NOT_YET = frozenset(
    ["will", "would", "planned", "proposed", "expected", "next", "upcoming", "ahead", "possible",
     "prepare", "preparing", "preparations", "before", "could", "may", "might", "no"]
)  # fmt: skip


def _ordered(options: list[Trigger]) -> list[Trigger]:
    order = {"passive": 0, "attended": 1, "between": 2, "active": 3, "nominal": 4, "mutual": 5}
    order["judged"] = 6
    order["demand"] = 7
    return sorted(options, key=lambda t: order[t.form])


def _read(
    ctx: SentenceContext,
    start: int,
    end: int,
    trigger: Trigger,
    lexicon: Lexicon,
    sources: dict[int, list[Entity]],
) -> list[FoundRelation] | None:
    """The relations of one trigger read in one form; ``None`` when the form does not fit."""
    doc = ctx.sent.doc
    if trigger.form == "judged":
        return _judged(ctx, start, end, trigger, lexicon)
    if trigger.words in (("refused",), ("refuses",)) and doc[end : end + 1].text == "to":
        return None  # "refused to meet": the verb after "to" says what was refused
    left_limit, right_limit = _clause(doc, ctx.sent, start, end, lexicon)
    if _negated(doc, left_limit, start, lexicon, ctx.mentions):
        return []
    if end < ctx.sent.end and doc[end].lower_ in ("no", "nothing"):
        return []  # "signed no document", "held no formal talks"
    if trigger.relation == "MET_WITH" and _planned(
        doc, left_limit, start, end, right_limit, lexicon
    ):
        return []
    if trigger.form == "active" and start > ctx.sent.start:
        before = doc[start - 1].lower_
        # "the two leaders both backed": a floating quantifier, not a determiner
        floating = before in ("both", "all") and any(
            m.end in (start - 1, start) for m in ctx.mentions
        )  # "Both condemned": "both" is the group itself
        noun = before in lexicon["determiners"] and not floating
        if noun or doc[start - 1].text in ("'s", "\u2019s"):
            return None  # "the support provided by": a noun, not the verb
        # "was deeply disappointed by", "was determined to preserve": an adjective's
        # complement, not a passive without its agent
        complement = (
            len(trigger.words) > 1
            and trigger.words[0].endswith("ed")
            and trigger.words[1] in ("by", "with", "at", "to", "about", "over", "of")
        ) or bool(_ADJECTIVES & set(trigger.words))  # "was sharply critical of"
        if not complement and _passive_without_agent(doc, ctx.sent.start, start, end, right_limit):
            return []  # "which is completely rejected": whose stance is not said here
    actors = [
        m for m in ctx.mentions
        if m.entity is not None and not m.in_title and m.kind != "possessive"
    ]  # fmt: skip
    left = [
        m for m in actors
        if left_limit <= m.start and m.end <= start and not _faction(doc, m, start)
    ]  # fmt: skip
    antecedent = _relative_subject(doc, ctx.sent, left_limit, start, actors)
    # "X, who chairs CARICOM, and Y also took part": the list the clause interrupts
    listed = _before_a_relative(doc, left_limit, left, actors)
    if trigger.relation == "MET_WITH" and listed:
        antecedent = listed
    elif antecedent and trigger.relation == "MET_WITH":
        # "X and Y, who were received by Z": the whole list the clause is about
        antecedent = _group_back(doc, [m for m in actors if m.end <= antecedent[-1].end])
    left = antecedent or left
    if trigger.relation == "MET_WITH" and not antecedent:
        # "X, who flew in after the G20 summit, held talks with Y": the subject is X
        left = _subject_past_a_relative(doc, ctx.sent.start, start, actors) or left
    right = [m for m in actors if start >= 0 and end <= m.start < right_limit]
    # "condemned what they called a breach": who calls it is no target
    right = [m for m in right if doc[m.start - 1].lower_ != "what"]
    if trigger.relation == "MET_WITH":
        return _meeting(ctx, start, end, trigger, left, right, sources)
    if _hypothetical(doc, ctx.sent.start, left_limit, start, right_limit, lexicon):
        return []  # "would back a deal if it was fair"
    if trigger.words[-1] in ("valued", "values") and _priced(doc, end, right_limit):
        return []  # "valued the deal at 5 billion dollars": a price, no stance
    if trigger.words == ("back",) and not _verb_back(doc, ctx.sent.start, start, end):
        return None  # "flew back to Moscow", "handed back the pilot"
    being = trigger.words[0] in _BEING and trigger.words[-1] in ("with", "of")
    if being and not _reported_side(ctx, start, end, left, right, lexicon):
        return None  # "Merkel was with Macron in Paris": company, not a stance
    if _participle_by(doc, ctx.sent.start, start, end, trigger):
        # "the army chief, backed by Saudi Arabia,": a passive, its agent after "by"
        passive = Trigger(
            trigger.relation, "passive", trigger.event, trigger.confidence, (*trigger.words, "by")
        )
        return _stance(ctx, start, end + 1, passive, left, right, right_limit, lexicon, sources)
    if _noun_then_participle(doc, ctx.sent.start, start, end, trigger):
        return None  # "a coup attempt backed by Washington": said of the coup, not by its subject
    if trigger.relation == "SUPPORTS" and _appealed_for(doc, ctx.sent.start, start):
        return []  # "urged Iran to cooperate with the IAEA": an appeal, no one's stance yet
    if _prevented(doc, ctx.sent.start, start):
        return []  # "would not stop PNG from working with China", "barred X from backing Y"
    if trigger.relation == "REJECTS" and not _demand_fits(doc, end, right_limit, trigger, lexicon):
        return None  # "called for calm", "insisted that the talks continue"
    if _inside_a_denied_claim(doc, ctx.sent.start, start):
        return []  # "rejected the charge that his group sent weapons to Yemen"
    if _no_one_backed(doc, end, ctx.sent.end, trigger):
        return []  # "help end the war", "back opposing sides", "recognised the need for"
    if trigger.words[-1].startswith(("help", "assist")) and _against_what_follows(doc, end):
        return []  # "to help fight the Islamic State group": against it, not for it
    if trigger.words[0] in _BARE_VERBS and not _bare_verb(doc, ctx, start):
        return None  # "a red-carpet welcome for Assad": a noun
    if _attributive(doc, ctx.sent.start, start, lexicon):
        return None  # "the internationally recognised government", "the UN-backed government"
    if trigger.words[0].startswith("welcom") and _greets(doc, end, right_limit):
        return []  # "welcomed the Russian and Ukrainian delegations": a greeting
    left = [
        m for m in left
        if _holder(m) and not _after_preposition(doc, ctx.sent.start, m)
        and not (m.end < len(doc) and doc[m.end].text == "-")  # "the UN-backed government"
    ]  # fmt: skip
    right = [m for m in right if m.kind not in ("we", "i") and not _subject_pronoun(m, doc)]
    # "hailed his boldness": whose; but in "signed with his counterpart X" X is the one
    right += [
        m for m in ctx.mentions
        if m.kind == "possessive" and m.entity is not None and end <= m.start < right_limit
        and doc[m.start].lower_ in ("his", "her") and not _names_follow(doc, m.end, right)
    ]  # fmt: skip
    right.sort(key=lambda m: m.start)
    if being:  # "was with him, his spokesman said": the one side it names
        right = right[:1]
    return _stance(ctx, start, end, trigger, left, right, right_limit, lexicon, sources)


_BEING = frozenset(["was", "is", "are", "were", "will", "would"])


_SKIPPED_BEFORE_VERB = frozenset(["also", "later", "then", "has", "had", "first", "separately"])


def _subject_past_a_relative(
    doc: Doc, sent_start: int, start: int, actors: list[Mention]
) -> list[Mention]:
    """The antecedent of ", who ...," that ends right before the verb at ``start``:
    "X, who flew in from Sydney after the G20 summit, held talks with Y"."""
    k = start - 1
    while k > sent_start and doc[k].lower_ in _SKIPPED_BEFORE_VERB:
        k -= 1
    if k <= sent_start or doc[k].text != ",":
        return []
    for who in range(k - 1, sent_start, -1):
        if doc[who].text in (",", ";", ":", '"') or doc[who].lower_ in ("said", "says"):
            return []
        if doc[who].lower_ in ("who", "whose") and doc[who - 1].text == ",":
            before = [m for m in actors if m.end <= who - 1]
            if before and before[-1].end == who - 1 and _party(before[-1]):
                return _group_back(doc, before)
            return []
    return []


def _before_a_relative(
    doc: Doc, left_limit: int, left: list[Mention], actors: list[Mention]
) -> list[Mention]:
    """The names before ", who ..., and Y" and those after it: the clause that ends at
    ``left_limit`` is about the first, and ", and" after it goes on with their list."""
    k = left_limit - 1
    if not left or k < 1 or doc[k].lower_ not in ("who", "whose") or doc[k - 1].text != ",":
        return []
    comma = next((i for i in range(left_limit, left[-1].start) if doc[i].text == ","), None)
    if comma is None or doc[comma + 1].lower_ != "and":
        return []
    if not any(m.outer_start == comma + 2 for m in left):
        return []  # ", and then criticised": no name after "and"
    before = [m for m in actors if m.end <= k - 1]
    if not before or before[-1].end != k - 1:
        return []
    return _group_back(doc, before) + [m for m in left if m.outer_start > comma]


def _reported_side(
    ctx: SentenceContext,
    start: int,
    end: int,
    left: list[Mention],
    right: list[Mention],
    lexicon: Lexicon,
) -> bool:
    """ "said Turkey was with him", "told May that the United States was with Britain all
    the way": a state (or a quoted "we") right before "is with", in what someone said, and
    the one it stands with closing the clause ("was with France at the summit" is company)."""
    doc = ctx.sent.doc
    if not left or left[-1].end != start or left[-1].entity is None or not right:
        return False
    subject, side = left[-1], right[0]
    if subject.entity is None or (subject.entity.type != "State" and subject.kind != "we"):
        return False
    if side.outer_start > end + 2:  # "with" then the side: "with him", "with the Syrian people"
        return False
    close = side.end
    while close < ctx.sent.end and doc[close].lower_ in lexicon["state_bodies"]:
        close += 1  # "with the Syrian government"
    after = [t.lower_ for t in doc[close : min(ctx.sent.end, close + 3)]]
    closes = not after or after[0] in (",", ".", ";", '"', "”", "and", "against")
    closes = closes or after[:3] == ["all", "the", "way"] or after[:1] == ["100"]
    closes = closes or (after[:1] == ["in"] and after[1:2] in (["its"], ["their"], ["his"]))
    if not closes:
        return False
    speech = lexicon["speech"]
    before = doc[ctx.sent.start : subject.outer_start]
    quotes = ctx.speaker is not None or any(t.text in _QUOTES for t in before)
    quoted = subject.kind == "we" and quotes
    return quoted or any(t.is_lower and t.text in speech for t in before)


_ADJECTIVES = frozenset(["critical", "hostile"])


def _priced(doc: Doc, end: int, limit: int) -> bool:
    """ "valued the deal at 5 billion dollars", "valued at $2bn": a price after "at"."""
    for k in range(end, min(limit, end + 12) - 1):
        if doc[k].lower_ == "at" and (doc[k + 1].like_num or doc[k + 1].is_currency):
            return True
    return False


def _participle_by(doc: Doc, sent_start: int, start: int, end: int, trigger: Trigger) -> bool:
    """ ", backed by X,": a participle set off by a comma, whose agent follows."""
    word = trigger.words[0]
    if len(trigger.words) > 1 or not word.endswith("ed") or trigger.form != "active":
        return False
    return start > sent_start and doc[start - 1].text == "," and doc[end : end + 1].text == "by"


def _noun_then_participle(
    doc: Doc, sent_start: int, start: int, end: int, trigger: Trigger
) -> bool:
    """ "a coup attempt backed by Washington": a participle right after a common noun,
    with its agent after "by", describes that noun; the sentence's subject is not its."""
    word = trigger.words[0]
    if len(trigger.words) > 1 or not word.endswith("ed") or trigger.form != "active":
        return False
    if start <= sent_start or doc[end : end + 1].text != "by":
        return False
    before = doc[start - 1]
    return before.is_lower and before.is_alpha and before.lower_ not in _NOT_NOUNS


# Words before a participle that are no noun it could describe.
_NOT_NOUNS = frozenset(
    ["was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "also",
     "strongly", "openly", "publicly", "widely", "fully", "firmly", "reportedly", "later"]
)  # fmt: skip


_APPEALS = frozenset(
    ["urged", "urges", "urging", "asked", "asks", "pressed", "presses", "encouraged",
     "encourages", "invited", "invites", "on"]  # "called on X to"
)  # fmt: skip


def _appealed_for(doc: Doc, sent_start: int, start: int) -> bool:
    """ "urged Iran to cooperate with", "called on both sides to work with": the verb is
    what someone was asked to do."""
    if start - 1 <= sent_start or doc[start - 1].lower_ != "to":
        return False
    for i in range(start - 2, max(sent_start, start - 8) - 1, -1):
        if doc[i].lower_ in _APPEALS and doc[i].is_lower:
            return doc[i].lower_ != "on" or doc[i - 1].lower_ in ("called", "calls", "calling")
        if doc[i].text in (",", ";") or doc[i].lower_ in ("and", "that", "said"):
            return False
    return False


_PREVENTING = frozenset(
    ["stop", "stops", "stopped", "prevent", "prevents", "prevented", "bar", "bars", "barred",
     "ban", "bans", "banned", "block", "blocks", "blocked", "keep", "keeps", "kept", "deter",
     "deters", "deterred", "discourage", "discouraged", "prohibit", "prohibits", "prohibited"]
)  # fmt: skip


def _prevented(doc: Doc, sent_start: int, start: int) -> bool:
    """ "stop PNG from working with China": a gerund after "from" that a verb of preventing
    governs is what is (or is not) prevented, no stance of anyone."""
    if start - 1 <= sent_start or doc[start - 1].lower_ != "from":
        return False
    if not doc[start].lower_.endswith("ing"):
        return False
    return any(doc[k].lower_ in _PREVENTING for k in range(max(sent_start, start - 7), start - 1))


_CLAIM_NOUNS = frozenset(
    ["charge", "charges", "claim", "claims", "allegation", "allegations", "accusation",
     "accusations", "reports", "report", "rumours", "rumors", "suggestion", "suggestions"]
)  # fmt: skip


def _object_of_a_verb(doc: Doc, mention: Mention) -> bool:
    i = mention.outer_start - 1
    while i > 0 and doc[i].lower_ in ("the", "a", "an"):
        i -= 1
    before = doc[i]
    return before.is_lower and before.is_alpha and before.lower_.endswith("ed")


def _inside_a_denied_claim(doc: Doc, sent_start: int, start: int) -> bool:
    """A stance inside "the charge that ...", "reports that ...": someone's claim, which
    the sentence reports (and mostly rejects), not a stance it states."""
    for i in range(start - 1, max(sent_start, start - 10), -1):
        if doc[i].lower_ == "that" and doc[i - 1].lower_ in _CLAIM_NOUNS | _DENIALS:
            return True  # "the charge that ...", "denied that Riyadh had accused Qatar"
        if doc[i].text in (",", ";"):
            return False
    return False


_DENIALS = frozenset(["denied", "denies", "deny", "denying"])
_SIDES = frozenset(["sides", "camps", "parties", "factions", "views", "positions"])
_ABSTRACT = frozenset(
    ["need", "needs", "importance", "necessity", "urgency", "fact", "difficulty", "difficulties",
     "challenges", "complexity", "significance", "value"]
)  # fmt: skip


def _no_one_backed(doc: Doc, end: int, limit: int, trigger: Trigger) -> bool:
    """A stance verb whose object is no one's: "help end the war" (a verb follows),
    "back opposing sides", "opposing camps", "recognised the need for dialogue", "defended
    its strikes"."""
    following = [t.lower_ for t in doc[end : min(limit, end + 3)]]
    if not following:
        return False
    word = trigger.words[-1]
    if word in ("help", "helps", "helped", "helping") and len(trigger.words) == 1:
        return following[0] in _SETTLING or following[:2] in (["to", w] for w in _SETTLING)
    if word == "opposing" and following[0] in _SIDES:
        return True
    if following[0] in ("opposing", "rival", "different", "both") and following[1:2] == ["sides"]:
        return True
    if following[0] == "the" and following[1:2] != [] and following[1] in _ABSTRACT:
        return True
    # "Israel defended its strikes", "the agencies stood by their assessment": an actor
    # standing by its own deed or word backs no one
    own = following[0] in ("its", "his", "her", "their", "own")
    return own and (word.startswith("defend") or trigger.words[-1] == "by")


# Verbs after "help" that settle a conflict: its parties are not helped ("helped broker
# the deal between Russia and Ukraine"), unlike "help improve the lives of Cubans".
_SETTLING = frozenset(
    ["end", "resolve", "broker", "mediate", "ease", "defuse", "settle", "stop", "halt",
     "negotiate", "secure", "find", "bring", "calm", "reduce", "de-escalate", "arrange"]
)  # fmt: skip


def _names_follow(doc: Doc, end: int, right: list[Mention]) -> bool:
    """ "his Finnish and Swedish counterparts, Pekka Haavisto and Ann Linde": the
    possessive only says whose counterparts the named people are."""
    for mention in right:
        between = doc[end : mention.outer_start]
        if mention.outer_start >= end and len(between) <= 6:
            words = [t for t in between if t.lower_ not in (",", "and")]
            if all(t.is_title or t.lower_ in _COUNTERPART_WORDS for t in words):
                return True
    return False


_COUNTERPART_WORDS = frozenset(["counterpart", "counterparts", "colleague", "colleagues"])


# Verbs that are nouns as well: a stance only after "to", a modal or their subject.
# Groups a demonym names that are not the state: "Palestinian factions denounced the deal"
# names no actor (examples/gold/README.md: stances with no named actor are not annotated).
_FACTIONS = frozenset(
    ["factions", "faction", "groups", "militants", "militias", "protesters", "demonstrators",
     "activists", "rebels", "insurgents", "analysts", "experts", "media", "newspapers",
     "press", "opposition", "parties", "lawmakers", "legislators", "critics", "citizens",
     "residents", "refugees", "fighters", "hardliners", "commentators", "users", "students"]
)  # fmt: skip


def _faction(doc: Doc, mention: Mention, limit: int) -> bool:
    """ "Syrian opposition", "Iraqi militias": a faction of the state, not the state (the
    words looked at end before the trigger: "Brazil recognised opposition leader X")."""
    entity = mention.entity
    if entity is None or entity.type != "State" or mention.end >= len(doc):
        return False
    for token in doc[mention.end : min(limit, mention.end + 3)]:
        if token.lower_ in _FACTIONS:
            # "France voiced opposition to the plan": the stance, not the French opposition
            following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
            return following not in ("to", "against")
        if not (token.is_lower and token.is_alpha):
            return False
    return False


def _after_by(doc: Doc, mention: Mention, also: str = "by") -> bool:
    """ "backed by (the) Iranian foreign minister X", "drew fire from Washington": the
    agent of a passive; ``also`` a preposition the trigger itself ends with ("won the
    backing of Iran")."""
    i = mention.outer_start - 1
    while i > 0 and doc[i].lower_ in ("the", "a", "an", "his", "her", "their", "its"):
        i -= 1  # "from his Greek counterpart X"
    return doc[i].lower_ in ("by", "from", also)


def _attributive(doc: Doc, sent_start: int, start: int, lexicon: Lexicon) -> bool:
    """A participle before its noun: "the internationally recognised government", "the
    Saudi-backed government", "a US-brokered deal"."""
    if start <= sent_start or not doc[start].lower_.endswith("ed"):
        return False
    before = doc[start - 1]
    if before.text == "-":
        return True
    i = start - 1
    while i > sent_start and doc[i].lower_.endswith("ly") and doc[i].is_lower:
        i -= 1
    return i < start - 1 and doc[i].lower_ in lexicon["determiners"]


def _against_what_follows(doc: Doc, end: int) -> bool:
    """ "help (to) fight X", "assisted in combating X": the object is the enemy."""
    following = [t.lower_ for t in doc[end : end + 3]]
    following = [w for w in following if w not in ("to", "in", "them", "it")]
    return bool(following) and following[0] in _ADVERSARIAL


_ADVERSARIAL = frozenset(
    ["fight", "fighting", "combat", "combating", "combatting", "defeat", "defeating", "counter",
     "countering", "battle", "battling", "confront", "confronting", "crush", "eliminate",
     "eradicate", "contain", "deter", "repel", "oust", "topple", "overthrow"]
)  # fmt: skip
_BARE_VERBS = frozenset(
    ["thank", "commend", "salute", "applaud", "praise", "hail", "laud", "endorse", "welcome"]
)


def _bare_verb(doc: Doc, ctx: SentenceContext, start: int) -> bool:
    """ "I want to thank", "we welcome", "Moscow and Beijing hail": the verb, not a noun."""
    if start == ctx.sent.start:
        return False
    before = doc[start - 1].lower_
    if before in (
        "to",
        "i",
        "we",
        "they",
        "will",
        "also",
        "fully",
        "strongly",
        "warmly",
        "must",
        "should",
        "can",
        "and",
        "sincerely",
        "again",
    ):
        return True
    return any(m.end == start and m.entity is not None for m in ctx.mentions)


_GUESTS = frozenset(["delegation", "delegations", "guest", "guests", "visitor", "visitors"])


def _hypothetical(
    doc: Doc, sent_start: int, left: int, start: int, right: int, lexicon: Lexicon
) -> bool:
    """ "would back a deal if it was fair", "could support": a condition, no stance; but
    "said China would continue to support" reports a stance in the past tense."""
    if any(t.lower_ in ("if", "unless", "whether") for t in doc[max(left, start - 8) : start]):
        return True  # "if Iran complies, we will back ...", "unclear whether China will condemn"
    before = [t.lower_ for t in doc[max(left, start - 2) : start]]
    if any(w in ("could", "might") for w in before) or "may" in [
        t.text for t in doc[max(left, start - 2) : start]
    ]:
        return True  # "may reject", not "Theresa May"
    if start - 2 >= left and doc[start - 1].lower_ == "to" and doc[start - 2].lower_ in _NOT_DONE:
        return True  # "are expected to criticise", "hopes to sign"
    for k in range(max(left + 1, start - 5), start - 1):
        if doc[k].lower_ == "to" and doc[k - 1].lower_ in _NOT_DONE:
            return True  # "is expected to lodge a protest with", "plans to voice concern"
    if (
        start - 1 >= left
        and doc[start - 1].lower_ in _NOT_DONE
        and doc[start].lower_.endswith("ing")
    ):
        return True  # "is considering calling for"
    if "would" not in before:
        return False
    speech = lexicon["speech"]
    reported = any(t.is_lower and t.text in speech for t in doc[sent_start:start])
    condition = any(t.lower_ in ("if", "unless") for t in doc[start:right])
    return condition or not reported


# Before "to VERB": what is said is yet to happen, or only hoped for ("willing to work
# with" and "wanted to help" state a position, as the development set reads them).
_NOT_DONE = frozenset(
    ["expected", "set", "likely", "unlikely", "due", "poised", "yet", "plans", "planned",
     "planning", "hopes", "hoped", "hoping", "intends", "intended", "aims", "going", "about",
     "considering", "threatened", "threatens", "threatening"]
)  # fmt: skip

_PARTICLE_AFTER = frozenset(["to", "home", "from", "into", "down", "off", "up", "out", "in", "on"])


def _verb_back(doc: Doc, sent_start: int, start: int, end: int) -> bool:
    """Whether "back" is the verb "to back": after "to", a modal or a subject, and not
    followed by a particle's preposition ("flew back to", "came back from")."""
    if end < len(doc) and doc[end].lower_ in _PARTICLE_AFTER:
        return False
    if start == sent_start:
        return False
    before = doc[start - 1]
    if before.lower_ in (
        "to",
        "will",
        "would",
        "should",
        "can",
        "must",
        "not",
        "also",
        "fully",
        "strongly",
        "firmly",
        "we",
        "they",
        "i",
        "did",
    ):
        return True
    return not before.is_lower and not before.is_punct  # "Moscow back ...": a subject


def _greets(doc: Doc, end: int, limit: int) -> bool:
    """ "welcomed the visiting delegations": guests are greeted, not endorsed."""
    for token in doc[end : min(limit, end + 8)]:
        if token.lower_ in _GUESTS:
            return True
        if token.text in (",", ";") or token.lower_ in ("for", "to", "with", "on", "as"):
            return False
    return False


# -- meetings -----------------------------------------------------------------------------


def _meeting(
    ctx: SentenceContext,
    start: int,
    end: int,
    trigger: Trigger,
    left: list[Mention],
    right: list[Mention],
    sources: dict[int, list[Entity]],
) -> list[FoundRelation] | None:
    doc = ctx.sent.doc
    if trigger.words[0] == "called" and "what" in {
        t.lower_ for t in doc[max(0, start - 3) : start]
    }:
        return []  # "condemned what they called a breach": a name given, no phone call
    people_right = [m for m in right if _party(m) and not _named_for(doc, m)]
    people_left = [m for m in left if _party(m) and not _named_for(doc, m)]
    if trigger.form == "attended":
        people_after = trigger.words[-1] in (
            "by",
            "were",
            "was",
            "are",
            "of",
            "included",
            "includes",
            "comprised",
        )
        during_call = any(  # "were in the room with Trump during the call"
            doc[k].lower_ in ("call", "conversation") and doc[k - 1].lower_ == "the"
            for k in range(end, ctx.sent.end)
        )
        call = during_call or bool(_CALL_WORDS & set(trigger.words))
        kinds = ("Call",) if call else ("Meeting", "Visit")
        if people_after and _hosts_a_named_gathering(doc, ctx.sent.start, start, trigger):
            return []  # "in China for the Belt and Road Forum hosted by Xi": not this meeting
        if people_after:
            # "the final communique, read by X": the communique closes the largest gathering
            closing = trigger.words == ("read", "by")
            return _attendance(ctx, start, [], people_right, kinds, largest=closing)
        if trigger.words[0] in ("accompanied", "accompanies"):
            # "X accompanied Orban at the meeting": X joins the meeting Orban was in
            meetings = [e for e in ctx.events if e.type in kinds]
            led = people_right[0] if people_right and people_right[0].start == end else None
            if led is None or not meetings or led.entity not in meetings[-1].participants:
                return None
        parties = [m for m in ctx.mentions if _party(m) and not m.in_title]
        antecedent = _relative_antecedent(doc, ctx.sent.start, start, parties)
        if antecedent is not None:  # "X, whose country is no member but who attended"
            people_left = [antecedent]
        elif not people_left:  # "X, who has acted as a go-between, was also in the hall"
            people_left = _subject_before_a_parenthesis(ctx, start)
        co_leaders = _together_with(doc, end, ctx.sent.end, people_right)
        if trigger.words[-1] == "team" and co_leaders:
            # "X led the Egyptian delegation together with Y": both head the side
            found = _attendance(ctx, start, people_left, [], kinds)
            more = _attendance(ctx, start, [], co_leaders, kinds)
            return None if found is None and more is None else [*(found or []), *(more or [])]
        return _attendance(ctx, start, people_left, [], kinds)
    if trigger.form == "between":
        group = _group(doc, people_right)
        if len(group) < 2:
            return None
        if trigger.words[-1] != "together" and trigger.words[0] in ("brought", "brings", "bring"):
            after = [t.lower_ for t in doc[group[-1].end : group[-1].end + 2]]
            if "together" not in after:
                return None  # "brought X and Y to the table" is not the same thing
        # "Cavusoglu hosted talks between X and Y", "Cavusoglu brought X and Y together":
        # the host takes part
        hosting = start > ctx.sent.start and doc[start - 1].lower_ in _HOSTING
        if hosting or trigger.words[0] in ("brought", "brings", "bring"):
            host = _subject(ctx, _office_holders(ctx, people_left), start, sources)
            if not host and hosting:  # "Qatar mediated talks between X and Y": no person
                host = [
                    m for m in left
                    if _is_state_mention(m) and not _after_preposition(doc, ctx.sent.start, m)
                ][-1:]  # fmt: skip
            group = (
                [*host[:1], *group]
                if host and host[0].entity not in [m.entity for m in group]
                else group
            )
        return _meet(ctx, trigger, [group[0]], group[1:], start)
    if trigger.form == "passive":
        if not people_left:
            people_left = _subject_before_a_parenthesis(ctx, start)
        if not people_right or not people_left:
            return None
        patients = _group_back(doc, people_left)
        if _coordinated(doc, ctx.sent.start, start) and sources:
            # "X held talks with Y and was later received by Z": X is received
            patients = [Mention(0, 0, e) for e in sources[max(sources)]]
        sources[start] = [m.entity for m in patients if m.entity is not None]
        hosts = _group(doc, people_right)
        found = _meet(ctx, trigger, patients, hosts, start)
        # "received by Suga on Tuesday and by Moon on Thursday": a second reception
        for k in range(hosts[-1].end, min(len(doc), hosts[-1].end + 8)):
            if doc[k].lower_ == "by" and doc[k - 1].lower_ == "and":
                later = [m for m in people_right if m.outer_start > k]
                if later and later[0].outer_start <= k + 2:
                    found += _meet(ctx, trigger, patients, _group(doc, later), k)
                break
            if doc[k].text in (";", ".") or doc[k].lower_ in ("who", "which", "where"):
                break
        return found
    if trigger.words[0] == "to":  # "X flew from talks with Y to see Z": X is the traveller
        people_left = _traveller(ctx, start)
        if not people_left:
            return None
    if trigger.form in ("active", "mutual", "nominal"):
        people_left = _office_holders(ctx, people_left)
        subject = _subject(ctx, people_left, start, sources)
        filler = _filler(ctx)
        objects = _group(doc, people_right) if _adjacent(doc, end, people_right, filler) else []
        called_on = trigger.words in (("called", "on"), ("calls", "on"), ("calling", "on"))
        if called_on and (not objects or _appeal_follows(doc, objects[-1].end, ctx.sent.end)):
            return None  # "called on Iran to return to talks": an appeal, not a visit
        if trigger.form == "mutual" or (trigger.form == "active" and not objects):
            together = _group_back(doc, people_left)
            # "held talks with X, Y and Z, and sat down with ...": the list is the first
            # verb's objects, not the subjects of the second
            second_verb = trigger.form == "active" and _coordinated(doc, ctx.sent.start, start)
            if len(together) >= 2 and (not objects or trigger.form == "mutual") and not second_verb:
                # "Saudi and Omani envoys held talks in Sanaa on Sunday with X": X too
                partners = _with_partners(doc, end, people_right, filler) if not objects else []
                partners = [m for m in partners if m.entity not in {p.entity for p in together}]
                return _meet(ctx, trigger, together[:1], [*together[1:], *partners], start)
            if (
                "their" in trigger.words
                and trigger.form == "mutual"
                and not _later(ctx, start, end)
            ):
                pair = _subject_and_addressee(doc, ctx.sent.start, people_left)
                if pair:  # "X raised the case with Y during their meeting"
                    return _meet(ctx, trigger, pair[:1], pair[1:], start)
            partners = _with_partners(doc, end, people_right, filler)
            if subject and partners:  # "held talks in Sochi on Monday with Assad"
                return _meet(ctx, trigger, subject, partners, start)
            opening = _opening_participle(ctx, start, people_right)
            if len(opening) >= 2:  # "After meeting in the Oval Office, Trump and Juncker"
                return _meet(ctx, trigger, opening[:1], opening[1:], start)
            adjunct = trigger.event == "Call" and trigger.words[0] in ("in", "during", "by")
            if adjunct and len(people_left) >= 2 and start > ctx.sent.start:
                # "Putin expressed his support for Maduro in a phone call": the call was
                # between the clause's subject and the person the verb was addressed to
                head = [m for m in people_left if not _after_preposition(doc, ctx.sent.start, m)]
                others = [m for m in people_left if head and m.start > head[0].end]
                if head and others and doc[start - 1].text != ",":
                    return _meet(ctx, trigger, head[:1], others, start)
            if subject and _with_unnamed_group(doc, end, ctx.sent.end):
                # "held a video call with European leaders": the call, whose other
                # parties the next sentences may list ("Taking part in the call were")
                _event_for(ctx, trigger.event or "Meeting", _entities(subject), start)
                return []
            if trigger.form == "mutual":
                return None
        if not objects:
            return None
        if not subject:
            return None
        objects = _not_the_subject(ctx, objects, subject)
        objects = [m for m in objects if not _names_a_gathering(doc, m)]
        if trigger.words in _PHONE_ONLY and not _BY_PHONE.search(ctx.sent.text):
            return None  # "told X" is a meeting only when the text says it was a call
        if trigger.words == ("called",) and _named_as(doc, objects[-1].end, ctx.sent.end):
            return None  # "called Khamenei the new Hitler": a verdict, not a call
        visit = trigger.words[0] in ("visited", "visits", "visiting") or called_on
        if trigger.words[0].startswith("welcom") or visit:  # "welcomed the agreement" is support
            objects = [m for m in objects if m.entity and m.entity.type == "Official"]
            if not objects:
                return None
        sources[start] = [m.entity for m in subject if m.entity is not None]
        then = next((k for k, m in enumerate(objects) if k and _after_then(doc, m)), None)
        if then is not None:  # "met X, the head of ..., and then Y": a second meeting
            found = _meet(ctx, trigger, subject, objects[:then], start)
            return found + _meet(ctx, trigger, subject, objects[then:], objects[then].start)
        found = _meet(ctx, trigger, subject, objects, start)
        # "met X in Riga and Y in Tallinn", "held talks with X in Moscow on March 20 and
        # with Y in Kiev the following day": another meeting of the same subject
        later = _after_adjuncts(ctx, objects[-1].end, people_right) if objects else []
        if later:
            more = _meet(
                ctx, trigger, subject, _not_the_subject(ctx, later, subject), later[0].start
            )
            where = next(
                (
                    m.entity for m in ctx.mentions
                    if m.entity is not None and m.entity.type == "Place"
                    and later[-1].end < m.start <= later[-1].end + 2
                    and doc[m.start - 1].lower_ in ("in", "at")
                ),
                None,
            )  # fmt: skip
            for relation in more:
                if where is not None and relation.event is not None:
                    relation.event.place = where
            found += more
        return found
    return None


_ADJUNCT_WORDS = frozenset(["in", "at", "on", "the", "same", "following", "next", "day", "later"])


def _later(ctx: SentenceContext, start: int, end: int) -> bool:
    """A modal before ``start`` ("will raise it with Y during their meeting") or "with"
    after ``end`` ("after their meeting with Z": whose meeting is not said)."""
    doc = ctx.sent.doc
    modal = any(t.lower_ in _MODALS for t in doc[ctx.sent.start : start])
    return modal or (end < ctx.sent.end and doc[end].lower_ == "with")


_MODALS = frozenset(
    ["will", "would", "shall", "could", "may", "might", "plans", "planned", "expected", "due"]
)


def _subject_and_addressee(doc: Doc, sent_start: int, people: list[Mention]) -> list[Mention]:
    """The clause's subject and the one other person named after it, when "their" can
    only be those two: "X raised the case with Y during their meeting"."""
    officials = [m for m in people if m.entity is not None and m.entity.type == "Official"]
    head = [m for m in officials if not _after_preposition(doc, sent_start, m)][:1]
    if not head:
        return []
    others = _distinct(m.entity for m in officials if m.start > head[0].end and m.entity)
    others = [e for e in others if e is not head[0].entity]
    if len(others) != 1:
        return []
    return [head[0], next(m for m in officials if m.entity is others[0])]


# Journeys told in the past: a "to" after them says what the journey was for.
TRAVEL_VERBS = frozenset(
    ["flew", "travelled", "traveled", "went", "drove", "rushed", "headed", "came", "returned",
     "arrived"]
)  # fmt: skip


def travelled_before(doc: Doc, i: int) -> bool:
    """A journey in the past before the "to" at ``i``, in the same clause: "flew from
    talks in Moscow to see", "travelled to Tbilisi to meet"."""
    start = doc[i].sent.start
    for k in range(i - 1, max(start, i - 14) - 1, -1):
        if doc[k].text in (",", ";", ":", ".") or doc[k].lower_ in ("will", "would", "to"):
            if doc[k].lower_ == "to" and k > start and doc[k - 1].lower_ in TRAVEL_VERBS:
                continue  # "travelled to Tbilisi to meet"
            if doc[k].lower_ != "to":
                return False
        if doc[k].lower_ in TRAVEL_VERBS:
            return not (k > start and doc[k - 1].lower_ in ("to", "will", "would", "could"))
    return False


def _traveller(ctx: SentenceContext, start: int) -> list[Mention]:
    """Who made the journey that "to see" at ``start`` ends: the person right before the
    travel verb, or the antecedent of "who" there ("X, who flew from ... to see")."""
    doc, sent_start = ctx.sent.doc, ctx.sent.start
    verb = next(
        (k for k in range(start - 1, max(sent_start, start - 15) - 1, -1)
         if doc[k].lower_ in TRAVEL_VERBS),
        None,
    )  # fmt: skip
    if verb is None:
        return []
    k = verb - 1
    while k > sent_start and doc[k].lower_ in _SKIPPED_BEFORE_VERB | {"who", ","}:
        k -= 1
    people = [m for m in ctx.mentions if _party(m) and not m.in_title and m.end == k + 1]
    return people[-1:]


def _together_with(doc: Doc, end: int, limit: int, right: list[Mention]) -> list[Mention]:
    """The people after "together with" or "along with" that follows a team's noun:
    "led the Egyptian delegation together with Irrigation Minister X"."""
    k = end
    while k < limit and k - end < 5 and doc[k].lower_ not in ("together", "along", "jointly"):
        if doc[k].text in (",", ";", ".") or doc[k].lower_ in ("and", "who", "which"):
            return []
        k += 1
    if k + 1 >= limit or doc[k].lower_ not in ("together", "along", "jointly"):
        return []
    if doc[k + 1].lower_ != "with":
        return []
    after = [m for m in right if m.outer_start == k + 2 and _party(m)]
    return _group(doc, [m for m in right if m.outer_start >= k + 2 and _party(m)]) if after else []


def _after_adjuncts(ctx: SentenceContext, end: int, right: list[Mention]) -> list[Mention]:
    """The people named after a place or a date that follows the objects, then "and"
    (or "and with"): "X in Riga and Y in Tallinn".  Nothing when no adjunct comes first
    (then "and" joins the list itself) or when the words after "and" are no new object."""
    doc, limit = ctx.sent.doc, ctx.sent.end
    places = {
        i for m in ctx.mentions
        if m.entity is not None and m.entity.type == "Place" and not m.in_title
        for i in range(m.start, m.end)
    }  # fmt: skip
    k = end
    while k < limit and (k in places or doc[k].lower_ in _ADJUNCT_WORDS or _temporal(doc[k])):
        k += 1
    if k == end or k >= limit or doc[k].lower_ != "and" or not set(range(end, k)) & places:
        return []
    k += 1
    if k < limit and doc[k].lower_ == "with":
        k += 1
    later = [m for m in right if m.outer_start >= k]
    if not later or later[0].outer_start != k or not _party(later[0]):
        return []
    group = _group(doc, [m for m in later if _party(m)])
    after = doc[group[-1].end] if group[-1].end < limit else None
    if (
        after is not None
        and after.is_lower
        and after.is_alpha
        and after.lower_ not in _LIST_FOLLOWERS
    ):
        return []  # "met X in Riga and Y criticised the talks": a clause of its own
    return group


def _after_then(doc: Doc, mention: Mention) -> bool:
    """ "and then Y": Y is met after the others, in a meeting of its own."""
    k = mention.outer_start
    return k >= 2 and doc[k - 1].lower_ == "then" and doc[k - 2].lower_ == "and"


def _appeal_follows(doc: Doc, end: int, limit: int) -> bool:
    """ "called on X to ...", "called on X for restraint": X is asked, not visited."""
    for token in doc[end : min(limit, end + 12)]:
        if token.lower_ in ("to", "for") and _inside_a_name(doc, token.i, limit):
            continue  # "X, chairman of the Council for National Reconciliation, at ..."
        if token.lower_ in ("to", "for", "not", "that"):
            return True
        if token.text in (";", ".") or token.lower_ in ("at", "in", "during", "and"):
            return False
    return False


def _inside_a_name(doc: Doc, i: int, limit: int) -> bool:
    """ "Minister for Foreign Affairs", "Council for National Reconciliation": the word at
    ``i`` joins two capitalised words of one name."""
    return 0 < i < limit - 1 and doc[i - 1].is_title and doc[i + 1].is_title


_HOSTING = frozenset(
    ["hosted", "hosts", "chaired", "chairs", "mediated", "mediates", "convened", "convenes",
     "brokered", "organised", "organized", "arranged", "facilitated"]
)  # fmt: skip


def _opening_participle(ctx: SentenceContext, start: int, right: list[Mention]) -> list[Mention]:
    """ "After meeting in Ankara, Erdogan and Rouhani ...", "Meeting in Sochi on Monday, X
    and Y ...": a sentence-opening participle whose subjects follow the first comma."""
    doc, sent = ctx.sent.doc, ctx.sent
    lead = [t.lower_ for t in doc[sent.start : start] if not t.is_space]
    if lead not in ([], ["after"], ["before"], ["while"], ["when"], ["following"]):
        return []
    first = doc[start].lower_
    if not first.endswith("ing") and first not in ("after", "before", "in", "during"):
        return []  # "In a phone call on Oct. 18, Macron and Merkel agreed ..."
    comma = next((i for i in range(start, min(sent.end, start + 14)) if doc[i].text == ","), None)
    if comma is None:
        return []
    after = [m for m in right if m.outer_start > comma]
    if not after or after[0].outer_start > comma + 2:
        return []
    return _group(doc, after)


_AFTER_A_CALL = frozenset(
    ["to", "on", "and", "by", "after", "before", "in", "from", "late", "last", "early",
     "over", "about", "for", "while", "as", "when", "again", "twice", "separately", "back"]
)  # fmt: skip


def _named_as(doc: Doc, end: int, limit: int) -> bool:
    """ "called X a dictator", "called X the new Hitler": X is named something."""
    if end >= limit:
        return False
    token = doc[end]
    if token.lower_ in ("a", "an", "the", "his", "her", "their"):
        return True
    return (
        token.is_lower
        and token.is_alpha
        and token.lower_ not in _AFTER_A_CALL
        and not (_temporal(token))
    )


_PHONE_ONLY = frozenset(
    [("told",), ("spoke", "to"), ("talked", "to"), ("speaks", "to"), ("talks", "to")]
)
_PLURAL_TITLES = {
    "presidents": "President", "leaders": "President", "heads": "President",
    "ministers": "Foreign Minister", "premiers": "Prime Minister",
}  # fmt: skip


def _office_holders(ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
    """ "The presidents of Russia, Iran and Turkey met": the states' office holders that day.

    Only when a plural title and "of" stand right before the states, and the gazetteer
    knows who held the office in each; otherwise the mentions are kept as they are.
    """
    group = _group_back(ctx.sent.doc, mentions)
    doc = ctx.sent.doc
    first = group[0].outer_start if group else 0
    if not group or first < 2 or doc[first - 1].lower_ != "of":
        return mentions
    if any(m.entity is None or m.entity.type != "State" for m in group):
        return mentions
    plural = doc[first - 2].lower_
    title = _PLURAL_TITLES.get(plural)
    if title == "Foreign Minister" and doc[first - 3].lower_ != "foreign":
        title = None
    if title is None:
        return mentions
    holders = []
    for mention in group:
        assert mention.entity is not None
        person = ctx.registry.holder(title, mention.entity.country, ctx.day)
        if person is None:
            return mentions
        holders.append(Mention(mention.start, mention.end, person, resolved="title"))
    return mentions[: len(mentions) - len(group)] + holders


def _not_the_subject_pronoun(mention: Mention) -> bool:
    return mention.kind != "pronoun"


def _not_the_subject(
    ctx: SentenceContext, objects: list[Mention], subject: list[Mention]
) -> list[Mention]:
    """ "Macron hosted him": "him" is someone other than Macron, the latest person before."""
    doc = ctx.sent.doc
    doers = {id(m.entity) for m in subject}
    fixed = []
    for mention in objects:
        if mention.kind == "pronoun" and id(mention.entity) in doers:
            others = [
                m for m in ctx.mentions
                if m.end <= mention.start and m.entity is not None
                and m.entity.type == "Official" and id(m.entity) not in doers
            ]  # fmt: skip
            if not others:
                continue
            mention = Mention(mention.start, mention.end, others[-1].entity, resolved="pronoun")
        fixed.append(mention)
    del doc
    return fixed


_GATHERINGS = frozenset(
    [
        "summit",
        "meeting",
        "talks",
        "conference",
        "session",
        "forum",
        "ceremony",
        "games",
        "congress",
        "assembly",
        "gathering",
    ]
)


def _names_a_gathering(doc: Doc, mention: Mention) -> bool:
    """ "hosted the G20 summit": the G20 names the gathering, it is no guest."""
    return mention.end < len(doc) and doc[mention.end].lower_ in _GATHERINGS


def _with_partners(
    doc: Doc, end: int, right: list[Mention], filler: frozenset[int] = frozenset()
) -> list[Mention]:
    """The people after a later "with" in the clause: "held talks in Moscow with X"."""
    for i in range(end, min(len(doc), end + 12)):
        if doc[i].lower_ == "with":
            after = [m for m in right if m.outer_start > i]
            if after and _adjacent(doc, i + 1, after, filler):
                return _group(doc, after)
            return []
    return []


_BEFORE_OBJECT = frozenset(
    [
        ",",
        "each",
        "of",
        "with",
        "his",
        "her",
        "their",
        "its",
        "the",
        "a",
        "an",
        "visiting",
        "both",
        "top",
        "senior",
        "new",
        "newly",
        "appointed",
        "counterpart",
    ]
)


def _adjacent(
    doc: Doc, end: int, right: list[Mention], filler: frozenset[int] = frozenset()
) -> bool:
    """Whether the first mention after ``end`` is the verb's object, not a later adjunct.

    Between them may stand only words like "with" or "his", and a title the names after
    it stand for ("his Russian and Iranian counterparts, Sergei Lavrov and ...").
    """
    if not right:
        return False
    between = list(doc[end : right[0].outer_start])
    if all(t.lower_ in _BEFORE_OBJECT or t.i in filler or _temporal(t) for t in between):
        return True
    if right[0].side and len(between) <= 5 and between[-1].lower_ in ("from", "of"):
        # "negotiated with senior officials from Britain, France and Germany"
        return all(t.is_lower and t.is_alpha for t in between)
    # "received a delegation of Russian lawmakers led by X", "welcomed the Russian and
    # Ukrainian delegations, headed by X and Y": the delegations' heads
    words = [t.lower_ for t in between]
    noun = next((w for w in words if w in ("delegation", "delegations")), None)
    if words[-2:] in (["led", "by"], ["headed", "by"]) and noun:
        head = between[: words.index(noun)]
        return len(between) <= 12 and all(
            t.lower_ in _BEFORE_OBJECT or t.lower_ == "and" or t.is_title or t.is_lower
            for t in head
        )  # "the government delegation headed by X"
    # "the foreign ministers of the six countries, among them X and Y"
    words = [t.lower_ for t in between]
    for marker in ("including", "them", "namely"):
        if marker in words and words[-1] in (marker, ","):
            head = between[: words.index(marker)]
            return len(head) <= 10 and all(
                t.is_lower or t.is_punct or t.like_num or t.i in filler for t in head
            )
    return False


_TEMPORAL = CALENDAR_WORDS | frozenset(
    [
        "on",
        "here",
        "there",
        "also",
        "separately",
        "morning",
        "evening",
        "afternoon",
        "night",
        "earlier",
    ]
)


def _temporal(token: Token) -> bool:
    """Words of a date between a verb and its object: "received on Tuesday X"."""
    if token.lower_ == "on":
        return token.i + 1 < len(token.doc) and _temporal(token.nbor(1))
    return token.lower_ in _TEMPORAL or token.like_num or token.lower_.rstrip(".") in MONTH_WORDS


def _filler(ctx: SentenceContext) -> frozenset[int]:
    """Tokens of titles that stand for no one: "his Russian and Iranian counterparts,"."""
    tokens: set[int] = set()
    for mention in ctx.mentions:
        if mention.in_title or (mention.kind == "title" and mention.entity is None):
            tokens.update(range(mention.outer_start, mention.end))
            end = mention.end
            # "his Russian and Iranian counterparts, Sergei Lavrov and ..."
            while end < ctx.sent.end and ctx.sent.doc[end].lower_ in (
                ",",
                "and",
                *_COUNTERPART_WORDS,
            ):
                tokens.add(end)
                end += 1
        elif mention.possessive or mention.kind == "possessive":
            # "with Netanyahu's election rival, Benny Gantz": the name after the comma
            doc, end = ctx.sent.doc, mention.end
            owner = mention.entity is not None and mention.entity.type in ("State", "Organization")
            if owner and any(m.outer_start == end + 1 for m in ctx.mentions):
                # "met Sudan's Transitional Military Council": whose, then the party
                tokens.update(range(mention.outer_start, end + 1))
                continue
            while (
                end < ctx.sent.end
                and end - mention.end < 5
                and (doc[end].text in ("'s", "\u2019s") or doc[end].is_lower)
            ):
                end += 1
            if end < ctx.sent.end and doc[end].text == ",":
                tokens.update(range(mention.outer_start, end + 1))
    return frozenset(tokens)


def _subject(
    ctx: SentenceContext, left: list[Mention], start: int, sources: dict[int, list[Entity]]
) -> list[Mention]:
    """Who does the meeting: the nearest actor before the trigger, else the sentence's
    speaker ("During a meeting with X, Y said"), or the subject of the verb this one is
    coordinated with ("Y met X and discussed with him")."""
    doc = ctx.sent.doc
    if _coordinated(doc, ctx.sent.start, start) and sources:
        previous = max(sources)
        return [Mention(0, 0, e) for e in sources[previous]]
    if left and _after_a_preposition(doc, ctx.sent.start, start):
        # "X discussed it with Y and backed it at talks with Z": X is at the talks
        subjects = [m for m in left if not _after_preposition(doc, ctx.sent.start, m)]
        if subjects:
            return subjects[:1]
    links = [
        t.i for t in doc[max(ctx.sent.start, start - 3) : start + 1]
        if t.lower_ in ("before", "after", "while", "when", "since")
    ]  # fmt: skip
    # "..., and after Swaraj called on Sharif": the clause names its own subject
    own_subject = bool(links) and any(m.start > links[-1] for m in left)
    if links and not own_subject:
        # "X stopped for talks with Y, who ..., before conferring with Z": X confers
        subjects = [
            m for m in ctx.mentions
            if m.entity is not None and m.entity.type == "Official" and not m.in_title
            and m.end <= start and not _after_preposition(doc, ctx.sent.start, m)
        ]  # fmt: skip
        if subjects:
            return subjects[:1]
    if left:
        return _group_back(doc, left)
    if ctx.speaker is not None and ctx.speaker.entity is not None:
        return [ctx.speaker]
    opener = _subject_before_aside(ctx, start)
    if opener is not None:  # "Lula, on his first visit to China, also met Li Qiang"
        return [opener]
    # "In a phone call with X on Tuesday, Y thanked ...": the subject after the comma
    comma = next((i for i in range(start, ctx.sent.end) if doc[i].text == ","), None)
    if comma is not None:
        after = [
            m for m in ctx.mentions
            if m.entity is not None and m.entity.type == "Official" and not m.in_title
            and m.outer_start > comma
        ]  # fmt: skip
        if after and after[0].outer_start <= comma + 3:
            return after[:1]
    return []


def _subject_before_aside(ctx: SentenceContext, start: int) -> Mention | None:
    """The person who opens the sentence, set off by a comma, when the verb comes right
    after the aside's closing comma ("X, on his first visit ..., also met Y")."""
    doc = ctx.sent.doc
    people = [
        m for m in ctx.mentions
        if m.entity is not None and m.entity.type == "Official" and not m.in_title
    ]  # fmt: skip
    if not people or any(not t.is_space for t in doc[ctx.sent.start : people[0].outer_start]):
        return None
    first = people[0]
    i = start - 1
    while i > first.end and doc[i].lower_ in ("also", "then", "later", "separately"):
        i -= 1
    if first.end < len(doc) and doc[first.end].text == "," and doc[i].text == ",":
        return first if i > first.end else None
    return None


_BY_PHONE = re.compile(
    r"\bby (tele)?phone\b|\b(tele)?phone (call|conversation|talks)\b|\bby video\b"
    r"|\bvideo ?(link|conference|call)\b|\bvideoconference\b",
    re.I,
)


def _meet(
    ctx: SentenceContext,
    trigger: Trigger,
    sources: list[Mention],
    targets: list[Mention],
    start: int,
) -> list[FoundRelation]:
    """MET_WITH for each pair named, all in one event (new, or the one just reported)."""
    pairs = [
        (s.entity, t.entity, min(_certainty(s), _certainty(t)))
        for s in sources
        for t in targets
        if s.entity is not None and t.entity is not None and s.entity is not t.entity
    ]
    if not pairs:
        return []
    kind = trigger.event or "Meeting"
    if kind == "Meeting" and _BY_PHONE.search(ctx.sent.text):
        kind = "Call"  # "spoke with X by phone"
    people = _distinct([e for pair in pairs for e in pair[:2] if isinstance(e, Entity)])
    separately = any(
        t.lower_ in ("separate", "separately") for t in ctx.sent.doc[max(0, start - 2) : start + 4]
    )
    active = trigger.form == "active" or (separately and trigger.form == "nominal")
    separate = (kind == "Call" or separately) and active and len(targets) > 1
    # "A, B, C and D all signed the final declaration" right after the summit: its text,
    # signed there (not so three ministers signing a memorandum after their leaders met)
    signing = trigger.words[0] == "signed" and trigger.form == "mutual" and len(people) > 3
    event = None if separate else _event_for(ctx, kind, people, start, signing)
    found = []
    for source, target, certainty in pairs:
        assert source is not None and target is not None
        if separate or event is None:  # "Putin telephoned X, Y and Z": one call each
            doers = [s.entity for s in sources if s.entity is not None]
            event = _event_for(ctx, kind, _distinct([*doers, target]), start)
        found.append(
            FoundRelation(
                "MET_WITH", source, target, event.date, *_span(ctx),
                confidence=round(trigger.confidence * certainty, 2), event=event,
            )
        )  # fmt: skip
    return found


def _event_for(
    ctx: SentenceContext, kind: str, people: list[Entity], start: int, signing: bool = False
) -> FoundEvent:
    """The event just reported when these people are all in it (with ``signing``, a group
    signing a text joins the meeting just reported), else a new one."""
    day = _trigger_day(ctx, start)
    for event in reversed(ctx.events[-3:]):
        same_people = event.type == kind and all(p in event.participants for p in people)
        recent = ctx.index - event.sentence <= 1 and (not ctx.dated or event.date == day)
        if recent and (same_people or (signing and event.type == kind)):
            event.participants += [p for p in people if p not in event.participants]
            return event
    place = None if kind == "Call" else _place(ctx, start) or ctx.place
    event = FoundEvent(kind, None, day, place, list(people), ctx.index)
    ctx.events.append(event)
    return event


_MEETING_NOUNS = frozenset(
    [
        "talks",
        "meeting",
        "session",
        "consultations",
        "negotiations",
        "summit",
        "dinner",
        "lunch",
        "breakfast",
        "meetings",
    ]
)


def _trigger_day(ctx: SentenceContext, start: int) -> date:
    """The date nearest after the trigger ("... by phone on Tuesday and at talks with Y on
    Wednesday"), else the sentence's."""
    if not ctx.dated:
        return ctx.day
    doc = ctx.sent.doc
    return find_date(doc[start : ctx.sent.end].text, ctx.published) or ctx.day


_CALL_WORDS = frozenset(["call", "conversation", "videoconference", "video", "phone"])
_UNNAMED_GROUPS = frozenset(
    ["leaders", "counterparts", "ministers", "heads", "allies", "partners", "officials",
     "diplomats", "envoys"]
)  # fmt: skip


def _with_unnamed_group(doc: Doc, end: int, limit: int) -> bool:
    """ "... on Monday with European leaders", "with his G7 counterparts": a call or a
    meeting with people the sentence does not name."""
    i = end
    while i < limit and _temporal(doc[i]):
        i += 1
    if doc[end - 1].lower_ == "with":  # "held talks with Western diplomats"
        i = end - 1
    if i >= limit or doc[i].lower_ != "with":
        return False
    words = [t for t in doc[i + 1 : min(limit, i + 5)]]
    for k, token in enumerate(words):
        if token.lower_ in _UNNAMED_GROUPS:
            return all(t.is_alpha or t.text == "-" for t in words[:k])
        if not (token.is_alpha or token.text == "-") or token.lower_ in _OBJECT_STOPS:
            return False
    return False


def _subject_before_a_parenthesis(ctx: SentenceContext, start: int) -> list[Mention]:
    """ "Modi, on his first visit to Bangladesh since taking office, was received": the
    person opening the sentence, when a phrase between commas separates him from the verb."""
    doc = ctx.sent.doc
    k = start - 1
    while k > ctx.sent.start and doc[k].lower_ in (
        "was",
        "were",
        "is",
        "has",
        "been",
        "later",
        "also",
    ):
        k -= 1
    if doc[k].text != ",":
        return []
    people = [m for m in ctx.mentions if _party(m) and not m.in_title]
    first = next((m for m in people if m.outer_start < k), None)
    if first is None or doc[first.end].text != ",":
        return []
    # only a descriptor before it: "Russian businessman Roman Abramovich, who ..."
    before = doc[ctx.sent.start : first.outer_start]
    opening = len(before) <= 4 and all(t.is_space or t.is_alpha for t in before)
    return [first] if opening else []


def _each_towards_the_others(
    ctx: SentenceContext, trigger: Trigger, group: list[Mention], states: bool = False
) -> list[FoundRelation]:
    """The stance of each member of ``group`` towards every other one (with ``states``,
    towards the other's state: "each other's territorial integrity")."""
    return [
        relation
        for a in group
        for b in group
        if a is not b and b.entity is not None
        for relation in _stances(
            ctx, trigger, [a], [(_state_of(ctx, b.entity) if states else b.entity, None)], None
        )
    ]


def _each_others(doc: Doc, end: int, limit: int) -> bool:
    """ "... to each other's sovereignty": a possessive reciprocal in the object phrase."""
    words = [t.lower_ for t in doc[end : min(limit, end + 8)]]
    return any(
        words[k : k + 3] in (["each", "other", "'s"], ["one", "another", "'s"])
        for k in range(len(words))
    )


def _state_of(ctx: SentenceContext, entity: Entity) -> Entity:
    """A person's state, for what belongs to states ("each other's territorial integrity")."""
    if entity.type == "Official" and entity.country:
        return ctx.registry.state(entity.country)
    return entity


def _relative_antecedent(
    doc: Doc, sent_start: int, start: int, people: list[Mention]
) -> Mention | None:
    """Who "who attended" is about: the person named right before the comma that opens
    the clause ("Deby, whose country is not a member but who attended the summit";
    "Esmat, a member of the alliance who took part in the talks")."""
    who = start - 1
    while who > sent_start and doc[who].lower_ in ("also", "had", "has", "later"):
        who -= 1
    if doc[who].lower_ != "who":
        return None
    comma = next((k for k in range(who - 1, sent_start, -1) if doc[k].text == ","), None)
    if comma is None:
        return None
    return next((m for m in reversed(people) if m.end == comma), None)


def _attendance(
    ctx: SentenceContext,
    start: int,
    left: list[Mention],
    right: list[Mention],
    kinds: tuple[str, ...] = ("Meeting", "Visit"),
    largest: bool = False,
) -> list[FoundRelation] | None:
    """ "The meeting was attended by X": X joins the meeting just reported (or, when
    ``largest``, the recent one with the most people); "Taking part in the call were X
    and Y": they join the call."""
    doc = ctx.sent.doc
    attendees = _group(doc, right) if right else _group_back(doc, left)
    if not attendees:
        return None
    if right:  # the clause ends at "as well as by": read on in the whole sentence
        parties = [m for m in ctx.mentions if not m.in_title and _party(m)]
        attendees += _second_agents(doc, attendees[-1].end, parties)
    meetings = [e for e in ctx.events if e.type in kinds]
    fresh = _new_gathering(doc, ctx.sent.start, start)
    if meetings and not fresh:
        # "at a meeting of GCC ministers in Riyadh on Tuesday chaired by X": a gathering of
        # another day than the meeting reported before
        fresh = _gathering_of_another_day(ctx, start, meetings[-1])
    if not meetings or ctx.index - meetings[-1].sentence > 10 or fresh:
        people = _distinct([*ctx.pending, *(m.entity for m in attendees if m.entity)])
        nouns = _MEETING_NOUNS | _CEREMONIES if fresh else _MEETING_NOUNS
        nouns = nouns | _CALL_WORDS if kinds == ("Call",) else nouns
        # a ceremony "attended by" its guests: they were there together
        talks = any(t.lower_ in nouns for t in doc[ctx.sent.start : start + 4])
        talks = talks or (ctx.talks_before and _SIDES_NAMED.search(ctx.sent.text) is not None)
        if len(people) < 2 or not talks:  # a ceremony's guests did not all meet
            ctx.pending = people
            return None
        # "Liu He and Robert Lighthizer co-chaired the talks", "The session, chaired by X,
        # was attended by Y and Z": a meeting of its own
        event = _event_for(ctx, kinds[0], people, start)
        ctx.pending = []
        pairs = [(a, b) for i, a in enumerate(people) for b in people[i + 1 :]]
        return [
            FoundRelation("MET_WITH", a, b, event.date, *_span(ctx), confidence=0.7, event=event)
            for a, b in pairs
        ]
    event = meetings[-1]
    if largest:
        recent = [e for e in meetings if ctx.index - e.sentence <= 10]
        event = max(reversed(recent), key=lambda e: len(e.participants), default=event)
    for mention in attendees:
        if mention.entity is not None and mention.entity not in event.participants:
            event.participants.append(mention.entity)
    return []


# The sides of talks, named as teams: "the Chinese side was represented by", "led the U.S.
# team", "the opposition delegation is led by".
_SIDES_NAMED = re.compile(r"\b(side|team|delegation|delegations|sides|opposition)\b", re.I)


def _second_agents(doc: Doc, end: int, right: list[Mention]) -> list[Mention]:
    """ "joined by X on the American side and by Y on the other", "attended by X, as well
    as by Y and Z", "attended by X, who led his delegation, and by Y": the people after a
    second "by"."""
    k, stop = end, min(len(doc), end + 10)
    while k < stop:
        if doc[k].lower_ == "by" and doc[k - 1].lower_ in ("and", "as"):
            later = [m for m in right if m.outer_start > k]
            if later and later[0].outer_start <= k + 6:
                group = _group(doc, later)
                return group + _second_agents(doc, group[-1].end, later)
            return []
        if doc[k].lower_ in ("who", "which") and doc[k - 1].text == ",":
            # a relative clause between commas says more of the last one: read past it
            close = next((j for j in range(k, min(len(doc), k + 20)) if doc[j].text in ",;."), k)
            if doc[close].text != ",":
                return []
            k, stop = close, min(len(doc), close + 10)
            continue
        if doc[k].text in (";", ".") or doc[k].lower_ in ("who", "which", "where", "while"):
            return []
        k += 1
    return []


def _new_gathering(doc: Doc, sent_start: int, start: int) -> bool:
    """ "was inaugurated in a ceremony attended by X": a ceremony the sentence brings in
    with "a", not the meeting reported before ("a working dinner attended by" after talks
    is still part of the visit)."""
    for i in range(start - 1, max(sent_start, start - 4) - 1, -1):
        if doc[i].lower_ in _CEREMONIES:
            return bool({"a", "an"} & {t.lower_ for t in doc[max(sent_start, i - 3) : i]})
    return False


def _gathering_of_another_day(ctx: SentenceContext, start: int, last: FoundEvent) -> bool:
    """Whether the sentence brings in "a meeting" before ``start`` on a day it names that
    is not the day of the ``last`` meeting."""
    if not ctx.dated or ctx.day == last.date or last.sentence == ctx.index:
        return False
    doc = ctx.sent.doc
    return any(
        doc[i].lower_ in _MEETING_NOUNS and doc[i - 1].lower_ in ("a", "an")
        for i in range(max(ctx.sent.start + 1, start - 14), start)
    )


_CEREMONIES = frozenset(
    ["ceremony", "reception", "banquet", "gathering", "celebration", "inauguration", "event"]
)


def _place(ctx: SentenceContext, start: int) -> Entity | None:
    """Where the sentence says it happened: "in Tehran", "at the Kremlin"."""
    doc = ctx.sent.doc
    for mention in ctx.mentions:
        entity = mention.entity
        if entity is None or mention.in_title or entity.type != "Place":
            continue
        before = doc[mention.start - 1].lower_ if mention.start > ctx.sent.start else ""
        visit = before == "to" and doc[mention.start - 2].lower_ in ("visit", "trip", "journey")
        if before in ("in", "at") or visit:
            return entity
    return None


def _back_to_main_clause(
    doc: Doc, ctx: SentenceContext, start: int, earlier: int, lexicon: Lexicon
) -> bool:
    """ "X affirmed that Tehran will back Damascus, and condemned ...": after ", and" the
    verb is X's again when the earlier one sat in a clause X's speech verb opened."""
    i = start - 1
    while i > ctx.sent.start and doc[i].lower_ != "and":
        i -= 1
    if i <= ctx.sent.start or doc[i - 1].text != ",":
        return False
    speech = lexicon["speech"]
    words = [t.lower_ if t.is_lower else t.text for t in doc[ctx.sent.start : earlier]]
    return "that" in words and any(w in speech for w in words[: words.index("that")])


def _coordinated(doc: Doc, sent_start: int, start: int) -> bool:
    """Whether the trigger opens a coordinated verb or noun: "..., and demand that"."""
    i = start - 1
    while i >= sent_start and doc[i].lower_ in ("also", "further", "then", "later", "strongly"):
        i -= 1
    return i >= sent_start and doc[i].lower_ in ("and", "as well as")


_CATENATIVES = frozenset(["continue", "continues", "continued", "keeps", "kept", "went", "goes"])
_AUXILIARIES = frozenset(["has", "have", "had", "also", "since", "repeatedly", "then", "later"])


def _coordinated_stance(doc: Doc, sent_start: int, start: int) -> bool:
    """ "..., and continues to call X the legitimate president", "and has since praised":
    a second verb of the subject after "and", past a catenative verb or an auxiliary."""
    i = start - 1
    if i > sent_start and doc[i].lower_ == "to":
        i -= 1
        if i > sent_start and doc[i].lower_ == "on" and doc[i - 1].lower_ in ("went", "goes"):
            i -= 1  # "and went on to praise"
        if doc[i].lower_ not in _CATENATIVES:
            return False
        i -= 1
    while i >= sent_start and doc[i].lower_ in _AUXILIARIES:
        i -= 1
    return i >= sent_start and doc[i].lower_ in ("and", "as well as")


def _prepositional_gerund(doc: Doc, sent_start: int, start: int) -> bool:
    """ "thanked India for sending vaccines": a gerund inside a prepositional phrase, whose
    subject is no subject of the sentence's later verbs."""
    return (
        start > sent_start
        and doc[start].lower_.endswith("ing")
        and doc[start - 1].lower_ in _PREPOSITIONS
    )


def _passive_without_agent(doc: Doc, sent_start: int, start: int, end: int, limit: int) -> bool:
    i = start - 1
    while i >= sent_start and (doc[i].lower_.endswith("ly") or doc[i].text in _QUOTES):
        i -= 1
    if i < sent_start or doc[i].lower_ not in ("is", "are", "was", "were", "be", "been", "being"):
        return False
    if doc[start].lower_.endswith("ing") and doc[i].lower_ == "been":
        return False  # "has been cooperating with": the progressive, not a passive
    return not (end < limit and doc[end].lower_ == "by")


def _holder(mention: Mention) -> bool:
    """Who can hold a stance: a person, a state, an organisation, or a capital for its state."""
    entity = mention.entity
    if entity is None:
        return False
    return entity.type in _ACTORS or (entity.type == "Place" and entity.capital_of is not None)


_KIN_AND_STAFF = frozenset(
    ["daughter", "son", "wife", "husband", "son-in-law", "daughter-in-law", "brother",
     "sister", "father", "mother", "envoy", "envoys", "aide", "aides", "adviser", "advisers",
     "spokesman", "spokeswoman", "spokesperson", "representative", "negotiator", "lawyer",
     "deputy", "emissary", "delegation"]
)  # fmt: skip


def _named_for(doc: Doc, mention: Mention) -> bool:
    """ "Trump's daughter Ivanka Trump", "Maduro's envoys", "envoys of Maduro and of
    Guaido": the person is named for whom they belong to, and takes no part himself."""
    if _staff_of(doc, mention.outer_start) or _staff_in_title(doc, mention):
        return True
    if not mention.possessive and mention.kind != "possessive":
        return False
    after = [
        t.lower_ for t in doc[mention.end : mention.end + 3] if t.text not in ("'s", "\u2019s")
    ]
    return any(word in _KIN_AND_STAFF for word in after[:2])


def _staff_in_title(doc: Doc, mention: Mention) -> bool:
    """ "Envoys of Venezuelan President Nicolas Maduro": the title span holds the envoys."""
    words = [t.lower_ for t in doc[mention.outer_start : mention.start]]
    return any(
        w.rstrip("s") in _KIN_AND_STAFF and nxt == "of" for w, nxt in itertools.pairwise(words)
    )


def _staff_of(doc: Doc, start: int) -> bool:
    """Whether "envoys of", "representatives of" (or "... of X and of") stand before."""
    i = start - 1
    while i > 0 and doc[i].lower_ in ("the", "a", "an"):
        i -= 1
    if i <= 0 or doc[i].lower_ != "of":
        return False
    before = doc[i - 1].lower_
    if before in _KIN_AND_STAFF or before.rstrip("s") in _KIN_AND_STAFF:
        return True
    if before != "and":  # "envoys of Maduro and of Guaido": back over the first name
        return False
    k = i - 2
    while k > 0 and (doc[k].is_title or doc[k].lower_ in _LIST_WORDS):
        k -= 1
    return k < i - 2 and _staff_of(doc, k + 1)


_LIST_WORDS = frozenset(["of", "the", "leader", "president", "opposition", ",", "-"])


def _hosts_a_named_gathering(doc: Doc, sent_start: int, start: int, trigger: Trigger) -> bool:
    """ "the Belt and Road Forum hosted by X", "the G20 summit chaired by X": the host of a
    gathering the text names, which is not the meeting reported before."""
    if trigger.words[0] not in _HOSTING and trigger.words[-2:-1] != ("hosted",):
        return False
    k = start - 1
    if k > sent_start and doc[k].text == ",":
        k -= 1
    named = doc[k].is_title and doc[k - 1].is_title and doc[k - 1].lower_ != "the"
    return k > sent_start and doc[k].lower_ in _GATHERING_NAMES and named


_GATHERING_NAMES = frozenset(["forum", "conference", "summit", "dialogue", "congress", "session"])


def _is_state_mention(mention: Mention) -> bool:
    return mention.entity is not None and mention.entity.type == "State" and not mention.in_title


def _party(mention: Mention) -> bool:
    """Who can take part in a meeting: people, organisations (a UN delegation), and a state
    standing for its unnamed officials ("Chinese officials", "a Turkish delegation").

    Other state mentions are left out: "Greece and Macedonia signed" names no meeting of
    states, and the people who met are named in the text.
    """
    entity = mention.entity
    return (
        entity is not None
        and (entity.type in ("Official", "Organization") or mention.side)
        and mention.kind not in ("we", "i")
        and entity.name.split()[-1].lower() not in _GATHERING_NAMES  # "Antalya Diplomacy Forum"
    )


# -- stances ------------------------------------------------------------------------------


def _stance(
    ctx: SentenceContext,
    start: int,
    end: int,
    trigger: Trigger,
    left: list[Mention],
    right: list[Mention],
    right_limit: int,
    lexicon: Lexicon,
    earlier: dict[int, list[Entity]],
) -> list[FoundRelation] | None:
    doc = ctx.sent.doc
    reciprocal = doc[end : end + 2].text.lower() in ("each other", "one another")
    # "Netanyahu and bin Zayed signed the accords", "Armenia and Azerbaijan accused each other"
    if trigger.form == "mutual" or (trigger.form == "active" and reciprocal):
        group = _group_back(doc, left)
        if len(group) < 2:
            return None
        if trigger.words[0] == "signed" and len(group) > 3:
            # "A, B, C, D and E all signed the final declaration": a summit's text, not
            # pacts between each two (as a trilateral memorandum is)
            return None
        return _each_towards_the_others(ctx, trigger, group)
    if trigger.form == "between":  # "a treaty signed by A and B": each with the other
        group = _group(doc, right)
        if len(group) != 2:
            return None  # a document of a whole group ("signed by the Contact Group: A, B, C")
        return _each_towards_the_others(ctx, trigger, group)
    if trigger.form in ("active", "nominal") and _each_others(doc, end, right_limit):
        # "Pashinyan and Aliyev confirmed their commitment to each other's territorial
        # integrity": each backs the other's state
        group = _group_back(doc, left)
        if len(group) < 2:
            return None
        return _each_towards_the_others(ctx, trigger, group, states=True)
    if trigger.form == "demand":
        objects = _group(doc, right) if _adjacent(doc, end, right) else []
        if not objects or not _demands_an_end(doc, objects[-1].end, right_limit, lexicon):
            return None
        sources = _subject_of_stance(ctx, start, left, trigger, lexicon)
        targets: Targets = [(m.entity, None) for m in objects]
        return _stances(ctx, trigger, sources, targets, _about(doc, end, right_limit))
    # "thanked India for sending vaccines ... and praised Modi": not the gerund's subject
    finite = [
        k for k in earlier
        if _prepositional_gerund(doc, ctx.sent.start, start)
        or not _prepositional_gerund(doc, ctx.sent.start, k)
    ]  # fmt: skip
    if _coordinated_stance(doc, ctx.sent.start, start) and finite:
        sources = [Mention(start, start, e) for e in earlier[max(finite)]]
        if _back_to_main_clause(doc, ctx, start, max(finite), lexicon):
            sources = [ctx.speaker] if ctx.speaker is not None else sources
        targets = _stance_targets(ctx, end, right_limit, right, lexicon, trigger.relation)
    elif trigger.form == "passive":
        by = [m for m in right if _after_by(doc, m, trigger.words[-1])]
        agents = [m for m in right if m.start >= by[0].start] if by else []
        # "The Panmunjom Declaration was welcomed by ...": a thing, named right before
        head = start - 1
        while head > ctx.sent.start and doc[head].lower_ in ("was", "were", "has", "been", "is"):
            head -= 1
        aside = _aside_before(doc, ctx.sent.start, head)
        if aside is not None and doc[aside - 1].lower_ in lexicon.things:
            # "The text, presented by Ukraine's foreign minister, was co-sponsored by ...":
            # the thing before the aside, not the person inside it
            head = aside - 1
            left = [m for m in left if m.end <= head]
        thing = doc[head].lower_ in lexicon.things and not (left and left[-1].end > head)
        if not left and not thing and trigger.words[0].endswith("ing") and ctx.speaker is not None:
            # "X said the treaty must be revised, drawing a sharp rebuttal from Y": X's words
            left = [ctx.speaker]
        if not agents or not (left or thing):
            return None  # "was welcomed by Japan, China and Russia": all three
        sources = _group(doc, agents)
        if thing:
            targets = [(None, _thing(ctx, doc, ctx.sent.start, head, lexicon))]
        else:
            targets = [(left[-1].entity, None)]
    else:
        if _coordinated(doc, ctx.sent.start, start):
            # "condemned Iran ... and accused Hezbollah": Iran is the first verb's object
            left = [m for m in left if not _object_of_a_verb(doc, m)]
        sources = _subject_of_stance(ctx, start, left, trigger, lexicon)
        if not sources:
            return None
        targets = _stance_targets(ctx, end, right_limit, right, lexicon, trigger.relation)
        antecedent = _relative_object(doc, ctx, start, sources) if not targets else None
        if antecedent is not None:  # "Gulen, whom Ankara blames for the coup"
            targets = [(antecedent.entity, None)]
    earlier[start] = [m.entity for m in sources if m.entity is not None]
    return _stances(ctx, trigger, sources, targets, _about(doc, end, right_limit))


def _aside_before(doc: Doc, sent_start: int, comma: int) -> int | None:
    """Where an aside that ends at ``comma`` opens: the comma before ", presented by X," or
    ", which Canada drafted,"; ``None`` when ``comma`` closes no such aside."""
    if doc[comma].text != ",":
        return None
    for k in range(comma - 1, max(sent_start, comma - 16), -1):
        if doc[k].text == ",":
            opener = doc[k + 1]
            verbal = opener.lower_ in ("which", "that") or opener.lower_.endswith("ed")
            return k if verbal and opener.is_lower else None
        if doc[k].text in (";", ":") or doc[k].text in _QUOTES:
            return None
    return None


def _relative_object(
    doc: Doc, ctx: SentenceContext, start: int, sources: list[Mention]
) -> Mention | None:
    """The antecedent of a relative pronoun that is the verb's object: "Gulen, whom Ankara
    blames for the coup", "Iran, which Washington accuses of ..."."""
    subject = sources[0] if len(sources) == 1 else None
    if subject is None or subject.outer_start < 1 or subject.outer_start <= ctx.sent.start:
        return None
    pronoun = subject.outer_start - 1
    if doc[pronoun].lower_ == "the":
        pronoun -= 1
    if doc[pronoun].lower_ not in ("whom", "which"):
        return None
    gap = doc[subject.end : start]
    if len(gap) > 3 or not all(t.is_lower for t in gap):
        return None  # "which Washington, in a rare move, ...": too far to tell
    before = pronoun - 1 if doc[pronoun - 1].text == "," else pronoun
    found = [
        m for m in ctx.mentions
        if m.entity is not None and not m.in_title and m.end == before and _holder(m)
    ]  # fmt: skip
    return found[-1] if found else None


def _stances(
    ctx: SentenceContext,
    trigger: Trigger,
    sources: list[Mention],
    targets: Targets,
    about: str | None,
) -> list[FoundRelation]:
    found = []
    for source in _with_speaker(ctx, sources):
        if source.entity is None:
            continue
        actor = _as_actor(source.entity, ctx.registry)
        if _government_of(ctx.sent.doc, source) and actor.country:
            # "Kagame's government accuses Kinshasa": his state's stance, not his own words
            actor = ctx.registry.state(actor.country)
        for target, thing in targets:
            if target is None and thing is None:
                continue
            goal: Entity | FoundEvent = (
                thing if thing is not None else _as_actor(target, ctx.registry)
            )
            if goal is actor:
                continue
            own = (
                isinstance(goal, Entity) and goal.type == "State" and goal.country == actor.country
            )
            if actor.type == "Official" and own:
                continue  # "Merkel has ruled out German arms deliveries": no stance on Germany
            confidence = trigger.confidence * _certainty(source)
            found.append(
                FoundRelation(
                    trigger.relation, actor, goal, ctx.day, *_span(ctx),
                    confidence=round(confidence, 2), about=about,
                )
            )  # fmt: skip
    return found


_GOVERNMENTS = frozenset(["government", "administration", "regime", "cabinet"])


def _government_of(doc: Doc, mention: Mention) -> bool:
    """ "Kagame's government", "the Biden administration": a leader named for his state."""
    entity = mention.entity
    if entity is None or entity.type != "Official" or mention.end + 1 >= len(doc):
        return False
    after = doc[mention.end : mention.end + 2]
    if after[0].text in ("'s", "\u2019s"):
        return after[1].lower_ in _GOVERNMENTS
    return after[0].lower_ in _GOVERNMENTS and doc[mention.outer_start - 1].lower_ == "the"


def _subject_of_stance(
    ctx: SentenceContext, start: int, left: list[Mention], trigger: Trigger, lexicon: Lexicon
) -> list[Mention]:
    if ctx.speaker is not None and _speakers_second_verb(ctx, start, left, lexicon):
        return [ctx.speaker]
    return _stance_source(ctx, start, left, trigger)


def _speakers_second_verb(
    ctx: SentenceContext, start: int, left: list[Mention], lexicon: Lexicon
) -> bool:
    """ "Castro said the US embargo was an obstacle and demanded that ...": a verb joined by
    "and" after what the speaker said is the speaker's second verb, not the clause's."""
    doc, speaker = ctx.sent.doc, ctx.speaker
    if speaker is None or not _coordinated(doc, ctx.sent.start, start):
        return False
    speech = lexicon["speech"]
    verbs = [i for i in range(speaker.end, start) if doc[i].is_lower and doc[i].text in speech]
    later = [m for m in left if m.start > speaker.end]
    if verbs and doc[speaker.end].text == "," and doc[verbs[0] - 1].text == ",":
        later = [m for m in later if m.start > verbs[0]]  # "X, speaking after him, said"
    return bool(verbs) and all(m.start > verbs[0] for m in later)


def _with_speaker(ctx: SentenceContext, sources: list[Mention]) -> list[Mention]:
    """ "Tillerson said the United States backs Iraq": his own state's stance, stated by
    him, is his stance too (the sample corpus and the gold set annotate both)."""
    speaker = ctx.speaker
    if speaker is None or speaker.entity is None or speaker.entity.type != "Official":
        return sources
    country = speaker.entity.country
    # A quoted "we" is the speaker's state speaking, not the speaker as well.
    states = [
        m for m in sources
        if m.entity is not None and m.entity.type != "Official" and m.kind != "we"
    ]  # fmt: skip
    closing = _attributes_the_sentence(ctx, speaker)
    if country is None and speaker.entity.title and closing and len(states) == 1:
        # "Greece opposes ..., Foreign Minister George Katrougalos said": a bare title
        # after a state's stance is that state's office
        assert states[0].entity is not None
        country = speaker.entity.country = _as_actor(states[0].entity, ctx.registry).country
    own = any(_as_actor(m.entity, ctx.registry).country == country for m in states if m.entity)
    before = bool(states) and speaker.end <= min(m.start for m in states)
    if own and country and (before or closing):
        return [*sources, Mention(speaker.start, speaker.end, speaker.entity, resolved="pronoun")]
    return sources


def _attributes_the_sentence(ctx: SentenceContext, speaker: Mention) -> bool:
    """ "..., Secretary of State Antony Blinken said.": the speaker closes the sentence."""
    doc = ctx.sent.doc
    rest = [t for t in doc[speaker.end : ctx.sent.end] if not t.is_punct]
    return (
        1 <= len(rest) <= 3
        and rest[0].is_lower
        and doc[speaker.outer_start - 1].text
        in (
            ",",
            '"',
            "”",
        )
    )


_REMOVALS = frozenset(
    ["withdrawal", "withdrawals", "pullout", "pull-out", "departure", "removal", "resignation",
     "ouster", "expulsion", "punishment", "exit"]
)  # fmt: skip
_REMOVAL_MODIFIERS = frozenset(
    ["the", "a", "an", "immediate", "complete", "full", "swift", "total", "unconditional",
     "speedy", "prompt", "strongest", "possible", "harshest", "severe", "severest", "quick"]
)  # fmt: skip


_NOUN_MARKERS = frozenset(["to", "the", "a", "an"])


def _demand_fits(doc: Doc, end: int, limit: int, trigger: Trigger, lexicon: Lexicon) -> bool:
    """ "called for the withdrawal of", "insisted that Turkey withdraw": the phrases that
    demand only when what follows is a removal, or a verb of stopping."""
    words = trigger.words
    if words[-1] == "for" and words[0] in ("called", "calls", "calling", "call"):
        i = end
        while i < min(limit, end + 5) and doc[i].lower_ in _REMOVAL_MODIFIERS:
            i += 1
        return i < limit and doc[i].lower_ in _REMOVALS
    if words[-1] == "that" and words[0].startswith("insist"):
        for i in range(end + 1, min(limit, end + 8)):
            lower = doc[i].lower_
            if lower in ("must", "should"):
                continue
            if lower in lexicon["demanded_ends"] and doc[i - 1].lower_ not in _NOUN_MARKERS:
                return True  # "stop arming", not "bring an end to"
            if lower in _OBJECT_STOPS and lower not in ("must", "should"):
                return False
        return False
    return True


def _demands_an_end(doc: Doc, end: int, limit: int, lexicon: Lexicon) -> bool:
    """ "called on Turkey to withdraw": a demand to stop, not an appeal to do good."""
    for i in range(end, min(limit, end + 6)):
        if doc[i].lower_ == "to" and i + 1 < limit:
            following = doc[i + 1].lower_
            if following in ("immediately", "urgently", "fully", "completely") and i + 2 < limit:
                following = doc[i + 2].lower_
            if doc[i - 1].lower_ == "not":
                # "urged the United States not to take the step"; but "urged US lawmakers
                # not to abandon the accord" asks them to keep it: an appeal
                return following not in lexicon["demanded_ends"]
            return following in lexicon["demanded_ends"]
        if doc[i].lower_ == "against":  # "warned Washington against any military action"
            return True
    return False


def _stance_source(
    ctx: SentenceContext, start: int, left: list[Mention], trigger: Trigger
) -> list[Mention]:
    """Who holds the stance: a possessor right before a nominal trigger ("Iran's support
    for"), else the nearest actor before it, else the sentence's speaker."""
    doc = ctx.sent.doc
    purpose = (
        start > ctx.sent.start
        and doc[start - 1].lower_ == "to"
        and trigger.form in ("active", "nominal")
    )
    if purpose and left:  # "Xie summoned Burns to protest against the trip": Xie protests
        said = [
            i
            for i in range(ctx.sent.start, start)
            if doc[i].is_lower
            and doc[i].lower_ in ("said", "says", "told", "added", "stressed", "noted", "announced")
        ]
        # "told Putin that China was ready to work with": the clause after "that"
        that = [i for i in range(said[-1], start) if doc[i].lower_ == "that"] if said else []
        boundary = that[0] if that else said[-1] if said else -1
        subjects = [
            m for m in left
            if not _after_preposition(doc, ctx.sent.start, m) and m.start > boundary
        ]  # fmt: skip
        if subjects:
            return _group(doc, subjects)
    if trigger.words[0] == "in" and left:  # "France recalled its envoys ... in protest at"
        owner = _position_owner(doc, start, left)
        if owner is not None:  # "affirmed Egypt's firm position in support of": Egypt's
            return [owner]
        subjects = [m for m in left if not _after_preposition(doc, ctx.sent.start, m)]
        return _group(doc, subjects)
    participle = (
        start > ctx.sent.start and doc[start - 1].text == "," and trigger.words[0].endswith("ing")
    )
    if participle and left:  # "X cut ties with Qatar, accusing it of ...": X accuses
        subjects = [m for m in left if not _after_preposition(doc, ctx.sent.start, m)]
        if subjects:
            return _group(doc, subjects)
    if left:
        nearest = left[-1]
        gap = doc[nearest.end : start]
        adjacent = all(t.text in ("'s", "\u2019s") or t.is_lower for t in gap) and len(gap) <= 3
        their = any(t.lower_ in ("their", "its") for t in doc[max(nearest.end, start - 3) : start])
        if trigger.form != "nominal" or adjacent:
            return _group_back(doc, left)
        if their:  # "the United States and Europe stood united in their support for"
            return _group_back(doc, [m for m in left if not _after_preposition(doc, 0, m)])
    if trigger.form == "nominal" and start > ctx.sent.start:
        words = [t.lower_ for t in doc[max(ctx.sent.start, start - 3) : start]]
        own = {"country", "government", "kingdom", "republic", "nation"} & set(words)
        if own and ctx.speaker and ctx.speaker.entity:
            country = ctx.speaker.entity.country
            if country:
                return [Mention(start, start, ctx.registry.state(country))]
    if ctx.speaker is not None and ctx.speaker.entity is not None and ctx.speaker.end <= start:
        return [ctx.speaker]
    subjects = [m for m in left if not _after_preposition(doc, ctx.sent.start, m)]
    if subjects:  # "Sudan said it was breaking ties in solidarity with Saudi Arabia"
        return _group_back(doc, subjects)
    if ctx.speaker is not None and ctx.speaker.entity is not None:
        return [ctx.speaker]
    return []


_POSITIONS = frozenset(["position", "positions", "stance", "policy", "attitude", "line"])


def _position_owner(doc: Doc, start: int, left: list[Mention]) -> Mention | None:
    """Whose position a stance "in support of" or "in protest at" states: "Egypt's firm
    position in support of Somalia" (and with "reaffirmed" the speaker's too, when it is
    his state: see _with_speaker)."""
    k = start - 1
    if k < 1 or doc[k].lower_ not in _POSITIONS:
        return None
    k -= 1
    while k > 0 and k > start - 4 and doc[k].is_lower and doc[k].is_alpha:
        k -= 1  # "firm", "principled", "consistent"
    if doc[k].text not in ("'s", "\u2019s"):
        return None
    owners = [m for m in left if m.end == k and m.entity is not None and not m.in_title]
    return owners[-1] if owners else None


_PREPOSITIONS_BEFORE = frozenset(
    [
        "in",
        "at",
        "to",
        "with",
        "of",
        "by",
        "for",
        "from",
        "on",
        "during",
        "against",
        "into",
        "between",
        "about",
    ]
)


def _neighbour_named(ctx: SentenceContext, end: int, stop: int) -> Targets | None:
    """ "recalled their ambassadors from Qatar, accusing their Gulf neighbour of ...": the
    state the clause named as an object; ``None`` when the object is no such noun, and no
    target when the clause names no other state ("accused its neighbour")."""
    doc = ctx.sent.doc
    k = end
    if k >= stop or doc[k].lower_ not in ("its", "their", "his", "her"):
        return None
    k += 1
    while k < stop and k < end + 4 and doc[k].lower_ not in _NEIGHBOURS:
        if doc[k].is_punct:
            return None
        k += 1
    if k >= stop or doc[k].lower_ not in _NEIGHBOURS:
        return None
    if doc[k + 1 : k + 2].text == ",":
        return None  # "its ally, the Philippines": named right after
    named = [
        m for m in ctx.mentions
        if m.end <= end and m.entity is not None and m.entity.type == "State"
        and not m.in_title and _after_preposition(doc, ctx.sent.start, m)
    ]  # fmt: skip
    return [(named[-1].entity, None)] if named else []


_NEIGHBOURS = frozenset(["neighbour", "neighbor", "neighbours", "neighbors", "rival", "ally"])


def _after_preposition(doc: Doc, sent_start: int, mention: Mention) -> bool:
    """Whether the mention is the object of a preposition: "with (his counterpart) X"."""
    start = mention.outer_start
    while start > sent_start and doc[start - 1].lower_ in ("his", "her", "their", "its", "the"):
        start -= 1
    if start <= sent_start:
        return False
    before = doc[start - 1].lower_
    if before == "of" and start - 2 >= sent_start and doc[start - 2].lower_ in _BODIES_OF:
        return False  # "the leaders of France, Germany and Britain said": the states speak
    voice = start - 2 >= sent_start and doc[start - 2].lower_ in SPOKESPEOPLE
    if before in ("for", "of") and voice:
        return False  # "a spokesman for the Kremlin said": the Kremlin speaks
    return before in _PREPOSITIONS_BEFORE


_BODIES_OF = frozenset(
    ["leaders", "governments", "presidents", "ministers", "heads", "leadership", "government"]
)


def _stance_targets(
    ctx: SentenceContext,
    end: int,
    limit: int,
    right: list[Mention],
    lexicon: Lexicon,
    relation: str = "",
) -> list[tuple[Entity | None, FoundEvent | None]]:
    """What the stance is towards: actors, the actor of an action, or a thing."""
    doc = ctx.sent.doc
    by_start = {m.outer_start: m for m in right}
    determiners = lexicon["determiners"]
    actions = lexicon["actions"]
    bodies = lexicon["state_bodies"]
    i = end
    modifiers_start = end
    stop = min(limit, end + 14)
    if end < stop and doc[end].lower_ == "it" and ctx.things:
        # "Abe said he supported it", "Egypt welcomed the deal, but Abbas rejected it": the
        # thing the text (or the sentence, before) just named
        last = ctx.things[0]
        if 0 <= ctx.index - last.sentence <= 1 and doc[end + 1 : end + 2].text != "to":
            return [(None, FoundEvent(last.type, last.name, last.date, sentence=ctx.index))]
    neighbour = _neighbour_named(ctx, end, stop)
    if neighbour is not None:
        return neighbour
    while i < stop:
        token = doc[i]
        lower = token.lower_
        mention = by_start.get(i)
        where = i > end and doc[i - 1].lower_ in ("in", "at")
        if mention is not None and where and mention.entity and mention.entity.type == "Place":
            return []  # "boycotted the meeting in Abu Dhabi": where, not whom
        if mention is not None and _names_a_conference(mention):
            # "back the Syrian National Dialogue Congress": a gathering, not a body
            assert mention.entity is not None
            event = FoundEvent("Conference", mention.entity.name, ctx.published, sentence=ctx.index)
            ctx.things[:] = [event]
            return [(None, event)]
        if mention is not None:
            head = _thing_after(doc, mention.end, stop, lexicon)
            # "the Iran nuclear deal", "a UN resolution": a thing named after its party
            state = mention.entity is not None and mention.entity.type in ("State", "Organization")
            done = head is not None and doc[head].lower_ in actions  # "Israeli annexation"
            if head is not None and state and not mention.possessive and not done:
                return [(None, _thing(ctx, doc, modifiers_start, head, lexicon))]
            if mention.entity is not None and mention.entity.type == "Official":
                nxt = _next_word(doc, mention.end, limit)
                if nxt in ("administration", "government") and mention.entity.country:
                    # "the efforts of the Trump administration": his state's
                    return [(ctx.registry.state(mention.entity.country), None)]
            return _actors(doc, right, i)
        if lower in _VISITS:
            by = _actor_of_action(doc, i, stop, right, by_start, lexicon["agent_of"])
            if by:  # "the trip by US House Speaker Nancy Pelosi"
                return by
            # "Pelosi visited Taipei" ... "called the trip a provocation": who travelled,
            # before the first party of the latest meeting (who may have summoned an envoy
            # over the trip since)
            travel = ctx.acts.get("visit")
            if travel is not None and 0 < ctx.index - travel[0] <= _ACT_MEMORY:
                return [(e, None) for e in travel[1]]
            visitor = _visitor(ctx)
            if visitor is not None:  # "condemned the visit": the visitor's doing
                return [(visitor, None)]
        if lower in ("encounter", "meeting", "summit") and i == modifiers_start:
            people = _last_meeting(ctx)
            if people:  # "slammed the encounter": those who met
                return [(p, None) for p in people]
        if lower in _OUTCOMES and doc[i + 1 : i + 2].text == "of":
            # "the outcome of the Kurdish independence referendum": the referendum
            i += 2
            modifiers_start = i
            continue
        if lower in _DEED_NOUN_SET and lower not in actions:
            earlier = _earlier_act(ctx, doc, end, i)
            if earlier:  # "Russia expelled two diplomats" ... "called the expulsion unfounded"
                return [(e, None) for e in earlier]
        if lower in lexicon.things and lower not in actions:
            head = i
            while head + 1 < stop and doc[head + 1].lower_ in lexicon.things:
                head += 1
            return [(None, _thing(ctx, doc, modifiers_start, head, lexicon))]
        if lower in actions:
            actors = _actor_of_action(doc, i, stop, right, by_start, lexicon["agent_of"])
            agent_given = doc[i + 1 : i + 2].text == "by" or (
                doc[i + 1 : i + 2].text.endswith("ed") and doc[i + 2 : i + 3].text == "by"
            )  # "the blockade imposed by its neighbours": an actor, if one we cannot name
            if actors or agent_given:
                return actors
            earlier = _earlier_act(ctx, doc, end, i)
            if earlier:  # "condemned the sanctions": those the text said who imposed
                return [(e, None) for e in earlier]
            if lower == "statement" and doc[i - 1].lower_ == "joint":
                # "hailed the joint statement": the document the parties signed
                return [(None, _thing(ctx, doc, modifiers_start, i, lexicon))]
            if lower not in lexicon["acts"]:
                return actors
            # "condemned the attack on the embassy": an act with no actor named
            return [(None, _act(ctx, doc, modifiers_start, i, stop, lexicon))]
        if relation == "REJECTS" and lower in _VICTIM_NOUNS and doc[i + 1 : i + 2].text == "of":
            return []  # "regret over the death of the Russian pilot": who suffered, not who did
        if lower in bodies:
            nxt = _next_word(doc, i + 1, limit)
            if nxt in ("of", "in") and i + 2 in by_start:
                return _actors(doc, right, i + 2)
        if token.text == "," and doc[i - 1].lower_ in _COUNTERPART_WORDS and i + 1 in by_start:
            i += 1  # "with his German and Italian counterparts, X and Y": whom they are
            continue
        if lower == "and" and any(t.lower_ in _COUNTERPART_WORDS for t in doc[i + 1 : i + 4]):
            i += 1  # "his German and Italian counterparts"
            continue
        listed = token.text == "," and doc[i + 1 : i + 2].text.islower()
        if listed and i - modifiers_start < 3 and any(j in by_start for j in range(i + 2, i + 4)):
            i += 1  # "a unified, federal Iraq"
            continue
        if token.text == "," and _members_follow(doc, i, modifiers_start, by_start, lexicon):
            i += 1  # "the blockading countries, Saudi Arabia, the UAE and Egypt": the members
            continue
        if lower in _OBJECT_STOPS or (token.is_punct and token.text not in ("-",)):
            return []
        if lower in determiners:
            modifiers_start = i + 1
        i += 1
    return []


_GROUP_NOUNS = frozenset(
    ["countries", "states", "nations", "neighbours", "neighbors", "allies", "powers",
     "governments", "capitals", "members", "rivals", "monarchies"]
)  # fmt: skip


def _members_follow(
    doc: Doc, comma: int, modifiers_start: int, by_start: dict[int, Mention], lexicon: Lexicon
) -> bool:
    """ "the blockading countries, Saudi Arabia, the UAE, Bahrain and Egypt,": a plural
    group noun whose members a comma names right after it (not the sentence's speaker)."""
    if comma - modifiers_start > 3 or doc[comma - 1].lower_ not in _GROUP_NOUNS:
        return False
    first = comma + 2 if doc[comma + 1 : comma + 2].text.lower() == "the" else comma + 1
    mention = by_start.get(first)
    if mention is None or mention.entity is None or mention.entity.type != "State":
        return False
    return not (mention.end < len(doc) and doc[mention.end].lower_ in lexicon["speech"])


Targets = list[tuple[Entity | None, FoundEvent | None]]
_VICTIM_NOUNS = frozenset(
    ["death", "deaths", "plight", "fate", "suffering", "safety", "lives", "life", "welfare",
     "treatment", "situation", "condition", "conditions", "victims", "loss", "losses"]
)  # fmt: skip


def _actors(doc: Doc, right: list[Mention], start: int) -> Targets:
    return [(m.entity, None) for m in _group(doc, [m for m in right if m.outer_start >= start])]


def _actor_of_action(
    doc: Doc,
    i: int,
    stop: int,
    right: list[Mention],
    by_start: dict[int, Mention],
    agent_of: set[str],
) -> Targets:
    """Who carries out the action at ``i``: "taken by Turkey", "the steps Turkey took"."""
    if i + 1 in by_start:
        return _actors(doc, right, i + 1)  # "the measures Turkey has taken"
    if doc[i + 1 : i + 2].text in ("that", "which"):
        k = i + 3 if doc[i + 2 : i + 3].text.lower() == "the" else i + 2
        if k in by_start:  # "the strikes that the United States carried out"
            return _actors(doc, right, k)
    if doc[i].lower_ in agent_of and doc[i + 1 : i + 2].text == "of":
        k = i + 2
        while k < stop and doc[k].lower_ in ("the", "a", "an"):
            k += 1
        if k in by_start:
            return _actors(doc, right, k)  # "the presence of (the) Turkish troops"
    for j in range(i + 1, min(stop, i + 9)):
        if doc[j].lower_ == "by":
            k = j + 1
            while k < stop and doc[k].lower_ in ("the", "a", "an", "its", "his", "her"):
                k += 1
            if k in by_start:  # "any attempt by the US president"
                return _actors(doc, right, k)
        if doc[j].is_punct:
            break
    return []


_VISITS = frozenset(["visit", "visits", "trip", "tour", "stopover", "stop-over"])


# -- acts reported earlier ----------------------------------------------------------------

# Nouns that name whatever act the text reported last: "Abbas rejected the decision".
_GENERIC_ACTS = frozenset(
    ["decision", "decisions", "move", "moves", "step", "steps", "action", "actions",
     "measure", "measures", "announcement"]
)  # fmt: skip
# Acts of force, which later sentences name with other words ("the strike", "the killing").
_FORCE = frozenset(
    ["attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "bombing",
     "bombings", "raid", "raids", "killing", "killings", "assassination", "shelling",
     "bombardment", "shooting", "downing", "shooting-down", "storming", "assault",
     "assaults", "seizure"]
)  # fmt: skip
# Verbs whose object is their subject's act: "Washington imposed sanctions on Tehran".
_DOING = frozenset(
    ["imposed", "imposes", "launched", "launches", "announced", "announces", "carried",
     "carries", "conducted", "conducts", "took", "takes", "ordered", "orders", "staged",
     "stages", "unveiled", "unveils", "introduced", "introduces", "slapped", "slaps",
     "expanded", "extended", "tightened", "resumed", "made", "makes", "began", "began",
     "started", "adopted", "approved", "mounted", "stepped", "escalated"]
)  # fmt: skip
# Verbs that report a deed: their subject did what "the decision" or "the move" names.
_DEEDS = frozenset(
    ["recognised", "recognized", "recognises", "recognizes", "imposed", "imposes",
     "withdrew", "withdraws", "annexed", "annexes", "expelled", "expels", "executed",
     "decided", "decides", "severed", "severs", "suspended", "suspends", "banned", "bans",
     "blocked", "blocks", "deployed", "deploys", "relocated", "vetoed", "vetoes", "seized",
     "detained", "arrested", "downed", "attacked", "bombed", "invaded", "killed", "launched",
     "ordered", "struck", "strikes", "moved", "cut", "closed", "pulled", "shut", "revoked",
     "scrapped", "abandoned", "quit", "announced"]
)  # fmt: skip
# Verbs whose deed later sentences name by a noun: "accused Qatar" ... "the accusations".
# The noun a later sentence names a deed with: "Russia annexed Crimea" ... "the annexation".
_DEED_NOUNS = {
    "annexed": "annexation", "annexes": "annexation", "invaded": "invasion",
    "expelled": "expulsion", "expels": "expulsion", "seized": "seizure", "detained":
    "detention", "arrested": "arrest", "executed": "execution", "deployed": "deployment",
    "deploys": "deployment", "withdrew": "withdrawal", "withdraws": "withdrawal",
    "vetoed": "veto", "vetoes": "veto", "relocated": "relocation", "recognised": "recognition",
    "recognized": "recognition", "downed": "force", "attacked": "force", "bombed": "force",
    "killed": "force", "struck": "force", "suspended": "suspension", "banned": "ban",
    "blocked": "blockade", "imposed": "imposition",
}  # fmt: skip
_DEED_NOUN_SET = frozenset(_DEED_NOUNS.values()) - {"force"}
_TRAVELS = frozenset(["visited", "visits", "toured", "tours", "travelled", "traveled", "arrived"])
_SAYING = {
    "accused": "accusation", "accuses": "accusation", "accusing": "accusation",
    "alleged": "allegation", "alleges": "allegation", "claimed": "claim", "claims": "claim",
    "threatened": "threat", "threatens": "threat", "threatening": "threat",
}  # fmt: skip
_DEFINITE = frozenset(["the", "this", "that", "these", "those", "such"])
_ACT_MEMORY = 10  # sentences an act stays the one "the decision" names


def remember_acts(ctx: SentenceContext, lexicon: Lexicon) -> None:
    """Note who did the acts this sentence reports, for later sentences that name the act
    alone: "US sanctions" ... "the sanctions", "Trump recognised Jerusalem" ... "the move"."""
    doc, sent = ctx.sent.doc, ctx.sent
    if doc[sent.end - 1].text == "?":
        return
    actions = lexicon["actions"]
    holders = [
        m for m in ctx.mentions
        if m.entity is not None and not m.in_title and m.kind not in ("we", "i") and _holder(m)
    ]  # fmt: skip
    for i in range(sent.start, sent.end):
        token = doc[i]
        if not token.is_lower:
            continue
        lower = token.lower_
        if lower in actions or lower in _GENERIC_ACTS or lower in _FORCE:
            doers = _doers(ctx, i, holders, lexicon)
            if doers:
                key = _act_key(lower)
                ctx.acts[key] = ctx.acts["*"] = (ctx.index, doers)
        elif lower in _DEEDS or lower in _SAYING or _declared_unwelcome(doc, i, sent.end):
            if _hedged(doc, sent.start, i, lexicon):
                continue
            if lower not in _DEEDS and lower not in _SAYING:
                lower = "expelled"  # "declared the ambassador persona non grata"
            subject = _clause_subject(ctx, i, holders, lexicon)
            comma_ing = doc[i - 1].text == "," and lower.endswith("ing")
            if not subject and (comma_ing or doc[i - 1].lower_ == "and"):
                # "X cut ties with Qatar, accusing it of ...", "X condemned Iran ... and
                # accused Hezbollah": the sentence's subject
                first = [
                    m for m in holders
                    if not _after_preposition(doc, sent.start, m) and m.end <= i
                ]  # fmt: skip
                subject = _entities(_group(doc, first))
            if subject and lower in _SAYING:  # "the accusations" are the accuser's
                ctx.acts[_SAYING[lower]] = (ctx.index, subject)
            elif subject:
                ctx.acts["*"] = (ctx.index, subject)
                if lower in _DEED_NOUNS:  # "Russia annexed Crimea" ... "the annexation"
                    ctx.acts[_DEED_NOUNS[lower]] = (ctx.index, subject)
        elif lower in _DOCUMENTS and doc[i + 1 : i + 2].text.lower() not in _DOCUMENTS:
            # "The Assembly adopted a resolution ..." ... "the text", "voted against it"
            _remember_document(ctx, i, lexicon)
        elif lower in _TRAVELS and not _hedged(doc, sent.start, i, lexicon):
            # "Pelosi visited Taipei" ... "called the trip a provocation": the visitor's
            subject = _clause_subject(ctx, i, holders, lexicon)
            if subject:
                ctx.acts["visit"] = (ctx.index, subject)


# A text put to a vote, and the words later sentences name it with.
_DOCUMENTS = frozenset(["resolution", "motion"])
_DOCUMENT_NAMES = ("resolution", "motion", "text", "draft", "document")


def _remember_document(ctx: SentenceContext, head: int, lexicon: Lexicon) -> None:
    """Note the resolution a sentence names ("a resolution affirming Ukraine's territorial
    integrity", "a Western-drafted resolution"), for a later "the text", "the draft" or
    "voted against it"."""
    doc = ctx.sent.doc
    start = head
    while start > ctx.sent.start and start > head - 3:
        token = doc[start - 1]
        if token.is_punct or token.is_space or token.lower_ in lexicon["determiners"]:
            break
        if token.is_lower and token.lower_ not in ("draft",) and "-" not in token.text:
            break  # "adopted a resolution", not "a UN draft resolution"
        start -= 1
    name = " ".join(t.text for t in doc[start : head + 1])
    event = FoundEvent("Other", name, ctx.published, sentence=ctx.index)
    for noun in _DOCUMENT_NAMES:
        ctx.named_things[noun] = event
    if not ctx.things or ctx.things[0].sentence < ctx.index:
        ctx.things[:] = [event]


def _declared_unwelcome(doc: Doc, i: int, stop: int) -> bool:
    """ "declared Mexico's ambassador, Pablo Monroy, persona non grata": an expulsion."""
    if doc[i].lower_ not in ("declared", "declares"):
        return False
    words = [t.lower_ for t in doc[i + 1 : min(stop, i + 14)]]
    return any(words[k : k + 3] == ["persona", "non", "grata"] for k in range(len(words)))


def _act_key(word: str) -> str:
    if word in _FORCE:
        return "force"
    if word in _GENERIC_ACTS:
        return "*"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _earlier_act(ctx: SentenceContext, doc: Doc, end: int, head: int) -> list[Entity]:
    """Who did the act a definite noun names when the sentence names no one: "rejected
    the decision", "condemned the strike" (the last such act the text reported)."""
    words = doc[end:head]
    if not any(t.lower_ in _DEFINITE for t in words) or len(words) > 4:
        return []
    if any(not (t.is_lower or t.text == "-" or t.lower_ in _DEFINITE) for t in words):
        return []  # a name or a title in between is an actor the sentence names itself
    entry = ctx.acts.get(_act_key(doc[head].lower_))
    if entry is None or ctx.index - entry[0] > _ACT_MEMORY or entry[0] == ctx.index:
        return []
    return _distinct(
        ctx.registry.state(e.country) if e.type == "Official" and e.country else e for e in entry[1]
    )


def _doers(ctx: SentenceContext, i: int, holders: list[Mention], lexicon: Lexicon) -> list[Entity]:
    """Who the sentence says does the act at ``i``: "US sanctions", "Trump's decision",
    "the Turkish incursion", "the strike by Israel", "Washington imposed sanctions"."""
    doc = ctx.sent.doc
    before = [m for m in holders if m.end <= i]
    if before:
        last = before[-1]
        gap = list(doc[last.end : i])
        if len(gap) <= 3 and all(_modifier(t, lexicon) for t in gap):
            if not gap or gap[0].text in ("'s", "\u2019s", "-") or last.possessive:
                return _entities(_group_back(doc, before))
            if last.entity is not None and last.entity.type != "Official":
                return _entities(_group_back(doc, before))
    relative = i + 2 < ctx.sent.end and doc[i + 1].lower_ in ("that", "which")
    k = i + 3 if relative and doc[i + 2].lower_ == "the" else i + 2
    if relative and any(m.outer_start == k for m in holders):
        # "the strikes that the United States carried out"
        return _entities(_group(doc, [m for m in holders if m.outer_start >= k]))
    for j in range(i + 1, min(ctx.sent.end, i + 5)):
        if doc[j].is_punct:
            break
        if doc[j].lower_ == "by":
            k = j + 1
            while k < ctx.sent.end and doc[k].lower_ in ("the", "a", "an"):
                k += 1
            after = [m for m in holders if m.outer_start >= k]
            if after and after[0].outer_start == k:
                return _entities(_group(doc, after))
            break
    # "Washington imposed new sanctions", "Pyongyang carried out its sixth and most
    # powerful nuclear test": the object of a verb of doing
    for j in range(i - 1, max(ctx.sent.start, i - 8) - 1, -1):
        token = doc[j]
        if token.lower_ in _DOING and token.is_lower:
            if _hedged(doc, ctx.sent.start, j, lexicon):
                return []
            return _clause_subject(ctx, j, holders, lexicon)
        between_modifiers = token.lower_ == "and" and doc[j - 1].is_lower and doc[j + 1].is_lower
        if not token.is_lower or (token.lower_ in _OBJECT_STOPS and not between_modifiers):
            break
    return []


def _modifier(token: Token, lexicon: Lexicon) -> bool:
    """A word between an actor and its act: "US economic sanctions", "Saudi-led strikes"."""
    if token.text in ("'s", "\u2019s", "-", "led", "backed", "sponsored"):
        return True
    lower = token.lower_
    return (
        token.is_lower
        and token.is_alpha
        and not lower.endswith(("ed", "ing", "s"))
        and lower not in lexicon["determiners"]
        and lower not in _OBJECT_STOPS
        and lower not in _PREPOSITIONS
    )


def _clause_subject(
    ctx: SentenceContext, verb: int, holders: list[Mention], lexicon: Lexicon
) -> list[Entity]:
    """The actor right before a verb: "Trump (on Wednesday) recognised", not an object of a
    preposition and with no clause break in between."""
    doc = ctx.sent.doc
    before = [m for m in holders if m.end <= verb]
    if not before:
        return []
    last = before[-1]
    gap = list(doc[last.end : verb])
    if len(gap) > 5 or _after_preposition(doc, ctx.sent.start, last):
        return []
    adverb = ("also", "then", "later", "formally", "officially", "abruptly", "has", "have", "had")
    if not all(_temporal(t) or t.lower_ in adverb or t.lower_.endswith("ly") for t in gap):
        return []
    return _entities(_group_back(doc, before))


def _hedged(doc: Doc, sent_start: int, i: int, lexicon: Lexicon) -> bool:
    """ "would impose", "did not recognise", "threatened to withdraw": no deed done."""
    words = lexicon["negations"] | lexicon["plans"] | {"threatened", "threatens", "if"}
    return any(doc[k].lower_ in words for k in range(max(sent_start, i - 3), i))


def _entities(mentions: list[Mention]) -> list[Entity]:
    return _distinct(m.entity for m in mentions if m.entity is not None)


def _last_meeting(ctx: SentenceContext) -> list[Entity]:
    for event in reversed(ctx.events):
        if ctx.index - event.sentence > 6:
            break
        if event.type == "Meeting" and event.index_people():
            return event.index_people()
    return []


def _visitor(ctx: SentenceContext) -> Entity | None:
    """Who made the visit the text reported last: the first party of its latest meeting."""
    for event in reversed(ctx.events):
        if ctx.index - event.sentence > 8:
            break
        if event.type in ("Meeting", "Visit") and event.participants:
            return event.participants[0]
    return None


def _act(
    ctx: SentenceContext, doc: Doc, start: int, head: int, stop: int, lexicon: Lexicon
) -> FoundEvent:
    """An act nobody is named for, as an Event: "the attack on the embassy"."""
    end = head + 1
    if end + 1 < stop and doc[end].lower_ in ("on", "of", "against", "into", "in", "to"):
        end += 1
        while end < min(stop, head + 6) and not doc[end].is_punct:
            if doc[end].lower_ in _OBJECT_STOPS or doc[end].lower_ in ("by", "with"):
                break
            end += 1
    skip = lexicon["determiners"] | {"'s", "\u2019s"}
    name = " ".join(t.text for t in doc[max(start, head - 3) : end] if t.lower_ not in skip)
    return FoundEvent("Other", name or doc[head].text, ctx.published, sentence=ctx.index)


def _thing_after(doc: Doc, i: int, stop: int, lexicon: Lexicon) -> int | None:
    """The head of a thing named right after a state: "Iran nuclear deal", "Syrian National
    Dialogue Congress"; ``None`` when the state is not a modifier of a thing."""
    for j in range(i, min(stop, i + 5)):
        token = doc[j]
        if token.lower_ in lexicon.things:
            while j + 1 < stop and doc[j + 1].lower_ in lexicon.things:
                j += 1
            return j
        if token.text in ("'s", "\u2019s", "-") or (token.is_alpha and j < stop):
            if token.is_lower and token.lower_ not in _THING_MODIFIERS:
                return None
            continue
        return None
    return None


_THING_MODIFIERS = frozenset(
    ["nuclear", "peace", "independence", "national", "dialogue", "trade", "free", "military",
     "security", "ceasefire", "border", "constitutional", "gas", "oil", "arms", "joint", "interim"]
)  # fmt: skip


_OUTCOMES = frozenset(["outcome", "outcomes", "result", "results"])
_CONFERENCE_WORDS = frozenset(["conference", "summit", "forum", "dialogue"])


def _names_a_conference(mention: Mention) -> bool:
    """ "Syrian National Dialogue Congress in Sochi", "Munich Security Conference": named
    gatherings the mention finder takes for organisations."""
    entity = mention.entity
    if entity is None or entity.type != "Organization":
        return False
    words = {w.lower() for w in entity.name.split()}
    return bool(words & _CONFERENCE_WORDS) and "ministry" not in words


def _thing(ctx: SentenceContext, doc: Doc, start: int, head: int, lexicon: Lexicon) -> FoundEvent:
    """A thing as an Event: "the Kurdish independence referendum" is a Referendum."""
    words = doc[max(start, head - 4) : head + 1]
    skip = lexicon["determiners"] | {"'s", "\u2019s"}
    name = " ".join(t.text for t in words if t.lower_ not in skip and not t.is_space)
    kind = lexicon.things.get(doc[head].lower_, "Agreement")
    noun = doc[head].lower_
    earlier = ctx.named_things.get(noun)
    if earlier is not None and earlier.name and name.lower() == noun:
        name = earlier.name  # "the referendum", named before in full
    elif name.lower() != noun:
        ctx.named_things.setdefault(noun, FoundEvent(kind, name, ctx.published))
    event = FoundEvent(kind, name or doc[head].text, ctx.published, sentence=ctx.index)
    ctx.things[:] = [event]  # for "it" in the next sentence
    return event


def _as_actor(entity: Entity | None, registry: Registry) -> Entity:
    """A capital named for its government ("Moscow rejects") stands for its state."""
    assert entity is not None
    if entity.type == "Place" and entity.capital_of:
        return registry.state(entity.capital_of)
    return entity


def _about(doc: Doc, end: int, limit: int) -> str | None:
    """What the stance is about, as written: the object phrase up to the clause's end."""
    stop = min(limit, end + 24)
    for i in range(end, stop):
        if doc[i].text in (";", ":") or (doc[i].text == "," and i > end + 3):
            stop = i
            break
    words = doc[end:stop].text.strip(" ,;:\u201d\"'")
    return words or None


def _after_a_preposition(doc: Doc, sent_start: int, start: int) -> bool:
    """Whether a nominal trigger is the object of a preposition: "at (the) talks with"."""
    i = start - 1
    while i > sent_start and doc[i].lower_ in ("the", "a", "an", "their", "his", "her"):
        i -= 1
    return i >= sent_start and doc[i].lower_ in ("at", "during", "in", "after", "following")


def _subject_pronoun(mention: Mention, doc: Doc) -> bool:
    return mention.kind == "pronoun" and doc[mention.start].lower_ in ("he", "she")


# Verbs between what is judged and the verdict: "the award was null and void", "Trump had
# made a mistake", "the operations constituted ethnic cleansing".
_COPULAS = frozenset(
    ["is", "was", "were", "are", "be", "been", "remains", "remained", "made", "committed",
     "constituted", "constitutes", "constitute", "amounted", "amounts", "represented",
     "represents", "violated", "violates", "breached", "breaches", "flouted", "flouts",
     "lacked", "lacks", "lack", "bore", "bears", "bear", "interfered", "meddled", "interferes",
     "meddles"]
)  # fmt: skip
_THAT_CLAUSE = frozenset(["that", "likely", "clear", "evident", "obvious", "certain"])
_UNDECIDED = frozenset(["whether", "if", "unclear", "unlikely", "uncertain", "unsure", "doubtful"])


def _undecided(doc: Doc, start: int, end: int) -> bool:
    """ "it was not clear whether", "it was unlikely that": no verdict."""
    words = [t.lower_ for t in doc[start:end]]
    if _UNDECIDED & set(words):
        return True
    return any(
        w in ("not", "n't", "never") and words[k + 1 : k + 2] and words[k + 1] in _THAT_CLAUSE
        for k, w in enumerate(words)
    )


# A hostile act that a speaker says someone did is an accusation: "Russia alleged that
# Ukraine had shelled civilians", "said Azerbaijani troops had launched an offensive".
_HOSTILE_ACTS = frozenset(
    ["shelled", "bombed", "attacked", "invaded", "launched", "fired", "opened", "plotted",
     "plotting", "hacked", "staged", "orchestrated", "masterminded", "sabotaged"]
)  # fmt: skip
_VERDICT_VERBS = _HOSTILE_ACTS | frozenset(
    ["could", "cannot", "can", "violated", "violates", "breached", "breaches", "flouted",
     "flouts", "lacked", "lacks", "lack", "bore", "bears", "bear", "interfered", "meddled",
     "interferes", "meddles", "must", "has", "had", "have", "should", "needs", "need"]
)  # fmt: skip


def _judged(
    ctx: SentenceContext, start: int, end: int, trigger: Trigger, lexicon: Lexicon
) -> list[FoundRelation] | None:
    """A verdict: "called the vote illegitimate", "said the award was null and void"."""
    doc = ctx.sent.doc
    sent_start = ctx.sent.start
    if any(
        doc[i].lower_ in ("not", "never", "n't") for i in range(max(sent_start, start - 3), start)
    ):
        return []
    judging = lexicon["judging_verbs"]
    speech = lexicon["speech"]
    before = doc[start - 1] if start > sent_start else None
    if trigger.words[-1] == "with":
        return _responsibility_with(ctx, start, end, trigger, lexicon)
    blame = trigger.words[-1] in ("for", "behind")
    if blame and not _harm_follows(doc, end, ctx.sent.end, lexicon):
        return None  # "was responsible for security", "stood behind Syria"
    if trigger.words == ("behind",) and (
        before is None or before.lower_ not in _COPULAS or doc[end].lower_ not in _BEHIND_WHAT
    ):
        return None  # "was behind the attack", not "lined up behind" or "is behind Kyiv"
    gerund = before is not None and before.lower_.endswith("ing") and before.lower_ not in _COPULAS
    noun = gerund and start - 2 >= sent_start and doc[start - 2].lower_ in lexicon["determiners"]
    if gerund and not noun:  # "called the shelling an act of aggression": a noun
        return None  # "had been fighting international terrorism": an object, no verdict
    verb = object_start = copula = None
    judged_by_verb = False
    # "said the US action violated international law": the verdict is its own copula
    first = start if trigger.words[0] in _VERDICT_VERBS else start - 1
    for i in range(first, max(sent_start, start - 14) - 1, -1):
        lower = doc[i].lower_
        if doc[i].text == ";":
            break
        if lower in judging and i + 1 < start:
            verb, object_start = i, i + 1
            judged_by_verb = True
            break
        if lower in _COPULAS or i == start:  # "Turkey must withdraw": the verdict's own verb
            copula = i
            modal = [t.text for t in doc[max(sent_start, i - 2) : i]]
            if any(w in ("may", "might", "could") for w in modal):  # not "Theresa May"
                return []  # "said the sanctions may be illegal": a doubt, no verdict
            for j in range(i - 1, max(sent_start, i - 14) - 1, -1):
                if doc[j].is_lower and doc[j].text in speech:  # not "the United States"
                    verb = j
                    # "told parliament that Russia was", "said there was no doubt that"
                    # "agreed that it was highly likely Russia was": what is likely
                    that = [k for k in range(j + 1, i) if doc[k].lower_ in _THAT_CLAUSE]
                    object_start = that[-1] + 1 if that else j + 1
                    while object_start < i and doc[object_start].text in _QUOTES | {":"}:
                        object_start += 1  # 'Rouhani said: "The Americans are ..."'
                    if _undecided(doc, j + 1, i):
                        return []  # "said it was not clear whether Russia was responsible"
                    break
            break
    if verb is None and copula is not None:
        return _quoted_verdict(ctx, start, copula, trigger, lexicon)
    if verb is None or object_start is None or object_start >= start:
        return None
    negations = lexicon["negations"]
    if any(doc[k].lower_ in negations for k in range(max(sent_start, verb - 3), verb)):
        return []  # "did not call the shelling an act of aggression"
    if doc[verb].lower_ in judging and _hypothetical(
        doc, sent_start, max(sent_start, verb - 8), verb, start, lexicon
    ):
        return []  # "is likely to call the charges politically motivated"
    actors = [
        m for m in ctx.mentions
        if m.entity is not None and not m.in_title and m.kind not in ("possessive", "group")
    ]  # fmt: skip
    # "The two ministers said the US action violated ...": a group may judge
    groups = [m for m in ctx.mentions if m.kind == "group" and m.entity is not None]
    left = [
        m for m in sorted([*actors, *groups], key=lambda m: (m.start, m.end))
        if m.end <= verb and _holder(m) and not _faction(doc, m, verb)
        and not _after_preposition(doc, sent_start, m)
    ]  # fmt: skip
    speaker = ctx.speaker
    holder = _judging_subject(doc, ctx, verb, left, lexicon) if judged_by_verb else None
    if holder is not None:
        # "Lavrov said Moscow regarded the strike as illegitimate": Moscow judges (and the
        # speaker with it, when it is his state: see _with_speaker)
        left = _group_back(doc, [m for m in left if m.end <= holder.end])
    elif speaker is not None and any(m.start == speaker.start for m in left):
        # "Rouhani told the General Assembly ... and said X must be held accountable"
        left = [m for m in left if m.start <= speaker.start]
    elif left and _coordinated_stance(doc, sent_start, verb):
        # "Erdogan accused Israel of terrorism and called Netanyahu a terrorist": the
        # subject of the first verb, not its object
        left = _group(doc, left)
    inside = [m for m in actors if object_start <= m.outer_start < start and m.kind != "we"]
    sources = _stance_source(ctx, verb, left, trigger)
    limit = start - 1 if doc[start - 1].lower_ == "as" else start
    targets = _stance_targets(ctx, object_start, limit, inside, lexicon, trigger.relation)
    if trigger.relation == "REJECTS":
        # "called the deal a fatal failure of Netanyahu's policy", "a crime by Israel"
        culprits = [(m.entity, None) for m in _culprits(ctx, doc, end)]
        if culprits and doc[end].lower_ == "by":  # "the shelling ... by Azerbaijan": its doer
            targets = [t for t in targets if t[1] is None or t[1].type != "Other"]
        targets += culprits
    return _stances(ctx, trigger, sources, targets, _about(doc, object_start, start))


_FAULTS = frozenset(
    ["failure", "betrayal", "violation", "crime", "crimes", "aggression", "provocation",
     "interference", "mistake", "breach", "blunder", "act", "sign", "result", "product"]
)  # fmt: skip
_FAULT_LINKS = frozenset(["the", "a", "an", "of", "by", "on", "part"])


def _culprits(ctx: SentenceContext, doc: Doc, end: int) -> list[Mention]:
    """Whom a verdict blames by name after its noun: "a failure of Netanyahu's foreign
    policy", "a crime by the Israeli occupation", "an act of aggression by Turkey"."""
    if end >= ctx.sent.end or doc[end].lower_ not in ("of", "by", "on"):
        return []
    if doc[end - 1].lower_ not in _FAULTS and doc[end].lower_ != "by":
        return []
    if doc[end].lower_ == "on" and doc[end + 1 : end + 3].text.lower() != "the part":
        return []  # "a violation on the part of Turkey", not "an attack on Syria"
    by = doc[end].lower_ == "by"
    for m in ctx.mentions:
        if m.entity is None or m.in_title or m.outer_start < end + 1 or not _holder(m):
            continue
        between = doc[end + 1 : m.outer_start]
        if len(between) > 4 or not all(t.lower_ in _FAULT_LINKS for t in between):
            return []
        # "of Netanyahu's policy" names its author; "a violation of Syria's sovereignty"
        # names the victim, so "of" needs a possessive whose noun is a doing
        owned = m.possessive or doc[m.end : m.end + 1].text in ("'s", "\u2019s")
        after = doc[m.end : min(ctx.sent.end, m.end + 4)]
        doing = any(t.lower_ in _POLICIES for t in after)  # "'s foreign policy"
        if by or (owned and doing) or doc[end].lower_ == "on":
            return [m]
        return []
    return []


_POLICIES = frozenset(
    ["policy", "policies", "government", "administration", "leadership", "diplomacy",
     "strategy", "regime", "forces", "army", "military", "troops"]
)  # fmt: skip


_HARMS = frozenset(
    ["poisoning", "poisonings", "death", "deaths", "murder", "murders", "crash", "violence",
     "crisis", "war", "escalation", "tension", "tensions", "explosion", "explosions", "blast",
     "blasts", "bloodshed", "chaos", "hacking", "hack", "hacks", "cyberattack", "cyberattacks",
     "atrocities", "atrocity", "crimes", "crime", "destruction", "casualties", "genocide",
     "disappearance", "unrest", "instability", "terrorism", "plot", "sabotage", "tragedy",
     "incident", "interference", "meddling", "aggression", "downing", "violations", "fire",
     "deterioration", "failure", "collapse", "breakdown", "leak", "spill", "outbreak"]
)  # fmt: skip


_BEHIND_WHAT = frozenset(["the", "a", "an", "this", "these", "those", "last", "recent", "several"])


def _harm_follows(doc: Doc, end: int, limit: int, lexicon: Lexicon) -> bool:
    """Whether a harm or a hostile act heads the phrase after "responsible for" or
    "behind": "the attempted murder", "last week's chemical attack"."""
    acts = lexicon["acts"]
    for i in range(end, min(limit, end + 6)):
        lower = doc[i].lower_
        if lower in _HARMS or lower in acts:
            return True
        if doc[i].is_punct and doc[i].text not in ("'s", "\u2019s", "-"):
            return False
        if lower in _OBJECT_STOPS or lower in ("of", "for", "to"):
            return False
    return False


def _responsibility_with(
    ctx: SentenceContext, start: int, end: int, trigger: Trigger, lexicon: Lexicon
) -> list[FoundRelation] | None:
    """ "said responsibility for the deaths rested squarely with Hamas", "the blame lies
    with Washington": blame of who follows, by who said it."""
    doc, sent_start = ctx.sent.doc, ctx.sent.start
    words = [t.lower_ for t in doc[max(sent_start, start - 8) : start]]
    if not {"responsibility", "blame"} & set(words):
        return None
    if {"not", "n't", "never", "no"} & set(words) or _undecided(doc, sent_start, start):
        return []
    speech = lexicon["speech"]
    said = [
        k for k in range(sent_start, start)
        if doc[k].is_lower and doc[k].text in speech and k < start - 2
    ]  # fmt: skip
    if not said:
        return None
    actors = [
        m for m in ctx.mentions
        if m.entity is not None and not m.in_title and m.kind not in ("possessive", "we")
    ]  # fmt: skip
    left = [m for m in actors if m.end <= said[0] and _holder(m)]
    right = [m for m in actors if end <= m.outer_start < ctx.sent.end]
    if not right or right[0].outer_start > end + 2:
        return None
    sources = _stance_source(ctx, said[0], left, trigger)
    return _stances(ctx, trigger, sources, _actors(doc, right, end), None)


def _judging_subject(
    doc: Doc, ctx: SentenceContext, verb: int, left: list[Mention], lexicon: Lexicon
) -> Mention | None:
    """The subject of a judging verb inside what the speaker said: "X said Moscow
    (firmly) regarded ...", "X told reporters that the United States considers ..."."""
    speaker = ctx.speaker
    if speaker is None or not left:
        return None
    subject = left[-1]
    gap = doc[subject.end : verb]
    if subject.start <= speaker.start or len(gap) > 2:
        return None
    if not all(t.is_lower and t.lower_ not in ("and", "or", "but") for t in gap):
        return None  # "recognized Guaido ... and called the Assembly": Guaido is an object
    speech = lexicon["speech"]
    said = any(doc[k].is_lower and doc[k].text in speech for k in range(speaker.end, subject.start))
    return subject if said else None


def _quoted_verdict(
    ctx: SentenceContext, start: int, copula: int, trigger: Trigger, lexicon: Lexicon
) -> list[FoundRelation] | None:
    """ "The sanctions are illegal," X said: a quoted verdict whose speaker is named after
    the quotation; "This is a provocation," X said: the act the text reported just before."""
    doc, sent = ctx.sent.doc, ctx.sent
    speaker = ctx.speaker
    if speaker is None or speaker.entity is None or speaker.start < start:
        return None
    opening = [k for k in range(sent.start, copula) if doc[k].text in _QUOTES]
    closing = [k for k in range(start, speaker.start) if doc[k].text in _QUOTES]
    if len(opening) != 1 or not closing:
        return None
    object_start = opening[0] + 1
    pronoun = copula - object_start == 1 and doc[object_start].lower_ in ("this", "it", "that")
    referred = _referred_to(doc, speaker.end, sent.end, lexicon) if pronoun else None
    if referred is not None:
        # "This is a crime," X said of the U.S. strike: what the pronoun stands for follows
        actors = [
            m for m in ctx.mentions
            if m.entity is not None and not m.in_title
            and m.kind not in ("possessive", "group", "we") and m.outer_start >= referred
        ]  # fmt: skip
        targets: Targets = _stance_targets(
            ctx, referred, sent.end, actors, lexicon, trigger.relation
        )
    elif pronoun:
        entry = ctx.acts.get("*")
        if entry is None or ctx.index - entry[0] > 2:
            return None
        targets = [(e, None) for e in entry[1]]
    else:
        actors = [
            m for m in ctx.mentions
            if m.entity is not None and not m.in_title
            and m.kind not in ("possessive", "group", "we")
            and object_start <= m.outer_start < copula
        ]  # fmt: skip
        targets = _stance_targets(ctx, object_start, copula, actors, lexicon, trigger.relation)
    return _stances(ctx, trigger, [speaker], targets, _about(doc, object_start, start))


def _referred_to(doc: Doc, after: int, limit: int, lexicon: Lexicon) -> int | None:
    """Where what a quoted "this" or "it" stands for starts, after its speaker: "X said of
    the strike", "X said about", "X said, referring to", "X added, commenting on"."""
    speech = lexicon["speech"]
    for k in range(after, min(limit, after + 6)):
        lower, previous = doc[k].lower_, doc[k - 1].lower_
        if lower in ("of", "about") and previous in speech:
            return k + 1
        if (lower, previous) in (("to", "referring"), ("on", "commenting"), ("to", "reference")):
            return k + 1
        if doc[k].text in (".", ";"):
            return None
    return None


# -- shared -------------------------------------------------------------------------------


def _clause(doc: Doc, sent: Span, start: int, end: int, lexicon: Lexicon) -> tuple[int, int]:
    """The token range of the trigger's clause: between breaks and quotation marks."""
    breaks = lexicon["clause_breaks"]
    left = sent.start
    for i in range(start - 1, sent.start - 1, -1):
        token = doc[i]
        if token.text in _QUOTES or token.lower_ in breaks or token.text == ";":
            left = i + 1
            break
    left = _past_an_opening_participle(doc, sent.start, left, start)
    right = sent.end
    for i in range(end, sent.end):
        token = doc[i]
        if token.text in _QUOTES or token.text == ";" or token.lower_ in breaks:
            right = i
            break
    return left, right


_DASHES = frozenset(["-", "--", "\u2014", "\u2013"])


def _past_an_opening_participle(doc: Doc, sent_start: int, left: int, start: int) -> int:
    """ "Addressing the Fijian parliament, Modi praised ...": a participle phrase opening
    the sentence (after any dateline dash) names no actor of the clause that follows."""
    for i in range(left, min(start, left + 12)):
        token = doc[i]
        if token.is_space:
            continue
        opens = i == sent_start or doc[i - 1].is_space or doc[i - 1].text in _DASHES
        if opens and token.is_title and token.lower_.endswith("ing") and len(token) > 5:
            comma = next((k for k in range(i + 1, start) if doc[k].text == ","), None)
            return comma + 1 if comma is not None else left
        if opens:
            break
    return left


def _relative_subject(
    doc: Doc, sent: Span, left_limit: int, start: int, actors: list[Mention]
) -> list[Mention]:
    """ "Erdogan, who voiced support for", "Iran, which halted flights ..., also rejected":
    the subject is the relative clause's antecedent."""
    boundary = left_limit - 1
    if boundary <= sent.start or doc[boundary].lower_ not in ("who", "which"):
        return []
    inside = [m for m in actors if left_limit <= m.start and m.end <= start]
    commas = [k for k in range(left_limit, start) if doc[k].text == ","]
    if inside and not commas:
        return []  # "the deal, which Iran rejected": the subject is inside
    if commas and any(m.start > commas[-1] for m in inside):
        return []  # "X, who met Y, said Washington backed": a new subject after the clause
    return [m for m in actors if m.end in (boundary, boundary - 1)][-1:]


def _negated(doc: Doc, left: int, start: int, lexicon: Lexicon, mentions: list[Mention]) -> bool:
    negations = lexicon["negations"]
    ends = {m.end for m in mentions}
    for i in range(start - 1, max(left, start - 5) - 1, -1):
        if i + 1 in ends and i + 1 != start:
            break
        if doc[i].lower_ in ("and", "but", ",", ";"):
            break  # "said ties had never been better and praised Bolsonaro"
        if doc[i].lower_ in negations:
            return True
    return False


def _planned(doc: Doc, left: int, start: int, end: int, right: int, lexicon: Lexicon) -> bool:
    plans = lexicon["plans"]
    # "is due to visit Washington on Nov. 13 for talks with": the trip's verb decides
    reach = 14 if start > left and doc[start - 1].lower_ == "for" else 6
    past = doc[start].lower_.endswith("ed") or doc[start].lower_ in _PAST_FORMS
    for i in range(start - 1, max(left, start - reach) - 1, -1):
        if doc[i].is_lower and doc[i].text in plans:  # "may", not "Theresa May"
            if doc[i].text == "to" and doc[i + 1].text[:1].isupper():
                continue  # "Ambassador to Russia John Sullivan joined": a title's "to"
            if doc[i].text == "to" and travelled_before(doc, i):
                continue  # "had returned on Thursday to chair a dinner": done, not planned
            return True
        if doc[i].text in (",", ";") or (past and doc[i].lower_ == "and"):
            break  # "began a visit to North Korea and held talks with": done
    after = lexicon["plans_after"]
    return any(doc[i].lower_ in after for i in range(end, min(right, end + 12)))


_PAST_FORMS = frozenset(["held", "met", "had", "spoke", "sat", "paid", "took", "made", "gave"])


def coordinated(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The first mention and those coordinated with it ("Syria and Iraq", "X, Y and Z")."""
    return _group(doc, mentions)


def _group(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The first mention and those coordinated with it ("Syria and Iraq", "X, Y and Z")."""
    if not mentions:
        return []
    group = [mentions[0]]
    for mention in mentions[1:]:
        if not _coordinated_with(doc, group[-1], mention):
            break
        if _opens_a_clause(doc, group[-1], mention):
            break
        group.append(mention)
    return group


_LIST_FOLLOWERS = frozenset(
    ["in", "on", "at", "over", "for", "to", "as", "and", "or", "with", "from", "about", "by"]
)


def _opens_a_clause(doc: Doc, previous: Mention, mention: Mention) -> bool:
    """ "Russia supports Syria, and Putin met Erdogan": after ", and" a name followed by a
    verb starts a new clause, and after a comma a name followed by "said" is the source
    of the sentence; neither is a member of the list before."""
    link = [t.text for t in doc[previous.end : mention.outer_start] if t.lower_ != "the"]
    if mention.end >= len(doc) or link[:1] != [","]:
        return False
    following = doc[mention.end]
    if link == [","]:  # "attended by X and Y, Kremlin spokesman Peskov told reporters"
        return following.lower_ in _ATTRIBUTIONS
    if link[:2] != [",", "and"] and link[-2:] != [",", "and"]:
        return False  # ", and" opens the link, or closes an office: "X, the head of ..., and"
    return following.is_lower and following.is_alpha and following.lower_ not in _LIST_FOLLOWERS


_ATTRIBUTIONS = frozenset(["said", "says", "told", "tells", "added", "noted", "stressed"])


def _group_back(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The last mention and those coordinated with it, read leftwards."""
    if not mentions:
        return []
    group = [mentions[-1]]
    for mention in reversed(mentions[:-1]):
        if _coordinated_with(doc, mention, group[0]):
            group.insert(0, mention)
        else:
            break
    return group


def _coordinated_with(doc: Doc, first: Mention, second: Mention) -> bool:
    """Whether only "and", commas or an unnamed title stand between two mentions."""
    if first.start == second.start:
        return True  # one phrase for several people: "the two leaders"
    entity = second.entity
    office = second.outer_start < second.start and doc[second.outer_start].lower_ in _OFFICE_HEADS
    if entity is not None and entity.type == "Organization" and office:
        return False  # "Kim Yong Nam, president of the Presidium": his office, no guest
    words = [t for t in doc[first.end : second.outer_start] if t.text not in ("'s", "\u2019s")]
    if not words:
        return False
    if all(t.lower_ in _COORDINATION for t in words) and len(words) <= 3:
        return True
    # "Mohamed Abdel Aty of Egypt, Seleshi Bekele of Ethiopia", "and cricketer-turned-
    # politician Navjot Singh Sidhu": a state or a descriptor between coordinated names
    described = [
        t for t in words
        if t.lower_ not in _COORDINATION and t.lower_ != "of" and "-" not in t.text
        and not (t.is_title and t.i > 0 and doc[t.i - 1].lower_ == "of")
    ]  # fmt: skip
    if not described and len(words) <= 6 and any(t.lower_ in (",", "and") for t in words):
        return True
    # "Ri Sol Ju, his sister Kim Yo Jong", "Chung and spy chief Suh Hoon", "and cricketer-
    # turned-politician X" (a hyphenated descriptor is one word)
    joined = [
        t for k, t in enumerate(words) if not (t.text == "-" or (k and words[k - 1].text == "-"))
    ]
    if joined and joined[0].lower_ in (",", "and") and 2 <= len(joined) <= 4:
        rest = joined[1:]
        if rest[0].lower_ in ("his", "her", "their"):
            rest = rest[1:]
            if not rest:  # "Kishida and his (Russian counterpart) Lavrov": title in the mention
                return True
        # "Syria and condemned the US", "X, who has criticised Qatar, met Trump"
        verb = any(t.lower_.endswith("ed") or t.lower_ in _IRREGULAR_PAST for t in rest)
        # "signed by A and B, would give C": an auxiliary opens the main clause again
        verb = verb or any(t.lower_ in _OBJECT_STOPS for t in rest)
        if rest and len(rest) <= 2 and all(t.is_lower and t.is_alpha for t in rest) and not verb:
            return True
    # "Sheikh Abdullah, Minister of Foreign Affairs, and Dr. Sultan Al Jaber": an office
    # set off by commas after the first name
    if _office_between(words):
        return True
    if _relative_between(words):
        return True
    # "Ernest Moniz and the head of the Atomic Energy Organization of Iran, Ali Akbar Salehi"
    return (
        words[0].lower_ == "and"
        and words[-1].text == ","
        and len(words) <= 12
        and all(t.is_lower or t.is_punct or t.is_title or t.is_upper for t in words)  # "EU"
        and not any(t.lower_ in _OBJECT_STOPS - {",", "and"} for t in words)
    )


_IRREGULAR_PAST = _PAST_FORMS | frozenset(
    ["said", "told", "went", "flew", "left", "led", "sent", "won", "struck", "hit", "saw"]
)


def _office_between(words: list[Token]) -> bool:
    """ ", Minister of State, and": an office between commas, then "and"."""
    lowered = [t.lower_ for t in words]
    ends = [k for k in range(1, len(words) - 1) if lowered[k : k + 2] == [",", "and"]]
    if not ends or words[0].text != ",":
        return False
    office, tail = words[1 : ends[-1]], words[ends[-1] + 2 :]
    if tail and tail[0].lower_ == "then":  # "met X, the head of ..., and then Y"
        tail = tail[1:]
    if office and office[0].lower_ == "the" and len(office) > 1:  # ", the head of the ..."
        office = office[1:]
    if not office or len(office) > 16 or len(tail) > 4:
        return False
    head = office[0].lower_ in _OFFICE_HEADS  # ", director of the Office of ..., and"
    titled = all(
        t.is_title or t.lower_ in _OFFICE_LINKS or (head and _modifier_word(t))
        for t in office[1 if head else 0 :]
    )
    if head and not titled and lowered[1] == "the":
        # ", the head of the junta, and": a described office, no verb in it
        titled = all(
            (t.is_alpha or t.text == "-") and t.lower_ not in _OBJECT_STOPS
            and not (t.is_lower and t.lower_.endswith("ed") and "-" not in t.text)
            for t in office[1:]
        )  # fmt: skip
    # the next name's own title may come first: ", and State Councilor and Foreign Minister"
    return titled and all(t.is_title or t.lower_ == "and" for t in tail)


def _relative_between(words: list[Token]) -> bool:
    """ ", who chairs the Caribbean Community, and": a relative clause about the first
    name, set off by commas, then "and" and the next name."""
    lowered = [t.lower_ for t in words]
    if len(words) < 5 or len(words) > 16 or lowered[:2] not in ([",", "who"], [",", "whose"]):
        return False
    if lowered[-2:] != [",", "and"] or "," in lowered[2:-2]:
        return False
    return not any(t in (";", ":", ".", "said", "says", "told") for t in lowered[2:-2])


def _modifier_word(token: Token) -> bool:
    """ "self-proclaimed", "so-called", "-": a hyphenated modifier inside an office."""
    return (
        token.text == "-"
        or (token.is_lower and "-" in token.text)
        or token.lower_ in ("self", "proclaimed", "so", "called")
    )


_OFFICE_LINKS = frozenset(["of", "the", "for", "and"])
_OFFICE_HEADS = frozenset(
    ["president", "head", "chairman", "chairwoman", "chair", "chief", "leader", "secretary",
     "secretary-general", "director", "speaker", "governor", "commander", "spokesman",
     "spokeswoman", "spokesperson", "member", "deputy", "vice", "minister"]
)  # fmt: skip


def _next_word(doc: Doc, i: int, limit: int) -> str:
    while i < limit and doc[i].text in ("'s", "\u2019s", "-"):
        i += 1
    return doc[i].lower_ if i < limit else ""


def _certainty(mention: Mention) -> float:
    return {"name": 1.0, "surname": 1.0, "title": 0.85, "pronoun": 0.85, "unknown": 0.8}.get(
        mention.resolved, 0.9
    )


def _span(ctx: SentenceContext) -> tuple[int, int]:
    """The sentence's characters in the article text, without surrounding white space."""
    sent = ctx.sent
    text = sent.text
    lead = len(text) - len(text.lstrip())
    start = ctx.offset + sent.start_char
    return start + lead, start + len(text.rstrip())


def _distinct(entities: Iterable[Entity]) -> list[Entity]:
    seen: list[Entity] = []
    for entity in entities:
        if entity not in seen:
            seen.append(entity)
    return seen


def _unique(found: list[FoundRelation]) -> list[FoundRelation]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for relation in found:
        key = (relation.type, id(relation.source), id(relation.target))
        if relation.type == "MET_WITH":
            key = (relation.type, *sorted((id(relation.source), id(relation.target))))  # type: ignore[assignment]
        if key not in seen:
            seen.add(key)
            out.append(relation)
    return out
