"""The ``diplograph`` command line.

Exit status 0 only when everything asked for succeeded; errors go to stderr as
one line per problem, naming the file, line and field.
"""

from __future__ import annotations

import os
import shlex
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
import orjson
import yaml
from tabulate import tabulate
from tqdm import tqdm

from diplograph.config import ConfigError, Settings, load_settings, open_annotator, open_store
from graph.errors import DiplographError, InvalidArticle, InvalidQuery, Problem
from graph.export import EXPORT_FORMATS, export_graph
from graph.ingest import IngestReport, ingest, reresolve
from graph.model import ASSERTION_TYPES, ParsedArticle
from graph.queries import (
    DEFAULT_NEIGHBOURHOOD_TYPES,
    DEFAULT_PATH_TYPES,
    INTERVALS,
    ActivityQuery,
    AlliancesQuery,
    EntityQuery,
    MeetingsQuery,
    NeighbourhoodQuery,
    PathsQuery,
    TimelineQuery,
    parse_countries,
    parse_country,
    parse_date,
    parse_types,
)
from graph.store import Store
from loaders import FORMATS, find_files, load_file

if TYPE_CHECKING:
    from loaders.text import Annotator, Draft

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (default: $DIPLOGRAPH_CONFIG, else ./config.yaml).",
)


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def with_store(func: F) -> F:
    """Give the command settings and an open store; turn domain errors into exit 1."""

    @config_option
    @wraps(func)
    def wrapper(config_path: Path | None, **kwargs: Any) -> Any:
        try:
            settings = load_settings(config_path)
            store = open_store(settings)
        except DiplographError as exc:
            _fail(str(exc))
        try:
            return func(settings, store, **kwargs)
        except DiplographError as exc:
            _fail(str(exc))
        finally:
            _close(store)

    return wrapper  # type: ignore[return-value]


def _close(store: Store) -> None:
    """Close the store, saying so when it writes the embedded store's start-up snapshot
    (about 30 s at 300,000 articles)."""
    if not getattr(store, "snapshot_pending", False):
        store.close()
        return
    click.echo("saving the graph's snapshot for fast starts...", err=True)
    start = time.perf_counter()
    store.close()
    click.echo(f"snapshot saved in {time.perf_counter() - start:.1f} s", err=True)


def _echo_json(value: Any) -> None:
    click.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS))


def _entity_ref(store: Store, ref: str) -> str:
    """An id as given, else the best match of a name search ("Mekdad" finds Mikdad)."""
    page = store.search_entities(EntityQuery(q=ref, limit=1))
    if page.items and page.items[0]["id"] == ref:
        return ref
    if not page.items:
        _fail(f"no entity matches {ref!r}")
    found: str = page.items[0]["id"]
    return found


def _settings(config_path: Path | None) -> Settings:
    """Settings for a command that needs no store."""
    try:
        return load_settings(config_path)
    except ConfigError as exc:
        _fail(str(exc))


# -- raw text --------------------------------------------------------------------------

_NATIVE_SUFFIXES = (".yaml", ".yml", ".json")


def _published(value: str | None) -> date | None:
    """``--published`` as a date; a bad one stops the command before any work."""
    try:
        return parse_date("--published", value)
    except InvalidQuery as exc:
        _fail(str(exc))


def _is_text(path: Path) -> bool:
    return path.suffix.lower() == ".txt"


def _texts_in(folder: Path) -> list[Path]:
    """The raw ``.txt`` files under ``folder``, sorted.  A brat ``x.txt`` beside its
    ``x.ann`` is already annotated: the ``.ann`` stands for it."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and _is_text(p) and not p.with_suffix(".ann").exists()
    )


def _open_annotator(settings: Settings) -> Annotator:
    try:
        return open_annotator(settings)
    except DiplographError as exc:
        _fail(str(exc))


def _write_whole(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` whole or not at all (an interrupted run leaves no
    half-written draft behind)."""
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


