import { test } from "node:test";
import assert from "node:assert/strict";
import { detectFlags, type Flag } from "../src/quality/rules.ts";
import { extractFeatures } from "../src/quality/features.ts";
import { runQualityFilters } from "../src/quality/run.ts";
import { simulate, type Behaviour } from "../src/sim/simulate.ts";
import { openDatabase } from "../src/db/database.ts";

const SIM = {
  seed: 42,
  users: 400,
  bots: 0.05,
  copyPasters: 0.05,
  massUploaders: 0.05,
  start: Date.UTC(2026, 10, 24),
};
const KEY = new Uint8Array(32).fill(7);
const flagsOf = (subs: Parameters<typeof extractFeatures>[0]) =>
  detectFlags(extractFeatures(subs, KEY));

const RULE_OF: Record<Exclude<Behaviour, "honest">, Flag["ruleId"]> = {
  bot: "bot-timing",
  "copy-paster": "near-duplicate",
  "mass-uploader": "mass-upload",
};

test("the simulator's bots, copy-pasters and mass uploaders are flagged (precision and recall ≥ 0.9); honest users are not", () => {
  const { submissions, labels } = simulate(SIM);
  const flags = flagsOf(submissions);
  const honestFlagged = new Set(
    flags.filter((f) => labels.get(f.account) === "honest").map((f) => f.account),
  );
  for (const [behaviour, rule] of Object.entries(RULE_OF) as [
    Exclude<Behaviour, "honest">,
    Flag["ruleId"],
  ][]) {
    const flagged = new Set(flags.filter((f) => f.ruleId === rule).map((f) => f.account));
    const truth = new Set([...labels].filter(([, b]) => b === behaviour).map(([a]) => a));
    const tp = [...flagged].filter((a) => truth.has(a)).length;
    const precision = flagged.size ? tp / flagged.size : 0;
    const recall = truth.size ? tp / truth.size : 1;
    console.log(
      `  ${rule.padEnd(15)} precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  (${truth.size} injected)`,
    );
    assert.ok(precision >= 0.9, `${rule} precision ${precision}`);
    assert.ok(recall >= 0.9, `${rule} recall ${recall}`);
  }
  const honest = [...labels.values()].filter((b) => b === "honest").length;
  console.log(`  honest users flagged: ${honestFlagged.size} of ${honest}`);
  assert.ok(honestFlagged.size / honest <= 0.02, `honest users flagged: ${honestFlagged.size}`);
});

test("the rules are deterministic: the same submissions give the same flags", () => {
  const a = flagsOf(simulate(SIM).submissions);
  const b = flagsOf([...simulate(SIM).submissions].reverse());
  assert.deepEqual(a, b);
});

test("running the filters on an epoch stores each flag once, however often it runs", async () => {
  const database = await openDatabase();
  try {
    const { submissions } = simulate({ ...SIM, users: 60 });
    await database.db
      .insertInto("submissions")
      .values(
        submissions.map((s) => ({
          id: s.id,
          client_id: "sim",
          epoch: 1n,
          account: s.account,
          campaign_id: 1n,
          task_id: "t",
          task_type: "prompt_answer",
          answer: s.answer,
          started_at: s.startedAt,
          submitted_at: s.submittedAt,
          payload_hash: "h",
        })),
      )
      .execute();
    const first = await runQualityFilters(database, 1n, KEY);
    const second = await runQualityFilters(database, 1n, KEY);
    assert.deepEqual(second, first);
    assert.equal(first.features.length, submissions.length);
    const stored = await database.db
      .selectFrom("flags")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), first.flags);
    assert.ok(first.flags > 0);
  } finally {
    await database.close();
  }
});
