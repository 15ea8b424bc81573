#!/usr/bin/env bash
# The test command: install what the suite needs, then run it. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh test,hub
scripts/install_browser.sh
export LABELGUIDE_ARTIFACTS="${LABELGUIDE_ARTIFACTS:-$PWD/test-artifacts}"
exec .venv/bin/python -m pytest "$@"
