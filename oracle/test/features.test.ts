// The public features that replace answers in the TQS dataset: enough for the rules, nothing
// that gives the text back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { keccak256, toHex } from "viem";
import fc from "fast-check";
import {
  extractFeatures,
  FeatureExtractor,
  minhashKey,
  similarity,
  submissionLineSchema,
  toSubmissionLine,
  type RawSubmission,
} from "../src/quality/features.ts";

const SECRET = keccak256(toHex("salt secret"));
const KEY = minhashKey(SECRET, 1n);
const raw = (id: string, answer: string | null): RawSubmission => ({
  id,
  account: "0x00000000000000000000000000000000000000a1",
  campaignId: "1",
  taskId: "t",
  taskType: "prompt_answer",
  answer,
  startedAt: new Date("2026-11-24T10:00:00Z"),
  submittedAt: new Date("2026-11-24T10:00:40Z"),
});
const ANSWER = "the calm blue river reminds me of a quiet morning with my grandmother";

test("a near-copy signs alike, another answer does not; counts are of the normalised text", () => {
  const [a, b, c] = extractFeatures(
    [
      raw("a", ANSWER),
      raw("b", ANSWER.replace("quiet", "silent")),
      raw("c", "a loud red city street at night full of strangers and neon light"),
    ],
    KEY,
  );
  assert.equal(a!.words, 13);
  assert.equal(a!.chars, ANSWER.length);
  assert.ok(similarity(a!.minhash!, b!.minhash!) >= 0.5, "one word changed");
  assert.ok(similarity(a!.minhash!, c!.minhash!) < 0.2, "unrelated");
  const wide = extractFeatures([raw("w", ANSWER.toUpperCase().replace(/ /g, "  "))], KEY)[0]!;
  assert.equal(similarity(a!.minhash!, wide.minhash!), 1, "case and spacing do not matter");
  const fullwidth = new FeatureExtractor(KEY).extract(raw("f", "ＣＡＬＭ " + ANSWER.slice(5)));
  assert.equal(fullwidth.words, 13, "NFKC: full-width letters are the same words");
});

test("without the key a signature cannot be matched: the same text signs differently per epoch", () => {
  const one = extractFeatures([raw("a", ANSWER)], minhashKey(SECRET, 1n))[0]!.minhash!;
  const two = extractFeatures([raw("a", ANSWER)], minhashKey(SECRET, 2n))[0]!.minhash!;
  const other = extractFeatures([raw("a", ANSWER)], minhashKey(keccak256(toHex("x")), 1n))[0]!
    .minhash!;
  assert.ok(similarity(one, two) < 0.2);
  assert.ok(similarity(one, other) < 0.2);
});

test("short answers and missing answers publish no signature", () => {
  const [short, none] = extractFeatures([raw("s", "I like the blue one"), raw("n", null)], KEY);
  assert.deepEqual([short!.words, short!.minhash], [5, null]);
  assert.deepEqual([none!.words, none!.chars, none!.minhash], [0, 0, null]);
});

test("the public line round-trips exactly and carries no text (property)", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (answer) => {
      const f = extractFeatures([raw("p", answer)], KEY)[0]!;
      const line = toSubmissionLine(f);
      // Derived from the answer: two counts and a hex signature, nothing else.
      assert.deepEqual(Object.keys(line).sort(), [
        "account",
        "campaignId",
        "features",
        "id",
        "startedAt",
        "submittedAt",
        "taskId",
        "taskType",
        "type",
      ]);
      assert.deepEqual(Object.keys(line.features), ["words", "chars", "minhash"]);
      assert.match(line.features.minhash ?? "", /^(?:[0-9a-f]{256})?$/);
      const back = submissionLineSchema("features@1").parse(JSON.parse(JSON.stringify(line)));
      assert.deepEqual(back, f);
    }),
    { numRuns: 300 },
  );
});
