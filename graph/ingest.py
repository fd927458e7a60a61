"""Ingest: parsed articles through identity resolution into a store, in batches.

Shared by the CLI and the API.  Each article is compiled on its own, so one bad
article is reported and the rest of the batch still loads; each batch is one
store transaction, so a crash loses at most the batch being written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from graph.compile import Compiler, Rules
from graph.errors import InvalidArticle, Problem
from graph.identity import AliasTable
from graph.model import ArticleGraph, ParsedArticle
from graph.store import Store, WriteOutcome

__all__ = ["IngestReport", "ReresolveReport", "ingest", "reresolve"]


@dataclass
class IngestReport:
    outcomes: list[WriteOutcome] = field(default_factory=list)
    failures: list[InvalidArticle] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def ingest(
    store: Store,
    articles: Iterable[ParsedArticle],
    aliases: AliasTable | Rules,
    *,
    batch_size: int = 250,
    report: IngestReport | None = None,
    on_written: Callable[[int], None] | None = None,
) -> IngestReport:
    """Compile and write every article; failures are collected, never raised.

    ``aliases`` is the alias table alone (with the shipped gazetteer and the default
    fuzzy threshold) or the full :class:`~graph.compile.Rules` of a configuration.
    """
    report = report or IngestReport()
    compiler = Compiler(aliases, store.lookup_keys)
    seen: dict[str, str] = {}
    batch: list[ParsedArticle] = []

    def flush() -> None:
        _compile_and_write(store, compiler, batch, report)
        if on_written:
            on_written(len(batch))
        batch.clear()

    for article in articles:
        key = article.meta.key
        if key in seen:
            problem = Problem(
                f"article id {key!r} appears twice in this batch ({seen[key]})", "article.id"
            )
            report.failures.append(InvalidArticle(article.origin, [problem]))
            continue
        seen[key] = article.origin
        batch.append(article)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report


@dataclass
class ReresolveReport(IngestReport):
    """What ``resolve --apply`` did; ``unsourced`` lists articles stored without a source."""

    unsourced: list[str] = field(default_factory=list)


def reresolve(store: Store, aliases: AliasTable | Rules) -> ReresolveReport:
    """Compile every stored article again from its kept source, under ``aliases``.

    New gazetteer entries, overrides and a changed fuzzy threshold thereby reach what
    is already stored.  The result is what one fresh ingest of all stored articles,
    in article-id order, would give: the store's match keys are not consulted, so no
    earlier decision survives the rules that made it.  All articles are written in one
    store call, so a failure leaves the graph as it was; an article that no longer
    compiles keeps its old graph and is reported.  Raises
    :class:`~graph.errors.NotSupported` on a backend that keeps no sources.
    """
    report = ReresolveReport()
    sources = store.sources()
    report.unsourced = [a for a, source in sources.items() if source is None]
    compiler = Compiler(aliases, lambda keys: {})
    articles = [source for source in sources.values() if source is not None]
    _compile_and_write(store, compiler, articles, report)
    return report


def _compile_and_write(
    store: Store, compiler: Compiler, articles: list[ParsedArticle], report: IngestReport
) -> None:
    """One store call for the articles that compile; the others are reported."""
    compiler.prefetch(articles)
    graphs: list[ArticleGraph] = []
    for article in articles:
        try:
            graphs.append(compiler.compile(article))
        except InvalidArticle as exc:
            report.failures.append(exc)
    if graphs:
        report.outcomes.extend(store.write(graphs))
