// Gold tasks: known-answer prompts mixed into a campaign. The platform registers a commitment
// to the gold set with the campaign's tasks (before anyone answers); once the campaign has
// closed it reveals the set and its salt, the oracle checks the reveal against the commitment,
// and from then on the gold rule scores accounts on them. The TQS dataset carries the
// commitments registered in its epoch and the reveals its rules used, so `verify` rechecks
// each reveal against its commitment and reruns the rule. Browser-safe.
import { keccak256, stringToBytes, type Hex } from "viem";
import { z } from "zod";
import { canonicalJson } from "../util/canonical-json.ts";
import { decimalUpTo, freeText } from "../util/fields.ts";
import type { GoldSets } from "./account-stats.ts";

/** A revealed gold set: task id → the closed answers (choices, or ratings as text) accepted. */
export interface GoldReveal {
  campaignId: string;
  salt: Hex;
  answers: Record<string, string[]>;
}

export const bytes32 = z.string().regex(/^0x[0-9a-f]{64}$/, "must be 32 bytes of lowercase 0x hex");

// The same ranges and text rules as the campaign's registration (ingest/campaigns.ts): the
// reveal is stored as jsonb, which cannot hold NUL either.
export const goldRevealSchema = z.strictObject({
  campaignId: decimalUpTo(2n ** 256n - 1n, "2^256 − 1"),
  salt: bytes32,
  answers: z
    .record(
      freeText(z.string().min(1).max(128)),
      z
        .array(freeText(z.string().min(1).max(256)))
        .min(1, "must accept at least one answer")
        .max(32),
    )
    .refine((a) => Object.keys(a).length >= 1, "must name at least one gold task")
    .refine((a) => Object.keys(a).length <= 1_000, "must name at most 1,000 gold tasks"),
});

/** The commitment to a gold set: keccak256 of its canonical JSON (answers sorted). */
export function goldCommitment(r: GoldReveal): Hex {
  const answers = Object.fromEntries(
    Object.entries(r.answers).map(([task, accepted]) => [task, [...accepted].sort()]),
  );
  return keccak256(
    stringToBytes(canonicalJson({ campaignId: r.campaignId, salt: r.salt, answers })),
  );
}

/** The rules' view of reveals: campaign → task → accepted answers. */
export function goldSetsOf(reveals: readonly GoldReveal[]): GoldSets {
  return new Map(reveals.map((r) => [r.campaignId, new Map(Object.entries(r.answers))] as const));
}
