// What the quality rules read of one submission: public features only, never the answer
// text, so `verify` reruns every rule from the published dataset. `extractSignals` turns a
// stored submission into them (at the oracle, where the text is); everything downstream is
// pure and browser-safe.
import { contentTokens, wordsOf, type Lexicon } from "./text/normalise.ts";
import { minhash } from "./text/minhash.ts";

export const TASK_KINDS = [
  "prompt_answer",
  "questionnaire",
  "picture_rating",
  "mood_rating",
  "poll_response",
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Open kinds ask for free text that can be copied; the others are closed answers. */
export const isOpenKind = (k: TaskKind) => k === "prompt_answer" || k === "questionnaire";
export const isRatingKind = (k: TaskKind) => k === "picture_rating" || k === "mood_rating";

export interface SubmissionSignals {
  id: string;
  account: string;
  campaignId: string;
  taskId: string;
  kind: TaskKind;
  /** Task shown / answer sent, ms since 1970. */
  startedAt: number;
  submittedAt: number;
  /** Words and characters of the free-text answer (0 without one). */
  words: number;
  chars: number;
  /** Distinct canonical content tokens (function words dropped, synonyms and stems folded). */
  tokens: number;
  /** MinHash of those tokens; null without any. */
  sig: Uint16Array | null;
  /** The rating of a picture or mood rating; null otherwise. */
  rating: number | null;
  /** The closed answer (choice or rating) of a gold task, published with the gold reveal. */
  goldAnswer: string | null;
}

/** A submission as stored: what `extractSignals` reads. */
export interface RawSubmission {
  id: string;
  account: string;
  campaignId: string;
  taskId: string;
  kind: TaskKind;
  answer: string | null;
  rating: number | null;
  choice: string | null;
  startedAt: Date;
  submittedAt: Date;
}

export interface ExtractOptions {
  lexicon: Lexicon;
  /** Seeds the signature hashing (the oracle's secret): signatures cannot be inverted. */
  key?: number;
  /** Gold task ids per campaign: their closed answers are published for the gold rule. */
  goldTasks?: ReadonlyMap<string, ReadonlySet<string>>;
}

export function extractSignals(s: RawSubmission, o: ExtractOptions): SubmissionSignals {
  const text = s.answer ?? "";
  const tokens = text ? contentTokens(text, o.lexicon) : [];
  const gold = o.goldTasks?.get(s.campaignId)?.has(s.taskId) ?? false;
  return {
    id: s.id,
    account: s.account,
    campaignId: s.campaignId,
    taskId: s.taskId,
    kind: s.kind,
    startedAt: s.startedAt.getTime(),
    submittedAt: s.submittedAt.getTime(),
    words: text ? wordsOf(text).length : 0,
    chars: text.length,
    tokens: tokens.length,
    sig: tokens.length ? minhash(tokens, o.key) : null,
    rating: isRatingKind(s.kind) ? s.rating : null,
    goldAnswer: gold ? (s.choice ?? (s.rating === null ? null : String(s.rating))) : null,
  };
}
