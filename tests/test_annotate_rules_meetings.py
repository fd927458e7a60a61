"""Meeting (MET_WITH) constructions of diplomatic news, one focused test per rule.

The sentences are written for these tests; the people in them are invented, so that the
rules are shown to work from the language alone, not from the gazetteer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from loaders.text import Annotator

PUBLISHED = date(2023, 5, 20)  # a Saturday


def _document(annotator: Annotator, body: str) -> dict[str, Any]:
    text = f"Headline\n\nLIMA, May 20 (Reuters) - {body}"
    return annotator.annotate(text, origin="t.txt", published=PUBLISHED).document


def met(annotator: Annotator, body: str) -> set[frozenset[str]]:
    """The pairs (by name) the draft says met, the stated ones and each event's."""
    document = _document(annotator, body)
    names = {e["id"]: e["name"] for e in document["entities"]}
    pairs = {
        frozenset((names[r["source"]], names[r["target"]]))
        for r in document["relations"]
        if r["type"] == "MET_WITH"
    }
    for event in document["events"]:
        if event["type"] in ("Meeting", "Visit", "Call"):
            people = [names[p] for p in event.get("participants", [])]
            pairs |= {frozenset((a, b)) for a in people for b in people if a != b}
    return pairs


def people(annotator: Annotator, body: str) -> set[str]:
    document = _document(annotator, body)
    return {e["name"] for e in document["entities"] if e["type"] == "Official"}


def test_a_state_possessive_introduces_a_person(annotator: Annotator) -> None:
    """ "Ecuador's Rafael Correa": the name after a state's possessive is a person of it."""
    found = met(
        annotator,
        "Chile's Ramon Quintero, Peru's Elena Vasquez and Bolivia's Tomas Aranda "
        "met in Lima on Friday.",
    )
    assert frozenset({"Ramon Quintero", "Elena Vasquez"}) in found
    assert frozenset({"Elena Vasquez", "Tomas Aranda"}) in found
    # an office or a body after the possessive is no person
    assert not people(
        annotator, "Chile's Supreme Court and Peru's Foreign Ministry met in Lima on Friday."
    )


def test_talks_with_unnamed_diplomats_are_joined_by_the_attendees(annotator: Annotator) -> None:
    """ "held talks with Western diplomats. The meeting was attended by X and Y": the
    talks are a meeting whose other parties the next sentence names."""
    body = (
        "Foreign Minister Ivan Kostrov held talks with Western diplomats in Oslo on Friday. "
        "The closed-door meeting was attended by US envoy Mark Dallen and envoys from "
        "France and Germany."
    )
    found = met(annotator, body)
    assert frozenset({"Ivan Kostrov", "Mark Dallen"}) in found
    assert frozenset({"Ivan Kostrov", "France"}) in found
    # the diplomats alone name no one: no meeting
    alone = "Foreign Minister Ivan Kostrov held talks with Western diplomats in Oslo on Friday."
    assert not met(annotator, alone)


def test_a_last_name_that_is_a_title_word(annotator: Annotator) -> None:
    """ "special envoy Thomas West and ...": "West" ends the name, not a title."""
    body = (
        "Foreign Minister Ivan Kostrov met US special envoy Thomas West and British "
        "envoy John North in Oslo on Friday."
    )
    found = met(annotator, body)
    assert frozenset({"Ivan Kostrov", "Thomas West"}) in found
    assert frozenset({"Ivan Kostrov", "John North"}) in found
    # after a state's name the word is the body's: "the Indian Navy" is no person
    navy = (
        "Foreign Minister Ivan Kostrov met the vice chief of the Indian Navy, Vice Admiral "
        "Raj Menon, in Colombo on Friday."
    )
    assert people(annotator, navy) == {"Ivan Kostrov", "Raj Menon"}


