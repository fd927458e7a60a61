"""Domain exceptions, caught by meaning: the API maps each class to one HTTP status."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ArticleNotFound",
    "DiplographError",
    "EntityNotFound",
    "InvalidArticle",
    "InvalidIdentityFile",
    "InvalidQuery",
    "NoPath",
    "NotSupported",
    "Problem",
    "StoreUnavailable",
]


class DiplographError(Exception):
    """Base class of every error diplograph raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the format allows."""

    message: str
    path: str = ""  # where in the document, e.g. "relations[3].target"
    line: int | None = None  # 1-based line in the file, when known

    def describe(self, origin: str = "") -> str:
        where = origin
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        parts = [p for p in (where, self.path) if p]
        return ": ".join([*parts, self.message])


class InvalidArticle(DiplographError):
    """An input file (or one article in it) cannot be ingested; nothing of it was stored."""

    def __init__(self, origin: str, problems: list[Problem]) -> None:
        self.origin = origin
        self.problems = problems
        super().__init__("\n".join(p.describe(origin) for p in problems))


class EntityNotFound(DiplographError, LookupError):
    def __init__(self, entity_id: str) -> None:
        self.entity_id = entity_id
        super().__init__(f"no entity with id {entity_id!r}")


class ArticleNotFound(DiplographError, LookupError):
    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        super().__init__(f"no article with id {article_id!r}")


class NoPath(DiplographError):
    def __init__(self, source: str, target: str, max_length: int) -> None:
        super().__init__(f"no path from {source!r} to {target!r} within {max_length} steps")


class InvalidQuery(DiplographError, ValueError):
    """A query parameter is out of range or malformed; ``param`` names it."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        super().__init__(f"{param}: {message}")


class StoreUnavailable(DiplographError):
    """The store cannot be reached (Neo4j down, wrong password, file locked)."""


class InvalidIdentityFile(DiplographError, ValueError):
    """A gazetteer, alias or override file cannot be used; the message names the entry."""

    def __init__(self, origin: str, message: str) -> None:
        self.origin = origin
        super().__init__(f"{origin}: {message}")


class NotSupported(DiplographError):
    """This backend cannot do what was asked; the message says what to do instead."""
