#!/usr/bin/env bash
# The project's whole test suite: install if needed, compile, type-check, lint, Solidity
# fuzz/invariant tests, TypeScript contract tests, the oracle's, indexer's and web app's tests,
# then the whole local stack (scripts/test/stack.test.ts). About 14 minutes on a quiet 2-core machine.
source "$(dirname "$0")/lib/env.sh"
ensure_installed
cd "$ROOT"
bash scripts/lib/ensure-postgres.sh
echo "==> compile"
npx hardhat build --quiet
node scripts/export-abi.ts
echo "==> typecheck"
npm run -s typecheck
echo "==> lint"
npm run -s lint
echo "==> contract tests (Solidity fuzz + invariants, TypeScript)"
FUZZ_RUNS="${FUZZ_RUNS:-1000}" INVARIANT_RUNS="${INVARIANT_RUNS:-1000}" npx hardhat test
echo "==> workspace tests"
npm run -s test --workspaces --if-present
echo "==> the whole local stack (scripts/stack.sh on free ports: demo epoch verified, demo campaign shown by the web app in Chromium, the Train2Earn story through the running oracle, revenue pool opened and claimed, every published epoch verified, Ctrl-C leaves nothing)"
bash scripts/lib/ensure-chromium.sh
node --test scripts/test/stack.test.ts
