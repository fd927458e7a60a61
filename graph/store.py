"""The store contract: a few write primitives and the read queries, per backend.

Backends: :mod:`graph.embedded` (SQLite log + networkx, the default) and
:mod:`graph.neo4j_store`.  Both keep every contribution with the article that
made it, so an article can be replaced or retracted exactly, and both must
answer the queries of :mod:`graph.queries` identically (``tests/test_store.py``
runs one suite against each).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from graph.activity import Activity, DayCount, build_activity
from graph.alliances import Alliances, StanceCount, build_alliances
from graph.errors import NotSupported
from graph.model import ArticleGraph, ParsedArticle
from graph.queries import (
    ActivityQuery,
    AlliancesQuery,
    ArticleDetail,
    EntityQuery,
    GraphView,
    MeetingsQuery,
    NeighbourhoodQuery,
    Page,
    PathResult,
    PathsQuery,
    StoreStats,
    TimelineQuery,
)

__all__ = ["RetractOutcome", "Store", "WriteOutcome", "WriteStatus", "article_node_id"]

WriteStatus = Literal["created", "replaced", "unchanged"]


def article_node_id(article: str) -> str:
    """Articles are addressed by their key; the ``article:`` prefix is optional."""
    return article if article.startswith("article:") else f"article:{article}"


@dataclass(frozen=True, slots=True)
class WriteOutcome:
    article: str
    status: WriteStatus
    nodes: int
    edges: int


@dataclass(frozen=True, slots=True)
class RetractOutcome:
    article: str
    edges_removed: int
    nodes_removed: int


class Store(ABC):
    """One graph of articles, entities and assertions; see the module docstring."""

    backend: ClassVar[str]

    # -- writes ----------------------------------------------------------------

    @abstractmethod
    def lookup_keys(self, keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """For (label, match key) pairs, the ids of nodes already stored under them."""

    @abstractmethod
    def write(self, graphs: Sequence[ArticleGraph]) -> list[WriteOutcome]:
        """Store each article whole, replacing its earlier version; one outcome each.

        An article whose digest is unchanged is left alone (``unchanged``).
        """

    @abstractmethod
    def retract(self, article: str) -> RetractOutcome:
        """Remove every assertion of the article and every node nothing else supports.

        Raises :class:`~graph.errors.ArticleNotFound`.
        """

    # -- reads -----------------------------------------------------------------

    @abstractmethod
    def ping(self) -> None:
        """Raise :class:`~graph.errors.StoreUnavailable` when the store cannot answer."""

    @abstractmethod
    def stats(self) -> StoreStats: ...

    @abstractmethod
    def search_entities(self, query: EntityQuery) -> Page:
        """Entities whose name, alias or spelling variant matches ``query.q``."""

    @abstractmethod
    def entity(self, entity_id: str) -> dict[str, Any]:
        """An entity with its affiliations and relationship counts by type."""

    @abstractmethod
    def meetings(self, query: MeetingsQuery) -> Page:
        """MET_WITH assertions, newest first, one item per assertion per article."""

    @abstractmethod
    def neighbourhood(self, query: NeighbourhoodQuery) -> GraphView:
        """Nodes within ``depth`` steps (any direction), at most ``limit`` of them."""

    @abstractmethod
    def paths(self, query: PathsQuery) -> list[PathResult]:
        """Up to ``k`` shortest simple paths (any direction), shortest first."""

    @abstractmethod
    def timeline(self, query: TimelineQuery) -> Page:
        """The entity's assertions, oldest first (undated last), then by relationship id.

        Each item: ``id``, ``date``, ``type``, ``direction`` (``out`` when the entity
        asserted it, ``in`` when it was the target, ``mutual`` for a meeting),
        ``other`` (a summary), ``event``, ``about``, ``evidence``,
        ``confidence``, ``derived`` and ``article`` (a summary).
        """

    @abstractmethod
    def stance_counts(
        self, query: AlliancesQuery
    ) -> tuple[list[StanceCount], dict[str, dict[str, Any]]]:
        """Assertions between states (see :mod:`graph.alliances`) counted by type and
        sides, and the summaries of the State nodes among those sides."""

    @abstractmethod
    def activity_counts(self, query: ActivityQuery) -> list[DayCount]:
        """Relationships of ``query.types`` with a date in the period, by date and type."""

    def alliances(self, query: AlliancesQuery) -> Alliances:
        counts, states = self.stance_counts(query)
        return build_alliances(counts, states)

    def activity(self, query: ActivityQuery) -> Activity:
        return build_activity(query, self.activity_counts(query))

    @abstractmethod
    def article(self, article: str) -> ArticleDetail:
        """The article and everything it asserted."""

    @abstractmethod
    def merges(self) -> list[dict[str, Any]]:
        """Each spelling that was merged into a node, with the rule and the article."""

    @abstractmethod
    def export(self) -> GraphView:
        """The whole graph, for export formats."""

    def sources(self) -> dict[str, ParsedArticle | None]:
        """The parsed article each stored article was compiled from, by article id.

        ``None`` for an article stored before sources were kept.  ``diplograph resolve
        --apply`` compiles them again under new identity rules.  Raises
        :class:`~graph.errors.NotSupported` where the backend keeps none (Neo4j).
        """
        raise NotSupported(
            f"the {self.backend} store keeps no parsed articles: re-ingest the source "
            "files to apply new identity rules"
        )

    def article_graphs(self) -> list[ArticleGraph]:
        """Every stored article graph, in the order they were stored.

        What ``diplograph export --format neo4j-admin`` bulk-loads into Neo4j.  Raises
        :class:`~graph.errors.NotSupported` where the backend keeps no article graphs.
        """
        raise NotSupported(
            f"the {self.backend} store keeps no article graphs: export from the embedded "
            "store (DIPLOGRAPH_BACKEND=networkx) into which the articles were ingested"
        )

    def close(self) -> None:  # noqa: B027 - optional for backends without resources
        """Release connections; the store is unusable afterwards."""
