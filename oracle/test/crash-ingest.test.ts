// SIGKILL the oracle in the middle of ingestion, restart it on the same PGlite directory,
// and let the client retry everything: no event is lost and none is stored twice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../src/db/database.ts";
import { counts } from "../src/ingest/store.ts";
import { CLIENT, post, type Fetcher } from "./support/client.ts";
import { freePort, stopChild } from "../../test/support/process.ts";
import { spawnServe } from "./support/oracle-server.ts";

const BATCHES = 30;
const PER_BATCH = 200;

const startOracle = (dataDir: string, port: number) =>
  // Activity events only, no chain: consent (checked on task submissions) is not followed here.
  spawnServe(port, {
    ORACLE_DATA_DIR: dataDir,
    ORACLE_CLIENTS: JSON.stringify([CLIENT]),
    ORACLE_CONSENT: "off",
  });

const batch = (b: number) => ({
  events: Array.from({ length: PER_BATCH }, (_, i) => ({
    id: `crash-${b}-${i}`,
    kind: "view",
    actor: `0x${(i + 1).toString(16).padStart(40, "0")}`,
    durationMs: 1000 + i,
    occurredAt: "2026-11-24T10:00:00Z",
  })),
});

test("a SIGKILL during ingestion loses nothing and doubles nothing after restart and retry", async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mesi-oracle-crash-"));
  const port = await freePort();
  const fetcher: Fetcher = (p, init) => fetch(`http://127.0.0.1:${port}${p}`, init);

  let oracle = await startOracle(dataDir, port);
  // Send batches concurrently and kill the process while requests are in flight.
  const inFlight = Array.from({ length: BATCHES }, (_, b) =>
    post(fetcher, "/v1/events", batch(b)).then(
      (r) => r.status,
      () => "dropped",
    ),
  );
  await Promise.race(inFlight); // the first batch is stored, the others are still in flight
  oracle.kill("SIGKILL");
  const firstRound = await Promise.all(inFlight);
  assert.ok(firstRound.includes("dropped"), "the kill interrupted some requests");

  oracle = await startOracle(dataDir, port);
  try {
    // The client retries every batch; each answer is 201 (new) or 200 (already stored).
    for (let b = 0; b < BATCHES; b++) {
      const r = await post(fetcher, "/v1/events", batch(b));
      assert.ok(r.status === 200 || r.status === 201, `batch ${b}: ${r.status}`);
    }
  } finally {
    await stopChild(oracle);
  }
  const database = await openDatabase({ dataDir });
  try {
    assert.deepEqual(await counts(database.db), { events: BATCHES * PER_BATCH, submissions: 0 });
  } finally {
    await database.close();
  }
});