def test_amir_after_an_office_is_a_first_name(annotator: Annotator) -> None:
    """ "Foreign Minister Amir Khan Rostami": a minister is no emir; "Amir" opens the name,
    while "the Kuwaiti Amir Sheikh Nawaf" keeps the ruler's title."""
    body = "Foreign Minister Amir Khan Rostami met Kuwaiti Amir Sheikh Badr Sabah in Doha."
    found = met(annotator, body)
    assert any("Amir Khan Rostami" in pair for pair in found)
    named = people(annotator, body)
    assert "Amir Khan Rostami" in named
    assert not any(name.startswith("Amir Sheikh") for name in named)


def test_a_second_object_after_a_place(annotator: Annotator) -> None:
    """ "met X in Riga and Y in Tallinn", "held talks with X in Moscow on Monday and with Y
    in Kiev": the subject met both, at two meetings."""
    found = met(
        annotator,
        "Foreign Minister Ivan Kostrov met Latvia's Karlis Ozols in Riga and Estonia's "
        "Mart Tamm in Tallinn on Friday.",
    )
    assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in found
    assert frozenset({"Ivan Kostrov", "Mart Tamm"}) in found
    assert frozenset({"Karlis Ozols", "Mart Tamm"}) not in found
    found = met(
        annotator,
        "Foreign Minister Ivan Kostrov held talks with Prime Minister Karlis Ozols in Riga on "
        "Thursday and with President Mart Tamm in Tallinn on Friday.",
    )
    assert frozenset({"Ivan Kostrov", "Mart Tamm"}) in found
    # after "and" a new clause with its own verb: no second object
    found = met(
        annotator,
        "Foreign Minister Ivan Kostrov met Latvia's Karlis Ozols in Riga and Estonia's "
        "Mart Tamm criticised the talks.",
    )
    assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in found
    assert frozenset({"Ivan Kostrov", "Mart Tamm"}) not in found


def test_a_relative_clause_is_about_the_whole_list(annotator: Annotator) -> None:
    """ "X and Y, who were received by Z on Monday, ...": both were received."""
    found = met(
        annotator,
        "Karlis Ozols and Mart Tamm, who were received by President Ivan Kostrov on Friday, "
        "thanked Russia for its help.",
    )
    assert frozenset({"Karlis Ozols", "Ivan Kostrov"}) in found
    assert frozenset({"Mart Tamm", "Ivan Kostrov"}) in found
    # a list closed before the clause's own antecedent is not part of it
    found = met(
        annotator,
        "Karlis Ozols criticised Latvia, while Mart Tamm, who was received by President "
        "Ivan Kostrov on Friday, thanked Russia for its help.",
    )
    assert frozenset({"Mart Tamm", "Ivan Kostrov"}) in found
    assert frozenset({"Karlis Ozols", "Ivan Kostrov"}) not in found


def test_a_state_councillor_is_an_office(annotator: Annotator) -> None:
    """ "Chinese State Councillor X": "Councillor" heads a title like "Minister"."""
    found = met(
        annotator,
        "Foreign Minister Ivan Kostrov held talks with Chinese State Councillor Li Wenbo "
        "in Beijing on Friday.",
    )
    assert frozenset({"Ivan Kostrov", "Li Wenbo"}) in found
    assert not met(annotator, "Foreign Minister Ivan Kostrov met city councillors on Friday.")


def test_due_somewhere_for_talks_is_a_plan(annotator: Annotator) -> None:
    """ "is due in Riga on Monday for talks with X": a planned meeting is no meeting."""
    for body in (
        "Foreign Minister Ivan Kostrov is due in Riga on Monday for talks with President "
        "Karlis Ozols.",
        "Foreign Minister Ivan Kostrov is expected in Riga next week for talks with "
        "President Karlis Ozols.",
    ):
        assert not met(annotator, body)
    done = (
        "Foreign Minister Ivan Kostrov was in Riga on Friday for talks with President Karlis Ozols."
    )
    assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in met(annotator, done)


