// Per-user anomaly score: how far an account's behaviour in the epoch sits from the crowd's,
// as the largest robust z-score (median / MAD) over a few features. Pure and deterministic,
// so `verify` recomputes it; only a far outlier raises a (light) flag, everyone gets a score.
import { QUALITY_PARAMS, type Flag } from "./rules.ts";
import type { SubmissionFeatures } from "./features.ts";

export interface AnomalyScore {
  account: string;
  /** max |robust z| over the features, four decimals. */
  score: number;
  features: { submissions: number; medianAnswerMs: number; intervalCv: number };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Robust z-scores of `xs`; a feature with no spread (MAD 0) scores 0 for everyone. */
function robustZ(xs: readonly number[]): number[] {
  const med = median(xs);
  const mad = median(xs.map((x) => Math.abs(x - med))) * 1.4826;
  return xs.map((x) => (mad > 0 ? (x - med) / mad : 0));
}

export function anomalyScores(groups: ReadonlyMap<string, SubmissionFeatures[]>): AnomalyScore[] {
  const accounts = [...groups.keys()];
  const features = accounts.map((a) => {
    const list = groups.get(a)!;
    const answer = median(list.map((s) => s.submittedAt.getTime() - s.startedAt.getTime()));
    const gaps = list
      .slice(1)
      .map((s, i) => s.submittedAt.getTime() - list[i]!.submittedAt.getTime());
    const mean = gaps.length ? gaps.reduce((x, y) => x + y, 0) / gaps.length : 0;
    const sd = gaps.length
      ? Math.sqrt(gaps.reduce((x, g) => x + (g - mean) ** 2, 0) / gaps.length)
      : 0;
    return {
      submissions: list.length,
      medianAnswerMs: answer,
      intervalCv: mean > 0 ? round4(sd / mean) : 0,
    };
  });
  if (accounts.length < QUALITY_PARAMS.anomaly.minAccounts) {
    return accounts.map((account, i) => ({ account, score: 0, features: features[i]! }));
  }
  // Log scales: volume and speed are multiplicative; a bot is 10× off, not 10 units off.
  const zs = [
    robustZ(features.map((f) => Math.log1p(f.submissions))),
    robustZ(features.map((f) => Math.log1p(Math.max(0, f.medianAnswerMs)))),
    robustZ(features.map((f) => f.intervalCv)),
  ];
  return accounts.map((account, i) => ({
    account,
    score: round4(Math.max(...zs.map((z) => Math.abs(z[i]!)))),
    features: features[i]!,
  }));
}

/** Light account-level flags for the far outliers. */
export function anomalyFlags(scores: readonly AnomalyScore[]): Flag[] {
  const p = QUALITY_PARAMS.anomaly;
  return scores
    .filter((s) => s.score >= p.threshold)
    .map((s) => ({
      account: s.account,
      submissionId: null,
      ruleId: "anomaly" as const,
      ruleVersion: p.version,
      severity: round4(
        Math.min(p.maxSeverity, (p.maxSeverity * (s.score - p.threshold)) / p.threshold),
      ),
      detail: { anomalyScore: s.score },
    }));
}
