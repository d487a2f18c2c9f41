// The engagement weights, versioned as one object: a dataset names the weights it was scored
// with (the per-fan cap included), and `verify` scores it again with the same ones. Change a
// number → new version. docs/SCORES.md explains every term with worked examples.

export interface EngagementWeights {
  version: string;
  /**
   * User Score = base + the terms below: per ticket held, per whole-or-fractional $MESI held,
   * delegated to the account (votes), self-locked, spent in the epoch, and per community
   * contribution; one floor at the end.
   */
  user: {
    base: number;
    perTicket: number;
    perMesi: number;
    perVotedMesi: number;
    perLockedMesi: number;
    perMesiSpent: number;
    perContribution: number;
  };
  /**
   * A fan's activity points on one target (an NFT, or a gallery's profile), before × the fan's
   * User Score: attention per minute (counted to the millisecond), interactions per count,
   * purchases and tips per $MESI (counted to the wei).
   */
  activity: {
    perViewMinute: number;
    like: number;
    share: number;
    comment: number;
    reply: number;
    perMesiPurchased: number;
    perMesiTipped: number;
    bid: number;
    perProfileMinute: number;
  };
  /**
   * The operator's per-fan cap: no fan's contribution to a target's score above this share
   * (basis points) of the target's uncapped total, so one whale cannot decide a creator's
   * revenue alone. null = off: the seed's formula, Σ activity × User Score, exactly.
   */
  fanCapBps: number | null;
}

/** The default: the seed's formulas exactly (no cap). */
export const ENGAGEMENT_WEIGHTS: EngagementWeights = {
  version: "engagement@2",
  user: {
    base: 5,
    perTicket: 10,
    perMesi: 1,
    perVotedMesi: 1,
    perLockedMesi: 2,
    perMesiSpent: 1,
    perContribution: 3,
  },
  activity: {
    perViewMinute: 1,
    like: 2,
    share: 5,
    comment: 3,
    reply: 3,
    perMesiPurchased: 10,
    perMesiTipped: 10,
    bid: 4,
    perProfileMinute: 1,
  },
  fanCapBps: null,
};

/** The default weights with the operator's per-fan cap (basis points; undefined = off). */
export const withFanCap = (bps: number | undefined): EngagementWeights =>
  bps === undefined ? ENGAGEMENT_WEIGHTS : { ...ENGAGEMENT_WEIGHTS, fanCapBps: bps };
