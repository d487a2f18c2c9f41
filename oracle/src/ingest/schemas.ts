// What the platform may send, validated at the process boundary. A refusal names the field
// (its JSON path) and the rule it broke.
import { z } from "zod";

const MAX_UINT256 = 2n ** 256n - 1n;

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .transform((a) => a.toLowerCase());

const uint256 = z
  .union([
    z.string().regex(/^\d{1,78}$/, "must be a decimal integer string"),
    z.number().int().nonnegative(),
  ])
  .transform((v) => BigInt(v))
  .refine((v) => v <= MAX_UINT256, "must fit in uint256");

const eventId = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[A-Za-z0-9._:-]+$/, "may only contain letters, digits and . _ : -");

const timestamp = z.iso
  .datetime({ offset: true, message: "must be an ISO-8601 date-time" })
  .transform((s) => new Date(s));

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
    durationMs: z.number().int().min(0).max(86_400_000, "must be at most one day").default(0),
    amountWei: uint256.default(0n),
    occurredAt: timestamp,
  })
  .refine((e) => (e.collection === undefined) === (e.tokenId === undefined), {
    message: "collection and tokenId go together",
    path: ["tokenId"],
  });

export const TASK_TYPES = [
  "prompt_answer",
  "picture_rating",
  "mood_rating",
  "poll_response",
  "questionnaire",
] as const;

/** PostgreSQL text cannot hold U+0000: refuse it here with a 400, not a database error. */
export const noNul = (schema: z.ZodString) =>
  schema.refine((v) => !v.includes("\u0000"), "must not contain NUL (U+0000) characters");

export const submissionSchema = z
  .strictObject({
    id: eventId,
    account: address,
    campaignId: uint256,
    taskId: noNul(z.string().min(1).max(128)),
    taskType: z.enum(TASK_TYPES),
    answer: noNul(z.string().max(10_000, "must be at most 10,000 characters")).optional(),
    rating: z.number().int().min(1).max(10).optional(),
    choice: noNul(z.string().max(256)).optional(),
    startedAt: timestamp,
    submittedAt: timestamp,
  })
  .refine((s) => s.submittedAt.getTime() >= s.startedAt.getTime(), {
    message: "must not be before startedAt",
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
