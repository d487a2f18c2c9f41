import { test } from "node:test";
import assert from "node:assert/strict";
import { openDatabase, type Database } from "../src/db/database.ts";
import { computeTqs } from "../src/scoring/tqs.ts";
import { startPostgres } from "../../test/support/postgres.ts";

const GOOD = "0x00000000000000000000000000000000000000a1";
const BAD = "0x00000000000000000000000000000000000000b1";

async function submit(database: Database, epoch: bigint, account: string, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${account}-${epoch}-${i}`;
    ids.push(id);
    await database.db
      .insertInto("submissions")
      .values({
        id,
        client_id: "t",
        epoch,
        account,
        campaign_id: 1n,
        task_id: "t",
        task_type: "prompt_answer",
        answer: "x",
        started_at: new Date(0),
        submitted_at: new Date(1000),
        payload_hash: "h",
      })
      .execute();
  }
  return ids;
}

const flag = (
  database: Database,
  epoch: bigint,
  account: string,
  submissionId: string,
  severity: number,
) =>
  database.db
    .insertInto("flags")
    .values({
      epoch,
      account,
      submission_id: submissionId,
      rule_id: "near-duplicate",
      rule_version: 1,
      severity,
    })
    .execute();

const tqsOf = async (database: Database, epoch: bigint, account: string) =>
  database.db
    .selectFrom("tqs_scores")
    .selectAll()
    .where("epoch", "=", epoch.toString())
    .where("account", "=", account)
    .executeTakeFirstOrThrow();

for (const engine of ["pglite", "postgres"] as const) {
  test(`${engine}: good work raises TQS, flags lower it, repeated flags decay trust until exclusion; dismissed flags do not count`, async () => {
    const server = engine === "postgres" ? await startPostgres() : undefined;
    const database = await openDatabase({ url: server?.url });
    try {
      for (const epoch of [1n, 2n, 3n]) {
        await submit(database, epoch, GOOD, 4);
        const bad = await submit(database, epoch, BAD, 4);
        for (const id of bad.slice(0, 3)) await flag(database, epoch, BAD, id, 0.9);
        await computeTqs(database.db, epoch);
      }
      const good = await Promise.all([1n, 2n, 3n].map((e) => tqsOf(database, e, GOOD)));
      assert.deepEqual(
        good.map((t) => t.score),
        [5600, 6200, 6800],
      );
      const bad = await Promise.all([1n, 2n, 3n].map((e) => tqsOf(database, e, BAD)));
      // epoch 1: 5000 + 150·1 − round(2000·2.7) = −250 → 0 … clamped; decay grows from epoch 2.
      assert.deepEqual(
        bad.map((t) => [t.clean, t.penalty, t.decay]),
        [
          [1, 5400, 0],
          [1, 5400, 1000],
          [1, 5400, 2000],
        ],
      );
      assert.equal(bad[0]!.score, 0);
      assert.equal(bad[0]!.excluded, true);
      assert.equal(good[2]!.excluded, false);
      // A reviewer dismisses epoch 3's flags: recomputing gives back the reward and no decay for them.
      await database.db
        .updateTable("flags")
        .set({ status: "dismissed" })
        .where("epoch", "=", "3")
        .execute();
      await computeTqs(database.db, 3n);
      const reviewed = await tqsOf(database, 3n, BAD);
      assert.deepEqual([reviewed.clean, reviewed.penalty, reviewed.decay], [4, 0, 1000]);
      // Idempotent.
      await computeTqs(database.db, 3n);
      assert.deepEqual(await tqsOf(database, 3n, BAD), reviewed);
    } finally {
      await database.close();
      server?.stop();
    }
  });
}
