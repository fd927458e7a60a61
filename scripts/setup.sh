#!/usr/bin/env bash
# Create .venv with the pinned dependencies and diplograph installed (editable), and
# build the explorer page (explorer/, npm) that the API serves at /.
# Idempotent: a second run only checks that everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'

if command -v npm >/dev/null 2>&1; then
  # npm ci only when the lock file changed since the last install.
  if [ ! explorer/node_modules/.package-lock.json -nt explorer/package-lock.json ]; then
    (cd explorer && npm ci --no-audit --no-fund --loglevel=error)
  fi
  (cd explorer && npm run --silent build)
else
  echo "setup: npm not found: the API works, but the explorer page at / needs Node.js 20+ and npm" >&2
fi
