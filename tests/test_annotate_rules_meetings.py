"""Meeting (MET_WITH) constructions of diplomatic news, one focused test per rule.

The sentences are written for these tests; the people in them are invented, so that the
rules are shown to work from the language alone, not from the gazetteer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from loaders.text import Annotator

PUBLISHED = date(2023, 5, 20)  # a Saturday


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator.default()


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
