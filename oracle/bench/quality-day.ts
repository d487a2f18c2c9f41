// The generated day bench:quality scores at one crowd size, and its public features: the same
// for the main thread and the worker that runs the previous rules (deterministic per seed).
import { goldSetsOf } from "../src/quality/gold.ts";
import { wordnetLexicon } from "../src/quality/text/wordnet.ts";
import { abuseShare, generateDay } from "../sim/day.ts";
import { campaignsOf } from "../sim/simulate.ts";
import { simulatedFeatures } from "../sim/score.ts";

export const BENCH_START = Date.UTC(2026, 10, 24);

export function benchDay(honest: number, share: number) {
  const seed = honest + 7;
  const day = generateDay({
    seed,
    honest,
    abuse: abuseShare(honest, share, 6),
    start: BENCH_START,
  });
  const { features, gold } = simulatedFeatures(day, campaignsOf(day, seed), wordnetLexicon());
  return { day, features, gold: goldSetsOf(gold) };
}