class _Tally:
    """What the annotator did over a batch, for the closing summary line."""

    def __init__(self, annotator: Annotator, settings: Settings) -> None:
        self.annotator = annotator
        self.max_bytes = int(settings.annotate.max_text_mb * 1024 * 1024)
        self.drafted = self.relations = self.words = 0
        self.seconds = 0.0

    def draft(
        self,
        path: Path,
        published: date | None,
        source: str | None,
        say: Callable[[str], None],
    ) -> Draft:
        """Annotate one file and count it; its warnings are said, prefixed with its name.

        Raises :class:`~graph.errors.InvalidArticle` when the file cannot be drafted.
        """
        start = time.perf_counter()
        try:
            draft = self.annotator.annotate_file(
                path, published=published, source=source, max_bytes=self.max_bytes
            )
        finally:
            self.seconds += time.perf_counter() - start
        for warning in draft.warnings:
            say(f"{path}: warning: {warning}")
        self.drafted += 1
        self.relations += len(draft.document.get("relations") or ())
        self.words += draft.words
        return draft

    def speed(self) -> str:
        if not (self.words and self.seconds):
            return f"{self.words:,} words"
        return f"{self.words:,} words at {self.words / self.seconds:,.0f} words/s"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _say(bar: tqdm) -> Callable[[str], None]:
    def say(line: str) -> None:
        bar.write(line, file=sys.stderr)

    return say


def _report(failure: InvalidArticle, say: Callable[[str], None]) -> None:
    for problem in failure.problems:
        say(f"error: {problem.describe(failure.origin)}")


def _progress_bar(total: int, desc: str, unit: str, quiet: bool) -> tqdm:
    """A bar on stderr; say lines with ``_say(bar)`` so they do not tear it."""
    return tqdm(
        total=total,
        unit=unit,
        desc=desc,
        disable=quiet or total < 2,
        file=sys.stderr,
        mininterval=0.5,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="diplograph")
