// Every quality rule's version and parameters, in one object: the TQS dataset's header records
// it, so `verify` knows what ran. Changing a parameter means a new version of that rule.
// docs/QUALITY.md explains each one and where its value comes from.
export const QUALITY_PARAMS = {
  /** Copies of open answers: closer to one earlier answer than the task's crowd explains. */
  nearDuplicate: {
    version: 2,
    /** Answers with fewer canonical content tokens are short/common: never judged as copies. */
    minTokens: 5,
    /** LSH: 21 bands of 3 signature positions; a pair sharing any band is compared. */
    bands: 21,
    rows: 3,
    /** A band value shared by more answers of the task than this is commonplace: skipped. */
    maxBucket: 12,
    /** The crowd baseline also compares each answer with this many answers of its task. */
    crowdSample: 64,
    /** A copy-like answer: crowd-weighted similarity, margin over its crowd baseline, shared tokens. */
    match: { similarity: 0.3, margin: 0.15, minShared: 4 },
    /** An account copies when its copy-like answers are improbable at the crowd's rate. */
    account: { minMatches: 3, alpha: 1e-4, minRate: 0.02 },
    /** One answer copied nearly verbatim is enough. */
    verbatim: { similarity: 0.8, margin: 0.3, minShared: 10 },
  },

  /** Answer length against time taken: no human types 40 words in 4 s. */
  typing: { version: 1, minChars: 30, minSamples: 3, maxMedianCps: 12 },
  /** Known-answer tasks: accuracy far below what an attentive person reaches. */
  gold: { version: 1, minAnswered: 3, honestAccuracy: 0.75, alpha: 0.002 },
  /** Picture and mood ratings far from the task consensus, after the rater's own bias. */
  ratingAgreement: {
    version: 1,
    /** Tasks need this many ratings for a distribution; raters this many rated tasks. */
    minRaters: 10,
    minRatings: 8,
    /** Mean deviation a careful rater rarely reaches (a uniform clicker's is about 1.2). */
    minDeviation: 1.0,
    /** Standard errors above the crowd's typical deviation. */
    minZ: 3.5,
    /** Floor of the single-deviation spread. */
    minSpread: 0.3,
  },

  /** Clusters of accounts joined by several near-copies, or near-copies and shared timing. */
  ring: {
    version: 1,
    /** Crowd-weighted similarity that counts as a near-copy between two ring members. */
    similarity: 0.35,
    minCopies: 3,
    copyShare: 0.5,
    coWindowMs: 300_000,
    coTimedShare: 0.5,
    minSize: 3,
  },
  /** Daily volume against the campaigns' expectation (each task once), and sustained rates. */
  sustainedVolume: {
    version: 1,
    minRepeats: 20,
    repeatShare: 0.5,
    windowMs: 7_200_000,
    maxInWindow: 480,
  },
  /** Answers far below the information an open task asks for (relative to its crowd). */
  minEffort: {
    version: 1,
    minTaskAnswers: 10,
    minTaskMedianTokens: 6,
    /** Low effort: at most `lowMaxTokens` content tokens and `lowShareOfMedian` of the task's median words. */
    lowShareOfMedian: 0.25,
    lowMaxTokens: 3,
    minSamples: 3,
    flagShare: 0.6,
  },
  /** Scripted work: most answers under 3 s, or metronome-regular gaps. */
  botTiming: { version: 1, tooFastMs: 3_000, minSamples: 5, maxIntervalCv: 0.1, fastShare: 0.5 },
  /** Bursts: more than 20 submissions inside one minute. */
  massUpload: { version: 1, windowMs: 60_000, maxInWindow: 20 },
  /**
   * Several weaker signals at once: robust z-scores, each capped at `zCap` so that no single
   * signal reaches `threshold` alone (each has its own rule), combined so that they add up.
   */
  anomaly: { version: 2, minAccounts: 20, threshold: 5, zCap: 4, maxSeverity: 0.5 },
} as const;
export type QualityParams = typeof QUALITY_PARAMS;
