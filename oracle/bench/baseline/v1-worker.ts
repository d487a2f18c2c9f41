// Runs the previous rules on one bench day in a worker, so that bench:quality can stop them
// when they take too long (their pairwise comparison grows with the square of the crowd).
import { parentPort, workerData } from "node:worker_threads";
import { accountStats } from "../../src/quality/account-stats.ts";
import { byAccount } from "../../src/quality/flags.ts";
import { benchDay } from "../quality-day.ts";
import { detectQualityV1 } from "./quality-v1.ts";

const { honest, share } = workerData as { honest: number; share: number };
const { day, features, gold } = benchDay(honest, share);
const t0 = performance.now();
const flags = detectQualityV1(
  day.submissions,
  features,
  accountStats(byAccount(features), features, gold),
);
parentPort!.postMessage({
  seconds: (performance.now() - t0) / 1000,
  flags: flags.map((f) => ({ account: f.account, ruleId: f.ruleId })),
});
