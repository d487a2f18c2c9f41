// near-duplicate@2: copies of open answers, task by task, from MinHash signatures alone.
//   1. Only open answers (prompts, questionnaires) with enough content tokens: short and
//      closed answers ("calm", "I like the blue one because it is calm") are common by nature.
//   2. Candidates: answers to the same task that share one LSH band (3 positions). A band
//      value shared by more than `maxBucket` answers is commonplace and skipped, so the work
//      grows with the answers, not with their pairs.
//   3. Crowd-weighted similarity: a position where both signatures agree counts by how rare
//      its value is among the task's answers (ln N/f), so agreeing on words everyone uses
//      says little and agreeing on words nobody else used says a lot.
//   4. The crowd baseline (for answers with a possible source only): the answer's best
//      similarity to anyone but the source's author, among its candidates and a fixed sample
//      of the task's answers. Answers built from
//      phrases many people use are about as close to others as to their best match; a copy
//      stands out by `margin`.
//   5. Copy-like answers reach `match` (similarity, margin over the crowd, shared tokens); an
//      account is flagged when it has far more of them than the crowd's rate explains (see
//      nearDuplicateFlags); each flag names the earlier answer and its author.
// Pairs of weaker similarity are returned too: the ring rule reads them.
import { QUALITY_PARAMS } from "./params.ts";
import { byTime, type Flag } from "./flags.ts";
import { isOpenTask, similarity, type SubmissionFeatures } from "./features.ts";
import { binomialCdf, clamp01, round4 } from "./stats.ts";

export interface CopyPair {
  later: SubmissionFeatures;
  earlier: SubmissionFeatures;
  /** Crowd-weighted similarity of the later answer to the earlier one. */
  weighted: number;
  /** The later answer's best similarity to anyone else: its candidates and the crowd sample. */
  crowd: number;
  /** Estimated shared content tokens. */
  shared: number;
}

export interface CopyEvidence {
  /** Each answer's closest earlier answer by another account, with its crowd baseline. */
  best: CopyPair[];
  /** Pairs of answers (any order) at least `floor`-similar: what the ring rule links. */
  similar: [SubmissionFeatures, SubmissionFeatures][];
  /** Open answers long enough to be compared, per account: the ring rule's denominators. */
  eligible: Map<string, SubmissionFeatures[]>;
}

function groupByTask(subs: readonly SubmissionFeatures[]): SubmissionFeatures[][] {
  const p = QUALITY_PARAMS.nearDuplicate;
  const groups = new Map<string, SubmissionFeatures[]>();
  for (const s of subs) {
    if (!isOpenTask(s.taskType) || !s.minhash || s.tokens < p.minTokens) continue;
    const key = `${s.campaignId}\u0000${s.taskId}`;
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([, g]) => g.sort(byTime));
}

/** One task's evidence: candidates from LSH buckets, crowd-weighted, against a crowd sample. */
function taskEvidence(g: SubmissionFeatures[], floor: number, out: CopyEvidence): void {
  const p = QUALITY_PARAMS.nearDuplicate;
  const n = g.length;
  const S = g[0]!.minhash!.length;
  const sigs = new Uint16Array(n * S);
  g.forEach((s, k) => sigs.set(s.minhash!, k * S));
  // Weight of value v at position q: ln((n + 1) / count of answers with v there).
  const w = new Float64Array(n * S);
  const totals = new Float64Array(n);
  const count = new Uint32Array(65_536);
  for (let q = 0; q < S; q++) {
    for (let k = 0; k < n; k++) count[sigs[k * S + q]!]!++;
    for (let k = 0; k < n; k++) {
      const x = Math.log((n + 1) / count[sigs[k * S + q]!]!);
      w[k * S + q] = x;
      totals[k] = totals[k]! + x;
    }
    for (let k = 0; k < n; k++) count[sigs[k * S + q]!] = 0;
  }
  /** Similarity of answer j to answer i, j's positions weighted. */
  const sim = (j: number, i: number): number => {
    if (totals[j] === 0) return 0;
    let agree = 0;
    for (let q = 0, a = j * S, e = i * S; q < S; q++)
      if (sigs[a + q] === sigs[e + q]) agree += w[a + q]!;
    return agree / totals[j]!;
  };
  // Candidates: pairs of answers by different accounts sharing a band that is not commonplace.
  const pairs = new Set<number>();
  for (let b = 0; b < p.bands; b++) {
    const buckets = new Map<number, number[]>();
    for (let k = 0; k < n; k++) {
      let key = 0;
      for (let r = 0; r < p.rows; r++) key = key * 65_536 + sigs[k * S + b * p.rows + r]!;
      const list = buckets.get(key);
      if (list) list.push(k);
      else buckets.set(key, [k]);
    }
    for (const list of buckets.values()) {
      if (list.length < 2 || list.length > p.maxBucket) continue;
      for (let x = 1; x < list.length; x++)
        for (let y = 0; y < x; y++)
          if (g[list[y]!]!.account !== g[list[x]!]!.account) pairs.add(list[y]! * n + list[x]!);
    }
  }
  // Each answer's candidates, both ways (compressed adjacency lists), with the similarity
  // seen from that answer: one pass over the two signatures gives both directions.
  const degree = new Uint32Array(n + 1);
  for (const key of pairs) {
    degree[Math.floor(key / n)]!++;
    degree[key % n]!++;
  }
  const start = new Uint32Array(n + 1);
  for (let k = 0; k < n; k++) start[k + 1] = start[k]! + degree[k]!;
  const fill = start.slice(0, n);
  const adjacent = new Uint32Array(start[n]!);
  const seen = new Float64Array(start[n]!);
  for (const key of pairs) {
    const i = Math.floor(key / n);
    const j = key % n;
    let agreeI = 0;
    let agreeJ = 0;
    for (let q = 0, a = i * S, e = j * S; q < S; q++)
      if (sigs[a + q] === sigs[e + q]) {
        agreeI += w[a + q]!;
        agreeJ += w[e + q]!;
      }
    seen[fill[i]!] = totals[i]! > 0 ? agreeI / totals[i]! : 0;
    adjacent[fill[i]!++] = j;
    seen[fill[j]!] = totals[j]! > 0 ? agreeJ / totals[j]! : 0;
    adjacent[fill[j]!++] = i;
  }
  const stride = Math.max(1, Math.ceil(n / p.crowdSample));
  const least = Math.min(floor, p.match.similarity);
  for (let j = 0; j < n; j++) {
    const me = g[j]!;
    // The closest earlier answer (the source) and the closest answers of two distinct accounts.
    let source = -1;
    let sourceSim = -1;
    let top = -1;
    let topSim = -1;
    let second = -1;
    let secondSim = 0;
    const consider = (i: number, s: number) => {
      if (i < j && s > sourceSim) ((source = i), (sourceSim = s));
      if (s > topSim) {
        if (top >= 0 && g[top]!.account !== g[i]!.account) ((second = top), (secondSim = topSim));
        else if (second >= 0 && g[second]!.account === g[i]!.account)
          ((second = -1), (secondSim = 0));
        ((top = i), (topSim = s));
      } else if (s > secondSim && g[i]!.account !== g[top]!.account)
        ((second = i), (secondSim = s));
    };
    for (let e = start[j]!; e < start[j + 1]!; e++) {
      const i = adjacent[e]!;
      const s = seen[e]!;
      consider(i, s);
      if (i < j && s >= floor) out.similar.push([me, g[i]!]);
    }
    // Only a possible copy needs its crowd baseline from the sample.
    if (sourceSim < least) continue;
    for (let i = j % stride; i < n; i += stride)
      if (i !== j && g[i]!.account !== me.account) consider(i, sim(j, i));
    if (source < 0) continue;
    const crowd = g[top]!.account === g[source]!.account ? secondSim : topSim;
    const jaccard = similarity(me.minhash!, g[source]!.minhash!);
    out.best.push({
      later: me,
      earlier: g[source]!,
      weighted: sourceSim,
      crowd,
      shared: (jaccard / (1 + jaccard)) * (me.tokens + g[source]!.tokens),
    });
  }
}

