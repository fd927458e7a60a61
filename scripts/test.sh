#!/usr/bin/env bash
# Set up and run every check: ruff, mypy (strict), the whole pytest suite.
# The Neo4j tests start a real Neo4j 5.26 server (resolved with Maven on first use) and
# the explorer's tests drive Debian's Chromium (installed here when missing); with
# CI=true they fail when either cannot be started, elsewhere they are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/chromium.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