def test_who_accompanied_a_participant_joins_the_meeting(annotator: Annotator) -> None:
    """ "X accompanied Kostrov at the meeting": X joins the meeting Kostrov just had."""
    meeting = "President Ivan Kostrov met President Karlis Ozols in Riga on Friday. "
    found = met(annotator, meeting + "Foreign Minister Mart Tamm accompanied Kostrov at the talks.")
    assert frozenset({"Mart Tamm", "Karlis Ozols"}) in found
    # someone not in the meeting was accompanied: no one joins it
    found = met(
        annotator,
        meeting + "Foreign Minister Mart Tamm accompanied Interior Minister Lena Berg to Tallinn.",
    )
    assert not any("Mart Tamm" in pair for pair in found)


def test_them_in_a_later_clause_is_the_group_just_named(annotator: Annotator) -> None:
    """ "X and Y visited the border, where Z briefed them": them are X and Y."""
    found = met(
        annotator,
        "President Ivan Kostrov and Foreign Minister Mart Tamm visited the border on "
        "Tuesday, where Prime Minister Karlis Ozols briefed them on the situation.",
    )
    assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in found
    assert frozenset({"Mart Tamm", "Karlis Ozols"}) in found
    # the group of the same sentence wins over an older one
    found = met(
        annotator,
        "President Karlis Ozols and Prime Minister Lena Berg arrived in Riga on Monday. "
        "President Ivan Kostrov and Foreign Minister Mart Tamm visited the border, where "
        "Prime Minister Karlis Ozols briefed them on the situation.",
    )
    assert frozenset({"Mart Tamm", "Karlis Ozols"}) in found
    assert frozenset({"Mart Tamm", "Lena Berg"}) not in found
    # in their own clause, "them" are others, not the subjects
    found = met(
        annotator,
        "President Karlis Ozols and Prime Minister Lena Berg arrived in Riga on Monday. "
        "President Ivan Kostrov and Foreign Minister Mart Tamm briefed them on the situation.",
    )
    assert frozenset({"Ivan Kostrov", "Lena Berg"}) in found


def test_called_on_someone_whose_title_holds_for(annotator: Annotator) -> None:
    """ "called on X, chairman of the Council for Reconciliation, at his residence": the
    "for" inside a name is no appeal "for" something; a visit."""
    found = met(
        annotator,
        "Prime Minister Ivan Kostrov called on Karlis Ozols, chairman of the High Council "
        "for National Reconciliation, at his residence on Friday.",
    )
    assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in found
    for body in (
        "Prime Minister Ivan Kostrov called on Karlis Ozols, Minister for Foreign Affairs, "
        "to release the prisoners.",
        "Prime Minister Ivan Kostrov called on Karlis Ozols for restraint.",
    ):
        assert not met(annotator, body)


def test_summoned_or_welcomed_by_someone(annotator: Annotator) -> None:
    """ "X was summoned by Y", "X was accorded an official welcome by Y": met Y."""
    for body in (
        "Ambassador Ivan Kostrov was summoned by Foreign Minister Karlis Ozols and notified "
        "of the decision.",
        "President Karlis Ozols was accorded an official welcome by Prime Minister Ivan "
        "Kostrov on Friday.",
    ):
        assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in met(annotator, body)
    # a summons still to come is no meeting
    body = "Ambassador Ivan Kostrov is to be summoned by Foreign Minister Karlis Ozols."
    assert not met(annotator, body)


def test_met_someone_described_and_then_another(annotator: Annotator) -> None:
    """ "met X, the head of the junta, and then Y": two meetings of the subject."""
    found = met(
        annotator,
        "President Ivan Kostrov met General Karlis Ozols, the head of the self-proclaimed "
        "National Council, and then Mart Tamm, according to photographs.",
    )
    assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in found
    assert frozenset({"Ivan Kostrov", "Mart Tamm"}) in found
    assert frozenset({"Karlis Ozols", "Mart Tamm"}) not in found  # met one after the other
    # a name after the office that opens a clause of its own is no one met
    found = met(
        annotator,
        "President Ivan Kostrov met General Karlis Ozols, the head of the council, and "
        "Mart Tamm criticised the meeting.",
    )
    assert found == {frozenset({"Ivan Kostrov", "Karlis Ozols"})}


