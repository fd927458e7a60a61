"""Settings: defaults in code, then ``config.yaml``, then environment variables.

Validated once, at startup, by pydantic; an error names the setting and the fix.
Secrets (the Neo4j password, the API key) come from the environment, never from
the committed file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from graph.compile import Rules
from graph.errors import DiplographError, InvalidIdentityFile
from graph.store import Store
from loaders.labels import DEFAULT_LABELS, LabelMap

if TYPE_CHECKING:
    from loaders.text import Annotator

__all__ = ["ConfigError", "Settings", "load_settings", "open_annotator", "open_store"]

# Environment variable -> (section, key).  Documented in the README and config.yaml.
ENV_OVERRIDES = {
    "DIPLOGRAPH_BACKEND": ("store", "backend"),
    "DIPLOGRAPH_STORE_PATH": ("store", "path"),
    "NEO4J_URI": ("neo4j", "uri"),
    "NEO4J_USER": ("neo4j", "user"),
    "NEO4J_PASSWORD": ("neo4j", "password"),
    "NEO4J_DATABASE": ("neo4j", "database"),
    "DIPLOGRAPH_API_KEY": ("api", "api_key"),
}


class ConfigError(DiplographError):
    """The configuration cannot be used; the message says which setting and why."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StoreSettings(_Section):
    backend: Literal["networkx", "neo4j"] = "networkx"
    path: Path = Path("data/diplograph.sqlite")
    snapshot: bool = True


class Neo4jSettings(_Section):
    uri: str = Field("bolt://127.0.0.1:7687", pattern=r"^(bolt|neo4j)(\+s|\+ssc)?://")
    user: str = "neo4j"
    password: SecretStr | None = None
    database: str = "neo4j"
    connection_timeout: float = Field(5.0, gt=0)


class ApiSettings(_Section):
    host: str = "127.0.0.1"
    port: int = Field(5000, ge=1, le=65535)
    api_key: SecretStr | None = None
    cors_origins: list[str] = []
    max_depth: int = Field(3, ge=1, le=5)
    max_path_length: int = Field(6, ge=1, le=10)
    max_results: int = Field(1000, ge=1)
    max_body_mb: float = Field(5, gt=0)


class IngestSettings(_Section):
    max_file_mb: float = Field(10, gt=0)
    batch_size: int = Field(250, ge=1)


class IdentitySettings(_Section):
    """Entity resolution: extra alias and gazetteer files, overrides, fuzzy threshold."""

    alias_files: list[Path] = []
    gazetteer_files: list[Path] = []
    overrides: Path | None = None
    # rapidfuzz token ratio (0-100) a spelling needs to join a known name; null: off.
    fuzzy_threshold: float | None = Field(90.0, ge=50, le=100)

    def rules(self) -> Rules:
        """The identity rules these settings name; a bad file is a ConfigError."""
        try:
            return Rules.load(
                self.alias_files, self.gazetteer_files, self.overrides, self.fuzzy_threshold
            )
        except (InvalidIdentityFile, OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            raise ConfigError(f"identity: {exc}") from None


class LabelSettings(_Section):
    """Annotation-tool label names mapped to our types, added to the defaults."""

    entities: dict[str, str] = {}
    events: dict[str, str] = {}
    relations: dict[str, str] = {}
    roles: dict[str, str] = {}

    def label_map(self) -> LabelMap:
        try:
            return DEFAULT_LABELS.with_overrides(self.model_dump())
        except ValueError as exc:
            raise ConfigError(str(exc)) from None


class AnnotateSettings(_Section):
    """``diplograph annotate``: extra trigger lexicons and the largest text it reads."""

    lexicon_files: list[Path] = []
    max_text_mb: float = Field(10, gt=0)


class Settings(_Section):
    store: StoreSettings = StoreSettings()
    neo4j: Neo4jSettings = Neo4jSettings()
    api: ApiSettings = ApiSettings()
    ingest: IngestSettings = IngestSettings()
    identity: IdentitySettings = IdentitySettings()
    labels: LabelSettings = LabelSettings()
    annotate: AnnotateSettings = AnnotateSettings()


def load_settings(
    path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Settings from ``path`` (else ``$DIPLOGRAPH_CONFIG``, else ``./config.yaml`` if
    present), then the environment, then ``overrides`` (for tests and the API).

    Relative paths in a file are taken relative to that file's folder.
    """
    env = os.environ if env is None else env
    chosen = path or env.get("DIPLOGRAPH_CONFIG")
    if chosen is None and Path("config.yaml").is_file():
        chosen = "config.yaml"
    data: dict[str, Any] = {}
    base = Path.cwd()
    if chosen is not None:
        file = Path(chosen)
        try:
            loaded = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        except OSError as exc:
            raise ConfigError(f"cannot read config file {file}: {exc.strerror}") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"config file {file} is not valid YAML: {exc}") from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"config file {file} must be a mapping of sections")
        data = loaded
        base = file.resolve().parent
    for var, (section, key) in ENV_OVERRIDES.items():
        if env.get(var):
            data.setdefault(section, {})[key] = env[var]
    for dotted, value in (overrides or {}).items():
        section, key = dotted.split(".", 1)
        data.setdefault(section, {})[key] = value
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        lines = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        where = f"config file {chosen}" if chosen else "configuration"
        raise ConfigError(f"{where} has invalid settings:\n  " + "\n  ".join(lines)) from None
    return _resolve_paths(settings, base)


def _resolve_paths(settings: Settings, base: Path) -> Settings:
    store_path = settings.store.path
    if str(store_path) != ":memory:" and not store_path.is_absolute():
        settings.store.path = base / store_path
    identity = settings.identity
    identity.alias_files = [p if p.is_absolute() else base / p for p in identity.alias_files]
    identity.gazetteer_files = [
        p if p.is_absolute() else base / p for p in identity.gazetteer_files
    ]
    if identity.overrides is not None and not identity.overrides.is_absolute():
        identity.overrides = base / identity.overrides
    annotate = settings.annotate
    annotate.lexicon_files = [p if p.is_absolute() else base / p for p in annotate.lexicon_files]
    return settings


def open_annotator(settings: Settings) -> Annotator:
    """The annotator over the configured gazetteer and extra lexicons."""
    from loaders.text import Annotator

    rules = settings.identity.rules()
    try:
        return Annotator(rules.gazetteer, settings.annotate.lexicon_files)
    except (InvalidIdentityFile, OSError) as exc:
        raise ConfigError(f"annotate.lexicon_files: {exc}") from None


def open_store(settings: Settings, *, server: bool = False) -> Store:
    """The store the settings name; Neo4j is imported only when chosen.

    A ``server`` (an API worker) reads the embedded store's snapshot but never writes
    one when it exits: at 300,000 articles that takes longer than a worker is given to
    stop.  The next process replays what the server wrote on top of the last snapshot.
    """
    if settings.store.backend == "neo4j":
        from graph.neo4j_store import Neo4jStore

        neo = settings.neo4j
        if neo.password is None:
            raise ConfigError("store.backend is neo4j but no password is set: set NEO4J_PASSWORD")
        return Neo4jStore(
            neo.uri,
            (neo.user, neo.password.get_secret_value()),
            database=neo.database,
            connection_timeout=neo.connection_timeout,
        )
    from graph.embedded import EmbeddedStore

    return EmbeddedStore(
        settings.store.path,
        snapshot=settings.store.snapshot,
        save_snapshot_on_close=not server,
    )
