// Which consent scope each task type needs, and the consent in force at a time. The scopes
// themselves (bits and texts) are @mesi/abi's CONSENT_SCOPES. Browser-safe: the web app imports
// it.
import type { ScopeName } from "@mesi/abi";

/** The scope a task submission of each type needs, at the time it was made. */
export const TASK_SCOPE = {
  prompt_answer: "ai_prompts",
  picture_rating: "picture_rating",
  mood_rating: "mood_rating",
  questionnaire: "questionnaires",
  poll_response: "polls",
} as const satisfies Record<string, ScopeName>;

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
