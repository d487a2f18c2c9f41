// Reading a published dataset as the auditor does: a malformed one is refused naming its line,
// the field and the rule, before anything is recomputed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DatasetError, DATASET_FORMAT, JsonText } from "../src/dataset/lines.ts";
import { openDatabase } from "../src/db/database.ts";
import { parseTqsDataset } from "../src/dataset/tqs-dataset.ts";
import { engagementLines, parseEngagementDataset } from "../src/dataset/engagement-dataset.ts";
import { QUALITY_PARAMS } from "../src/quality/rules.ts";
import { FEATURE_PARAMS } from "../src/quality/features.ts";
import { TQS_PARAMS } from "../src/scoring/tqs.ts";
import { ENGAGEMENT_WEIGHTS } from "../src/scoring/weights.ts";

const A = "0x00000000000000000000000000000000000000a1";
const base = {
  type: "header",
  format: DATASET_FORMAT,
  epoch: "7",
  chainId: "31337",
  scoreOracle: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
};
const tqsHeader = {
  ...base,
  dataset: "TQS",
  tqs: TQS_PARAMS,
  quality: QUALITY_PARAMS,
  features: FEATURE_PARAMS,
  auditHead: { seq: "0", hash: `0x${"0".repeat(64)}` },
};
const submission = (id: string, extra: Record<string, unknown> = {}) => ({
  type: "submission",
  id,
  account: A,
  campaignId: "1",
  taskId: "t",
  taskType: "prompt_answer",
  startedAt: "2026-11-24T10:00:00.000Z",
  submittedAt: "2026-11-24T10:00:40.000Z",
  features: { words: 3, chars: 12, tokens: 2, minhash: null, rating: null, goldAnswer: null },
  ...extra,
});
const text = (...lines: unknown[]) =>
  lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";

const refused = (parse: () => unknown, line: number, what: RegExp) =>
  assert.throws(parse, (err: unknown) => {
    assert.ok(err instanceof DatasetError, String(err));
    assert.equal(err.line, line);
    assert.match(err.message, new RegExp(`^dataset line ${line}: ${what.source}`));
    return true;
  });

test("a well-formed TQS dataset parses into the rules' input", () => {
  const d = parseTqsDataset(text(tqsHeader, submission("s1"), submission("s2")));
  assert.deepEqual(
    d.submissions.map((s) => [s.id, s.words, s.minhash, s.submittedAt.toISOString()]),
    [
      ["s1", 3, null, "2026-11-24T10:00:40.000Z"],
      ["s2", 3, null, "2026-11-24T10:00:40.000Z"],
    ],
  );
});

test("malformed TQS datasets fail naming the line, the field and the rule", () => {
  const ok = submission("s1");
  refused(() => parseTqsDataset(text(tqsHeader, "{not json")), 2, /not JSON/);
  refused(
    () => parseTqsDataset(text({ ...tqsHeader, format: "mesi-dataset@2" })),
    1,
    /header: format/,
  );
  refused(
    () => parseTqsDataset(text({ ...tqsHeader, features: { version: "features@9" } })),
    1,
    /header: features: version/,
  );
  refused(
    () => parseTqsDataset(text(tqsHeader, { ...ok, answer: "raw text" })),
    2,
    /submission: .*answer/,
  );
  refused(
    () => parseTqsDataset(text(tqsHeader, ok, submission("s1", { taskId: "u" }))),
    3,
    /submission: s1 is listed twice \(first on line 2\)/,
  );
  refused(
    () =>
      parseTqsDataset(
        text(
          tqsHeader,
          submission("s2", {
            features: {
              words: 9,
              chars: 9,
              tokens: 5,
              minhash: "zz",
              rating: null,
              goldAnswer: null,
            },
          }),
        ),
      ),
    2,
    /submission: features\.minhash: must be 256 lowercase hex digits/,
  );
  refused(
    () => parseTqsDataset(text(tqsHeader, { type: "answer", id: "x" })),
    2,
    /type: must be one of/,
  );
  refused(() => parseTqsDataset(""), 1, /the dataset is empty/);
});

