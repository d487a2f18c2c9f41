import { test } from "node:test";
import assert from "node:assert/strict";
import { epochAt, loadConfig } from "../src/config.ts";

test("configuration defaults to PGlite and the dev client; bad values name the variable", () => {
  const cfg = loadConfig({});
  assert.equal(cfg.port, 8787);
  assert.equal(cfg.devClient, true);
  assert.throws(() => loadConfig({ ORACLE_PORT: "99999" }), /ORACLE_PORT/);
  assert.throws(
    () => loadConfig({ ORACLE_CLIENTS: "not json" }),
    /ORACLE_CLIENTS: must be a JSON array/,
  );
  assert.throws(
    () => loadConfig({ ORACLE_CLIENTS: '[{"id":"a","secret":"short"}]' }),
    /ORACLE_CLIENTS.0.secret/,
  );
  const custom = loadConfig({ ORACLE_CLIENTS: '[{"id":"a","secret":"0123456789abcdef"}]' });
  assert.equal(custom.devClient, false);
  assert.equal(custom.clients[0]!.burst, 400);
});

test("epochs count from 1 at genesis", () => {
  const cfg = { epochSeconds: 60, epochGenesis: 1_000 };
  assert.equal(epochAt(cfg, 1_000_000), 1n);
  assert.equal(epochAt(cfg, 1_059_999), 1n);
  assert.equal(epochAt(cfg, 1_060_000), 2n);
});
