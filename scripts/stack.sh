#!/usr/bin/env bash
# The main command: the whole local stack with embedded defaults, nothing to install by hand.
#   install → compile → Hardhat node → Ignition deployment → demo galleries → oracle (PGlite,
#   epoch scheduler and seed job) → indexer (PGlite) → demo epoch and demo campaign → the
#   auditor's verify of the published epoch → the web app's production build, served → URLs and
#   next steps.
# Settings come from .env (see .env.example); a busy port is reported by name before anything
# starts. Ctrl-C, a failing step or a child that dies stops every process this script started
# (each runs in a process group of its own, so their children go too). KEEP_RUNNING=0 stops
# right after the demo.
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"
# .env (KEY=value lines, " #" starts a comment); a variable already set in the environment wins.
if [ -f .env ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%% #*}"
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [ -z "$line" ] || [ "${line:0:1}" = "#" ] && continue
    key="${line%%=*}"
    value="${line#*=}"
    value="${value%\"}" && value="${value#\"}"
    [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || {
      echo ".env: not a KEY=value line: $line" >&2
      exit 1
    }
    [ -n "${!key+x}" ] || export "$key=$value"
  done <.env
fi
RPC_PORT="${RPC_PORT:-8545}"
ORACLE_PORT="${ORACLE_PORT:-8787}"
INDEXER_PORT="${INDEXER_PORT:-42069}"
WEB_PORT="${WEB_PORT:-4173}"
export RPC_URL="http://127.0.0.1:${RPC_PORT}"
ORACLE="http://127.0.0.1:${ORACLE_PORT}"
INDEXER="http://127.0.0.1:${INDEXER_PORT}"
WEB="http://127.0.0.1:${WEB_PORT}"
# Where the local stack keeps its state and logs (a test gives each run its own).
DATA="${MESI_DATA_DIR:-$ROOT/.data}"
LOGS="$DATA/logs"
SHOWN="${DATA#"$ROOT/"}"
STEPS=10
step=0
progress() { # what
  step=$((step + 1))
  printf '\n==> [%d/%d] %s\n' "$step" "$STEPS" "$1"
}

# --- every port first: a busy one is named with the variable that moves it.
busy=0
check_port() { # port, what, variable
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    echo "port $1 ($2) is already in use: stop what listens there or set $3 in .env" >&2
    busy=1
  fi
}
check_port "$RPC_PORT" "Hardhat node" RPC_PORT
check_port "$ORACLE_PORT" "oracle" ORACLE_PORT
check_port "$INDEXER_PORT" "indexer" INDEXER_PORT
check_port "$WEB_PORT" "web app" WEB_PORT
[ "$busy" = 0 ] || exit 1

# --- the processes this script started, each the leader of its own process group.
pids=()
names=()
start() { # name, log file, command…
  local name="$1" log="$2"
  shift 2
  setsid "$@" >"$LOGS/$log" 2>&1 &
  pids+=($!)
  names+=("$name")
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ "${#pids[@]}" -gt 0 ] || exit "$status"
  echo
  echo "==> stopping ${names[*]}"
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "==> stopped; logs in $SHOWN/logs"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # url, what, pid of the process that must answer
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null -X POST -H 'content-type: application/json' \
      --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$1" 2>/dev/null ||
      curl -fsS -o /dev/null "$1" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$3" 2>/dev/null; then
      echo "$2 exited while starting; the end of its log:" >&2
      tail -20 "$LOGS/$4" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$2 did not answer at $1 within 5 minutes (log: $SHOWN/logs/$4)" >&2
  exit 1
}
rpc() { # method, params (JSON)
  curl -fsS -o /dev/null -X POST -H 'content-type: application/json' \
    --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "$RPC_URL"
}

progress "install (Node 22, Hardhat's native EDR kept)"
ensure_installed
mkdir -p "$LOGS"

progress "compile the contracts and export the ABIs"
npx hardhat build --quiet
node scripts/export-abi.ts

progress "Hardhat node on $RPC_URL (log: $SHOWN/logs/node.log)"
start node node.log "$ROOT/node_modules/.bin/hardhat" node --hostname 127.0.0.1 --port "$RPC_PORT"
wait_for "$RPC_URL" "the Hardhat node" "${pids[-1]}" node.log

progress "deploy and wire every contract (Ignition; the timelock becomes every admin)"
node scripts/deploy.ts --network localhost
GALLERY_COLLECTION="$(node -e 'const d=require("./abi/src/generated/deployments.json");process.stdout.write(d["31337"].contracts.GalleryCollection)')"
echo "    12 simulated creators open galleries and mint 60 NFTs; ${DEMO_USERS:-200} simulated fans opt in on chain"
node oracle/sim/main.ts --users "${DEMO_USERS:-200}" --campaigns 1 --nfts 60 --galleries 12 --collection "$GALLERY_COLLECTION" --mint --opt-in --dry-run >/dev/null
# From now on a block every second besides the automatic ones (after the deployment, so its
# start block stays the same): the seed job reveals once the block after its commit exists.
rpc evm_setIntervalMining '[1000]'

# The chain is new on every start, so are the oracle's and the indexer's state.
rm -rf "$DATA/oracle" "$DATA/datasets" "$DATA/indexer"
export ORACLE_DATA_DIR="$DATA/oracle" ORACLE_DATASET_DIR="$DATA/datasets"
# Hardhat's public development keys (Ignition's defaults): #1 is the oracle (relayer),
# #2 and #3 co-sign commitments (2-of-3). Never use them on a real network.
export ORACLE_PORT EPOCH_SECONDS="${EPOCH_SECONDS:-60}" EPOCH_GENESIS="${EPOCH_GENESIS:-$(date +%s)}" \
  ORACLE_SCHEDULER_TICK_MS="${ORACLE_SCHEDULER_TICK_MS:-2000}" \
  ORACLE_SEED_TICK_MS="${ORACLE_SEED_TICK_MS:-2000}" ORACLE_POOL_TICK_MS="${ORACLE_POOL_TICK_MS:-2000}" \
  ORACLE_RELAYER_KEY="${ORACLE_RELAYER_KEY:-0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d}" \
  ORACLE_SIGNER_KEYS="${ORACLE_SIGNER_KEYS:-0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a,0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6}" \
  ORACLE_SALT_SECRET="${ORACLE_SALT_SECRET:-0x$(node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('hex'))")}" \
  ORACLE_AUDITOR_KEYS="${ORACLE_AUDITOR_KEYS:-local-auditor-key-0000}" \
  ORACLE_REVIEWER_KEYS="${ORACLE_REVIEWER_KEYS:-reviewer:local-reviewer-key-0000}"
