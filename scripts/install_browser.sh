#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright's own browser download cannot run offline).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
echo "[browser] installing Debian chromium (about 2 minutes)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
