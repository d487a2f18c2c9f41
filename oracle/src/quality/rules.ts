// Quality rules over one epoch's task submissions: pure, deterministic functions (fixed
// seeds, stable ordering), so the auditor's `verify` reruns them unchanged. Each flag names
// its rule id and version; docs/QUALITY.md explains every rule and parameter.
import { anomalyFlags, anomalyScores, type AnomalyScore } from "./anomaly.ts";
import { FEATURE_PARAMS, similarity, type SubmissionFeatures } from "./features.ts";

/** Automatic rules, and the flags a reviewer adds (review, review-removed). */
export type RuleId =
  "near-duplicate" | "bot-timing" | "mass-upload" | "anomaly" | "review" | "review-removed";

export interface Flag {
  account: string;
  /** null for account-level rules. */
  submissionId: string | null;
  ruleId: RuleId;
  ruleVersion: number;
  /** 0..1, four decimals. */
  severity: number;
  detail: Record<string, string | number>;
}

export const QUALITY_PARAMS = {
  nearDuplicate: {
    version: 2,
    bands: 16,
    threshold: 0.7,
    minWords: FEATURE_PARAMS.minhash.minWords,
  },
  botTiming: { version: 1, tooFastMs: 3_000, minSamples: 5, maxIntervalCv: 0.1, fastShare: 0.5 },
  massUpload: { version: 1, windowMs: 60_000, maxInWindow: 20 },
  anomaly: { version: 1, minAccounts: 20, threshold: 8, maxSeverity: 0.25 },
} as const;

const round4 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 10_000) / 10_000;

// --- near-duplicates: keyed MinHash signatures (features.ts) → LSH buckets → estimated Jaccard.

function nearDuplicates(subs: readonly SubmissionFeatures[]): Flag[] {
  const p = QUALITY_PARAMS.nearDuplicate;
  const rows = subs
    .filter((s) => s.minhash !== null && s.words >= p.minWords)
    .map((s) => ({ s, sig: s.minhash! }))
    // Earlier submissions are the originals: a later near-copy is the one flagged.
    .sort(
      (a, b) =>
        a.s.submittedAt.getTime() - b.s.submittedAt.getTime() || a.s.id.localeCompare(b.s.id),
    );
  const rowsPerBand = FEATURE_PARAMS.minhash.hashes / p.bands;
  const buckets = new Map<string, number[]>();
  rows.forEach((r, idx) => {
    for (let b = 0; b < p.bands; b++) {
      const key = `${b}:${Array.from(r.sig.subarray(b * rowsPerBand, (b + 1) * rowsPerBand)).join(",")}`;
      const list = buckets.get(key);
      if (list) list.push(idx);
      else buckets.set(key, [idx]);
    }
  });
  const best = new Map<number, { of: number; sim: number }>();
  for (const list of buckets.values()) {
    for (let i = 1; i < list.length; i++) {
      for (let j = 0; j < i; j++) {
        const later = Math.max(list[i]!, list[j]!);
        const earlier = Math.min(list[i]!, list[j]!);
        const sim = similarity(rows[later]!.sig, rows[earlier]!.sig);
        if (sim >= p.threshold && sim > (best.get(later)?.sim ?? 0))
          best.set(later, { of: earlier, sim });
      }
    }
  }
  return [...best.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([idx, m]) => ({
      account: rows[idx]!.s.account,
      submissionId: rows[idx]!.s.id,
      ruleId: "near-duplicate" as const,
      ruleVersion: p.version,
      severity: round4(m.sim),
      detail: {
        similarTo: rows[m.of]!.s.id,
        sameAccount: rows[m.of]!.s.account === rows[idx]!.s.account ? 1 : 0,
      },
    }));
}

// --- per-account timing and volume.

export function byAccount(subs: readonly SubmissionFeatures[]): Map<string, SubmissionFeatures[]> {
  const m = new Map<string, SubmissionFeatures[]>();
  for (const s of subs) {
    const list = m.get(s.account);
    if (list) list.push(s);
    else m.set(s.account, [s]);
  }
  for (const list of m.values())
    list.sort(
      (a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id.localeCompare(b.id),
    );
  return new Map([...m.entries()].sort((a, b) => a[0].localeCompare(b[0])));
}

function botTiming(groups: Map<string, SubmissionFeatures[]>): Flag[] {
  const p = QUALITY_PARAMS.botTiming;
  const flags: Flag[] = [];
  for (const [account, list] of groups) {
    if (list.length < p.minSamples) continue;
    const fast =
      list.filter((s) => s.submittedAt.getTime() - s.startedAt.getTime() < p.tooFastMs).length /
      list.length;
    const gaps = list
      .slice(1)
      .map((s, i) => s.submittedAt.getTime() - list[i]!.submittedAt.getTime());
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    const cv = mean > 0 ? sd / mean : 0;
    if (fast >= p.fastShare || cv < p.maxIntervalCv) {
      flags.push({
        account,
        submissionId: null,
        ruleId: "bot-timing",
        ruleVersion: p.version,
        severity: round4(Math.max(fast, 1 - cv / p.maxIntervalCv)),
        detail: { fastShare: round4(fast), intervalCv: round4(cv), samples: list.length },
      });
    }
  }
  return flags;
}

function massUpload(groups: Map<string, SubmissionFeatures[]>): Flag[] {
  const p = QUALITY_PARAMS.massUpload;
  const flags: Flag[] = [];
  for (const [account, list] of groups) {
    let most = 0;
    for (let lo = 0, hi = 0; hi < list.length; hi++) {
      while (list[hi]!.submittedAt.getTime() - list[lo]!.submittedAt.getTime() > p.windowMs) lo++;
      most = Math.max(most, hi - lo + 1);
    }
    if (most > p.maxInWindow) {
      flags.push({
        account,
        submissionId: null,
        ruleId: "mass-upload",
        ruleVersion: p.version,
        severity: round4(1 - p.maxInWindow / most),
        detail: { maxInWindow: most, windowMs: p.windowMs },
      });
    }
  }
  return flags;
}

/** Every flag the rules raise on these submissions, and every account's anomaly score. */
export function detectQuality(subs: readonly SubmissionFeatures[]): {
  flags: Flag[];
  anomaly: AnomalyScore[];
} {
  const groups = byAccount(subs);
  const anomaly = anomalyScores(groups);
  return {
    flags: [
      ...nearDuplicates(subs),
      ...botTiming(groups),
      ...massUpload(groups),
      ...anomalyFlags(anomaly),
    ],
    anomaly,
  };
}

/** Every flag the rules raise on these submissions, in a deterministic order. */
export const detectFlags = (subs: readonly SubmissionFeatures[]): Flag[] =>
  detectQuality(subs).flags;
