// `npm run bench:quality`: the quality rules against a realistic generated day (oracle/src/sim/
// day.ts), beside the previous rules (bench/baseline/quality-v1.ts) in the same run:
//   - per abuse kind, the share of its accounts flagged (recall), at 400 and 4,000 honest users;
//   - overall precision (flagged accounts that are abusive) and the honest false-positive rate;
//   - run time of every rule over 1,000,000 submissions (features extracted beforehand, as the
//     dataset carries them), and of the signal extraction itself.
// Rows go to bench/results/quality.json.
import os from "node:os";
import { Worker } from "node:worker_threads";
import { detectQuality } from "../src/quality/rules.ts";
import { goldSetsOf } from "../src/quality/gold.ts";
import { wordnetLexicon } from "../src/quality/text/wordnet.ts";
import type { Flag } from "../src/quality/flags.ts";
import { ABUSE_KINDS, abuseShare, generateDay, type Day } from "../sim/day.ts";
import { campaignsOf } from "../sim/simulate.ts";
import { scorecard, simulatedFeatures } from "../sim/score.ts";
import { BENCH_START as START, benchDay } from "./quality-day.ts";
import { printTable, writeResults, type BenchRow } from "../../scripts/bench/report.ts";

const rows: BenchRow[] = [];
const ABUSE_SHARE = Number(process.env.BENCH_ABUSE_SHARE ?? 0.025);
/** The v1 rules grow with the square of the crowd: stopped after this long. */
const V1_TIMEOUT_S = Number(process.env.BENCH_V1_TIMEOUT_S ?? 900);
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const pct = (share: number) => Math.round(share * 10_000) / 100;
const lexicon = wordnetLexicon();

function score(
  group: string,
  who: string,
  role: BenchRow["role"],
  day: Day,
  flags: readonly Flag[],
) {
  const card = scorecard(day.labels, flags);
  const ours = role === "ours";
  for (const kind of ABUSE_KINDS)
    rows.push({
      group,
      name: `${who}: recall, ${kind} (${card.recall[kind].of})`,
      value: pct(card.recall[kind].share),
      unit: "%",
      role,
      ...(ours ? { target: 80, targetIsMin: true } : {}),
    });
  rows.push({
    group,
    name: `${who}: precision (${card.flagged} flagged)`,
    value: pct(card.precision),
    unit: "%",
    role,
    ...(ours ? { target: 90, targetIsMin: true } : {}),
  });
  rows.push({
    group,
    name: `${who}: honest users flagged (${card.honestFlagged} of ${card.honest})`,
    value: pct(card.honestRate),
    unit: "%",
    role,
    ...(ours ? { target: 2 } : {}),
  });
  const byRule = new Map<string, number>();
  for (const f of flags) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  console.log(`  ${who}: flags by rule`, Object.fromEntries(byRule));
  if (!ours) return;
  // Each rule alone: how many of the accounts it flags are abusive, and how many of the
  // accounts of the kind it is meant for it catches.
  for (const [rule, kinds] of Object.entries(RULE_TARGETS)) {
    const hit = new Set(flags.filter((f) => f.ruleId === rule).map((f) => f.account));
    const bad = [...hit].filter((a) => day.labels.get(a) !== "honest").length;
    const meant = [...day.labels].filter(([, l]) => (kinds as readonly string[]).includes(l));
    rows.push({
      group,
      name: `rule ${rule}: precision (${hit.size} accounts)`,
      value: pct(hit.size ? bad / hit.size : 1),
      unit: "%",
      role,
    });
    rows.push({
      group,
      name: `rule ${rule}: recall of ${kinds.join(", ")}`,
      value: pct(meant.filter(([a]) => hit.has(a)).length / meant.length),
      unit: "%",
      role,
    });
  }
}

/** The abuse kinds each rule is meant for (the others are caught by it only on the side). */
const RULE_TARGETS = {
  "near-duplicate": ["paraphraser"],
  ring: ["ring"],
  typing: ["fast-bot"],
  gold: ["random-clicker"],
  "rating-agreement": ["random-clicker"],
  "sustained-volume": ["sustained-uploader"],
  "min-effort": ["min-effort"],
  "bot-timing": ["classic-bot"],
  "mass-upload": ["burst-uploader"],
  anomaly: ["mixed"],
} as const;

