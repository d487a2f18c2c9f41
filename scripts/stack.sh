#!/usr/bin/env bash
# The main job: the whole local stack with embedded defaults, nothing to install by hand.
#   1. install (Node 22, keeps Hardhat's EDR)   2. compile + export ABIs
#   3. a Hardhat node on 127.0.0.1:8545          4. deploy and wire every contract (Ignition)
#   5. the oracle's ingestion API on 127.0.0.1:8787 (embedded PGlite in .data/oracle)
# The oracle's epoch pipeline, the indexer and the web app join this script as they land.
# Ctrl-C stops everything it started. KEEP_RUNNING=0 stops right after deploying.
source "$(dirname "$0")/lib/env.sh"
ensure_installed
cd "$ROOT"
RPC_PORT="${RPC_PORT:-8545}"
export RPC_URL="http://127.0.0.1:${RPC_PORT}"
LOGS="$ROOT/.data/logs"
mkdir -p "$LOGS"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

wait_for() { # url, what
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null -X POST -H 'content-type: application/json' \
      --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$1" 2>/dev/null ||
      curl -fsS -o /dev/null "$1" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "$2 did not come up at $1 (logs in .data/logs)" >&2
  exit 1
}

echo "==> compile"
npx hardhat build --quiet
node scripts/export-abi.ts

echo "==> hardhat node on $RPC_URL (log: .data/logs/node.log)"
npx hardhat node --hostname 127.0.0.1 --port "$RPC_PORT" >"$LOGS/node.log" 2>&1 &
pids+=($!)
wait_for "$RPC_URL" "the Hardhat node"

echo "==> deploy"
node scripts/deploy.ts --network localhost

ORACLE_PORT="${ORACLE_PORT:-8787}"
echo "==> oracle ingestion API on http://127.0.0.1:${ORACLE_PORT} (PGlite in .data/oracle, log: .data/logs/oracle.log)"
ORACLE_PORT="$ORACLE_PORT" node oracle/src/cli/main.ts serve >"$LOGS/oracle.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:${ORACLE_PORT}/health" "the oracle"
echo "==> demo: a simulated day of Train2Earn submissions (with bots, copy-pasters, mass uploaders)"
node oracle/src/cli/main.ts simulate --users 200 --oracle "http://127.0.0.1:${ORACLE_PORT}"

echo
echo "Stack is up:"
echo "  chain   $RPC_URL (chain id 31337)"
echo "  oracle  http://127.0.0.1:${ORACLE_PORT} (POST /v1/events, /v1/submissions; GET /health)"
echo "  ABIs + addresses: abi/src/generated/"
if [ "${KEEP_RUNNING:-1}" = "1" ]; then
  echo "Ctrl-C to stop."
  wait
fi
