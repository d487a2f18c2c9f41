// verify's hand-written line checks never pass a line its zod schema refuses, nor one the
// schema would change: for any line, a check either defers to the schema or agrees with it.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { engagementLineRules } from "../src/dataset/engagement-dataset.ts";
import { leafLineCheck, leafLineSchema } from "../src/dataset/lines.ts";
import type { FieldCheck } from "../src/dataset/fast-check.ts";
import type { z } from "zod";

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
/** Mostly well-formed values, sometimes anything else (the schema's refusals). */
const mostly = (valid: fc.Arbitrary<unknown>, ...invalid: fc.Arbitrary<unknown>[]) =>
  fc.oneof(
    { arbitrary: valid, weight: 12 },
    ...invalid.map((arbitrary) => ({ arbitrary, weight: 1 })),
  );
const anything = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.boolean());
const upTo = (max: bigint) =>
  mostly(
    fc.bigInt({ min: 0n, max }).map(String),
    fc.bigInt({ min: max + 1n, max: max * 2n + 2n }).map(String),
    fc.constantFrom("", "01", "-1", "1.0", "1e3", " 1", "9".repeat(79)),
    fc.integer(),
  );
const address = mostly(
  hex(40).map((h) => `0x${h}`),
  hex(40).map((h) => `0x${h.toUpperCase()}`),
  hex(39).map((h) => `0x${h}`),
  fc.string(),
);
const nullable = (a: fc.Arbitrary<unknown>) => fc.oneof(a, fc.constant(null));
const hex32 = mostly(
  hex(64).map((h) => `0x${h}`),
  hex(64).map((h) => `0x${h.toUpperCase()}`),
  fc.string(),
);
const fields: Record<string, fc.Arbitrary<unknown>> = {
  account: address,
  actor: address,
  collection: nullable(address),
  creator: nullable(address),
  tokenId: nullable(upTo(2n ** 256n - 1n)),
  gallery: nullable(upTo(2n ** 256n - 1n)),
  tickets: mostly(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer(), fc.double(), fc.string()),
  mesiWei: upTo(2n ** 96n - 1n),
  votesWei: upTo(2n ** 96n - 1n),
  lockedWei: upTo(2n ** 96n - 1n),
  amountWei: upTo(2n ** 96n - 1n),
  durationMs: upTo(86_400_000n),
  id: mostly(fc.string({ minLength: 1, maxLength: 128 }), fc.string({ maxLength: 210 })),
  kind: mostly(
    fc.constantFrom("view", "USER", "NFT", "GALLERY", "TQS"),
    fc.string({ maxLength: 40 }),
  ),
  subject: hex32,
  salt: hex32,
  score: upTo(2n ** 256n - 1n),
  extra: anything,
};

/** Lines of `type` whose keys are the schema's (sometimes one missing or one more). */
const linesOf = (type: string, keys: readonly string[]) =>
  fc
    .record(Object.fromEntries(keys.map((k) => [k, fields[k] ?? anything])), {
      requiredKeys: keys.filter((k) => k !== "extra"),
    })
    .chain((line) =>
      fc.oneof(
        { arbitrary: fc.constant({ type, ...line }), weight: 8 },
        fc.constant({ ...line }),
        fc.constantFrom(...Object.keys(line)).map((drop) => {
          const copy: Record<string, unknown> = { type, ...line };
          delete copy[drop];
          return copy;
        }),
        anything,
      ),
    );

const agree = (check: FieldCheck, schema: z.ZodType, line: unknown) => {
  if (!check(line)) return;
  const parsed = schema.safeParse(line);
  assert.ok(parsed.success, `the check passed what the schema refuses: ${JSON.stringify(line)}`);
  assert.deepEqual(parsed.data, line, "the schema would have changed the line");
};

test("every dataset line check agrees with its schema or defers to it (property)", () => {
  const { schemas, checks } = engagementLineRules();
  const rules: [string, FieldCheck, z.ZodType][] = [
    ...Object.entries(checks).map(
      ([type, check]) =>
        [type, check, schemas[type as keyof typeof schemas]] as [string, FieldCheck, z.ZodType],
    ),
    ["leaf", leafLineCheck, leafLineSchema],
  ];
  for (const [type, check, schema] of rules) {
    const keys = Object.keys((schema as z.ZodObject).shape).filter((k) => k !== "type");
    fc.assert(
      fc.property(linesOf(type, [...keys, "extra"]), (line) => agree(check, schema, line)),
      { numRuns: 2_000 },
    );
    // Well-formed lines do pass the check (else it would be no fast path at all).
    let wellFormed = 0;
    fc.assert(
      fc.property(linesOf(type, keys), (line) => {
        if (!schema.safeParse(line).success) return;
        wellFormed++;
        assert.ok(check(line), `the check defers a well-formed line: ${JSON.stringify(line)}`);
      }),
      { numRuns: 2_000 },
    );
    assert.ok(wellFormed > 0, `${type}: no well-formed line was generated`);
  }
});
