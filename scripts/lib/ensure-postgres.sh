#!/usr/bin/env bash
# Integration tests start a real PostgreSQL server of their own; make sure its
# binaries exist (Debian's postgresql package) without touching any running cluster.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> installing PostgreSQL server binaries (Debian postgresql)"
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  # The package starts a cluster we do not use; the tests run their own.
  (command -v service >/dev/null && service postgresql stop >/dev/null 2>&1) || true
else
  echo "PostgreSQL server binaries (initdb) are missing; install Debian's 'postgresql' package" >&2
  exit 1
fi
