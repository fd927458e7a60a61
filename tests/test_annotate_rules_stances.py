"""Support and rejection constructions of the annotator, one focused test per rule."""

from __future__ import annotations

from datetime import date

from loaders.text import Annotator
from tests.conftest import facts


def stances(annotator: Annotator, body: str) -> set[tuple[str, str, str]]:
    """(type, source name, target name) of the SUPPORTS and REJECTS drafted from ``body``."""
    text = "Headline\n\n" + body
    document = annotator.annotate(text, origin="t.txt", published=date(2023, 5, 17)).document
    return {fact for fact in facts(document) if fact[0] in ("SUPPORTS", "REJECTS")}


def test_signed_by_two_then_the_main_clause(annotator: Annotator) -> None:
    # ", would open ..." goes back to the main clause: no third signatory
    found = stances(
        annotator,
        "The accord, signed by Kenyan President William Ruto and Tanzanian President Samia "
        "Suluhu Hassan, would give Uganda a port on the ocean.",
    )
    assert ("SUPPORTS", "William Ruto", "Samia Suluhu Hassan") in found
    assert ("SUPPORTS", "Samia Suluhu Hassan", "William Ruto") in found
    assert not any("Uganda" in f for f in found)
    # three signatories are a group's document, no pair
    found = stances(
        annotator,
        "The accord, signed by Kenyan President William Ruto, Tanzanian President Samia "
        "Suluhu Hassan and Ugandan President Yoweri Museveni, was published on Monday.",
    )
    assert not found


def test_second_verb_after_a_gerund_or_a_catenative(annotator: Annotator) -> None:
    # the gerund inside "for sending ..." has its own subject; "and praised" has the
    # sentence's
    found = stances(
        annotator,
        "Fijian Prime Minister Sitiveni Rabuka thanked Japan for sending vaccines to the "
        "islands after the cyclone and praised Fumio Kishida as a friend of the Pacific.",
    )
    assert ("SUPPORTS", "Sitiveni Rabuka", "Fumio Kishida") in found
    assert ("SUPPORTS", "Japan", "Fumio Kishida") not in found
    # "and continues to call": the first verb's subject, not its object
    found = stances(
        annotator,
        "Venezuelan President Nicolas Maduro has refused to recognise Jeanine Anez and "
        "continues to call Evo Morales the legitimate president of Bolivia.",
    )
    assert ("SUPPORTS", "Nicolas Maduro", "Evo Morales") in found
    assert ("SUPPORTS", "Jeanine Anez", "Evo Morales") not in found
    # a gerund coordinated with a gerund keeps that gerund's subject
    found = stances(
        annotator,
        "Iraqi Foreign Minister Fuad Hussein accused Turkey of backing the militants and "
        "supplying weapons to them.",
    )
    assert ("REJECTS", "Fuad Hussein", "Turkey") in found


def test_a_states_position_in_support_of(annotator: Annotator) -> None:
    # "Kenya's firm position in support of": Kenya's stance, and the speaker's with it
    found = stances(
        annotator,
        "Kenyan President William Ruto reaffirmed Kenya's firm position in support of "
        "Somalia's territorial integrity.",
    )
    assert ("SUPPORTS", "Kenya", "Somalia") in found
    assert ("SUPPORTS", "William Ruto", "Somalia") in found
    # no position named: the subject's own stance only
    found = stances(
        annotator,
        "Kenyan President William Ruto travelled to Mogadishu in support of Somalia's "
        "territorial integrity.",
    )
    assert ("SUPPORTS", "Kenya", "Somalia") not in found


def test_speaker_before_an_aside(annotator: Annotator) -> None:
    # "X, also a member of ..., said" and "X, who ..., said": X speaks, and his state's
    # stance is his too
    found = stances(
        annotator,
        "Vietnamese Foreign Minister Bui Thanh Son, also a member of the Politburo of the "
        "Communist Party of Vietnam, said Vietnam supports Laos in building its economy.",
    )
    assert ("SUPPORTS", "Vietnam", "Laos") in found
    assert ("SUPPORTS", "Bui Thanh Son", "Laos") in found
    found = stances(
        annotator,
        "Japanese Foreign Minister Yoko Kamikawa, who travelled to Manila after a stop in "
        "Hanoi, said Japan backs the Philippines.",
    )
    assert ("SUPPORTS", "Yoko Kamikawa", "Philippines") in found
    # the object of a verb before the aside is no speaker
    found = stances(
        annotator,
        "Officials who met Japanese Foreign Minister Yoko Kamikawa, a former justice "
        "minister, said Japan backs the Philippines.",
    )
    assert ("SUPPORTS", "Yoko Kamikawa", "Philippines") not in found


