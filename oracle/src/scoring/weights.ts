// The engagement weights, versioned as one object: a dataset names the version it was scored
// with, and `verify` scores it again with the same version. Change a number → new version.

export interface EngagementWeights {
  version: string;
  /** User Score = base + the holdings and spending terms below (integers, whole $MESI). */
  user: {
    base: number;
    perTicket: number;
    perMesi: number;
    perVotedMesi: number;
    perLockedMesi: number;
    perMesiSpent: number;
    perContribution: number;
  };
  /** Activity points per fan on one target, before × the fan's User Score. */
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
   * One fan's contribution to an NFT or Gallery Score is capped at this share (basis points)
   * of the target's uncapped total, so a single whale cannot decide a creator's revenue alone.
   */
  fanCapBps: number;
}

export const ENGAGEMENT_WEIGHTS_V1: EngagementWeights = {
  version: "engagement@1",
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
  fanCapBps: 8_000,
};
