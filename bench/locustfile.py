"""Locust users for ``python -m bench.load``: a read mix of meetings, neighbourhoods, paths.

Run only by locust in its own process (importing locust monkey-patches with gevent).
``--targets`` names a JSON file of entity ids and state codes that ``bench.load``
sampled from the store (``actors``, ``nodes``, ``countries``; hubs included), and
``--warmup`` the seconds after the start whose requests are dropped from the stats.
Weights 4:2:2:2 for meetings, neighbourhood depth 1, depth 2 and paths; the four
kinds of meetings (no filter, entity, country, both) share the meetings' weight.
"""

from __future__ import annotations

import json
import logging
import random
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import gevent  # type: ignore[import-untyped]
from locust import FastHttpUser, constant, events, task
from locust.env import Environment

logger = logging.getLogger(__name__)


@events.init_command_line_parser.add_listener  # type: ignore[untyped-decorator]
def _add_options(parser: Any) -> None:
    parser.add_argument("--targets", required=True, help="JSON file of sampled entity ids")
    parser.add_argument("--warmup", type=float, default=0.0, help="seconds left out of stats")


@events.test_start.add_listener  # type: ignore[untyped-decorator]
def _reset_after_warmup(environment: Environment, **_: Any) -> None:
    """Locust's ``--reset-stats`` fires when spawning ends, seconds before the workers
    have settled; this drops everything up to a chosen time instead."""
    warmup = environment.parsed_options.warmup if environment.parsed_options else 0.0
    if warmup > 0:
        gevent.spawn_later(warmup, _reset_stats, environment)


def _reset_stats(environment: Environment) -> None:
    environment.stats.reset_all()
    logger.info("warm-up over: statistics reset")


@cache
def _targets(path: str) -> dict[str, list[str]]:
    targets: dict[str, list[str]] = json.loads(Path(path).read_text(encoding="utf-8"))
    return targets


class ApiReader(FastHttpUser):
    """One client asking as fast as answers come back (no think time): saturation."""

    wait_time = constant(0)

    def on_start(self) -> None:
        options = self.environment.parsed_options
        assert options is not None, "run by locust, with --targets"
        targets = _targets(options.targets)
        self.actors = targets["actors"]
        self.nodes = targets["nodes"]
        self.countries = targets["countries"]

    @task(4)
    def meetings(self) -> None:
        params: dict[str, str] = {}
        if random.random() < 0.5:
            params["entity"] = random.choice(self.actors)
        if random.random() < 0.5:
            params["country"] = random.choice(self.countries)
        name = "meetings " + ("+".join(params) or "unfiltered")
        self.client.get("/api/v1/meetings?" + urlencode({**params, "limit": 50}), name=name)

    @task(2)
    def neighbourhood_depth_1(self) -> None:
        self._neighbourhood(1)

    @task(2)
    def neighbourhood_depth_2(self) -> None:
        self._neighbourhood(2)

    @task(2)
    def paths(self) -> None:
        source, target = random.sample(self.actors, 2)
        query = urlencode({"from": source, "to": target, "max_length": 4})
        self.client.get(f"/api/v1/paths?{query}", name="paths")

    def _neighbourhood(self, depth: int) -> None:
        centre = quote(random.choice(self.nodes), safe="")
        self.client.get(
            f"/api/v1/entities/{centre}/neighbourhood?depth={depth}",
            name=f"neighbourhood depth={depth}",
        )
