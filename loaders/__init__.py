"""Input formats: files in, parsed articles (or precise reasons) out.

Loaders depend on ``graph`` and never on ``api``.  Each format has one module;
this package finds the files of a batch, reads them safely and dispatches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InvalidArticle, Problem
from graph.model import ParsedArticle
from loaders.native import parse_native

__all__ = ["FORMATS", "FileResult", "find_files", "load_file", "parse_bytes"]

FORMATS = ("auto", "yaml")
_NATIVE_SUFFIXES = {".yaml", ".yml", ".json"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one file gave: the articles that parsed and the ones that did not."""

    origin: str
    articles: tuple[ParsedArticle, ...]
    errors: tuple[InvalidArticle, ...]


def find_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files of a batch: files as given, folders searched recursively, sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _NATIVE_SUFFIXES
            )
        else:
            yield path


def decode(data: bytes, origin: str) -> str:
    """UTF-8 text (a byte-order mark is accepted); anything else is a clear error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InvalidArticle(
            origin,
            [
                Problem(
                    f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start}", line=line
                )
            ],
        ) from None


def parse_bytes(data: bytes, origin: str, *, fmt: str = "auto") -> FileResult:
    """Parse the content of one file; ``origin`` names it in every message."""
    suffix = Path(origin).suffix.lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    try:
        if not data.strip():
            raise InvalidArticle(origin, [Problem("empty file: no article in it")])
        text = decode(data, origin)
        is_json = suffix == ".json" or (
            suffix not in {".yaml", ".yml"} and text.lstrip()[:1] in "[{"
        )
        outcomes = list(parse_native(text, origin, is_json=is_json))
    except InvalidArticle as exc:
        return FileResult(origin, (), (exc,))
    articles = tuple(o for o in outcomes if isinstance(o, ParsedArticle))
    errors = tuple(o for o in outcomes if isinstance(o, InvalidArticle))
    return FileResult(origin, articles, errors)


def load_file(path: Path, *, fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> FileResult:
    """Read and parse one file, refusing files over ``max_bytes`` before reading them."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InvalidArticle(
                origin,
                [
                    Problem(
                        f"file is {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.1f} MB "
                        "(ingest.max_file_mb in config.yaml)"
                    )
                ],
            )
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(
            origin, (), (InvalidArticle(origin, [Problem(exc.strerror or str(exc))]),)
        )
    except InvalidArticle as exc:
        return FileResult(origin, (), (exc,))
    return parse_bytes(data, origin, fmt=fmt)