def test_a_relative_clause_inside_a_list_of_attendees(annotator: Annotator) -> None:
    """ "X, who chairs the bloc, and Y, adviser to Z, also took part": X and Y joined."""
    talks = "President Ivan Kostrov and President Karlis Ozols held talks in Riga on Friday. "
    found = met(
        annotator,
        talks + "Prime Minister Lena Berg, who chairs the Baltic Council (BC), and Mart Tamm, "
        "adviser to President Juris Kalns, also took part in the talks.",
    )
    assert frozenset({"Lena Berg", "Karlis Ozols"}) in found
    assert frozenset({"Mart Tamm", "Karlis Ozols"}) in found
    # a clause of its own between them: only the one who took part
    found = met(
        annotator,
        talks + "Prime Minister Lena Berg, who chairs the bloc, said the talks went well, "
        "and Mart Tamm also took part in the talks.",
    )
    assert frozenset({"Mart Tamm", "Karlis Ozols"}) in found
    assert frozenset({"Lena Berg", "Karlis Ozols"}) not in found


def test_the_meeting_was_hosted_by_someone(annotator: Annotator) -> None:
    """ "the meeting, which was hosted by X": with no guest named before, X joins the
    meeting; a round still to be hosted is none."""
    talks = "President Ivan Kostrov and President Karlis Ozols held talks at the airport. "
    for second in (
        "The meeting was hosted by Prime Minister Mart Tamm.",
        "The two shook hands at the start of the meeting, which was hosted by Prime "
        "Minister Mart Tamm.",
    ):
        assert frozenset({"Karlis Ozols", "Mart Tamm"}) in met(annotator, talks + second)
    found = met(annotator, talks + "The next round will be hosted by Prime Minister Mart Tamm.")
    assert not any("Mart Tamm" in pair for pair in found)


def test_the_host_is_who_chaired_or_hosted(annotator: Annotator) -> None:
    """ "The summit was chaired by X. ... Y held talks with the host": the host is X."""
    found = met(
        annotator,
        "The summit was chaired by President Karlis Ozols. On its sidelines, Prime Minister "
        "Ivan Kostrov held talks with the host, who thanked him for his support.",
    )
    assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in found
    found = met(
        annotator,
        "President Karlis Ozols hosted the summit on Friday. Prime Minister Ivan Kostrov "
        "held talks with his host on the sidelines.",
    )
    assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in found
    # "the host country" is no person; nor is "the host" when no one hosted
    found = met(
        annotator,
        "President Karlis Ozols hosted the summit on Friday. Prime Minister Ivan Kostrov "
        "held talks with the host country's officials.",
    )
    assert not any("Ivan Kostrov" in pair for pair in found)
    assert not met(annotator, "Prime Minister Ivan Kostrov held talks with the host on Friday.")


def test_the_host_named_in_an_aside_joins_the_meeting(annotator: Annotator) -> None:
    """ "X and Y embraced after the host, Z, asked them to make peace": Z was there."""
    found = met(
        annotator,
        "President Ivan Kostrov and President Karlis Ozols embraced in front of the other "
        "leaders after the host, Prime Minister Mart Tamm, asked them to make peace.",
    )
    assert frozenset({"Ivan Kostrov", "Mart Tamm"}) in found
    assert frozenset({"Karlis Ozols", "Mart Tamm"}) in found
    # no meeting in the sentence: the host meets no one
    found = met(
        annotator,
        "President Ivan Kostrov and President Karlis Ozols criticised the host, Prime "
        "Minister Mart Tamm, on Friday.",
    )
    assert not found


