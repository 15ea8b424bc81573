#!/usr/bin/env bash
# Install Debian packages for the tests WITHOUT starting their services: a policy-rc.d that refuses every start
# is in place during the install (as in Docker's Debian images), so no nginx on :80 or PostgreSQL on :5432 is
# left running; the tests start their own servers on free loopback ports and stop them.
# Usage: scripts/apt_install.sh PACKAGE...      (uses sudo when not root)
set -euo pipefail
[ "$#" -gt 0 ] || { echo "usage: $0 PACKAGE..." >&2; exit 2; }
if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
policy=/usr/sbin/policy-rc.d
added=
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  added=1
fi
cleanup() { if [ -n "$added" ]; then $SUDO rm -f "$policy"; fi; }
trap cleanup EXIT
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o Dpkg::Options::=--force-confold "$@" >/dev/null
