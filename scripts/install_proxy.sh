#!/usr/bin/env bash
# Debian's nginx (nginx-light) for the backend-replica tests: one URL in front of two `labelguide backend serve`
# processes (common/proxy_server.py writes its config). The package's own site on :80 is not started.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1; then exit 0; fi
echo "[proxy] installing Debian nginx-light (under a minute)"
scripts/apt_install.sh nginx-light