def test_a_meeting_of_another_day_attended_by(annotator: Annotator) -> None:
    """ "at a meeting ... on Tuesday chaired by X and attended by Y": a gathering of its
    own, not the earlier meeting the text reported."""
    found = met(
        annotator,
        "President Ivan Kostrov met King Karlis Ozols in Riga. Efforts were made most "
        "recently at a meeting of Nordic Council foreign ministers in Riga on Tuesday chaired "
        "by Latvian Foreign Minister Mart Tamm and attended by his Estonian counterpart, "
        "Lena Berg.",
    )
    assert frozenset({"Mart Tamm", "Lena Berg"}) in found
    assert frozenset({"Ivan Kostrov", "Mart Tamm"}) not in found
    # the meeting just reported, attended by one more
    found = met(
        annotator,
        "President Ivan Kostrov met King Karlis Ozols in Riga on Tuesday. Foreign Minister "
        "Mart Tamm attended the meeting.",
    )
    assert frozenset({"Ivan Kostrov", "Mart Tamm"}) in found


def test_the_host_of_a_named_forum_joins_no_meeting(annotator: Annotator) -> None:
    """ "in China for the Silk Road Forum hosted by X": X hosts the forum, not the
    meeting just reported; "The talks were hosted by X" is that meeting's host."""
    meeting = "Prime Minister Ivan Kostrov met President Karlis Ozols in Beijing on Tuesday. "
    found = met(
        annotator,
        meeting + "The two men, in China for the Silk Road Forum hosted by President Mart "
        "Tamm, discussed gas supplies.",
    )
    assert found == {frozenset({"Ivan Kostrov", "Karlis Ozols"})}
    found = met(annotator, meeting + "The talks were hosted by President Mart Tamm.")
    assert frozenset({"Karlis Ozols", "Mart Tamm"}) in found


def test_a_consultation_held(annotator: Annotator) -> None:
    """ "The two leaders held their annual consultation": a meeting, like "consultations";
    "a public consultation on the reform" names no one met."""
    found = met(
        annotator,
        "Prime Minister Ivan Kostrov and President Karlis Ozols arrived in Riga. The two "
        "leaders held their annual consultation on Thursday.",
    )
    assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in found
    body = "Prime Minister Ivan Kostrov held a public consultation on the reform on Thursday."
    assert not met(annotator, body)


def test_witnessed_the_signing_together(annotator: Annotator) -> None:
    """ "X and Y witnessed the exchange of two treaties": together at the ceremony."""
    for body in (
        "Prime Minister Ivan Kostrov and President Karlis Ozols on Thursday witnessed the "
        "exchange of two treaties.",
        "Prime Minister Ivan Kostrov and President Karlis Ozols witnessed the signing of five "
        "agreements in Riga.",
    ):
        assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in met(annotator, body)
    body = (
        "Prime Minister Ivan Kostrov and President Karlis Ozols will witness the signing of "
        "five agreements in Riga."
    )
    assert not met(annotator, body)


def test_raised_with_someone_during_their_meeting(annotator: Annotator) -> None:
    """ "X raised the case with Y during their meeting": their = X and Y."""
    for body in (
        "Ivan Kostrov had raised the case with Prime Minister Karlis Ozols during their "
        "meeting on the sidelines of the summit in Riga on Sep 10.",
        "President Ivan Kostrov told Prime Minister Karlis Ozols during their talks on Friday "
        "that the border would stay open.",
    ):
        assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in met(annotator, body)
    body = (
        "President Ivan Kostrov will raise the case with Prime Minister Karlis Ozols during "
        "their meeting on Friday."
    )
    assert not met(annotator, body)


def test_a_title_with_an_acronym_before_the_name(annotator: Annotator) -> None:
    """ "met X and the EU envoy for the dialogue, Y,": the title with an acronym still
    introduces the second person met."""
    found = met(
        annotator,
        "President Ivan Kostrov met Mart Tamm and the EU envoy for the dialogue, Lena Berg, "
        "on Friday.",
    )
    assert frozenset({"Ivan Kostrov", "Lena Berg"}) in found
    # a clause after "and", not a title: Berg is no one met
    found = met(
        annotator,
        "President Ivan Kostrov met Mart Tamm and the EU said on Friday that Lena Berg would "
        "not attend.",
    )
    assert frozenset({"Ivan Kostrov", "Lena Berg"}) not in found


