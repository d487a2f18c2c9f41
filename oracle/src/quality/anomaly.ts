// anomaly@2: how far an account sits from the crowd on several signals at once. Each signal is
// a robust z-score (median/MAD over the accounts where it is defined, with a floor on the
// spread), only its suspicious side counts, each is capped at `zCap`, and the score is the
// root of their sum of squares: two or three moderate deviations add up to a high score
// instead of being diluted by an average or hidden by a maximum. Everyone gets a score;
// at `threshold` an account gets a light flag.
import { QUALITY_PARAMS } from "./params.ts";
import type { AccountStats } from "./account-stats.ts";
import type { Flag } from "./flags.ts";
import { clamp01, robustZ, round4 } from "./stats.ts";

export interface AnomalyScore {
  account: string;
  score: number;
  /** The positive robust z of each signal that contributed. */
  features: Record<string, number>;
}

/** Signal → its value for an account (undefined where not defined) and its spread floor. */
const SIGNALS: readonly [string, (s: AccountStats) => number | undefined, number][] = [
  ["volume", (s) => Math.log1p(s.submissions), 0.5],
  ["repeats", (s) => s.repeats / s.submissions, 0.05],
  ["typingSpeed", (s) => (s.cpsSamples ? s.medianCps : undefined), 0.5],
  ["fastShare", (s) => s.fastShare, 0.05],
  // Evidence against attentiveness (−ln P of so few correct), not the raw error rate: one
  // slip in three gold answers is no signal.
  ["goldErrors", (s) => (s.goldAnswered ? -Math.log(s.goldP) : undefined), 1],
  ["ratingDeviation", (s) => (s.ratingCount >= 6 ? s.ratingDeviation : undefined), 0.15],
  ["lowEffort", (s) => (s.openSamples ? s.lowEffortShare : undefined), 0.1],
];

export function anomalyScores(stats: readonly AccountStats[]): AnomalyScore[] {
  const p = QUALITY_PARAMS.anomaly;
  const sums = new Float64Array(stats.length);
  const features = stats.map(() => ({}) as Record<string, number>);
  if (stats.length >= p.minAccounts) {
    for (const [name, value, floor] of SIGNALS) {
      const idx: number[] = [];
      const xs: number[] = [];
      stats.forEach((s, i) => {
        const v = value(s);
        if (v !== undefined) (idx.push(i), xs.push(v));
      });
      const z = robustZ(xs, floor);
      idx.forEach((i, k) => {
        const zc = Math.min(p.zCap, Math.max(0, z[k]!));
        if (zc > 0) {
          sums[i] = sums[i]! + zc * zc;
          features[i]![name] = round4(zc);
        }
      });
    }
  }
  return stats.map((s, i) => ({
    account: s.account,
    score: round4(Math.sqrt(sums[i]!)),
    features: features[i]!,
  }));
}

/** Light account flags for scores at or above the threshold. */
export function anomalyFlags(scores: readonly AnomalyScore[]): Flag[] {
  const p = QUALITY_PARAMS.anomaly;
  return scores
    .filter((s) => s.score >= p.threshold)
    .map((s) => ({
      account: s.account,
      submissionId: null,
      ruleId: "anomaly" as const,
      ruleVersion: p.version,
      severity: round4(clamp01((p.maxSeverity * s.score) / (2 * p.threshold))),
      detail: { anomalyScore: s.score },
    }));
}