/** Copy evidence over all tasks; `floor` is the weakest similarity the ring rule reads. */
export function copyEvidence(subs: readonly SubmissionFeatures[], floor: number): CopyEvidence {
  const out: CopyEvidence = { best: [], similar: [], eligible: new Map() };
  for (const g of groupByTask(subs)) {
    for (const s of g) {
      const list = out.eligible.get(s.account);
      if (list) list.push(s);
      else out.eligible.set(s.account, [s]);
    }
    if (g.length > 1) taskEvidence(g, floor, out);
  }
  return out;
}

const meets = (c: CopyPair, m: { similarity: number; margin: number; minShared: number }) =>
  c.weighted >= m.similarity && c.weighted - c.crowd >= m.margin && c.shared >= m.minShared;

/**
 * near-duplicate@2 flags. A copy-like answer (`match`) happens to honest people now and then
 * (two people can write the same sentence frame about the same picture); the crowd's rate of
 * them is measured over every eligible answer of the epoch. An account is copying when it has
 * at least `minMatches` such answers and that many would happen to an account of its size
 * with probability below `alpha` at the crowd's rate: then each of those answers is flagged,
 * naming its source. A single nearly verbatim copy of a long answer (`verbatim`) is flagged
 * on its own.
 */
export function nearDuplicateFlags(evidence: CopyEvidence): Flag[] {
  const p = QUALITY_PARAMS.nearDuplicate;
  const eligible = [...evidence.eligible.values()].reduce((a, l) => a + l.length, 0);
  const matches = new Map<string, CopyPair[]>();
  for (const c of evidence.best)
    if (meets(c, p.match))
      matches.set(c.later.account, [...(matches.get(c.later.account) ?? []), c]);
  const total = [...matches.values()].reduce((a, l) => a + l.length, 0);
  const rate = Math.max(p.account.minRate, eligible ? total / eligible : 0);
  const flagged: CopyPair[] = [];
  for (const [account, list] of matches) {
    const n = evidence.eligible.get(account)!.length;
    const k = list.length;
    const pValue = k > 0 ? 1 - binomialCdf(k - 1, n, rate) : 1;
    if (k >= p.account.minMatches && pValue < p.account.alpha) flagged.push(...list);
    else flagged.push(...list.filter((c) => meets(c, p.verbatim)));
  }
  return flagged
    .sort((a, b) => byTime(a.later, b.later))
    .map((c) => ({
      account: c.later.account,
      submissionId: c.later.id,
      ruleId: "near-duplicate" as const,
      ruleVersion: p.version,
      severity: round4(clamp01(c.weighted)),
      detail: {
        similarTo: c.earlier.id,
        originalAccount: c.earlier.account,
        similarity: round4(c.weighted),
        crowdSimilarity: round4(c.crowd),
        sharedTokens: round4(c.shared),
      },
    }));
}
