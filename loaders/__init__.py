"""Input formats: files in, parsed articles (or precise reasons) out.

Loaders depend on ``graph`` and never on ``api``.  Each format has one module;
this package finds the files of a batch, reads them safely and dispatches:

* ``.ann`` is brat standoff (:mod:`loaders.brat`), ``.jsonl`` Doccano
  (:mod:`loaders.doccano`), ``.yaml``/``.yml`` the native format;
* JSON (``.json``, or content starting with ``[``/``{``) is a Label Studio export
  when it holds tasks (objects with ``data`` and ``annotations``), else native;
* ``fmt`` (``--format``) overrides the guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from graph.errors import InvalidArticle, Problem
from graph.model import ParsedArticle
from loaders.brat import SIDECARS, parse_brat
from loaders.doccano import parse_doccano
from loaders.labels import DEFAULT_LABELS, LabelMap
from loaders.labelstudio import is_labelstudio, parse_labelstudio
from loaders.native import parse_native

__all__ = ["FORMATS", "FileResult", "find_files", "load_file", "parse_bytes"]

FORMATS = ("auto", "yaml", "brat", "labelstudio", "doccano")
_SUFFIXES = {".yaml", ".yml", ".json", ".jsonl", ".ann"}
_BY_SUFFIX = {".ann": "brat", ".jsonl": "doccano"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one file gave: the articles that parsed and the ones that did not."""

    origin: str
    articles: tuple[ParsedArticle, ...]
    errors: tuple[InvalidArticle, ...]


def find_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files of a batch: files as given, folders searched recursively, sorted.

    In folders: native files, ``.json`` and ``.jsonl`` exports and brat ``.ann``
    files (whose ``.txt`` and ``.meta.yaml`` are read with them, not on their own).
    """
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _is_input(p))
        else:
            yield path


def _is_input(path: Path) -> bool:
    if path.suffix.lower() not in _SUFFIXES:
        return False
    name = path.name.lower()
    sidecar = next((s for s in SIDECARS if name.endswith(s)), None)
    # x.meta.yaml beside x.ann is brat metadata; elsewhere it is an article like any.
    return sidecar is None or not path.with_name(path.name[: -len(sidecar)] + ".ann").exists()


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


def parse_bytes(
    data: bytes, origin: str, *, fmt: str = "auto", labels: LabelMap = DEFAULT_LABELS
) -> FileResult:
    """Parse the content of one file; ``origin`` names it in every message.

    ``labels`` maps the annotation tools' label names to our types.  A brat ``.ann``
    is read with its ``.txt`` and metadata, found beside ``origin``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    try:
        if not data.strip():
            raise InvalidArticle(origin, [Problem("empty file: no article in it")])
        text = decode(data, origin)
        outcomes = list(_parse(text, origin, fmt, labels))
    except InvalidArticle as exc:
        return FileResult(origin, (), (exc,))
    articles = tuple(o for o in outcomes if isinstance(o, ParsedArticle))
    errors = tuple(o for o in outcomes if isinstance(o, InvalidArticle))
    return FileResult(origin, articles, errors)


def _parse(
    text: str, origin: str, fmt: str, labels: LabelMap
) -> Iterable[ParsedArticle | InvalidArticle]:
    suffix = Path(origin).suffix.lower()
    if fmt == "auto":
        fmt = _BY_SUFFIX.get(suffix, "auto")
    if fmt == "brat":
        return [parse_brat(text, origin, labels)]
    if fmt == "doccano":
        return parse_doccano(text, origin, labels)
    is_json = suffix == ".json" or (suffix not in {".yaml", ".yml"} and text.lstrip()[:1] in "[{")
    if fmt == "labelstudio" or (fmt == "auto" and is_json):
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            if fmt == "labelstudio":
                problem = Problem(f"malformed JSON: {exc.msg}", line=exc.lineno)
                raise InvalidArticle(origin, [problem]) from None
            value = None  # the native reader reports it
        if fmt == "labelstudio" or is_labelstudio(value):
            return parse_labelstudio(value, origin, labels)
    return parse_native(text, origin, is_json=is_json)


def load_file(
    path: Path,
    *,
    fmt: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    labels: LabelMap = DEFAULT_LABELS,
) -> FileResult:
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
    return parse_bytes(data, origin, fmt=fmt, labels=labels)