/** Honest crowd sizes to score (BENCH_SIZES=none skips to the run time). */
const SIZES = (process.env.BENCH_SIZES ?? "400,4000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
/** The previous rules in a worker, stopped after V1_TIMEOUT_S: their flags and run time. */
function runV1(honest: number): Promise<{ seconds: number; flags: Flag[] } | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./baseline/v1-worker.ts", import.meta.url), {
      workerData: { honest, share: ABUSE_SHARE },
    });
    const timer = setTimeout(
      () => void worker.terminate().then(() => resolve(null)),
      V1_TIMEOUT_S * 1000,
    );
    worker.once("message", (m: { seconds: number; flags: Flag[] }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once("error", (e) => (clearTimeout(timer), reject(e)));
  });
}

for (const honest of SIZES) {
  const { day, features, gold } = benchDay(honest, ABUSE_SHARE);
  const group = `${honest.toLocaleString("en-US")} honest users (${day.submissions.length.toLocaleString("en-US")} submissions)`;
  console.log(`bench:quality: ${group}, ${day.labels.size - honest} abusive accounts`);
  const t0 = performance.now();
  const ours = detectQuality(features, { gold });
  const oursS = seconds(t0);
  score(group, "rules v2", "ours", day, ours.flags);
  rows.push({ group, name: "rules v2: run time", value: oursS, unit: "s", role: "ours" });
  const v1 = await runV1(honest);
  if (v1) {
    score(group, "rules v1", "baseline", day, v1.flags);
    rows.push({
      group,
      name: "rules v1: run time",
      value: v1.seconds,
      unit: "s",
      role: "baseline",
    });
  } else
    rows.push({
      group,
      name: "rules v1: run time",
      value: V1_TIMEOUT_S,
      unit: "s",
      role: "baseline",
      note: `stopped unfinished after ${V1_TIMEOUT_S} s`,
    });
}

// Run time over 1,000,000 submissions.
const TARGET = Number(process.env.BENCH_SUBMISSIONS ?? 1_000_000);
{
  let honest = 7_000;
  let day = generateDay({
    seed: 99,
    honest,
    abuse: abuseShare(honest, ABUSE_SHARE, 6),
    start: START,
  });
  // A little over the target, then exactly the target (in generation order: whole accounts).
  honest = Math.ceil((1.05 * honest * TARGET) / day.submissions.length);
  day = generateDay({ seed: 99, honest, abuse: abuseShare(honest, ABUSE_SHARE, 6), start: START });
  const subs = day.submissions.slice(0, TARGET);
  const accounts = new Set(subs.map((s) => s.account)).size;
  const group = `run time, ${subs.length.toLocaleString("en-US")} submissions (${accounts.toLocaleString("en-US")} accounts), load ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`;
  console.log(`bench:quality: ${group}`);
  let t0 = performance.now();
  const { features, gold: reveals } = simulatedFeatures(
    { submissions: subs },
    campaignsOf(day, 99),
    lexicon,
  );
  const gold = goldSetsOf(reveals);
  rows.push({
    group,
    name: "feature extraction (stemming, WordNet, MinHash), at the oracle",
    value: seconds(t0),
    unit: "s",
    role: "ours",
  });
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const out = detectQuality(features, { gold });
  const cpu = process.cpuUsage(cpu0);
  rows.push({
    group,
    name: "every rule v2",
    value: seconds(t0),
    unit: "s",
    role: "ours",
    target: 60,
    note: `${out.flags.length} flags`,
  });
  // On a shared machine the wall clock includes other people's work; the CPU time is ours.
  rows.push({
    group,
    name: "every rule v2, CPU time of this process",
    value: (cpu.user + cpu.system) / 1e6,
    unit: "s",
    role: "ours",
  });
}

printTable("bench:quality: quality rules on a generated realistic day", rows);
console.log(
  `wrote ${await writeResults("quality", rows, { abuseShare: ABUSE_SHARE, loadAverage: os.loadavg() })}`,
);
