// How well flags match a simulation's ground truth: the figures the quality tests assert, the
// benchmark reports and `node oracle/sim/main.ts --dry-run` prints. An account counts as flagged
// when any automatic rule flagged it or one of its submissions.
import type { Flag } from "../src/quality/flags.ts";
import { extractFeatures, type SubmissionFeatures } from "../src/quality/features.ts";
import type { GoldReveal } from "../src/quality/gold.ts";
import type { Lexicon } from "../src/quality/text/normalise.ts";
import { ABUSE_KINDS, type AbuseKind, type Day, type Label } from "./day.ts";
import type { SimCampaign } from "./simulate.ts";

export interface Scorecard {
  /** Per abuse kind: accounts flagged, of how many. */
  recall: Record<AbuseKind, { flagged: number; of: number; share: number }>;
  /** Flagged accounts that are abusive. */
  precision: number;
  flagged: number;
  honest: number;
  honestFlagged: number;
  honestRate: number;
}

export function scorecard(labels: ReadonlyMap<string, Label>, flags: readonly Flag[]): Scorecard {
  const flagged = new Set(flags.map((f) => f.account));
  const count = (kind: Label, onlyFlagged: boolean) =>
    [...labels].filter(([a, l]) => l === kind && (!onlyFlagged || flagged.has(a))).length;
  const recall = Object.fromEntries(
    ABUSE_KINDS.map((k) => {
      const of = count(k, false);
      const hit = count(k, true);
      return [k, { flagged: hit, of, share: of ? hit / of : 1 }];
    }),
  ) as Scorecard["recall"];
  const honest = count("honest", false);
  const honestFlagged = count("honest", true);
  return {
    recall,
    precision: flagged.size ? (flagged.size - honestFlagged) / flagged.size : 1,
    flagged: flagged.size,
    honest,
    honestFlagged,
    honestRate: honest ? honestFlagged / honest : 0,
  };
}

/** The features the oracle would publish for a simulated day, its gold sets revealed after it. */
export function simulatedFeatures(
  day: Pick<Day, "submissions">,
  campaigns: readonly SimCampaign[],
  lexicon: Lexicon,
  key: Uint8Array = new Uint8Array(32),
): { features: SubmissionFeatures[]; gold: GoldReveal[] } {
  const gold = campaigns.map((c) => c.gold);
  const after = new Date(8.64e15);
  const goldTasks = new Map(
    gold.map((g) => [g.campaignId, { tasks: new Set(Object.keys(g.answers)), revealedAt: after }]),
  );
  return { features: extractFeatures(day.submissions, key, { lexicon, goldTasks }), gold };
}
