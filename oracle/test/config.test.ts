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

test("consent is on by default and raw answers are kept 180 days unless configured", () => {
  const cfg = loadConfig({});
  assert.equal(cfg.consent, true);
  assert.equal(cfg.answerRetentionMs, 180 * 86_400_000);
  assert.equal(loadConfig({ ORACLE_CONSENT: "off" }).consent, false);
  assert.equal(loadConfig({ ORACLE_ANSWER_RETENTION_DAYS: "0.5" }).answerRetentionMs, 43_200_000);
  assert.throws(() => loadConfig({ ORACLE_CONSENT: "maybe" }), /ORACLE_CONSENT: must be on or off/);
  assert.throws(
    () => loadConfig({ ORACLE_ANSWER_RETENTION_DAYS: "0" }),
    /ORACLE_ANSWER_RETENTION_DAYS: must be a positive number of days/,
  );
});

test("a tick interval that is not a number of milliseconds stops the process, naming the variable", () => {
  assert.deepEqual(loadConfig({}).tickMs, { scheduler: 60_000, seeds: 5_000, pools: 5_000 });
  assert.equal(loadConfig({ ORACLE_POOL_TICK_MS: "250" }).tickMs.pools, 250);
  // Node would run a NaN, negative or zero delay after 1 ms: a busy loop, not a tick.
  for (const [name, value] of [
    ["ORACLE_SCHEDULER_TICK_MS", "60s"],
    ["ORACLE_SEED_TICK_MS", "-5"],
    ["ORACLE_POOL_TICK_MS", "0"],
    ["ORACLE_POOL_TICK_MS", "1.5e3x"],
    ["ORACLE_SEED_TICK_MS", "2.5"],
  ] as const)
    assert.throws(
      () => loadConfig({ [name]: value }),
      new RegExp(`${name}: must be (a whole number of|from 100 to 86400000) milliseconds`),
      `${name}=${value}`,
    );
});

test("epochs count from 1 at genesis", () => {
  const cfg = { epochSeconds: 60, epochGenesis: 1_000 };
  assert.equal(epochAt(cfg, 1_000_000), 1n);
  assert.equal(epochAt(cfg, 1_059_999), 1n);
  assert.equal(epochAt(cfg, 1_060_000), 2n);
});