def test_led_the_delegation_together_with(annotator: Annotator) -> None:
    """ "X, who led the delegation together with Y, said": Y heads the side too."""
    talks = (
        "President Ivan Kostrov opened the talks on Sunday with Foreign Minister Karlis Ozols "
        "and Foreign Minister Lena Berg. "
    )
    found = met(
        annotator,
        talks + "Ozols, who led the Latvian delegation together with Irrigation Minister Mart "
        "Tamm, said the talks had failed.",
    )
    assert frozenset({"Ivan Kostrov", "Mart Tamm"}) in found
    # "together with" of another verb: no one joins
    found = met(
        annotator,
        talks + "Ozols, who led the Latvian delegation, said the talks had failed together with "
        "Irrigation Minister Mart Tamm.",
    )
    assert not any("Mart Tamm" in pair for pair in found)


def test_who_read_the_final_communique_was_at_the_summit(annotator: Annotator) -> None:
    """ "the final communique, read by X": X was at the gathering it closed (the largest
    recent one, not a side meeting reported after it)."""
    summit = (
        "President Ivan Kostrov hosted his counterparts Karlis Ozols and Lena Berg at a "
        "mini-summit on Wednesday. Before the session, Kostrov received Ozols separately. "
    )
    found = met(
        annotator,
        summit + "According to the final communique, read by Foreign Minister Mart Tamm, the "
        "parties agreed on a ceasefire.",
    )
    assert frozenset({"Lena Berg", "Mart Tamm"}) in found
    found = met(annotator, summit + "The communique was read out by Foreign Minister Mart Tamm.")
    assert frozenset({"Lena Berg", "Mart Tamm"}) in found
    # a statement read by a spokesman closes no meeting
    found = met(
        annotator,
        summit + "In a statement read by spokesman Mart Tamm, the ministry condemned the attack.",
    )
    assert not any("Mart Tamm" in pair for pair in found)


def test_the_subject_before_a_relative_clause(annotator: Annotator) -> None:
    """ "X, who flew in after the G20 summit, held talks with Y": X held the talks, not
    the organisation or person the clause names."""
    for body in (
        "Prime Minister Ivan Kostrov, who flew in from Sydney after the G20 summit in "
        "Brisbane, held talks with his counterpart Karlis Ozols on Friday.",
        "Prime Minister Ivan Kostrov, who flew in after meeting President Mart Tamm, held "
        "talks with his counterpart Karlis Ozols on Friday.",
    ):
        found = met(annotator, body)
        assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in found
        assert not any("Karlis Ozols" in pair and "Ivan Kostrov" not in pair for pair in found)


def test_a_group_held_talks_somewhere_with_someone(annotator: Annotator) -> None:
    """ "Latvian and Estonian envoys held talks in Riga on Sunday with X": X too."""
    found = met(
        annotator,
        "Latvian and Estonian envoys held talks in Riga on Sunday with Karlis Ozols, who heads "
        "the movement's council.",
    )
    assert frozenset({"Latvia", "Karlis Ozols"}) in found
    assert frozenset({"Estonia", "Karlis Ozols"}) in found
    found = met(
        annotator,
        "Latvian and Estonian envoys held talks in Riga on Sunday with the backing of Karlis "
        "Ozols.",
    )
    assert not any("Karlis Ozols" in pair for pair in found)


