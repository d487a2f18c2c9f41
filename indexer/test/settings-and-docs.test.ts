// Fast checks without a chain: the environment is validated with errors that name the
// variable and the rule, and docs/API.md shows exactly the SQL the API runs.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CONTRACTS, loadSettings } from "../lib/settings.ts";
import { QUERIES } from "../src/api/stats/queries.ts";

const deployment = {
  chainId: 31337,
  startBlock: 7,
  contracts: Object.fromEntries(
    CONTRACTS.map((name, i) => [name, `0x${(i + 1).toString(16).padStart(40, "0")}`]),
  ),
};
const file = (value: unknown) => {
  const f = path.join(mkdtempSync(path.join(os.tmpdir(), "mesi-settings-")), "deployment.json");
  writeFileSync(f, JSON.stringify(value));
  return f;
};

describe("indexer settings", () => {
  it("defaults to the local stack: chain 31337, 127.0.0.1:8545, PGlite, many RPC lanes", () => {
    const s = loadSettings({ PONDER_DEPLOYMENT_FILE: file(deployment) });
    assert.equal(s.chainId, 31337);
    assert.equal(s.rpcUrl, "http://127.0.0.1:8545");
    assert.equal(s.startBlock, 7);
    assert.deepEqual(s.database, { kind: "pglite", directory: ".ponder/pglite" });
    assert.equal(s.rpcLanes, 25);
  });

  it("takes PostgreSQL from DATABASE_URL, the start block and rate from the environment", () => {
    const s = loadSettings({
      PONDER_DEPLOYMENT_FILE: file(deployment),
      DATABASE_URL: "postgres://u@127.0.0.1:5432/db",
      PONDER_START_BLOCK: "12",
      PONDER_RPC_MAX_RPS: "20",
    });
    assert.deepEqual(s.database, {
      kind: "postgres",
      connectionString: "postgres://u@127.0.0.1:5432/db",
    });
    assert.equal(s.startBlock, 12);
    assert.equal(s.rpcLanes, 1);
  });

  it("names the variable and the rule it breaks", () => {
    assert.throws(
      () => loadSettings({ PONDER_DEPLOYMENT_FILE: file(deployment), PONDER_START_BLOCK: "-1" }),
      /PONDER_START_BLOCK: PONDER_START_BLOCK must be at least 0/,
    );
    assert.throws(
      () => loadSettings({ PONDER_DEPLOYMENT_FILE: file(deployment), PONDER_RPC_URL: "nope" }),
      /PONDER_RPC_URL: PONDER_RPC_URL must be an http\(s\) URL/,
    );
    const broken = structuredClone(deployment);
    broken.contracts.Ticket = "0x1234";
    assert.throws(
      () => loadSettings({ PONDER_DEPLOYMENT_FILE: file(broken) }),
      /deployment: contracts\.Ticket: an 0x-prefixed 20-byte address/,
    );
    assert.throws(
      () => loadSettings({ PONDER_DEPLOYMENT_FILE: file(deployment), PONDER_CHAIN_ID: "1" }),
      /the deployment is for chain 31337, PONDER_CHAIN_ID is 1/,
    );
    assert.throws(
      () => loadSettings({ PONDER_CHAIN_ID: "999999" }),
      /nothing is deployed on chain 999999/,
    );
  });
});

describe("docs/API.md", () => {
  it("shows every statistic's SQL exactly as the API runs it", () => {
    const doc = readFileSync(
      path.resolve(import.meta.dirname, "..", "..", "docs", "API.md"),
      "utf8",
    );
    for (const [name, sql] of Object.entries(QUERIES))
      assert.ok(doc.includes("```sql\n" + sql + "\n```"), `${name} is not in docs/API.md as run`);
  });
});
