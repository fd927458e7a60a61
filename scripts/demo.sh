#!/usr/bin/env bash
# Set up, ingest the bundled sample articles into the embedded store, serve the API.
#   bash scripts/demo.sh            # then: curl http://127.0.0.1:5000/api/v1/health
# Writes (POST/DELETE) need DIPLOGRAPH_API_KEY set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/diplograph ingest examples/articles
.venv/bin/diplograph stats
exec .venv/bin/diplograph serve --workers "${WORKERS:-2}" "$@"
