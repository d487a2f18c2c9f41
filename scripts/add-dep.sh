#!/usr/bin/env bash
# The one way to add or remove a dependency: runs npm under Node 22 so Hardhat's
# native EDR package stays installed. Usage: npm run add-dep -- <npm install args>
#   e.g. npm run add-dep -- zod -w oracle     |    npm run add-dep -- -D fast-check
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"
npm exec --yes --package="$NODE22_SPEC" -- npm install --no-audit --no-fund "$@"
rm -f node_modules/.install-stamp
ensure_installed