DB_NOTE="PGlite in $SHOWN/oracle"
[ -n "${ORACLE_DATABASE_URL:-}" ] && DB_NOTE="PostgreSQL"
progress "oracle on $ORACLE ($DB_NOTE; epochs of ${EPOCH_SECONDS} s; log: $SHOWN/logs/oracle.log)"
start oracle oracle.log env ${ORACLE_DATABASE_URL:+DATABASE_URL="$ORACLE_DATABASE_URL"} \
  node oracle/src/cli/main.ts serve
ORACLE_PID="${pids[-1]}"
wait_for "$ORACLE/health" "the oracle" "$ORACLE_PID" oracle.log

DB_NOTE="PGlite in $SHOWN/indexer"
[ -n "${INDEXER_DATABASE_URL:-}" ] && DB_NOTE="PostgreSQL"
progress "indexer on $INDEXER ($DB_NOTE; log: $SHOWN/logs/indexer.log)"
# Run from indexer/: Ponder writes its generated/ files under the working directory.
start indexer indexer.log env -C "$ROOT/indexer" PONDER_RPC_URL="$RPC_URL" PONDER_PGLITE_DIR="$DATA/indexer" \
  ${INDEXER_DATABASE_URL:+DATABASE_URL="$INDEXER_DATABASE_URL"} \
  "$ROOT/node_modules/.bin/ponder" start --schema mesi --port "$INDEXER_PORT" \
  --hostname 127.0.0.1 --log-format json
wait_for "$INDEXER/ready" "the indexer" "${pids[-1]}" indexer.log

progress "web app on $WEB (production build; log: $SHOWN/logs/web.log)"
npm run -s build -w web -- --logLevel warn
# The build names no endpoint: web/serve.ts generates its config.js from these.
start web web.log node web/serve.ts --port "$WEB_PORT" --chain-id 31337 \
  --rpc "$RPC_URL" --oracle "$ORACLE" --indexer "$INDEXER"
wait_for "$WEB/config.js" "the web app" "${pids[-1]}" web.log

progress "demo: a day of Train2Earn submissions and activity (honest fans and every abuse kind), and a campaign"
# --opt-in again sends nothing (they consented above) and dates the work after their consent.
node oracle/sim/main.ts --users "${DEMO_USERS:-200}" --campaigns 1 --nfts 60 --galleries 12 --collection "$GALLERY_COLLECTION" --opt-in --oracle "$ORACLE"
# The epoch open when the last of it arrived (activity comes last): the demo epoch.
EPOCH=$((($(date +%s) - EPOCH_GENESIS) / EPOCH_SECONDS + 1))
CAMPAIGN="$(node scripts/demo-campaign.ts "$RPC_URL")"
CAMPAIGN_ID="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).campaignId)' "$CAMPAIGN")"
echo "    campaign $CAMPAIGN_ID: every reward type, 500 MESI budget, joins open ${DEMO_JOIN_MINUTES:-30} min, draw in ${DEMO_DRAW_MINUTES:-60} min (the seed job commits and reveals its seed)"

