# Shared shell setup: every project command runs npm and Hardhat on Node 22.
# Hardhat 3 needs Node >= 22 and npm run under Node 20 silently drops Hardhat's
# native EDR package, so installs always go through the `node@22` package.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export HARDHAT_DISABLE_TELEMETRY=true
export PONDER_TELEMETRY_DISABLED=true
NODE22_SPEC="node@22"

# Runs npm under Node 22 (the binary the `node@22` package ships).
npm22() {
  if [ -x "$ROOT/node_modules/.bin/node" ] && "$ROOT/node_modules/.bin/node" -v | grep -q '^v22\.'; then
    PATH="$ROOT/node_modules/.bin:$PATH" npm "$@"
  else
    npm exec --yes --package="$NODE22_SPEC" -- npm "$@"
  fi
}

# Installs the workspace tree when node_modules is missing, stale or lacks EDR.
ensure_installed() {
  cd "$ROOT"
  local stamp="node_modules/.install-stamp"
  local want
  want="$(cat package-lock.json package.json */package.json 2>/dev/null | sha1sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || ! ls node_modules/@nomicfoundation/edr-* >/dev/null 2>&1; then
    echo "==> installing dependencies under Node 22"
    # `npm install` (not `npm ci`): the lock file leaves out other platforms' optional
    # EDR binaries, which `npm ci` reports as out of sync.
    npm exec --yes --package="$NODE22_SPEC" -- npm install --no-audit --no-fund
    echo "$want" >"$stamp"
  fi
  export PATH="$ROOT/node_modules/.bin:$PATH"
}