def test_a_leaders_government_is_his_state(annotator: Annotator) -> None:
    found = stances(
        annotator,
        "Ethiopian Prime Minister Abiy Ahmed's government accuses Asmara of arming the "
        "rebels in the north.",
    )
    assert ("REJECTS", "Ethiopia", "Eritrea") in found
    assert ("REJECTS", "Abiy Ahmed", "Eritrea") not in found
    # the leader himself speaks for himself
    found = stances(
        annotator,
        "Ethiopian Prime Minister Abiy Ahmed accused Asmara of arming the rebels in the north.",
    )
    assert ("REJECTS", "Abiy Ahmed", "Eritrea") in found


def test_prevented_from_is_no_stance(annotator: Annotator) -> None:
    found = stances(
        annotator,
        "Solomon Islands Prime Minister Jeremiah Manele said the pact would not stop "
        "Solomon Islands from working with Australia.",
    )
    assert ("SUPPORTS", "Solomon Islands", "Australia") not in found
    found = stances(
        annotator,
        "The new law bars Georgia from cooperating with Russia.",
    )
    assert ("SUPPORTS", "Georgia", "Russia") not in found
    # the stance itself stays one
    found = stances(annotator, "Solomon Islands said it would keep working with Australia.")
    assert ("SUPPORTS", "Solomon Islands", "Australia") in found


def test_co_sponsors_of_a_text(annotator: Annotator) -> None:
    # "The draft, tabled by X, was co-sponsored by A and B": the draft past the aside
    found = stances(
        annotator,
        "The draft resolution, tabled by Norwegian Foreign Minister Espen Barth Eide, was "
        "co-sponsored by Chile, Ghana and Japan.",
    )
    assert ("SUPPORTS", "Chile", "draft resolution") in found
    assert ("SUPPORTS", "Japan", "draft resolution") in found
    assert not any(f[2] == "Espen Barth Eide" for f in found)
    # an aside that is no participle keeps its own person out of it: no stance
    found = stances(
        annotator,
        "Chile, Ghana and Japan said the vote would be held on Friday.",
    )
    assert not found


def test_voted_against_the_text_adopted_before(annotator: Annotator) -> None:
    # "adopted a resolution ... voted against it": the resolution, not a new thing
    found = stances(
        annotator,
        "The UN Human Rights Council on Friday adopted a resolution on the situation in "
        "Eritrea. Cuba, Venezuela and China voted against it.",
    )
    assert ("REJECTS", "Cuba", "resolution") in found
    assert ("REJECTS", "China", "resolution") in found
    # "did not vote against it": no stance
    found = stances(
        annotator,
        "The UN Human Rights Council on Friday adopted a resolution on the situation in "
        "Eritrea. Cuba and China did not vote against it.",
    )
    assert not any(f[0] == "REJECTS" for f in found)


def test_an_officials_earlier_act_is_his_states(annotator: Annotator) -> None:
    # the act a later sentence criticises without naming anyone is the state's doing
    found = stances(
        annotator,
        "Serbian President Aleksandar Vucic on Monday suspended the border agreement. "
        "Croatian Prime Minister Andrej Plenkovic called the decision reckless.",
    )
    assert ("REJECTS", "Andrej Plenkovic", "Serbia") in found
    assert ("REJECTS", "Andrej Plenkovic", "Aleksandar Vucic") not in found
    # a criticism that names the person himself stays his
    found = stances(
        annotator,
        "Croatian Prime Minister Andrej Plenkovic criticised Serbian President Aleksandar "
        "Vucic on Monday.",
    )
    assert ("REJECTS", "Andrej Plenkovic", "Aleksandar Vucic") in found


