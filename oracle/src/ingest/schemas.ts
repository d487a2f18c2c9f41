// What the platform may send, validated at the process boundary. A refusal names the field
// (its JSON path) and the rule it broke. Every number has a documented range (RANGES; the proof
// that the scoring arithmetic holds for all of it is in docs/SCORES.md), enforced here, before
// anything is stored or computed: one accepted record can never make an epoch fail.
import { z } from "zod";
import { decimalUpTo, freeText } from "../util/fields.ts";
import { TASK_TYPES } from "../quality/features.ts";

const MAX_UINT256 = 2n ** 256n - 1n;

/** The range of every numeric field the platform sends (docs/SCORES.md, "Ranges"). */
export const RANGES = {
  /** Any amount of $MESI or ETH: the token's supply cap (2^96 − 1 wei), far above all ETH. */
  amountWei: { min: 0n, max: 2n ** 96n - 1n },
  /** Time spent viewing, and time taken to answer: at most one day. */
  durationMs: { min: 0, max: 86_400_000 },
  /** Any instant: from the Unix epoch to the last millisecond of year 9999 (UTC). */
  time: { min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) },
  /** Token and campaign ids: uint256, as on chain. */
  id256: { min: 0n, max: MAX_UINT256 },
  rating: { min: 1, max: 10 },
} as const;

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .transform((a) => a.toLowerCase());

/** A decimal string (or a JSON number below 2^53, where it is still exact) within [0, max]. */
const uintUpTo = (max: bigint, range: string) =>
  z
    .preprocess(
      (v) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? String(v) : v),
      z
        .string({
          error: (i) =>
            typeof i.input === "number"
              ? "must be an integer from 0 to 2^53 (send larger ones as decimal strings)"
              : "must be a decimal integer string",
        })
        .pipe(decimalUpTo(max, range)),
    )
    .transform((v) => BigInt(v));
const uint256 = uintUpTo(RANGES.id256.max, "2^256 − 1");
const amountWei = uintUpTo(RANGES.amountWei.max, "2^96 − 1 (the $MESI supply cap)");

const eventId = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[A-Za-z0-9._:-]+$/, "may only contain letters, digits and . _ : -");

const timestamp = z.iso
  .datetime({ offset: true, message: "must be an ISO-8601 date-time" })
  .transform((s) => new Date(s))
  .refine(
    (d) => d.getTime() >= RANGES.time.min && d.getTime() <= RANGES.time.max,
    "must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z",
  );

export const ACTIVITY_KINDS = [
  "view",
  "like",
  "share",
  "comment",
  "reply",
  "purchase",
  "tip",
  "bid",
  "profile_view",
  "bio_view",
  "navigation",
  "delegation",
  "contribution",
] as const;

export const activityEventSchema = z
  .strictObject({
    id: eventId,
    kind: z.enum(ACTIVITY_KINDS),
    actor: address,
    collection: address.optional(),
    tokenId: uint256.optional(),
    creator: address.optional(),
    durationMs: z
      .number()
      .int()
      .min(RANGES.durationMs.min)
      .max(RANGES.durationMs.max, "must be at most one day (86,400,000 ms)")
      .default(0),
    amountWei: amountWei.default(0n),
    occurredAt: timestamp,
  })
  .refine((e) => (e.collection === undefined) === (e.tokenId === undefined), {
    message: "collection and tokenId go together",
    path: ["tokenId"],
  });

export const submissionSchema = z
  .strictObject({
    id: eventId,
    account: address,
    campaignId: uint256,
    taskId: freeText(z.string().min(1).max(128)),
    taskType: z.enum(TASK_TYPES),
    answer: freeText(z.string().max(10_000, "must be at most 10,000 characters")).optional(),
    rating: z.number().int().min(RANGES.rating.min).max(RANGES.rating.max).optional(),
    choice: freeText(z.string().max(256)).optional(),
    startedAt: timestamp,
    submittedAt: timestamp,
  })
  .refine((s) => s.submittedAt.getTime() >= s.startedAt.getTime(), {
    message: "must not be before startedAt",
    path: ["submittedAt"],
  })
  .refine((s) => s.submittedAt.getTime() - s.startedAt.getTime() <= RANGES.durationMs.max, {
    message: "must be at most one day after startedAt",
    path: ["submittedAt"],
  });

export const MAX_BATCH = 5_000;
export const eventBatchSchema = z.strictObject({
  events: z
    .array(activityEventSchema)
    .min(1, "must hold at least one event")
    .max(MAX_BATCH, `must hold at most ${MAX_BATCH} events`),
});
export const submissionBatchSchema = z.strictObject({
  submissions: z
    .array(submissionSchema)
    .min(1, "must hold at least one submission")
    .max(MAX_BATCH, `must hold at most ${MAX_BATCH} submissions`),
});

export type ActivityEvent = z.output<typeof activityEventSchema>;
export type Submission = z.output<typeof submissionSchema>;

/** The first problems of a failed parse, as `path: rule` lines a client can act on. */
/** The 400 body for a request whose body does not parse as JSON. */
export const NOT_JSON = {
  error: "body is not valid JSON",
  issues: [{ field: "(body)", rule: "must be JSON" }],
} as const;

export function describeIssues(error: z.ZodError, limit = 10): { field: string; rule: string }[] {
  return error.issues
    .slice(0, limit)
    .map((i) => ({ field: i.path.join(".") || "(body)", rule: i.message }));
}
