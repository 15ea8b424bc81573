#!/usr/bin/env bash
# The test command: install what the suite needs, then run it. Extra arguments go to pytest.
# Debian packages (each script skips what is already there, and starts no service): Chromium for the browser
# tests, PostgreSQL for the compose topology, nginx for the backend replicas. Every server the suite starts
# listens on a free loopback port and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh test,hub
scripts/install_browser.sh
scripts/install_postgres.sh
scripts/install_proxy.sh
export LABELGUIDE_ARTIFACTS="${LABELGUIDE_ARTIFACTS:-$PWD/test-artifacts}"
exec .venv/bin/python -m pytest "$@"