def test_a_deed_named_again_by_its_noun(annotator: Annotator) -> None:
    # "expelled" ... "the expulsion", "declared ... persona non grata" ... "the expulsion"
    found = stances(
        annotator,
        "Lithuania on Friday declared the Belarusian consul, Igor Sidorov, persona non "
        "grata. Belarus called the expulsion baseless.",
    )
    assert ("REJECTS", "Belarus", "Lithuania") in found
    found = stances(
        annotator,
        "Armenia on Friday recognized the independence of the enclave. Turkey said the "
        "recognition was illegal.",
    )
    assert ("REJECTS", "Turkey", "Armenia") in found
    # a deed only planned has no doer yet
    found = stances(
        annotator,
        "Armenia said on Friday it may recognize the enclave. Turkey said the recognition "
        "would be illegal.",
    )
    assert ("REJECTS", "Turkey", "Armenia") not in found


def test_praised_both_leaders_is_the_judges_guests(annotator: Annotator) -> None:
    # the host's praise of "both leaders" goes to his two guests, not to himself
    # (past a later two-way meeting of the host with one of them)
    found = stances(
        annotator,
        "Qatari Emir Tamim bin Hamad Al Thani on Monday hosted Ethiopian Prime Minister Abiy "
        "Ahmed and Eritrean President Isaias Afwerki in Doha. On Sunday, Tamim held talks "
        "with Abiy at the Amiri Diwan. Tamim praised both leaders for their courage.",
    )
    assert ("SUPPORTS", "Tamim bin Hamad Al Thani", "Abiy Ahmed") in found
    assert ("SUPPORTS", "Tamim bin Hamad Al Thani", "Isaias Afwerki") in found
    # "both leaders" that is no object of praise makes no stance of the host
    found = stances(
        annotator,
        "Qatari Emir Tamim bin Hamad Al Thani on Monday hosted Ethiopian Prime Minister Abiy "
        "Ahmed and Eritrean President Isaias Afwerki in Doha. Tamim said both leaders had "
        "left early.",
    )
    assert not found


def test_hailed_both_delegations_is_their_states(annotator: Annotator) -> None:
    # the delegations the text named by their states
    found = stances(
        annotator,
        "Saudi Foreign Minister Faisal bin Farhan on Saturday welcomed the Sudanese and "
        "South Sudanese delegations, led by Omer Ismail and Deng Alor, in Jeddah. "
        "Faisal hailed both delegations for their flexibility.",
    )
    assert ("SUPPORTS", "Faisal bin Farhan", "Sudan") in found
    assert ("SUPPORTS", "Faisal bin Farhan", "South Sudan") in found
    # the meeting's states, when it names no two people
    found = stances(
        annotator,
        "Saudi Foreign Minister Faisal bin Farhan met Sudanese and South Sudanese negotiators "
        "in Jeddah. Faisal hailed both delegations.",
    )
    assert ("SUPPORTS", "Faisal bin Farhan", "Sudan") in found
    found = stances(
        annotator,
        "Saudi Foreign Minister Faisal bin Farhan met Sudanese and South Sudanese negotiators "
        "in Jeddah. Faisal said both delegations had left.",
    )
    assert not found


def test_threw_its_support_behind_and_valued(annotator: Annotator) -> None:
    found = stances(
        annotator,
        "The African Union threw its support behind the Kenyan mediation on Tuesday.",
    )
    assert ("SUPPORTS", "African Union", "Kenya") in found
    found = stances(annotator, "Modi said India valued Japan's commitment to the project.")
    assert ("SUPPORTS", "India", "Japan") in found
    # a price is no stance
    found = stances(annotator, "India valued the contract with Japan at 3 billion dollars.")
    assert not found


def test_signed_at_a_place_by_two(annotator: Annotator) -> None:
    # "was signed at <place> (on <day>) by A and B": each signatory backs the other
    found = stances(
        annotator,
        "The pact was signed at the Lancaster House on Friday by British Foreign Secretary "
        "David Lammy and Indian External Affairs Minister Subrahmanyam Jaishankar.",
    )
    assert ("SUPPORTS", "David Lammy", "Subrahmanyam Jaishankar") in found
    assert ("SUPPORTS", "Subrahmanyam Jaishankar", "David Lammy") in found
    # the agent of another verb after the place
    found = stances(
        annotator,
        "The pact signed at the Lancaster House was attacked by British Foreign Secretary "
        "David Lammy and Indian External Affairs Minister Subrahmanyam Jaishankar.",
    )
    assert not any(f[0] == "SUPPORTS" for f in found)
