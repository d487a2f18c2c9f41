// `npm run bench:quality`: the quality rules against a realistic generated day (oracle/src/sim/
// day.ts), beside the previous rules (bench/baseline/quality-v1.ts) in the same run:
//   - per abuse kind, the share of its accounts flagged (recall), at 400 and 4,000 honest users;
//   - overall precision (flagged accounts that are abusive) and the honest false-positive rate;
//   - run time of every rule over 1,000,000 submissions (signals extracted beforehand, as the
//     dataset carries them), and of the signal extraction itself.
// Rows go to bench/results/quality.json.
import os from "node:os";
import { detectQuality } from "../src/quality/rules.ts";
import { extractSignals, type RawSubmission, type SubmissionSignals } from "../src/quality/signals.ts";
import { wordnetLexicon } from "../src/quality/text/wordnet.ts";
import { accountStats, type GoldSets } from "../src/quality/account-stats.ts";
import { byAccount, type Flag } from "../src/quality/flags.ts";
import { ABUSE_KINDS, abuseShare, generateDay, type Day } from "../src/sim/day.ts";
import { detectQualityV1 } from "./baseline/quality-v1.ts";
import { printTable, writeResults, type BenchRow } from "../../scripts/bench/report.ts";

const rows: BenchRow[] = [];
const START = Date.UTC(2026, 10, 24);
const ABUSE_SHARE = Number(process.env.BENCH_ABUSE_SHARE ?? 0.025);
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const lexicon = wordnetLexicon();

/** Gold sets of the day's campaigns, revealed once the day (and its campaigns) closed. */
function goldOf(day: Day): GoldSets {
  const gold = new Map<string, Map<string, readonly string[]>>();
  for (const t of day.tasks)
    if (t.gold) gold.set(t.campaignId, (gold.get(t.campaignId) ?? new Map()).set(t.taskId, t.gold));
  return gold;
}

function signalsOf(raw: readonly RawSubmission[], gold: GoldSets): SubmissionSignals[] {
  const goldTasks = new Map([...gold].map(([c, m]) => [c, new Set(m.keys())]));
  return raw.map((s) => extractSignals(s, { lexicon, key: 0x5eed, goldTasks }));
}

function score(group: string, who: string, role: BenchRow["role"], day: Day, flags: readonly Flag[]) {
  const flagged = new Set(flags.map((f) => f.account));
  const honest = [...day.labels].filter(([, l]) => l === "honest").length;
  const honestFlagged = [...flagged].filter((a) => day.labels.get(a) === "honest").length;
  for (const kind of ABUSE_KINDS) {
    const members = [...day.labels].filter(([, l]) => l === kind).map(([a]) => a);
    rows.push({
      group,
      name: `${who}: recall, ${kind} (${members.length})`,
      value: members.filter((a) => flagged.has(a)).length / members.length,
      unit: "",
      role,
      ...(role === "ours" ? { target: 0.8, targetIsMin: true } : {}),
    });
  }
  rows.push({
    group,
    name: `${who}: precision (${flagged.size} flagged)`,
    value: flagged.size ? (flagged.size - honestFlagged) / flagged.size : 1,
    unit: "",
    role,
    ...(role === "ours" ? { target: 0.9, targetIsMin: true } : {}),
  });
  rows.push({
    group,
    name: `${who}: honest users flagged (${honestFlagged} of ${honest})`,
    value: honestFlagged / honest,
    unit: "",
    role,
    ...(role === "ours" ? { target: 0.02 } : {}),
  });
  const byRule = new Map<string, number>();
  for (const f of flags) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  console.log(`  ${who}: flags by rule`, Object.fromEntries(byRule));
}

for (const honest of [400, 4_000]) {
  const day = generateDay({ seed: honest + 7, honest, abuse: abuseShare(honest, ABUSE_SHARE, 6), start: START });
  const gold = goldOf(day);
  const signals = signalsOf(day.submissions, gold);
  const group = `${honest.toLocaleString("en-US")} honest users (${day.submissions.length.toLocaleString("en-US")} submissions)`;
  console.log(`bench:quality: ${group}, ${day.labels.size - honest} abusive accounts`);
  let t0 = performance.now();
  const ours = detectQuality(signals, { gold });
  const oursS = seconds(t0);
  score(group, "rules v2", "ours", day, ours.flags);
  t0 = performance.now();
  const v1 = detectQualityV1(day.submissions, signals, accountStats(byAccount(signals), signals, gold));
  const v1S = seconds(t0);
  score(group, "rules v1", "baseline", day, v1);
  rows.push({ group, name: "rules v2: run time", value: oursS, unit: "s", role: "ours" });
  rows.push({ group, name: "rules v1: run time", value: v1S, unit: "s", role: "baseline" });
}

// Run time over 1,000,000 submissions.
const TARGET = Number(process.env.BENCH_SUBMISSIONS ?? 1_000_000);
{
  let honest = 7_000;
  let day = generateDay({ seed: 99, honest, abuse: abuseShare(honest, ABUSE_SHARE, 6), start: START });
  honest = Math.round((honest * TARGET) / day.submissions.length);
  day = generateDay({ seed: 99, honest, abuse: abuseShare(honest, ABUSE_SHARE, 6), start: START });
  const subs = day.submissions.slice(0, TARGET);
  const group = `run time, ${subs.length.toLocaleString("en-US")} submissions (${day.labels.size.toLocaleString("en-US")} accounts), load ${os.loadavg()[0]!.toFixed(2)}`;
  console.log(`bench:quality: ${group}`);
  const gold = goldOf(day);
  let t0 = performance.now();
  const signals = signalsOf(subs, gold);
  rows.push({ group, name: "signal extraction (stemming, WordNet, MinHash), at ingestion", value: seconds(t0), unit: "s", role: "ours" });
  t0 = performance.now();
  const out = detectQuality(signals, { gold });
  rows.push({ group, name: "every rule v2", value: seconds(t0), unit: "s", role: "ours", target: 60, note: `${out.flags.length} flags` });
}

printTable("bench:quality: quality rules on a generated realistic day", rows);
console.log(`wrote ${await writeResults("quality", rows, { abuseShare: ABUSE_SHARE, loadAverage: os.loadavg() })}`);
