// The runner under the scheduler and the jobs: passes never overlap, a slow pass is not
// followed by a backlog of queued ones, and stop waits for the pass in flight.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runEvery } from "../src/pipeline/periodic.ts";

test("passes never overlap, ticks during a slow pass are skipped, stop waits for the pass in flight", async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  let passes = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let finished = false;
  const loop = runEvery(1, async () => {
    passes++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await gate; // the first pass is slow: many ticks pass while it runs
    inFlight--;
    finished = true;
  });
  // Let a good many 1 ms ticks fire while the first pass holds.
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 2));
  assert.equal(passes, 1, "no tick started a second pass while the first ran");
  const stopped = loop.stop();
  release();
  await stopped;
  assert.equal(finished, true, "stop resolved only after the pass in flight ended");
  assert.equal(maxInFlight, 1);
  const after = passes;
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(passes, after, "no pass after stop");
});
