// What a campaign ticket's verdict weighs (pipeline/campaign-tickets.ts flagState): serious flags
// on the holder's answers to the campaign, and account-level flags (how the account works: bot
// timing, mass upload, a ring) raised in an epoch in which it answered the campaign's tasks —
// not account-level flags from epochs it spent elsewhere, nor flags a reviewer dismissed.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../src/db/database.ts";
import { hashed, storeSubmissions } from "../src/ingest/store.ts";
import { flagState } from "../src/pipeline/campaign-tickets.ts";

let database: Database | undefined;
after(() => database?.close());

test("a verdict counts the account's way of working while it did the campaign, not elsewhere", async () => {
  database = await openDatabase({
    dataDir: await mkdtemp(path.join(os.tmpdir(), "mesi-verdicts-")),
  });
  const { db } = database;
  const account = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
  const answer = async (epoch: bigint, who: string, campaignId: bigint, taskId: string) => {
    const s = {
      id: `${who}-${campaignId}-${taskId}`,
      account: who,
      campaignId,
      taskId,
      taskType: "poll_response" as const,
      choice: "a",
      startedAt: new Date(Date.UTC(2026, 10, 30, 9, 0)),
      submittedAt: new Date(Date.UTC(2026, 10, 30, 9, 1)),
    };
    await storeSubmissions(db, "platform", epoch, [hashed(s)]);
    return s.id;
  };
  const flag = (
    epoch: bigint,
    who: string,
    submissionId: string | null,
    severity: number,
    status: "open" | "upheld" | "dismissed" = "open",
  ) =>
    db
      .insertInto("flags")
      .values({
        epoch: epoch.toString(),
        account: who,
        submission_id: submissionId,
        rule_id: submissionId ? "near-duplicate" : "bot-timing",
        rule_version: 1,
        severity,
        detail: "{}",
        status,
      })
      .execute();

  const [copier, bot, elsewhere, cleared, mild, clean] = [1, 2, 3, 4, 5, 6].map(account) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  for (const who of [copier, bot, elsewhere, cleared, mild, clean]) await answer(2n, who, 7n, "t1");
  // A serious flag on one of the copier's answers, upheld.
  await flag(2n, copier, `${copier}-7-t1`, 0.8, "upheld");
  // The bot's timing was flagged in the epoch it answered the campaign: open, in review.
  await flag(2n, bot, null, 1);
  // Flagged for how it worked in epoch 3, on another campaign only.
  await answer(3n, elsewhere, 8n, "t1");
  await flag(3n, elsewhere, null, 1, "upheld");
  // A reviewer dismissed this one; and a mild flag is below the verdict's bar.
  await flag(2n, cleared, null, 1, "dismissed");
  await flag(2n, mild, null, 0.3, "upheld");

  const state = await flagState(db, "7", 3n);
  const of = (who: string) => {
    const s = state.get(who);
    assert.ok(s, `${who} answered the campaign`);
    return [s.standing, s.open];
  };
  assert.deepEqual(of(copier), [1, 0], "an upheld flag on an answer voids");
  assert.deepEqual(of(bot), [1, 1], "an open account-level flag of that epoch holds the ticket");
  assert.deepEqual(of(elsewhere), [0, 0], "another epoch's way of working is not this campaign's");
  assert.deepEqual(of(cleared), [0, 0], "a dismissed flag does not count");
  assert.deepEqual(of(mild), [0, 0], "a mild flag does not fail a ticket");
  assert.deepEqual(of(clean), [0, 0]);
});
