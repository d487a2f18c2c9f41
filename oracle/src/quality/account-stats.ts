// Per-account statistics of one epoch, from public signals only: what the account-level rules
// threshold and the anomaly score combines. Task-level references (a rating task's consensus,
// an open task's typical information) come from the crowd of that task.
import { QUALITY_PARAMS } from "./params.ts";
import { isOpenTask, isRatingTask, type SubmissionFeatures } from "./features.ts";
import { binomialCdf, median } from "./stats.ts";

/** Revealed gold sets: campaign → task → accepted answers. */
export type GoldSets = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

export interface AccountStats {
  account: string;
  submissions: number;
  distinctTasks: number;
  /** Submissions beyond one per task. */
  repeats: number;
  maxInMinute: number;
  maxInWindow: number;
  fastShare: number;
  intervalCv: number;
  /** Median characters per second of answer time, over answers of ≥ `typing.minChars`. */
  medianCps: number;
  cpsSamples: number;
  goldAnswered: number;
  goldCorrect: number;
  /** P(this few correct | an attentive person), 1 without gold answers. */
  goldP: number;
  ratingCount: number;
  /** Mean |rating − task consensus − own bias| (in 1–5 steps) over rated tasks with a consensus. */
  ratingDeviation: number;
  /**
   * How many standard errors the deviation lies above the crowd's typical one (the median
   * rater's mean deviation; the spread of single deviations over √ratings).
   */
  ratingZ: number;
  openSamples: number;
  lowEffortShare: number;
}

const taskKey = (s: SubmissionFeatures) => `${s.campaignId}\u0000${s.taskId}`;
const tookMs = (s: SubmissionFeatures) => s.submittedAt.getTime() - s.startedAt.getTime();

function maxInWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while (times[hi]! - times[lo]! > windowMs) lo++;
    most = Math.max(most, hi - lo + 1);
  }
  return most;
}

/** Each rating task's consensus (median) and each open task's median information. */
function taskReferences(subs: readonly SubmissionFeatures[]) {
  const ratings = new Map<string, number[]>();
  const tokens = new Map<string, number[]>();
  const words = new Map<string, number[]>();
  for (const s of subs) {
    const k = taskKey(s);
    if (isRatingTask(s.taskType) && s.rating !== null) {
      const l = ratings.get(k);
      if (l) l.push(s.rating);
      else ratings.set(k, [s.rating]);
    } else if (isOpenTask(s.taskType)) {
      const l = tokens.get(k);
      if (l) l.push(s.tokens);
      else tokens.set(k, [s.tokens]);
      const w = words.get(k);
      if (w) w.push(s.words);
      else words.set(k, [s.words]);
    }
  }
  // Consensus (median) and scale: deviations are in steps of a 1–5 scale whatever the task's
  // own (its observed range over 4).
  const consensus = new Map<string, { median: number; scale: number }>();
  for (const [k, l] of ratings)
    if (l.length >= QUALITY_PARAMS.ratingAgreement.minRaters)
      consensus.set(k, {
        median: median(l),
        scale: Math.max(
          1,
          (l.reduce((a, b) => Math.max(a, b)) - l.reduce((a, b) => Math.min(a, b))) / 4,
        ),
      });
  const info = new Map<string, { tokens: number; words: number }>();
  for (const [k, l] of tokens)
    if (l.length >= QUALITY_PARAMS.minEffort.minTaskAnswers)
      info.set(k, { tokens: median(l), words: median(words.get(k)!) });
  return { consensus, info };
}

export function accountStats(
  groups: ReadonlyMap<string, readonly SubmissionFeatures[]>,
  all: readonly SubmissionFeatures[],
  gold: GoldSets,
): AccountStats[] {
  const P = QUALITY_PARAMS;
  const { consensus, info } = taskReferences(all);
  const stats: AccountStats[] = [];
  const deviations: number[][] = [];
  for (const [account, list] of groups) {
    const times = list.map((s) => s.submittedAt.getTime());
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const mean = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : 0;
    const sd = gaps.length
      ? Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length)
      : 0;
    const cps = list
      .filter((s) => s.chars >= P.typing.minChars)
      .map((s) => s.chars / Math.max(0.2, tookMs(s) / 1000));
    let goldAnswered = 0;
    let goldCorrect = 0;
    const residuals: number[] = [];
    let openSamples = 0;
    let low = 0;
    for (const s of list) {
      const accepted = gold.get(s.campaignId)?.get(s.taskId);
      if (accepted && s.goldAnswer !== null) {
        goldAnswered++;
        if (accepted.includes(s.goldAnswer)) goldCorrect++;
      }
      const cons = s.rating === null ? undefined : consensus.get(taskKey(s));
      if (cons !== undefined) residuals.push((s.rating! - cons.median) / cons.scale);
      const typical = isOpenTask(s.taskType) ? info.get(taskKey(s)) : undefined;
      if (typical !== undefined && typical.tokens >= P.minEffort.minTaskMedianTokens) {
        openSamples++;
        if (
          s.tokens <= P.minEffort.lowMaxTokens &&
          s.words <= P.minEffort.lowShareOfMedian * typical.words
        )
          low++;
      }
    }
    const bias = median(residuals);
    deviations.push(residuals.map((r) => Math.abs(r - bias)));
    stats.push({
      account,
      submissions: list.length,
      distinctTasks: new Set(list.map(taskKey)).size,
      repeats: list.length - new Set(list.map(taskKey)).size,
      maxInMinute: maxInWindow(times, P.massUpload.windowMs),
      maxInWindow: maxInWindow(times, P.sustainedVolume.windowMs),
      fastShare: list.filter((s) => tookMs(s) < P.botTiming.tooFastMs).length / list.length,
      intervalCv: mean > 0 ? sd / mean : 0,
      medianCps: median(cps),
      cpsSamples: cps.length,
      goldAnswered,
      goldCorrect,
      goldP: goldAnswered ? binomialCdf(goldCorrect, goldAnswered, P.gold.honestAccuracy) : 1,
      ratingCount: residuals.length,
      ratingDeviation: residuals.length
        ? residuals.reduce((a, r) => a + Math.abs(r - bias), 0) / residuals.length
        : 0,
      ratingZ: 0,
      openSamples,
      lowEffortShare: openSamples ? low / openSamples : 0,
    });
  }
  // The crowd's typical deviation and spread of single deviations, over raters with enough
  // ratings (medians over raters: not moved by a minority of random clickers).
  const raters = stats.flatMap((s, i) =>
    s.ratingCount >= P.ratingAgreement.minRatings ? [i] : [],
  );
  if (raters.length) {
    const typical = median(raters.map((i) => stats[i]!.ratingDeviation));
    // Each rater's own spread, then the median: heavy accounts count once.
    const spreads = raters.map((i) => {
      const d = deviations[i]!;
      const m = d.reduce((a, b) => a + b, 0) / d.length;
      return Math.sqrt(d.reduce((a, x) => a + (x - m) ** 2, 0) / d.length);
    });
    const spread = Math.max(P.ratingAgreement.minSpread, median(spreads));
    for (const i of raters)
      stats[i]!.ratingZ =
        (stats[i]!.ratingDeviation - typical) / (spread / Math.sqrt(stats[i]!.ratingCount));
  }
  return stats;
}