test("malformed gold lines fail naming the line, the field and the rule", () => {
  const commitment = {
    type: "gold-commitment",
    campaignId: "1",
    commitment: `0x${"ab".repeat(32)}`,
  };
  const gold = {
    type: "gold",
    campaignId: "1",
    commitment: commitment.commitment,
    committedEpoch: "7",
    salt: `0x${"cd".repeat(32)}`,
    answers: { t: ["blue"] },
  };
  const d = parseTqsDataset(text(tqsHeader, commitment, gold));
  assert.deepEqual([d.goldCommitments.length, d.gold[0]?.answers], [1, { t: ["blue"] }]);
  refused(
    () => parseTqsDataset(text(tqsHeader, { ...commitment, commitment: "0x12" })),
    2,
    /gold-commitment: commitment: must be 32 bytes of lowercase 0x hex/,
  );
  refused(
    () => parseTqsDataset(text(tqsHeader, commitment, commitment)),
    3,
    /gold-commitment: 1 is listed twice \(first on line 2\)/,
  );
  refused(
    () => parseTqsDataset(text(tqsHeader, { ...gold, answers: { t: [] } })),
    2,
    /gold: answers\.t: must accept at least one answer/,
  );
});

test("an ENGAGEMENT dataset outside the documented ranges is refused naming the line", () => {
  const header = {
    ...base,
    dataset: "ENGAGEMENT",
    weights: ENGAGEMENT_WEIGHTS,
    galleryCollection: null,
    ignoredEvents: {},
  };
  const event = {
    type: "event",
    id: "e1",
    kind: "purchase",
    actor: A,
    collection: null,
    tokenId: null,
    creator: null,
    durationMs: "0",
    amountWei: (2n ** 96n - 1n).toString(),
  };
  assert.equal(parseEngagementDataset(text(header, event)).events.length, 1);
  refused(
    () => parseEngagementDataset(text(header, { ...event, amountWei: (2n ** 96n).toString() })),
    2,
    /event: amountWei: must be at most 2\^96 − 1/,
  );
  refused(
    () => parseEngagementDataset(text(header, { ...event, durationMs: "86400001" })),
    2,
    /event: durationMs: must be at most one day/,
  );
  refused(
    () =>
      parseEngagementDataset(text({ ...header, weights: { ...ENGAGEMENT_WEIGHTS, fanCapBps: 0 } })),
    1,
    /header: weights\.fanCapBps/,
  );
});

test("the database writes each event line as the very bytes JSON.stringify gives the line", async () => {
  const database = await openDatabase({});
  try {
    const worst = {
      collection: "0x00000000000000000000000000000000000000e1",
      token_id: (2n ** 256n - 1n).toString(),
      creator: "0x00000000000000000000000000000000000000c1",
      duration_ms: 86_400_000,
      amount_wei: (2n ** 96n - 1n).toString(),
    };
    const rows = [
      { id: "a.b:c-d_1", kind: "view", ...worst },
      {
        id: "e2",
        kind: "tip",
        collection: null,
        token_id: null,
        creator: null,
        duration_ms: 0,
        amount_wei: "0",
      },
      // Text the schema never lets in still comes out escaped as JavaScript escapes it.
      { id: 'q"\\\n\t\u0001/é€😀', kind: "like", ...worst, creator: null },
    ];
    await database.db
      .insertInto("activity_events")
      .values(
        rows.map((r) => ({
          ...r,
          client_id: "test",
          epoch: 1n,
          actor: "0x00000000000000000000000000000000000000a1",
          occurred_at: new Date(0),
          payload_hash: "h",
        })),
      )
      .execute();
    const events: string[] = [];
    for await (const line of engagementLines(database.db, {
      epoch: 1n,
      chainId: 31337n,
      scoreOracle: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      weights: ENGAGEMENT_WEIGHTS,
      galleryCollection: null,
      saltSecret: `0x${"11".repeat(32)}`,
    }))
      if (line instanceof JsonText) events.push(line.text);
    const byId = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    assert.deepEqual(
      events,
      byId.map((r) =>
        JSON.stringify({
          type: "event",
          id: r.id,
          kind: r.kind,
          actor: "0x00000000000000000000000000000000000000a1",
          collection: r.collection,
          tokenId: r.token_id,
          creator: r.creator,
          durationMs: String(r.duration_ms),
          amountWei: r.amount_wei,
        }),
      ),
    );
  } finally {
    await database.close();
  }
});
