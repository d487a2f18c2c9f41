// The consent scopes of ParticipantRegistry (its SCOPE_* constants, checked against the deployed
// contract by oracle/test/data-rights.test.ts) and which scope each task type needs.
// Browser-safe: the web app imports it. The texts the export and erasure requests sign are in
// api/wallet-message.ts with the others.

/** Scope name → bit, as ParticipantRegistry defines them. */
export const SCOPES = {
  ai_prompts: 1 << 0,
  picture_rating: 1 << 1,
  mood_rating: 1 << 2,
  questionnaires: 1 << 3,
  polls: 1 << 4,
  engagement_tracking: 1 << 5,
} as const;

export type ScopeName = keyof typeof SCOPES;

/** Plain words for each scope (the web app's consent screen and docs/PRIVACY.md). */
export const SCOPE_WORDS: Record<ScopeName, string> = {
  ai_prompts: "answer the AI's message-style prompts (your answers train Mesi's AI)",
  picture_rating: "rate pictures (your ratings train Mesi's AI)",
  mood_rating: "rate the mood of pictures (your ratings train Mesi's AI)",
  questionnaires: "fill in short questionnaires (your answers train Mesi's AI)",
  polls: "answer polls (your choices train Mesi's AI)",
  engagement_tracking: "let the platform measure how long you view NFTs and profiles",
};

/** The scope a task submission of each type needs, at the time it was made. */
export const TASK_SCOPE = {
  prompt_answer: "ai_prompts",
  picture_rating: "picture_rating",
  mood_rating: "mood_rating",
  questionnaire: "questionnaires",
  poll_response: "polls",
} as const satisfies Record<string, ScopeName>;

/** The scope names a bitmap holds, in bit order. */
export const scopeNames = (bits: number): ScopeName[] =>
  (Object.keys(SCOPES) as ScopeName[]).filter((n) => (bits & SCOPES[n]) !== 0);

/** One consent change as the chain recorded it: `scopes` 0 is a revocation. */
export interface ConsentChange {
  /** Unix milliseconds of the block that recorded it. */
  at: number;
  scopes: number;
}

/**
 * The scopes in force at `at` (unix ms) given an account's changes in chain order; undefined
 * when the account had recorded nothing by then. A change applies from its block's time on.
 */
export function scopesAt(history: readonly ConsentChange[], at: number): number | undefined {
  let current: number | undefined;
  for (const c of history) {
    if (c.at > at) break;
    current = c.scopes;
  }
  return current;
}

/** The export document's format tag (docs/PRIVACY.md, "Export"). */
export const EXPORT_FORMAT = "mesi-export@1";
