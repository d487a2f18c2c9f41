#!/usr/bin/env bash
# The main job: the whole local stack with embedded defaults, nothing to install by hand.
#   1. install (Node 22, keeps Hardhat's EDR)   2. compile + export ABIs
#   3. a Hardhat node on 127.0.0.1:8545          4. deploy and wire every contract (Ignition)
#   5. the oracle on 127.0.0.1:8787 (embedded PGlite in .data/oracle): ingestion, read and
#      review APIs, and the epoch scheduler (short demo epochs, EPOCH_SECONDS=60)
#   6. the indexer on 127.0.0.1:42069 (Ponder, embedded PGlite in .data/indexer): GraphQL,
#      SQL over HTTP, /stats
#   7. the demo: a simulated epoch is posted, closes, is scored and published on chain, and the
#      auditor's `verify` recomputes it
# The web app joins this script as it lands.
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
  # npx and node wrappers start the real process as a child: stop the children too.
  for pid in "${pids[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
  done
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

if curl -fsS -o /dev/null -X POST -H 'content-type: application/json' \
  --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$RPC_URL" 2>/dev/null; then
  echo "something already answers on $RPC_URL: stop it or set RPC_PORT" >&2
  exit 1
fi
echo "==> hardhat node on $RPC_URL (log: .data/logs/node.log)"
"$ROOT/node_modules/.bin/hardhat" node --hostname 127.0.0.1 --port "$RPC_PORT" >"$LOGS/node.log" 2>&1 &
pids+=($!)
wait_for "$RPC_URL" "the Hardhat node"

echo "==> deploy"
node scripts/deploy.ts --network localhost

echo "==> demo galleries and consent: 12 simulated creators open galleries and mint 60 NFTs; 200 simulated fans opt in"
GALLERY_COLLECTION="$(node -e 'const d=require("./abi/src/generated/deployments.json");process.stdout.write(d["31337"].contracts.GalleryCollection)')"
node oracle/src/cli/main.ts simulate --users 200 --nfts 60 --galleries 12 --collection "$GALLERY_COLLECTION" --mint --opt-in --dry-run >/dev/null

ORACLE_PORT="${ORACLE_PORT:-8787}"
ORACLE="http://127.0.0.1:${ORACLE_PORT}"
# The chain is new on every start, so is the oracle's state (it names the old contracts).
rm -rf .data/oracle .data/datasets
# Hardhat's public development keys (Ignition's defaults): #1 is the oracle (relayer),
# #2 and #3 co-sign commitments (2-of-3). Never use them on a real network.
export ORACLE_PORT EPOCH_SECONDS="${EPOCH_SECONDS:-60}" EPOCH_GENESIS="$(date +%s)" \
  ORACLE_SCHEDULER_TICK_MS=2000 \
  ORACLE_RELAYER_KEY=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d \
  ORACLE_SIGNER_KEYS=0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a,0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6 \
  ORACLE_SALT_SECRET="0x$(node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('hex'))")" \
  ORACLE_AUDITOR_KEYS="${ORACLE_AUDITOR_KEYS:-local-auditor-key-0000}" \
  ORACLE_REVIEWER_KEYS="${ORACLE_REVIEWER_KEYS:-reviewer:local-reviewer-key-0000}"
echo "==> oracle on $ORACLE (PGlite in .data/oracle, epochs of ${EPOCH_SECONDS} s, log: .data/logs/oracle.log)"
node oracle/src/cli/main.ts serve >"$LOGS/oracle.log" 2>&1 &
pids+=($!)
wait_for "$ORACLE/health" "the oracle"
INDEXER_PORT="${INDEXER_PORT:-42069}"
INDEXER="http://127.0.0.1:${INDEXER_PORT}"
# A new chain every start: so is the indexer's database.
rm -rf .data/indexer
echo "==> indexer on $INDEXER (PGlite in .data/indexer, log: .data/logs/indexer.log)"
PONDER_RPC_URL="$RPC_URL" PONDER_PGLITE_DIR="$ROOT/.data/indexer" \
  "$ROOT/node_modules/.bin/ponder" start --root indexer --schema mesi --port "$INDEXER_PORT" \
  --hostname 127.0.0.1 --log-format json >"$LOGS/indexer.log" 2>&1 &
pids+=($!)
wait_for "$INDEXER/ready" "the indexer"

echo "==> demo: a simulated epoch of Train2Earn submissions (honest fans and every abuse kind the quality rules know)"
# --opt-in again sends nothing (they consented above) and dates the work after their consent.
node oracle/src/cli/main.ts simulate --users 200 --nfts 60 --galleries 12 --collection "$GALLERY_COLLECTION" --opt-in --oracle "$ORACLE"
echo "==> demo: waiting for epoch 1 to close and be published (up to $((EPOCH_SECONDS + 60)) s)"
for _ in $(seq 1 $((EPOCH_SECONDS + 60))); do
  grep -q '"msg":"epoch done","epoch":"1"' "$LOGS/oracle.log" && break
  if grep -q '"msg":"epoch failed' "$LOGS/oracle.log"; then
    grep '"msg":"epoch failed' "$LOGS/oracle.log" | tail -1 >&2
  fi
  sleep 1
done
grep -q '"msg":"epoch done","epoch":"1"' "$LOGS/oracle.log" || {
  echo "epoch 1 was not published; see .data/logs/oracle.log" >&2
  exit 1
}
echo "==> demo: the auditor recomputes epoch 1 from its published datasets"
MESI_AUDITOR_KEY="${ORACLE_AUDITOR_KEYS%%,*}" node oracle/src/cli/main.ts verify --epoch 1

echo
echo "Stack is up:"
echo "  chain   $RPC_URL (chain id 31337)"
echo "  oracle  $ORACLE (POST /v1/events, /v1/submissions, /v1/appeals; GET /v1/datasets/:hash,"
echo "          /v1/proofs/..., /v1/receipts/..., /v1/audit, /v1/auth/nonce, /health; reviewers: /v1/review/items;"
echo "          the account's own: GET /v1/accounts/:account/export, POST /v1/accounts/:account/erasure)"
echo "  indexer $INDEXER (POST /graphql, /sql/* for @ponder/client; GET /stats, /ready, /status)"
echo "  ABIs + addresses: abi/src/generated/"
if [ "${KEEP_RUNNING:-1}" = "1" ]; then
  echo "Ctrl-C to stop."
  wait
fi
