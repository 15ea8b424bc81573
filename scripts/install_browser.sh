#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright's own browser download cannot run offline).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "[browser] installing Debian chromium (about 2 minutes)"
scripts/apt_install.sh chromium