progress "demo: epoch $EPOCH closes, is scored and published on chain (up to $((EPOCH_SECONDS + 120)) s)"
for i in $(seq 1 $((EPOCH_SECONDS + 120))); do
  grep -q "\"msg\":\"epoch done\",\"epoch\":\"$EPOCH\"" "$LOGS/oracle.log" && break
  kill -0 "$ORACLE_PID" 2>/dev/null || {
    echo "the oracle stopped; the end of its log:" >&2
    tail -20 "$LOGS/oracle.log" >&2
    exit 1
  }
  [ $((i % 15)) = 0 ] && echo "    … ${i} s"
  sleep 1
done
grep -q "\"msg\":\"epoch done\",\"epoch\":\"$EPOCH\"" "$LOGS/oracle.log" || {
  grep '"msg":"epoch failed' "$LOGS/oracle.log" | tail -1 >&2 || true
  echo "epoch $EPOCH was not published; see $SHOWN/logs/oracle.log" >&2
  exit 1
}

progress "demo: the auditor recomputes epoch $EPOCH from its published datasets"
AUDITOR_KEY="${ORACLE_AUDITOR_KEYS%%,*}"
REVIEWER_KEY="${ORACLE_REVIEWER_KEYS%%,*}"
MESI_AUDITOR_KEY="$AUDITOR_KEY" node oracle/src/cli/main.ts verify --epoch "$EPOCH"
# A TQS dataset with scores in it, and its first account: a proof to try.
TQS_FILE="$(grep -l '"dataset":"TQS"' "$DATA"/datasets/*.jsonl | xargs grep -l '"type":"leaf"' | head -1)"
TQS_FILE="${TQS_FILE#"$ROOT/"}"
TQS_ACCOUNT="$(grep -m1 '"type":"leaf"' "$TQS_FILE" | sed 's/.*"id":"\(0x[0-9a-f]*\)".*/\1/')"

ACCOUNTS="$(node -e '
const { mnemonicToAccount } = require("viem/accounts");
const { bytesToHex } = require("viem");
const roles = { 0: "admin, treasury, campaign manager", 1: "oracle (relayer, seed job)", 5: "guardian", 6: "KYC attestor", 9: "a fan" };
for (const [i, role] of Object.entries(roles)) {
  const a = mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: Number(i) });
  console.log(`  #${i} ${role.padEnd(34)} ${a.address}  key ${bytesToHex(a.getHdKey().privateKey)}`);
}
')"
cat <<EOF

The stack is up.
  web app  $WEB  (fans, creators, auditors)
  chain    $RPC_URL (chain id 31337; a block every second)
  oracle   $ORACLE  (GET /health; ingestion, proofs, receipts, /v1/audit, reviewers: /v1/review/items;
           an account's own data: GET /v1/accounts/:account/export, POST /v1/accounts/:account/erasure)
  indexer  $INDEXER (POST /graphql, /sql/*; GET /stats, /stats/campaigns/$CAMPAIGN_ID, /ready)
  contracts and ABIs: abi/src/generated/ (addresses in deployments.json)

Demo accounts (Hardhat's public development keys; import them into a wallet on chain 31337,
never on a real network):
$ACCOUNTS

Next steps:
  web app       open $WEB, import a demo account (above; #9 is a fan) into a wallet on chain 31337,
                join campaign $CAMPAIGN_ID; its Auditors page verifies epoch $EPOCH in the browser
  auditor key   $AUDITOR_KEY   (header x-mesi-auditor-key: engagement datasets, audit texts)
  reviewer key  ${REVIEWER_KEY#*:}   (header x-mesi-reviewer-key: GET $ORACLE/v1/review/items)
  verify an epoch   MESI_AUDITOR_KEY=$AUDITOR_KEY node oracle/src/cli/main.ts verify --epoch $EPOCH
  a score proof     node oracle/src/cli/main.ts prove --dataset $TQS_FILE --kind TQS --account $TQS_ACCOUNT
                    (the epoch's datasets: $SHOWN/datasets/<hash>.jsonl, the hash is on chain)
  the campaign      curl $INDEXER/stats/campaigns/$CAMPAIGN_ID
  a new epoch every ${EPOCH_SECONDS} s: node oracle/sim/main.ts --users 50 --campaigns 1 --oracle $ORACLE
  docs              README.md, docs/ARCHITECTURE.md, docs/DEPLOY.md, docs/QUALITY.md, docs/SCORES.md, docs/PRIVACY.md
EOF
if [ "${KEEP_RUNNING:-1}" = "1" ]; then
  echo "Ctrl-C stops everything."
  # Any child that dies ends the stack (and the cleanup stops the others).
  wait -n
  echo "a process of the stack exited; stopping the rest" >&2
  exit 1
fi
