// Field rules shared by every boundary that parses the platform's or a dataset's JSON: the
// ingestion schemas, the quality inputs and the dataset lines.
import { z } from "zod";

/** A decimal integer string within [0, max]; `range` names max in the refusal. */
export const decimalUpTo = (max: bigint, range: string) =>
  z
    .string()
    .regex(/^\d{1,78}$/, { message: "must be a decimal integer string", abort: true })
    .refine((v) => BigInt(v) <= max, `must be at most ${range}`);

export const LOWER_ADDRESS = /^0x[0-9a-f]{40}$/;
export const lowerAddress = z.string().regex(LOWER_ADDRESS, "must be a lowercase 0x address");

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Free text the database stores: PostgreSQL text cannot hold U+0000, and a lone UTF-16
 * surrogate is no character at all (it has no UTF-8 form). Both are refused here with a 400
 * naming the field, never a database error or a silent replacement.
 */
export const freeText = (schema: z.ZodString) =>
  schema
    .refine((v) => !v.includes("\u0000"), "must not contain NUL (U+0000) characters")
    .refine((v) => !LONE_SURROGATE.test(v), "must be valid Unicode (no lone surrogate)");
