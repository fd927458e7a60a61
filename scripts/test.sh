#!/usr/bin/env bash
# Set up and run every check: ruff, mypy (strict), the whole pytest suite.
# The Neo4j tests start a real Neo4j 5.26 server (resolved with Maven on first use);
# with CI=true they fail when it cannot be started, elsewhere they are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
