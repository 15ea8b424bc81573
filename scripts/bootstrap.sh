#!/usr/bin/env bash
# Create .venv (Python 3.11) and install labelguide with the extras given (default: studio).
# Usage: scripts/bootstrap.sh [EXTRAS]      e.g. scripts/bootstrap.sh studio,test ; "none" = the package alone
# (the ML backend's Dockerfile runs `scripts/bootstrap.sh none`: the same install as here).
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-studio}"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
if [ ! -x .venv/bin/python ]; then
  echo "[bootstrap] creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
stamp=".venv/.labelguide-installed-$extras"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "[bootstrap] installing labelguide[$extras] (first run: a few minutes)"
  .venv/bin/python -m pip install --quiet --upgrade pip
  if [ "$extras" = none ]; then spec="."; else spec=".[$extras]"; fi
  .venv/bin/python -m pip install --quiet -e "$spec"
  touch "$stamp"
fi
