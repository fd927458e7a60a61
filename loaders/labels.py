"""Label mapping: each annotation tool's label names to our entity, event and relation types.

Defaults cover the common names (PER/PERSON, GPE/COUNTRY, ORG, LOC, MEET, SUPPORT,
REJECT/OPPOSE/CONDEMN...); ``labels`` in config.yaml adds to or overrides them.
Matching ignores case and separators (``Met_With`` = ``MET-WITH`` = ``metwith``).
A label that maps to nothing is reported by name, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from graph.model import ASSERTION_TYPES, ENTITY_TYPES, EVENT_KINDS

__all__ = ["DEFAULT_LABELS", "LabelMap", "Role"]

Role = Literal["participant", "place", "date", "ignore"]

_ENTITIES = {
    "Official": "PER PERSON PERSONNE OFFICIAL POLITICIAN LEADER DIPLOMAT",
    "State": "GPE COUNTRY STATE NATION",
    "Organization": "ORG ORGANIZATION ORGANISATION NORP_ORG IGO INSTITUTION",
    "Place": "LOC LOCATION PLACE CITY FAC FACILITY",
}
_EVENTS = {
    "Meeting": "MEETING MEET_EVENT TALKS",
    "Visit": "VISIT",
    "Call": "CALL PHONE_CALL PHONECALL",
    "Conference": "CONFERENCE SUMMIT",
    "Referendum": "REFERENDUM VOTE",
    "Agreement": "AGREEMENT TREATY DEAL",
    "Other": "EVENT OTHER",
}
_RELATIONS = {
    "MET_WITH": "MET_WITH MEET MEETS MET MEETING CONSULT",
    "SUPPORTS": "SUPPORTS SUPPORT BACKS BACK ENDORSE ENDORSES PRAISE COOPERATE AID",
    "REJECTS": "REJECTS REJECT OPPOSE OPPOSES CONDEMN CONDEMNS DENOUNCE ACCUSE CRITICIZE",
}
_ROLES: dict[str, Role] = {
    "participant": "participant",
    "agent": "participant",
    "attendee": "participant",
    "host": "participant",
    "guest": "participant",
    "arg": "participant",
    "place": "place",
    "location": "place",
    "loc": "place",
    "date": "date",
    "time": "date",
    "trigger": "ignore",
}


def _norm(label: str) -> str:
    """``Met_With``, ``MET-WITH`` and ``metwith`` are one label; trailing digits are
    brat's way of repeating a role (``Participant2``)."""
    return re.sub(r"[^a-z]", "", label.lower())


def _table(spec: Mapping[str, str]) -> dict[str, str]:
    return {_norm(name): target for target, names in spec.items() for name in names.split()}


@dataclass(frozen=True)
class LabelMap:
    """Tool label -> our type, per kind of annotation."""

    entities: dict[str, str] = field(default_factory=lambda: _table(_ENTITIES))
    events: dict[str, str] = field(default_factory=lambda: _table(_EVENTS))
    relations: dict[str, str] = field(default_factory=lambda: _table(_RELATIONS))
    roles: dict[str, Role] = field(default_factory=lambda: dict(_ROLES))

    def with_overrides(self, overrides: Mapping[str, Mapping[str, str]]) -> LabelMap:
        """A copy with ``{"entities": {"Minister": "Official"}, ...}`` applied; targets checked."""
        allowed = {
            "entities": set(ENTITY_TYPES),
            "events": set(EVENT_KINDS),
            "relations": set(ASSERTION_TYPES),
            "roles": {"participant", "place", "date", "ignore"},
        }
        tables: dict[str, dict[str, str]] = {
            "entities": dict(self.entities),
            "events": dict(self.events),
            "relations": dict(self.relations),
            "roles": dict(self.roles),
        }
        for kind, mapping in overrides.items():
            if kind not in tables:
                raise ValueError(f"labels.{kind}: unknown section (known: {', '.join(tables)})")
            for label, target in mapping.items():
                if target not in allowed[kind]:
                    raise ValueError(
                        f"labels.{kind}.{label}: {target!r} is not one of "
                        f"{', '.join(sorted(allowed[kind]))}"
                    )
                tables[kind][_norm(label)] = target
        return LabelMap(
            tables["entities"],
            tables["events"],
            tables["relations"],
            tables["roles"],  # type: ignore[arg-type]
        )

    def entity(self, label: str) -> str | None:
        return self.entities.get(_norm(label))

    def event(self, label: str) -> str | None:
        return self.events.get(_norm(label))

    def relation(self, label: str) -> str | None:
        return self.relations.get(_norm(label))

    def role(self, label: str) -> Role | None:
        return self.roles.get(_norm(label))


DEFAULT_LABELS = LabelMap()
