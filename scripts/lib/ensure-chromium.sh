#!/usr/bin/env bash
# The web app's browser tests and benchmark drive Debian's Chromium with playwright-core
# (a browser download never works on our machines); install it when it is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> installing Chromium (Debian chromium) for the web app's browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium (/usr/bin/chromium) is missing; install Debian's 'chromium' package" >&2
  exit 1
fi
