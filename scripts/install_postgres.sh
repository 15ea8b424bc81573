#!/usr/bin/env bash
# Debian's PostgreSQL server binaries for the compose topology in the tests (common/postgres_server.py finds
# /usr/lib/postgresql/<major>/bin). No default cluster is created and no server is started: each test run
# makes its own cluster in a temporary dir on a free loopback port and removes it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
echo "[postgres] installing Debian postgresql (about 1 minute)"
conf=/etc/postgresql-common/createcluster.conf
if [ ! -e "$conf" ]; then  # binaries only: no "main" cluster on port 5432
  $SUDO mkdir -p "$(dirname "$conf")"
  echo "create_main_cluster = false" | $SUDO tee "$conf" >/dev/null
fi
scripts/apt_install.sh postgresql
