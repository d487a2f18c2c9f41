// The public features that replace answers in the TQS dataset: enough for the rules, nothing
// that gives the text back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { keccak256, toHex } from "viem";
import fc from "fast-check";
import {
  extractFeatures as extract,
  FeatureExtractor,
  minhashKey,
  similarity,
  submissionLineSchema,
  toSubmissionLine,
  type RawSubmission,
} from "../src/quality/features.ts";
import { wordnetLexicon } from "../src/quality/text/wordnet.ts";

const SECRET = keccak256(toHex("salt secret"));
const KEY = minhashKey(SECRET, 1n);
const OPTS = { lexicon: wordnetLexicon() };
const extractFeatures = (raws: RawSubmission[], key: Uint8Array) => extract(raws, key, OPTS);
const raw = (id: string, answer: string | null): RawSubmission => ({
  id,
  account: "0x00000000000000000000000000000000000000a1",
  campaignId: "1",
  taskId: "t",
  taskType: "prompt_answer",
  answer,
  rating: null,
  choice: null,
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
  const fullwidth = new FeatureExtractor(KEY, OPTS).extract(
    raw("f", "ＣＡＬＭ " + ANSWER.slice(5)),
  );
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
  assert.deepEqual([short!.words, short!.tokens, short!.minhash], [5, 2, null]);
  assert.deepEqual([none!.words, none!.chars, none!.tokens, none!.minhash], [0, 0, 0, null]);
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
      assert.deepEqual(Object.keys(line.features), [
        "words",
        "chars",
        "tokens",
        "minhash",
        "rating",
        "goldAnswer",
      ]);
      assert.match(line.features.minhash ?? "", /^(?:[0-9a-f]{256})?$/);
      const back = submissionLineSchema("features@2").parse(JSON.parse(JSON.stringify(line)));
      assert.deepEqual(back, f);
    }),
    { numRuns: 300 },
  );
});

test("rewording with synonyms, inflections and another order keeps the content tokens", () => {
  const [a, b, c] = extractFeatures(
    [
      raw("a", "The calm sunset looks beautiful and reminds me of my grandmother's garden"),
      raw("b", "my grandmother's gardens: the sunset seems lovely, tranquil, it reminds me"),
      raw("c", "A noisy concert crowd under neon lights with loud drums and a singer"),
    ],
    KEY,
  );
  assert.ok(similarity(a!.minhash!, b!.minhash!) >= 0.7, "the same content reworded");
  assert.ok(similarity(a!.minhash!, c!.minhash!) < 0.1, "other content");
});

test("a rating and a revealed gold task's closed answer are published; an unrevealed one is not", () => {
  const rating = (id: string, campaignId: string, receivedAt: Date): RawSubmission => ({
    ...raw(id, null),
    campaignId,
    taskId: "g1",
    taskType: "picture_rating",
    rating: 4,
    receivedAt,
  });
  const revealedAt = new Date("2026-11-25T00:00:00Z");
  const goldTasks = new Map([["1", { tasks: new Set(["g1"]), revealedAt }]]);
  const [gold, late, unrevealed] = extract(
    [
      rating("a", "1", new Date("2026-11-24T10:00:40Z")),
      rating("b", "1", new Date("2026-11-25T10:00:00Z")),
      rating("c", "2", new Date("2026-11-24T10:00:40Z")),
    ],
    KEY,
    { ...OPTS, goldTasks },
  );
  assert.deepEqual([gold!.rating, gold!.goldAnswer], [4, "4"]);
  assert.equal(late!.goldAnswer, null, "received after the reveal: no test of anything");
  assert.deepEqual([unrevealed!.rating, unrevealed!.goldAnswer], [4, null]);
});
