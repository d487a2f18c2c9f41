// ring@1: clusters of accounts run together. Two accounts are linked when, on the open tasks
// both answered, their answers are near-copies of each other on at least `minCopies` tasks
// and on at least `copyShare` of those common tasks, or on half that share while they also
// answered at least `coTimedShare` of them within `coWindowMs` of each other (one operator
// stepping accounts through a campaign). Honest people who happen to share a stock phrase do
// so on a few of many common tasks; friends answering side by side without copying are never
// linked: timing alone is no evidence. A cluster of `minSize` or more linked accounts flags
// every member, the one whose answers were copied included.
import { QUALITY_PARAMS } from "./params.ts";
import type { CopyEvidence } from "./copies.ts";
import type { Flag } from "./flags.ts";
import type { SubmissionFeatures } from "./features.ts";
import { round4 } from "./stats.ts";

const taskOf = (s: SubmissionFeatures) => `${s.campaignId}\u0000${s.taskId}`;

/** Common tasks of two accounts' eligible answers, and how many were answered close in time. */
function common(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let tasks = 0;
  let coTimed = 0;
  for (const [task, at] of small) {
    const other = large.get(task);
    if (other === undefined) continue;
    tasks++;
    if (Math.abs(other - at) <= QUALITY_PARAMS.ring.coWindowMs) coTimed++;
  }
  return { tasks, coTimed };
}

export function ringFlags(evidence: CopyEvidence): Flag[] {
  const p = QUALITY_PARAMS.ring;
  const copies = new Map<string, Set<string>>(); // "a b" → tasks with a near-copy between them
  for (const [x, y] of evidence.similar) {
    const key = x.account < y.account ? `${x.account} ${y.account}` : `${y.account} ${x.account}`;
    const tasks = copies.get(key) ?? new Set<string>();
    tasks.add(taskOf(x));
    copies.set(key, tasks);
  }
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  // Each account's eligible answers by task (time sent), built once.
  const answered = new Map<string, Map<string, number>>();
  const answersOf = (account: string) => {
    let m = answered.get(account);
    if (!m) {
      m = new Map(
        (evidence.eligible.get(account) ?? []).map((s) => [taskOf(s), s.submittedAt.getTime()]),
      );
      answered.set(account, m);
    }
    return m;
  };
  for (const [key, tasks] of [...copies.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (tasks.size < p.minCopies) continue;
    const [a, b] = key.split(" ") as [string, string];
    const c = common(answersOf(a), answersOf(b));
    const share = tasks.size / Math.max(1, c.tasks);
    const linked =
      share >= p.copyShare || (share >= p.copyShare / 2 && c.coTimed >= p.coTimedShare * c.tasks);
    if (!linked) continue;
    for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const clusters = new Map<string, string[]>();
  for (const x of [...parent.keys()].sort()) {
    const r = find(x);
    clusters.set(r, [...(clusters.get(r) ?? []), x]);
  }
  const flags: Flag[] = [];
  for (const members of clusters.values()) {
    if (members.length < p.minSize) continue;
    for (const account of members)
      flags.push({
        account,
        submissionId: null,
        ruleId: "ring",
        ruleVersion: p.version,
        severity: round4(Math.min(1, 0.5 + 0.1 * members.length)),
        detail: { ringSize: members.length, ring: members[0]! },
      });
  }
  return flags.sort((a, b) => (a.account < b.account ? -1 : 1));
}