def main() -> None:
    """diplograph: a knowledge graph of diplomatic news."""


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True)
@click.option(
    "--annotate",
    "annotate_",
    is_flag=True,
    help="Also draft annotations from raw .txt files (given, or found in folders) and "
    "ingest the drafts unreviewed.",
)
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="With --annotate: the texts' publication date (wins over their datelines).",
)
@click.option(
    "--source", metavar="NAME", help="With --annotate: the texts' publisher (default: dateline)."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@with_store
def ingest_command(
    settings: Settings,
    store: Store,
    paths: tuple[Path, ...],
    fmt: str,
    annotate_: bool,
    published: str | None,
    source: str | None,
    quiet: bool,
) -> None:
    """Load annotated articles from files and folders into the store.

    Each article is stored whole or not at all; bad files are reported and the
    good ones still load.  With --annotate, raw text is drafted as `diplograph
    annotate` would and the drafts are ingested without review.
    """
    if not annotate_ and (published or source):
        raise click.UsageError("--published and --source describe raw text: add --annotate")
    day = _published(published)
    files = _ingest_files(paths, annotate_)
    tally = (
        _Tally(_open_annotator(settings), settings)
        if annotate_ and any(_is_text(f) for f in files)
        else None
    )
    labels = settings.labels.label_map()
    report = IngestReport()
    max_bytes = int(settings.ingest.max_file_mb * 1024 * 1024)
    bar = _progress_bar(len(files), "ingest", "file", quiet)

    def articles() -> Iterator[ParsedArticle]:
        for path in files:
            if _is_text(path):
                try:
                    if tally is None:
                        raise InvalidArticle(str(path), [_raw_text_refused(path)])
                    article = tally.draft(path, day, source, _say(bar)).parse(str(path))
                except InvalidArticle as exc:
                    report.failures.append(exc)
                else:
                    yield article
            else:
                result = load_file(path, fmt=fmt, max_bytes=max_bytes, labels=labels)
                report.failures.extend(result.errors)
                yield from result.articles
            bar.update(1)

    with bar:
        ingest(
            store,
            articles(),
            settings.identity.rules(),
            batch_size=settings.ingest.batch_size,
            report=report,
        )
    for failure in report.failures:
        _report(failure, lambda line: click.echo(line, err=True))
    annotated = f" ({tally.drafted} annotated from text, {tally.speed()})" if tally else ""
    click.echo(
        f"{len(files)} files{annotated}: {report.count('created')} articles created, "
        f"{report.count('replaced')} replaced, {report.count('unchanged')} unchanged, "
        f"{len(report.failures)} failed"
    )
    if report.failures:
        sys.exit(1)


def _ingest_files(paths: Iterable[Path], texts: bool) -> list[Path]:
    """The files of a batch (:func:`loaders.find_files`); with ``texts``, folders'
    raw ``.txt`` files too, in the same sorted order."""
    files: list[Path] = []
    for path in paths:
        found = list(find_files([path]))
        if texts and path.is_dir():
            found = sorted([*found, *_texts_in(path)])
        files.extend(found)
    return files


def _raw_text_refused(path: Path) -> Problem:
    ann = path.with_suffix(".ann")
    if ann.exists():
        return Problem(f"the text of a brat annotation file: ingest {ann.name} instead")
    return Problem(
        "raw text, not annotations: add --annotate to draft and ingest it, or draft it "
        "with `diplograph annotate` and review the draft first"
    )


@main.command("annotate")
@click.argument(
    "paths", nargs=-1, required=True, metavar="FILE...", type=click.Path(path_type=Path)
)
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="Publication date: wins over the datelines; needed for texts that give none.",
)
@click.option("--source", metavar="NAME", help="Publisher (default: the agency in the dateline).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the drafts, x.txt giving x.yaml (needed for several files).",
)
@click.option("--force", is_flag=True, help="Overwrite drafts already in --out.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@config_option
def annotate_command(
    paths: tuple[Path, ...],
    published: str | None,
    source: str | None,
    out_dir: Path | None,
    force: bool,
    quiet: bool,
    config_path: Path | None,
) -> None:
    """Draft annotations from raw news text: one native YAML file per input.

    Folders are searched for .txt files.  A single file without --out prints its
    draft.  Review the drafts, then ingest them.  Bad files are reported and the
    others are still drafted.
    """
    day = _published(published)
    files = list(dict.fromkeys(f for p in paths for f in (_texts_in(p) if p.is_dir() else [p])))
    if not files:
        _fail(f"no .txt files in {', '.join(str(p) for p in paths)}")
    if len(files) > 1 and out_dir is None:
        raise click.UsageError(f"{len(files)} files give {len(files)} drafts: add --out DIR")
    settings = _settings(config_path)
    tally = _Tally(_open_annotator(settings), settings)
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _fail(f"cannot create {out_dir}: {exc.strerror or exc}")
    claimed: dict[Path, Path] = {}
    failed = 0
    with _progress_bar(len(files), "annotate", "file", quiet) as bar:
        say = _say(bar)
        for path in files:
            target = None if out_dir is None else out_dir / f"{path.stem}.yaml"
            try:
                if target is not None:
                    _claim(target, path, claimed, force)
                draft = tally.draft(path, day, source, say)
                if target is None:
                    click.echo(draft.to_yaml(), nl=False)
                else:
                    _write_whole(target, draft.to_yaml())
            except InvalidArticle as exc:
                failed += 1
                _report(exc, say)
            except OSError as exc:
                failed += 1
                say(f"error: {path}: cannot write {target}: {exc.strerror or exc}")
            bar.update(1)
    where = f" in {out_dir}" if out_dir is not None else ""
    click.echo(
        f"{_plural(len(files), 'file')}: {tally.drafted} drafted{where}, {failed} failed, "
        f"{tally.relations} relations found, {tally.speed()}",
        err=True,
    )
    if failed:
        sys.exit(1)


def _claim(target: Path, path: Path, claimed: dict[Path, Path], force: bool) -> None:
    """Refuse a draft name another input of the batch took, an existing file (it may be
    a reviewed draft) unless ``force``, and the input itself."""
    origin = str(path)
    other = claimed.setdefault(target, path)
    if other != path:
        problem = f"its draft {target} would replace the draft of {other}: rename one"
        raise InvalidArticle(origin, [Problem(problem)])
    if target.exists() and target.resolve() == path.resolve():
        raise InvalidArticle(origin, [Problem("its draft would overwrite it: use another --out")])
    if target.exists() and not force:
        problem = f"{target} exists (a reviewed draft?): use --force to overwrite it"
        raise InvalidArticle(origin, [Problem(problem)])


@main.command("evaluate")
@click.argument(
    "gold",
    nargs=-1,
    required=True,
    metavar="GOLD_DIR...",
    type=click.Path(exists=True, path_type=Path),
)
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("evaluation-errors.yaml"),
    show_default=True,
    help="Where to write what the annotator missed and made up, article by article.",
)
@click.option("--json", "as_json", is_flag=True, help="The scores as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@config_option
def evaluate_command(
    gold: tuple[Path, ...],
    errors_path: Path,
    as_json: bool,
    quiet: bool,
    config_path: Path | None,
) -> None:
    """Score the annotator against gold articles (native files that carry their text).

    Prints precision, recall and F1 per relation type and for entities (see
    examples/gold/GUIDELINES.md for what is counted).
    """
    files = [
        f
        for p in gold
        for f in find_files([p])
        if not p.is_dir() or f.suffix.lower() in _NATIVE_SUFFIXES
    ]
    if not files:
        _fail(f"no gold files ({', '.join(_NATIVE_SUFFIXES)}) in {', '.join(map(str, gold))}")
    settings = _settings(config_path)
    annotator = _open_annotator(settings)
    try:
        rules = settings.identity.rules()
    except ConfigError as exc:
        _fail(str(exc))
    from loaders.text.evaluate import evaluate  # spaCy: only when needed

    with _progress_bar(len(files), "evaluate", "article", quiet) as bar:
        evaluation = evaluate(files, annotator, rules, on_article=lambda: bar.update(1))
    for failure in evaluation.failures:
        _report(failure, lambda line: click.echo(line, err=True))
    errors = evaluation.errors_document()
    try:
        _write_whole(
            errors_path, yaml.safe_dump(errors, sort_keys=False, allow_unicode=True, width=100)
        )
    except OSError as exc:
        _fail(f"cannot write {errors_path}: {exc.strerror or exc}")
    if as_json:
        _echo_json(evaluation.as_dict())
    else:
        click.echo(evaluation.table())
    click.echo(
        f"{_plural(len(files), 'gold file')}, {len(evaluation.failures)} failed; "
        f"what {_plural(len(errors), 'article')} missed or made up: {errors_path}",
        err=as_json,
    )
    if evaluation.failures:
        sys.exit(1)


@main.command()
@click.argument("article_ids", nargs=-1, required=True)
@with_store
def retract(settings: Settings, store: Store, article_ids: tuple[str, ...]) -> None:
    """Remove articles and every node no other article supports."""
    for article_id in article_ids:
        outcome = store.retract(article_id)
        click.echo(
            f"retracted {outcome.article}: {outcome.edges_removed} relationships, "
            f"{outcome.nodes_removed} nodes removed"
        )


@main.command()
@click.option("--host", help="Address to bind (default: api.host).")
@click.option("--port", type=int, help="Port (default: api.port).")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True)
@config_option
def serve(host: str | None, port: int | None, workers: int, config_path: Path | None) -> None:
    """Serve the REST API with gunicorn (several worker processes share the store)."""
    try:
        settings = load_settings(config_path)
    except ConfigError as exc:
        _fail(str(exc))
    bind = f"{host or settings.api.host}:{port or settings.api.port}"
    if config_path is not None:
        os.environ["DIPLOGRAPH_CONFIG"] = str(config_path.resolve())
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "python:diplograph.gunicorn_conf",
        "--workers",
        str(workers),
        "--bind",
        bind,
        "api:create_app()",
    ]
    click.echo(f"serving the API on http://{bind}/api/v1 ({workers} workers)", err=True)
    click.echo(" ".join(shlex.quote(a) for a in argv), err=True)
    os.execv(sys.executable, argv)


