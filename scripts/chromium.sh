#!/usr/bin/env bash
# The explorer's browser tests drive Debian's Chromium with Playwright (never a browser
# download). Install it when it is missing; say why when that is not possible, and let
# the tests decide (they fail in CI, skip elsewhere).
set -uo pipefail
if command -v chromium >/dev/null 2>&1 || [ -n "${DIPLOGRAPH_CHROMIUM:-}" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo -n"
else
  echo "chromium.sh: Chromium is missing and this user cannot install it (apt-get install chromium)" >&2
  exit 0
fi
echo "chromium.sh: installing Debian's chromium for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null \
  && $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null \
  || echo "chromium.sh: apt-get could not install chromium" >&2
exit 0
