"""Scoring drafts against gold annotations: ``diplograph evaluate GOLD_DIR``.

Each gold article's text is annotated afresh; gold and draft are compiled to the graph
on their own (global ids, and the MET_WITH pairs of each meeting's participants), and
compared as sets of (type, source, target) per article, MET_WITH unordered.  Two Event
targets match when their names share a content word ("Kurdish referendum" and
"Kurdistan independence referendum").  Entities match by global id.  See
``examples/gold/GUIDELINES.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tabulate import tabulate

from graph.compile import Compiler, Rules
from graph.errors import InvalidArticle, Problem
from graph.model import ASSERTION_TYPES, ArticleGraph, ParsedArticle
from loaders import load_file
from loaders.text.annotator import Annotator

__all__ = ["ArticleErrors", "Evaluation", "Score", "evaluate"]

KINDS = (*ASSERTION_TYPES, "entities")
_ENTITY_LABELS = frozenset(["Official", "State", "Organization", "Place"])
_GENERIC = frozenset(
    ["the", "a", "an", "of", "on", "in", "for", "and", "to", "meeting", "event", "new", "with"]
)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 3), "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }  # fmt: skip


@dataclass
class ArticleErrors:
    article: str
    origin: str
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    articles: list[ArticleErrors] = field(default_factory=list)
    failures: list[InvalidArticle] = field(default_factory=list)

    def table(self) -> str:
        rows = [
            [kind, s.tp, s.fp, s.fn, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
            for kind, s in self.scores.items()
        ]
        headers = ["", "tp", "fp", "fn", "precision", "recall", "F1"]
        return tabulate(rows, headers=headers, disable_numparse=True)

    def errors_document(self) -> list[dict[str, Any]]:
        return [
            {"article": a.article, "origin": a.origin, "missed": a.missed, "spurious": a.spurious}
            for a in self.articles
            if a.missed or a.spurious
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "scores": {kind: score.as_dict() for kind, score in self.scores.items()},
            "articles": len(self.articles),
            "failures": [str(f) for f in self.failures],
        }


def evaluate(
    paths: Sequence[Path],
    annotator: Annotator,
    rules: Rules,
    on_article: Callable[[], None] | None = None,
) -> Evaluation:
    """Annotate the text of every gold article in ``paths`` and score the drafts."""
    evaluation = Evaluation()
    for path in paths:
        result = load_file(path)
        evaluation.failures.extend(result.errors)
        for gold in result.articles:
            _score_article(gold, annotator, rules, evaluation)
            if on_article is not None:
                on_article()
    return evaluation


def _score_article(
    gold: ParsedArticle, annotator: Annotator, rules: Rules, evaluation: Evaluation
) -> None:
    origin = gold.origin
    errors = ArticleErrors(gold.meta.key, origin)
    evaluation.articles.append(errors)
    if not gold.meta.text:
        problem = Problem("a gold article needs article.text to be annotated", "article.text")
        evaluation.failures.append(InvalidArticle(origin, [problem]))
        return
    try:
        expected = _facts(Compiler(rules, lambda keys: {}).compile(gold))
    except InvalidArticle as exc:  # a gold file the compiler refuses is reported, not fatal
        evaluation.failures.append(exc)
        return
    try:
        draft = annotator.annotate(
            gold.meta.text,
            origin=origin,
            published=gold.meta.published,
            source=gold.meta.source,
            article_id=gold.meta.key,
        )
        drafted = draft.parse(origin)
        found = _facts(Compiler(rules, lambda keys: {}).compile(drafted))
    except InvalidArticle as exc:
        evaluation.failures.append(exc)
        found = {kind: set() for kind in KINDS}
    for kind in KINDS:
        matched, missed, spurious = _match(expected[kind], found[kind])
        score = evaluation.scores[kind]
        score.tp += matched
        score.fn += len(missed)
        score.fp += len(spurious)
        errors.missed += [_describe(kind, fact) for fact in sorted(missed, key=str)]
        errors.spurious += [_describe(kind, fact) for fact in sorted(spurious, key=str)]


Fact = tuple[Any, ...]


def _facts(graph: ArticleGraph) -> dict[str, set[Fact]]:
    events = {
        n.id: (_content_words(n.name), n.props.get("kind"))
        for n in graph.nodes
        if n.label == "Event"
    }  # fmt: skip
    facts: dict[str, set[Fact]] = {kind: set() for kind in KINDS}
    facts["entities"] = {(n.id,) for n in graph.nodes if n.label in _ENTITY_LABELS}
    for edge in graph.edges:
        if edge.type not in ASSERTION_TYPES:
            continue
        source, target = edge.source, edge.target
        if edge.type == "MET_WITH":
            source, target = sorted((source, target))
        target_key: Any = ("event", *events[target]) if target in events else target
        facts[edge.type].add((source, target_key))
    return facts


def _match(expected: set[Fact], found: set[Fact]) -> tuple[int, set[Fact], set[Fact]]:
    """Exact matches, then Event targets whose names share a content word, then Event
    targets of the same kind from the same source ("the deal" and "Paris climate
    agreement" in one article)."""
    matched = expected & found
    missed = expected - matched
    spurious = found - matched
    count = len(matched)
    for same in (_share_word, _same_kind):
        for fact in sorted(missed, key=str):
            if not _is_event_fact(fact):
                continue
            for other in sorted(spurious, key=str):
                if _is_event_fact(other) and other[0] == fact[0] and same(fact[1], other[1]):
                    missed.discard(fact)
                    spurious.discard(other)
                    count += 1
                    break
    return count, missed, spurious


def _share_word(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return bool(a[1] & b[1])


def _same_kind(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return a[2] is not None and a[2] == b[2]


def _is_event_fact(fact: Fact) -> bool:
    return len(fact) == 2 and isinstance(fact[1], tuple) and fact[1][0] == "event"


def _content_words(name: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", name.lower())
    return frozenset(w for w in words if w not in _GENERIC and len(w) > 2)


def _describe(kind: str, fact: Fact) -> str:
    if kind == "entities":
        return str(fact[0])
    source, target = fact
    if isinstance(target, tuple):
        target = f"{target[2]}(" + " ".join(sorted(target[1])) + ")"
    arrow = "--" if kind == "MET_WITH" else "->"
    return f"{kind}: {source} {arrow} {target}"
