// The quality rules before this version (near-duplicate@1 over raw text, anomaly@1), kept
// only so that `npm run bench:quality` measures them beside the current rules in the same run.
// bot-timing@1 and mass-upload@1 did not change: the current code runs them. Not used by the
// oracle.
import { accountFlags } from "../../src/quality/account-rules.ts";
import type { AccountStats } from "../../src/quality/account-stats.ts";
import { byAccount, byTime, type Flag } from "../../src/quality/flags.ts";
import type { RawSubmission, SubmissionFeatures } from "../../src/quality/features.ts";
import { median } from "../../src/quality/stats.ts";

const V1 = {
  nearDuplicate: { shingle: 3, hashes: 64, bands: 16, threshold: 0.7, minWords: 6 },
  anomaly: { minAccounts: 20, threshold: 8 },
};

/** FNV-1a with a seed, as v1 hashed shingles. */
function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

function shingles(text: string, k: number): string[] {
  const w = words(text);
  if (w.length < k) return w.length ? [w.join(" ")] : [];
  const out = new Set<string>();
  for (let i = 0; i + k <= w.length; i++) out.add(w.slice(i, i + k).join(" "));
  return [...out];
}

function minhashV1(sh: string[], n: number): Uint32Array {
  const sig = new Uint32Array(n).fill(0xffffffff);
  for (const s of sh)
    for (let i = 0; i < n; i++) {
      const v = hash32(s, i * 0x9e3779b1);
      if (v < sig[i]!) sig[i] = v;
    }
  return sig;
}

function nearDuplicatesV1(subs: readonly RawSubmission[]): Flag[] {
  const p = V1.nearDuplicate;
  const rows = subs
    .filter((s) => s.answer && words(s.answer).length >= p.minWords)
    .map((s) => ({ s, sig: minhashV1(shingles(s.answer!, p.shingle), p.hashes) }))
    .sort(
      (a, b) =>
        a.s.submittedAt.getTime() - b.s.submittedAt.getTime() || a.s.id.localeCompare(b.s.id),
    );
  const rowsPerBand = p.hashes / p.bands;
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
  for (const list of buckets.values())
    for (let i = 1; i < list.length; i++)
      for (let j = 0; j < i; j++) {
        const later = Math.max(list[i]!, list[j]!);
        const earlier = Math.min(list[i]!, list[j]!);
        const a = rows[later]!.sig;
        const e = rows[earlier]!.sig;
        let same = 0;
        for (let q = 0; q < a.length; q++) if (a[q] === e[q]) same++;
        const sim = same / a.length;
        if (sim >= p.threshold && sim > (best.get(later)?.sim ?? 0))
          best.set(later, { of: earlier, sim });
      }
  return [...best.keys()].map((idx) => ({
    account: rows[idx]!.s.account,
    submissionId: rows[idx]!.s.id,
    ruleId: "near-duplicate",
    ruleVersion: 1,
    severity: 1,
    detail: {},
  }));
}

/** anomaly@1: the largest robust |z| of log volume, log median answer time and gap CV. */
function anomalyV1(stats: readonly AccountStats[], answerMs: readonly number[]): Flag[] {
  if (stats.length < V1.anomaly.minAccounts) return [];
  const z = (xs: number[]) => {
    const med = median(xs);
    const mad = median(xs.map((x) => Math.abs(x - med))) * 1.4826;
    return xs.map((x) => (mad > 0 ? (x - med) / mad : 0));
  };
  const zs = [
    z(stats.map((s) => Math.log1p(s.submissions))),
    z(answerMs.map((ms) => Math.log1p(Math.max(0, ms)))),
    z(stats.map((s) => Math.round(s.intervalCv * 10_000) / 10_000)),
  ];
  return stats
    .filter((_, i) => Math.max(...zs.map((x) => Math.abs(x[i]!))) >= V1.anomaly.threshold)
    .map((s) => ({
      account: s.account,
      submissionId: null,
      ruleId: "anomaly",
      ruleVersion: 1,
      severity: 0.25,
      detail: {},
    }));
}

/** Every flag the v1 rules raise. `stats` are the current per-account statistics. */
export function detectQualityV1(
  raw: readonly RawSubmission[],
  features: readonly SubmissionFeatures[],
  stats: readonly AccountStats[],
): Flag[] {
  const groups = byAccount(features);
  const answerMs = stats.map((s) =>
    median(
      groups
        .get(s.account)!
        .sort(byTime)
        .map((x) => x.submittedAt.getTime() - x.startedAt.getTime()),
    ),
  );
  return [
    ...nearDuplicatesV1(raw),
    ...accountFlags(stats).filter((f) => f.ruleId === "bot-timing" || f.ruleId === "mass-upload"),
    ...anomalyV1(stats, answerMs),
  ];
}