@main.group()
def query() -> None:
    """Ask the graph: meetings, neighbourhoods, paths.  Entities by id or by name."""


def _period(since: str | None, until: str | None) -> dict[str, Any]:
    return {"since": parse_date("since", since), "until": parse_date("until", until)}


@query.command("meetings")
@click.option("--entity", help="Meetings of this entity (id or name).")
@click.option("--with", "with_", help="...with this entity (id or name).")
@click.option("--country", help="The other side's state (code, name or demonym).")
@click.option("--since")
@click.option("--until")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option("--json", "as_json", is_flag=True)
@with_store
def query_meetings(
    settings: Settings,
    store: Store,
    entity: str | None,
    with_: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Who met whom, newest first."""
    code = parse_country("country", country)
    page = store.meetings(
        MeetingsQuery(
            entity=_entity_ref(store, entity) if entity else None,
            with_=_entity_ref(store, with_) if with_ else None,
            country=code,
            limit=limit,
            offset=offset,
            max_limit=settings.api.max_results,
            **_period(since, until),
        )
    )
    if as_json:
        _echo_json(page)
        return
    rows = [
        [
            m["date"],
            m["a"]["name"],
            m["b"]["name"],
            (m["place"] or {}).get("name", ""),
            m["article"]["key"],
            "derived" if m["derived"] else (m["evidence"] or "")[:60],
        ]
        for m in page.items
    ]
    click.echo(tabulate(rows, headers=["date", "a", "b", "place", "article", "evidence"]))
    click.echo(f"{len(page.items)} of {page.total} meetings")


@query.command("neighbourhood")
@click.argument("entity")
@click.option("--depth", type=int, default=1, show_default=True)
@click.option("--types", help=f"Comma-separated; default {','.join(DEFAULT_NEIGHBOURHOOD_TYPES)}.")
@click.option("--since")
@click.option("--until")
@click.option("--limit", type=int, default=200, show_default=True, help="Node cap.")
@click.option("--json", "as_json", is_flag=True)
@with_store
def query_neighbourhood(
    settings: Settings,
    store: Store,
    entity: str,
    depth: int,
    types: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Nodes within DEPTH steps of ENTITY."""
    view = store.neighbourhood(
        NeighbourhoodQuery(
            entity=_entity_ref(store, entity),
            depth=depth,
            types=parse_types(types, DEFAULT_NEIGHBOURHOOD_TYPES),
            limit=limit,
            max_depth=settings.api.max_depth,
            max_limit=settings.api.max_results,
            **_period(since, until),
        )
    )
    if as_json:
        _echo_json(view)
        return
    names = {n["id"]: n["name"] for n in view.nodes}
    click.echo(
        tabulate(
            [[n["id"], n["type"], n["name"]] for n in view.nodes], headers=["id", "type", "name"]
        )
    )
    click.echo()
    click.echo(
        tabulate(
            [
                [names[e["source"]], e["type"], names[e["target"]], e.get("date") or ""]
                for e in view.edges
            ],
            headers=["source", "relationship", "target", "date"],
        )
    )
    more = " (truncated at the node cap)" if view.truncated else ""
    click.echo(f"{len(view.nodes)} nodes, {len(view.edges)} relationships{more}")


@query.command("paths")
@click.argument("source")
@click.argument("target")
@click.option("--max-length", type=int, default=4, show_default=True)
@click.option("--types", help=f"Comma-separated; default {','.join(DEFAULT_PATH_TYPES)}.")
@click.option("--since")
@click.option("--until")
@click.option("-k", "k", type=int, default=1, show_default=True, help="How many paths.")
@click.option("--json", "as_json", is_flag=True)
@with_store
def query_paths(
    settings: Settings,
    store: Store,
    source: str,
    target: str,
    max_length: int,
    types: str | None,
    since: str | None,
    until: str | None,
    k: int,
    as_json: bool,
) -> None:
    """The shortest paths from SOURCE to TARGET."""
    found = store.paths(
        PathsQuery(
            source=_entity_ref(store, source),
            target=_entity_ref(store, target),
            max_length=max_length,
            types=parse_types(types, DEFAULT_PATH_TYPES),
            k=k,
            max_max_length=settings.api.max_path_length,
            **_period(since, until),
        )
    )
    if as_json:
        _echo_json({"paths": found})
        return
    if not found:
        click.echo(f"no path within {max_length} steps")
        sys.exit(1)
    for path in found:
        steps = [path.nodes[0]["name"]]
        for edge, node in zip(path.edges, path.nodes[1:], strict=True):
            arrow = f"-[{edge['type']} {edge.get('date') or ''}]-"
            steps.append(f"{arrow} {node['name']}")
        click.echo(f"{path.length}: " + " ".join(steps))


@query.command("alliances")
@click.option("--countries", help="Comma-separated states (codes, names or demonyms).")
@click.option("--since")
@click.option("--until")
@click.option("--json", "as_json", is_flag=True)
@with_store
def query_alliances(
    settings: Settings,
    store: Store,
    countries: str | None,
    since: str | None,
    until: str | None,
    as_json: bool,
) -> None:
    """How states stand towards each other, counting their officials' assertions."""
    found = store.alliances(
        AlliancesQuery(countries=parse_countries("countries", countries), **_period(since, until))
    )
    if as_json:
        _echo_json(found)
        return
    rows = [
        [
            p["a"]["name"],
            p["b"]["name"],
            p["meetings"],
            f"{p['supports']['a_to_b']}/{p['supports']['b_to_a']}",
            f"{p['rejects']['a_to_b']}/{p['rejects']['b_to_a']}",
            "" if p["stance"] is None else f"{p['stance']:+.2f}",
        ]
        for p in found.pairs
    ]
    headers = ["a", "b", "meetings", "supports a>b/b>a", "rejects a>b/b>a", "stance"]
    click.echo(tabulate(rows, headers=headers))
    for bloc in found.blocs:
        names = ", ".join(m["name"] for m in bloc["members"])
        click.echo(
            f"bloc {bloc['id']}: {names} ({bloc['supports']} supports, "
            f"{bloc['rejects']} rejections, {bloc['meetings']} meetings inside)"
        )
    if found.unaligned:
        click.echo("in no bloc: " + ", ".join(s["name"] for s in found.unaligned))


@query.command("timeline")
@click.argument("entity")
@click.option("--types", help=f"Comma-separated; default {','.join(ASSERTION_TYPES)}.")
@click.option("--since")
@click.option("--until")
@click.option("--limit", type=int, default=100, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option("--json", "as_json", is_flag=True)
@with_store
def query_timeline(
    settings: Settings,
    store: Store,
    entity: str,
    types: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """The meetings and stances of ENTITY, oldest first."""
    page = store.timeline(
        TimelineQuery(
            entity=_entity_ref(store, entity),
            types=parse_types(types, ASSERTION_TYPES),
            limit=limit,
            offset=offset,
            max_limit=settings.api.max_results,
            **_period(since, until),
        )
    )
    if as_json:
        _echo_json(page)
        return
    rows = [
        [i["date"], i["type"], i["direction"], i["other"]["name"], (i["evidence"] or "")[:60]]
        for i in page.items
    ]
    click.echo(tabulate(rows, headers=["date", "type", "direction", "other", "evidence"]))
    click.echo(f"{len(page.items)} of {page.total} assertions")


@query.command("activity")
@click.option("--interval", type=click.Choice(INTERVALS), default="month", show_default=True)
@click.option("--types", help=f"Comma-separated; default {','.join(ASSERTION_TYPES)}.")
@click.option("--since")
@click.option("--until")
@click.option("--json", "as_json", is_flag=True)
@with_store
def query_activity(
    settings: Settings,
    store: Store,
    interval: str,
    types: str | None,
    since: str | None,
    until: str | None,
    as_json: bool,
) -> None:
    """Relationships counted per day, week or month."""
    found = store.activity(
        ActivityQuery(
            interval=interval, types=parse_types(types, ASSERTION_TYPES), **_period(since, until)
        )
    )
    if as_json:
        _echo_json(found)
        return
    rows = [[p["period"], *p["counts"].values(), p["total"]] for p in found.series]
    click.echo(tabulate(rows, headers=["period", *found.types, "total"]))


@main.command()
@click.option("--format", "fmt", type=click.Choice([*EXPORT_FORMATS, "neo4j-admin"]), required=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write (a folder for csv and neo4j-admin).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="neo4j-admin: processes writing the files (default: one per CPU, at most 4).",
)
@with_store
def export(settings: Settings, store: Store, fmt: str, output: Path, workers: int | None) -> None:
    """Write the whole graph for Gephi, Cytoscape, yEd, a spreadsheet or neo4j-admin.

    ``neo4j-admin`` writes the CSV files of Neo4j's offline importer from the embedded
    store, for a first load of a large corpus: `diplograph neo4j import FOLDER`.
    """
    if fmt == "neo4j-admin":
        _export_neo4j_admin(store, output, workers)
        return
    view = store.export()
    for path in export_graph(view, fmt, output):
        click.echo(f"wrote {path}")
    click.echo(f"{len(view.nodes)} nodes, {len(view.edges)} relationships")


def _export_neo4j_admin(store: Store, output: Path, workers: int | None) -> None:
    from graph.neo4j_admin import write_import_files

    graphs = store.article_graphs()
    edges = sum(len(g.edges) for g in graphs)
    with tqdm(total=edges, unit="rel", desc="relationships", disable=None) as bar:

        def advance(count: int) -> None:
            bar.update(count - bar.n)

        try:
            files = write_import_files(graphs, output, progress=advance, workers=workers)
        except ValueError as exc:
            _fail(f"cannot export for neo4j-admin: {exc}")
        bar.update(files.relationship_count - bar.n)
    click.echo(
        f"wrote {len(files.nodes)} node and {len(files.relationships)} relationship files "
        f"to {output}: {files.node_count} nodes, {files.relationship_count} relationships "
        f"from {len(graphs)} articles"
    )
    click.echo(f"load them into a stopped server with: diplograph neo4j import {output}")


@main.group()
def neo4j() -> None:
    """Run a local Neo4j 5.26 server (resolved with Maven, no Docker needed)."""


@neo4j.command("start")
@click.option("--home", type=click.Path(path_type=Path), help="Server folder (default .neo4j/).")
@click.option("--bolt-port", type=int, default=7687, show_default=True)
@click.option("--http-port", type=int, default=7474, show_default=True)
@click.option("--timeout", type=float, default=120, show_default=True)
def neo4j_start(home: Path | None, bolt_port: int, http_port: int, timeout: float) -> None:
    """Start the server (password from NEO4J_PASSWORD) and wait until Bolt answers."""
    from diplograph import neo4j_server

    try:
        info = neo4j_server.start(
            home, bolt_port=bolt_port, http_port=http_port, timeout=timeout, progress=_progress
        )
    except neo4j_server.Neo4jServerError as exc:
        _fail(str(exc))
    click.echo(f"neo4j running: {info.bolt_uri} (Browser: {info.http_url}browser/)")


@neo4j.command("stop")
@click.option("--home", type=click.Path(path_type=Path))
def neo4j_stop(home: Path | None) -> None:
    """Stop the server cleanly."""
    from diplograph import neo4j_server

    neo4j_server.stop(home, progress=_progress)


@neo4j.command("status")
@click.option("--home", type=click.Path(path_type=Path))
def neo4j_status(home: Path | None) -> None:
    """Say whether the server runs, with its pid and ports; exit 1 when stopped."""
    from diplograph import neo4j_server

    state = neo4j_server.status(home)
    click.echo(str(state))
    if not state.running:
        sys.exit(1)


@neo4j.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--home", type=click.Path(path_type=Path), help="Server folder (default .neo4j/).")
@click.option("--overwrite", is_flag=True, help="Replace the database if it already exists.")
@click.option("--no-start", is_flag=True, help="Leave the server stopped after the import.")
@click.option("--timeout", type=float, default=300, show_default=True)
def neo4j_import(
    folder: Path, home: Path | None, overwrite: bool, no_start: bool, timeout: float
) -> None:
    """Bulk-load FOLDER (from `export --format neo4j-admin`) into the stopped server.

    Runs neo4j-admin's offline importer, then starts the server and builds the store's
    constraints and indexes, so the store can go on writing to the graph.
    """
    from diplograph import neo4j_server
    from graph.neo4j_admin import read_manifest
    from graph.neo4j_store import Neo4jStore

    try:
        files = read_manifest(folder)
    except ValueError as exc:
        _fail(str(exc))
    try:
        seconds = neo4j_server.import_files(
            home,
            nodes=[folder / name for name in files.nodes],
            relationships=[folder / name for name in files.relationships],
            multiline=[folder / name for name in files.multiline],
            overwrite=overwrite,
            progress=_progress,
        )
        click.echo(
            f"imported {files.node_count} nodes and {files.relationship_count} relationships "
            f"in {seconds:.1f} s"
        )
        if no_start:
            return
        state = neo4j_server.status(home)
        info = neo4j_server.start(
            home,
            bolt_port=state.bolt_port,
            http_port=state.http_port,
            timeout=timeout,
            progress=_progress,
        )
    except neo4j_server.Neo4jServerError as exc:
        _fail(str(exc))
    store = Neo4jStore(info.bolt_uri, (info.user, info.password))
    try:
        _progress("building constraints and indexes")
        found = store.stats()
    except DiplographError as exc:
        _fail(str(exc))
    finally:
        store.close()
    click.echo(
        f"neo4j running: {info.bolt_uri}: {found.nodes} nodes, {found.relationships} "
        f"relationships, {found.articles} articles"
    )


def _progress(message: str) -> None:
    click.echo(f"[neo4j] {message}", err=True)


@main.command()
@click.option("--merges", is_flag=True, help="List which spellings were merged, by which rule.")
@click.option("--json", "as_json", is_flag=True)
@with_store
def stats(settings: Settings, store: Store, merges: bool, as_json: bool) -> None:
    """Counts of articles, nodes and relationships; with --merges, the identity merges."""
    result = store.stats()
    merged = store.merges() if merges else []
    if as_json:
        _echo_json({"stats": result, **({"merges": merged} if merges else {})})
        return
    click.echo(f"backend: {result.backend}\narticles: {result.articles}")
    click.echo(
        f"nodes: {result.nodes}  " + ", ".join(f"{k} {v}" for k, v in result.nodes_by_type.items())
    )
    click.echo(
        f"relationships: {result.relationships}  "
        + ", ".join(f"{k} {v}" for k, v in result.relationships_by_type.items())
    )
    if merges:
        click.echo()
        click.echo(
            tabulate(
                [[m["id"], m["spelling"], m["rule"], m["article"]] for m in merged],
                headers=["entity", "spelling", "rule", "article"],
            )
        )


@main.command()
@click.option("--report", is_flag=True, help="List every merge with its rule and score (default).")
@click.option(
    "--apply",
    "apply_",
    is_flag=True,
    help="Re-resolve every stored article under the current aliases, gazetteer and overrides.",
)
@click.option("--rule", "only", multiple=True, help="Report only merges made by this rule.")
@click.option("--json", "as_json", is_flag=True)
@with_store
def resolve(
    settings: Settings,
    store: Store,
    report: bool,
    apply_: bool,
    only: tuple[str, ...],
    as_json: bool,
) -> None:
    """Entity resolution: which spellings were merged into which entity, and why.

    --apply compiles every stored article again from the source the store kept, so
    that new gazetteer entries and the override file (identity.overrides) reach what
    is already stored; then --report (if given) shows the result.
    """
    applied: dict[str, Any] | None = None
    if apply_:
        outcome = reresolve(store, settings.identity.rules())
        applied = {
            "articles": len(outcome.outcomes),
            "replaced": outcome.count("replaced"),
            "unchanged": outcome.count("unchanged"),
            "failed": len(outcome.failures),
            "unsourced": outcome.unsourced,
        }
        for failure in outcome.failures:
            for problem in failure.problems:
                click.echo(f"error: {problem.describe(failure.origin)}", err=True)
        if outcome.unsourced:
            click.echo(
                f"warning: {len(outcome.unsourced)} articles were stored without their source "
                f"and keep their old resolution; re-ingest them: {', '.join(outcome.unsourced)}",
                err=True,
            )
    merges = store.merges() if report or not apply_ else None
    if merges is not None and only:
        merges = [m for m in merges if m["rule"] in only]
    if as_json:
        _echo_json({k: v for k, v in (("applied", applied), ("merges", merges)) if v is not None})
    else:
        if applied is not None:
            click.echo(
                f"re-resolved {applied['articles']} articles: {applied['replaced']} changed, "
                f"{applied['unchanged']} unchanged, {applied['failed']} failed"
            )
        if merges is not None:
            _print_merges(merges)
    if applied is not None and applied["failed"]:
        sys.exit(1)


def _print_merges(merges: list[dict[str, Any]]) -> None:
    """One row per entity, spelling and rule, with how many articles made that merge."""
    rows: dict[tuple[Any, ...], list[Any]] = {}
    for m in merges:
        key = (m["id"], m["spelling"], m["rule"], m.get("score"))
        row = rows.setdefault(key, [*key[:1], m["name"], *key[1:], 0])
        row[5] += 1
    table = [[*r[:4], "" if r[4] is None else f"{r[4]:.1f}", r[5]] for r in rows.values()]
    click.echo(tabulate(table, headers=["entity", "name", "spelling", "rule", "score", "articles"]))
    by_rule: dict[str, int] = {}
    for m in merges:
        by_rule[m["rule"]] = by_rule.get(m["rule"], 0) + 1
    summary = ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items()))
    click.echo(f"{len(merges)} merged spellings" + (f": {summary}" if summary else ""))
