"""Ingest: parsed articles through identity resolution into a store, in batches.

Shared by the CLI and the API.  Each article is compiled on its own, so one bad
article is reported and the rest of the batch still loads; each batch is one
store transaction, so a crash loses at most the batch being written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from graph.compile import Compiler
from graph.errors import InvalidArticle, Problem
from graph.identity import AliasTable
from graph.model import ArticleGraph, ParsedArticle
from graph.store import Store, WriteOutcome

__all__ = ["IngestReport", "ingest"]


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
    aliases: AliasTable,
    *,
    batch_size: int = 250,
    report: IngestReport | None = None,
    on_written: Callable[[int], None] | None = None,
) -> IngestReport:
    """Compile and write every article; failures are collected, never raised."""
    report = report or IngestReport()
    compiler = Compiler(aliases, store.lookup_keys)
    seen: dict[str, str] = {}
    batch: list[ParsedArticle] = []

    def flush() -> None:
        compiler.prefetch(batch)
        graphs: list[ArticleGraph] = []
        for article in batch:
            try:
                graphs.append(compiler.compile(article))
            except InvalidArticle as exc:
                report.failures.append(exc)
        if graphs:
            report.outcomes.extend(store.write(graphs))
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
