// Quality rules over one epoch's task submissions: pure, deterministic functions of public
// signals (no answer text; fixed hash seeds, stable ordering), so the auditor's `verify` reruns
// them unchanged, in Node or in a browser. Each flag names its rule id and version;
// docs/QUALITY.md explains every rule and parameter (params.ts).
import { accountFlags } from "./account-rules.ts";
import { accountStats, type GoldSets } from "./account-stats.ts";
import { anomalyFlags, anomalyScores, type AnomalyScore } from "./anomaly.ts";
import { copyEvidence, nearDuplicateFlags } from "./copies.ts";
import { byAccount, type Flag } from "./flags.ts";
import { QUALITY_PARAMS } from "./params.ts";
import { ringFlags } from "./ring.ts";
import type { SubmissionFeatures } from "./features.ts";

export { QUALITY_PARAMS } from "./params.ts";
export type { Flag, RuleId } from "./flags.ts";
export type { AnomalyScore } from "./anomaly.ts";
export type { GoldSets } from "./account-stats.ts";

export interface QualityContext {
  /** Gold sets revealed (and checked against their commitments) by the time the epoch runs. */
  gold?: GoldSets;
}

/** Every flag the rules raise on these submissions, and every account's anomaly score. */
export function detectQuality(
  subs: readonly SubmissionFeatures[],
  ctx: QualityContext = {},
): { flags: Flag[]; anomaly: AnomalyScore[] } {
  const groups = byAccount(subs);
  const copies = copyEvidence(subs, QUALITY_PARAMS.ring.similarity);
  const stats = accountStats(groups, subs, ctx.gold ?? new Map());
  const anomaly = anomalyScores(stats);
  return {
    flags: [
      ...nearDuplicateFlags(copies),
      ...ringFlags(copies),
      ...accountFlags(stats),
      ...anomalyFlags(anomaly),
    ],
    anomaly,
  };
}

/** Every flag the rules raise on these submissions, in a deterministic order. */
export const detectFlags = (
  subs: readonly SubmissionFeatures[],
  ctx: QualityContext = {},
): Flag[] => detectQuality(subs, ctx).flags;