def test_met_the_delegation_is_met_its_head(annotator: Annotator) -> None:
    """ "a delegation led by X ... Y, who met the delegation on Monday": Y met X."""
    led = "A Latvian delegation led by Foreign Minister Ivan Kostrov "
    found = met(
        annotator,
        led + "held talks with Western diplomats in Oslo on Monday. Foreign Minister Karlis "
        "Ozols, who met the delegation on Monday evening, said the talks were useful.",
    )
    assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in found
    # criticising the delegation is no meeting; nor is a delegation no one was said to lead
    found = met(
        annotator,
        led + "arrived in Oslo on Monday. Foreign Minister Karlis Ozols criticised the "
        "delegation on Tuesday.",
    )
    assert not found
    assert not met(annotator, "Foreign Minister Karlis Ozols met the delegation on Monday.")


def test_flew_somewhere_to_see_someone(annotator: Annotator) -> None:
    """ "X flew from talks with Y in Moscow to see Z in Tbilisi": X met Z too."""
    for body in (
        "President Karlis Ozols flew from talks with Ivan Kostrov in Moscow to see Mart Tamm "
        "in Tbilisi the same day.",
        "A plan was brokered on Friday by President Karlis Ozols, who flew from talks with "
        "Ivan Kostrov in Moscow to see Mart Tamm in Tbilisi the same day.",
        "President Karlis Ozols travelled to Tbilisi to meet Mart Tamm on Friday.",
    ):
        found = met(annotator, body)
        assert frozenset({"Karlis Ozols", "Mart Tamm"}) in found
        assert frozenset({"Ivan Kostrov", "Mart Tamm"}) not in found
    for body in (
        "President Karlis Ozols will travel to Tbilisi to meet Mart Tamm on Friday.",
        "President Karlis Ozols is expected to fly to Tbilisi to see Mart Tamm on Friday.",
    ):
        assert not met(annotator, body)


def test_who_told_the_session_or_his_counterparts_was_there(annotator: Annotator) -> None:
    """ "X told his counterparts", "X told the session": X was at the meeting just
    reported; "told a news conference" says nothing of it."""
    session = (
        "The emergency session of the league was chaired by Foreign Minister Mart Tamm and "
        "attended by Secretary-General Lena Berg. "
    )
    for told in ("told his counterparts", "told the session"):
        body = session + f"Foreign Minister Ivan Kostrov {told} that the kingdom would act."
        assert frozenset({"Ivan Kostrov", "Mart Tamm"}) in met(annotator, body)
    body = session + "Later, Foreign Minister Ivan Kostrov told a news conference that it failed."
    assert not any("Ivan Kostrov" in pair for pair in met(annotator, body))


def test_the_pontiff_is_the_pope_named_before(annotator: Annotator) -> None:
    """ "welcomed Pope Leo ... The pontiff then met X": the pontiff is Pope Leo (an
    office of its own, "Pope", with "pontiff" for a phrase)."""
    found = met(
        annotator,
        "President Karlis Ozols welcomed Pope Leo at the palace on Saturday. The pontiff "
        "then met separately with Prime Minister Ivan Kostrov.",
    )
    assert frozenset({"Ivan Kostrov", "Pope Leo"}) in found
    # a patriarch is no pontiff
    found = met(
        annotator,
        "President Karlis Ozols welcomed Patriarch Leo at the palace on Saturday. The pontiff "
        "then met separately with Prime Minister Ivan Kostrov.",
    )
    assert frozenset({"Ivan Kostrov", "Patriarch Leo"}) not in found


def test_two_sentences_name_who_was_at_one_summit(annotator: Annotator) -> None:
    """ "The summit was chaired by X. ... Y, who attended the summit, ...": a gathering
    no meeting verb reported, whose people two nearby sentences name."""
    chaired = "The emergency summit in Riga was chaired by President Karlis Ozols. "
    attended = (
        "President Ivan Kostrov, whose country is not a member but who attended the summit, "
        "flew to Tallinn later on Sunday."
    )
    found = met(annotator, chaired + "Leaders demanded the release of the president. " + attended)
    assert frozenset({"Ivan Kostrov", "Karlis Ozols"}) in found
    # too far apart to be told one gathering
    far = "Leaders demanded a release. They threatened sanctions. The bloc met. Many were upset. "
    assert not met(annotator, chaired + far + attended)
