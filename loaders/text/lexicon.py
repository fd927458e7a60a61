"""The annotator's lexicons: trigger phrases, word lists, places and agencies.

Shipped as YAML in ``data/``; a user's files (config ``annotate.lexicon_files``) have
the same keys and add to them.  Each file is validated by pydantic, and a bad one is an
:class:`~graph.errors.InvalidIdentityFile` naming the file and the entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph.errors import InvalidIdentityFile

__all__ = ["Lexicon", "Trigger"]

_DATA = resources.files("loaders.text") / "data"
SHIPPED_FILES = ("triggers.yaml", "vocabulary.yaml", "places.yaml")
Form = Literal["active", "passive", "mutual", "nominal", "between", "attended", "judged", "demand"]
RelationType = Literal["MET_WITH", "SUPPORTS", "REJECTS"]
EventType = Literal["Meeting", "Visit", "Call"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _TriggerModel(_Model):
    relation: RelationType
    form: Form
    event: EventType | None = None
    confidence: float = Field(0.8, gt=0, le=1)
    phrases: list[str] = Field(min_length=1)


class _PlaceModel(_Model):
    name: str = Field(min_length=1)
    country: str | None = Field(None, pattern=r"^[A-Z]{3}$")  # none: a region of states
    aliases: list[str] = []


class _WordsModel(_Model):
    roles: list[str] = []
    title_words: list[str] = []
    org_heads: list[str] = []
    place_heads: list[str] = []
    state_bodies: list[str] = []
    actions: list[str] = []
    things: dict[str, Literal["Referendum", "Agreement", "Conference", "Other"]] = {}
    speech: list[str] = []
    negations: list[str] = []
    plans: list[str] = []
    plans_after: list[str] = []
    clause_breaks: list[str] = []
    judging_verbs: list[str] = []
    agent_of: list[str] = []
    acts: list[str] = []
    demanded_ends: list[str] = []
    determiners: list[str] = []


class _FileModel(_Model):
    triggers: list[_TriggerModel] = []
    words: _WordsModel = _WordsModel()
    places: list[_PlaceModel] = []
    agencies: list[str] = []
    metonyms: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One phrase that states a relation, and where its two sides stand."""

    relation: RelationType
    form: Form
    event: EventType | None
    confidence: float
    words: tuple[str, ...]


@dataclass
class Lexicon:
    triggers: list[Trigger] = field(default_factory=list)
    words: dict[str, set[str]] = field(default_factory=dict)
    things: dict[str, str] = field(default_factory=dict)
    places: list[tuple[str, str | None, tuple[str, ...]]] = field(default_factory=list)
    agencies: set[str] = field(default_factory=set)
    metonyms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> Lexicon:
        lexicon = cls()
        for name in SHIPPED_FILES:
            lexicon.add_text(
                (_DATA / name).read_text(encoding="utf-8"), f"loaders/text/data/{name}"
            )
        for path in extra_files:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise InvalidIdentityFile(str(path), f"cannot read: {exc.strerror}") from None
            lexicon.add_text(text, str(path))
        return lexicon

    def add_text(self, text: str, origin: str) -> None:
        try:
            raw = yaml.safe_load(text) or {}
            model = _FileModel.model_validate(raw)
        except yaml.YAMLError as exc:
            raise InvalidIdentityFile(origin, f"not valid YAML: {exc}") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise InvalidIdentityFile(origin, f"{where}: {first['msg']}") from None
        for entry in model.triggers:
            for phrase in entry.phrases:
                words = tuple(phrase.lower().split())
                if words:
                    self.triggers.append(
                        Trigger(entry.relation, entry.form, entry.event, entry.confidence, words)
                    )
        for key, values in model.words.model_dump(exclude={"things"}).items():
            self.words.setdefault(key, set()).update(v.lower() for v in values)
        self.things.update({k.lower(): v for k, v in model.words.things.items()})
        self.places += [(p.name, p.country, tuple(p.aliases)) for p in model.places]
        self.agencies.update(model.agencies)
        self.metonyms.update(model.metonyms)

    def __getitem__(self, key: str) -> set[str]:
        return self.words.get(key, set())

    def phrases(self, relation: str | None = None) -> Iterable[Trigger]:
        return (t for t in self.triggers if relation is None or t.relation == relation)
