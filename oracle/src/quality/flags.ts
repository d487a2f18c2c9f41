// What a rule raises: a flag on one submission or on an account, with its rule's id and
// version and a severity in 0..1 (the TQS penalty weighs it).
import type { SubmissionFeatures } from "./features.ts";

/** Automatic rules, and the flags a reviewer adds (review, review-removed). */
export type RuleId =
  | "near-duplicate"
  | "typing"
  | "gold"
  | "rating-agreement"
  | "ring"
  | "sustained-volume"
  | "min-effort"
  | "bot-timing"
  | "mass-upload"
  | "anomaly"
  | "review"
  | "review-removed";

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

/** Submissions in time order: earlier answers are the originals. */
export const byTime = (a: SubmissionFeatures, b: SubmissionFeatures) =>
  a.submittedAt.getTime() - b.submittedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Each account's submissions in time order, accounts in id order. */
export function byAccount(subs: readonly SubmissionFeatures[]): Map<string, SubmissionFeatures[]> {
  const m = new Map<string, SubmissionFeatures[]>();
  for (const s of subs) {
    const list = m.get(s.account);
    if (list) list.push(s);
    else m.set(s.account, [s]);
  }
  for (const list of m.values()) list.sort(byTime);
  return new Map([...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
