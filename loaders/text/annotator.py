"""The annotator's public face: :class:`Annotator` turns text into a :class:`Draft`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import yaml

from graph.errors import InvalidArticle, Problem
from graph.gazetteer import Gazetteer
from graph.model import ParsedArticle
from loaders import decode
from loaders.native import parse_native
from loaders.text.clean import language_identifier, prepare
from loaders.text.draft import build_document
from loaders.text.lexicon import Lexicon
from loaders.text.pipeline import Pipeline

__all__ = ["Annotator", "Draft"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Draft:
    """A native-format document for a person to review, and what the annotator noticed.

    ``document`` is what ``diplograph ingest`` reads (``format``, ``article``,
    ``entities``, ``events``, ``relations``); ``warnings`` says what was changed or
    doubted (HTML stripped, no dateline found); ``words`` is the length of the text.
    """

    document: dict[str, Any]
    warnings: tuple[str, ...] = ()
    words: int = 0

    @property
    def article_id(self) -> str:
        return str(self.document["article"]["id"])

    def to_yaml(self) -> str:
        header = "# Draft by `diplograph annotate`: review it before you ingest it.\n"
        notes = "".join(f"# warning: {w}\n" for w in self.warnings)
        body = yaml.dump(
            self.document,
            Dumper=_DraftDumper,
            sort_keys=False,
            allow_unicode=True,
            width=100,
            default_flow_style=False,
        )
        return header + notes + body

    def parse(self, origin: str) -> ParsedArticle:
        """The draft as a parsed article, through the native loader (so it is valid input)."""
        if not self.document.get("entities"):
            reason = "nothing to ingest: the annotator found no official, state or organisation"
            raise InvalidArticle(origin, [Problem(reason)])
        text = orjson.dumps(self.document, default=str).decode()
        article = next(parse_native(text, origin, is_json=True))
        if isinstance(article, InvalidArticle):
            raise article
        return article


class _DraftDumper(yaml.SafeDumper):
    """Block style for the article text, and short lists (spans, participants) inline."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    flow = all(isinstance(v, (int, str)) and len(str(v)) < 40 for v in value) and len(value) < 9
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_DraftDumper.add_representer(str, _represent_str)
_DraftDumper.add_representer(list, _represent_list)


class Annotator:
    """Rule-based drafting over the gazetteer; build once, annotate many texts."""

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon_files: Sequence[Path] = ()):
        self.gazetteer = gazetteer or Gazetteer.default()
        self.lexicon = Lexicon.load(lexicon_files)
        self._pipeline = Pipeline(self.gazetteer, self.lexicon)
        language_identifier()  # load its model now, not on the first text

    @classmethod
    @cache
    def default(cls) -> Annotator:
        """The annotator over the shipped gazetteer and lexicons (cached)."""
        return cls()

    def annotate(
        self,
        text: str,
        *,
        origin: str = "<text>",
        published: date | None = None,
        source: str | None = None,
        article_id: str | None = None,
    ) -> Draft:
        """Draft annotations of one article.

        ``published`` wins over a date the text carries; without either the text cannot
        be dated and :class:`~graph.errors.InvalidArticle` says so, as it does for
        empty text, text that is not English, or HTML that holds no text.
        """
        prepared = prepare(text, origin, self.lexicon)
        day = published or prepared.published
        if day is None:
            reason = (
                "no publication date in the text: give one "
                "(--published YYYY-MM-DD on the command line, `published` in the API)"
            )
            raise InvalidArticle(origin, [Problem(reason)])
        start = prepared.story_start
        found = self._pipeline.run(prepared.text[start:], start, day, prepared.dateline)
        document = build_document(
            prepared,
            found,
            published=day,
            source=source or prepared.agency,
            article_id=article_id or _id_from(origin, prepared.headline),
        )
        return Draft(document, prepared.warnings, prepared.words)

    def annotate_file(
        self,
        path: Path,
        *,
        published: date | None = None,
        source: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> Draft:
        """Read and annotate one text file (UTF-8, at most ``max_bytes``)."""
        origin = str(path)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                reason = (
                    f"file is {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.1f} MB "
                    "(annotate.max_text_mb in config.yaml)"
                )
                raise InvalidArticle(origin, [Problem(reason)])
            data = path.read_bytes()
        except OSError as exc:
            raise InvalidArticle(origin, [Problem(exc.strerror or str(exc))]) from None
        return self.annotate(
            decode(data, origin), origin=origin, published=published, source=source
        )


def _id_from(origin: str, headline: str) -> str:
    """The article id: the file's name without suffix, else a slug of the headline."""
    from graph.identity import slugify

    stem = Path(origin).stem if not origin.startswith("<") else ""
    return slugify(stem or headline or "article")[:120] or "article"
