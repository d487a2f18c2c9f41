// The hand-written hot path of event ingestion never disagrees with the schema: for any batch,
// it either defers (undefined) or gives exactly what activityEventSchema gives, key order
// included, so the payload hash is the same; it takes the simulator's events without deferring.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { fastEventBatch } from "../src/ingest/fast-events.ts";
import { eventBatchSchema } from "../src/ingest/schemas.ts";
import { canonical, hashed, payloadHash } from "../src/ingest/store.ts";
import { activityEvents } from "../sim/activity.ts";

const same = (body: unknown) => {
  const fast = fastEventBatch(body);
  const schema = eventBatchSchema.safeParse(body);
  if (fast === undefined) return;
  assert.ok(schema.success, `fast path took what the schema refuses: ${JSON.stringify(body)}`);
  assert.deepEqual(
    fast.map((f) => f.item),
    schema.data.events,
  );
  // The body it writes is the canonical one of the schema's value (the payload hash's text).
  assert.deepEqual(
    fast.map((f) => f.canonical),
    schema.data.events.map(canonical),
  );
};

test("the fast path takes the simulator's events exactly as the schema gives them", () => {
  const fans = Array.from({ length: 300 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "A")}`);
  const events = [
    ...activityEvents({
      seed: 4,
      fans,
      nfts: 50,
      galleries: 5,
      collection: "0x00000000000000000000000000000000000000E1",
      start: Date.UTC(2026, 10, 30),
    }),
  ];
  const body = JSON.parse(JSON.stringify({ events: events.slice(0, 5000) })) as unknown;
  const fast = fastEventBatch(body);
  assert.ok(fast, "well-formed events are not deferred");
  const schema = eventBatchSchema.parse(body);
  assert.deepEqual(
    fast.map((f) => f.item),
    schema.events,
  );
  assert.deepEqual(
    fast.map((f) => hashed(f.item, f.canonical).hash),
    schema.events.map(payloadHash),
  );
});

test("the fast path never accepts what the schema refuses, nor changes a value (property)", () => {
  const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`));
  const field = {
    id: fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,130}$/), fc.string(), fc.constant("")),
    kind: fc.oneof(fc.constantFrom("view", "tip", "contribution", "bogus"), fc.string()),
    actor: fc.oneof(
      hex(40).map((h) => `0x${h}`),
      hex(39).map((h) => `0x${h}`),
      fc.string(),
    ),
    collection: fc.oneof(
      hex(40).map((h) => `0x${h}`),
      fc.constant(null),
      fc.integer(),
    ),
    tokenId: fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 257n }).map(String),
      fc.integer({ min: -5, max: 2 ** 53 + 5 }),
      fc.double(),
      fc.constant("01"),
      fc.constant("-1"),
    ),
    creator: fc.oneof(
      hex(40).map((h) => `0x${h}`),
      fc.constant("0x"),
    ),
    durationMs: fc.oneof(fc.integer({ min: -2, max: 86_400_002 }), fc.double(), fc.constant("5")),
    amountWei: fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 97n }).map(String),
      fc.integer({ min: -1, max: 2 ** 53 }),
      fc.constant(""),
    ),
    occurredAt: fc.oneof(
      fc
        .date({ min: new Date(-1e12), max: new Date(2e14), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc
        .date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })
        .map((d) => d.toISOString().replace(".000Z", "Z")),
      fc.constantFrom(
        "2026-02-31T00:00:00Z",
        "2026-11-30T10:00:00+00:00",
        "2026-11-30",
        "x",
        "0070-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z",
        "2024-02-29T12:00:00Z",
        "2023-02-29T12:00:00Z",
        "2100-02-29T00:00:00.000Z",
        "2000-02-29T23:59:59.999Z",
        "2026-11-30T24:00:00Z",
        "2026-11-30T10:60:00Z",
        "2026-11-30T10:00:60Z",
        "2026-11-30T10:00:00.5Z",
        "9999-12-31T23:59:59.999Z",
      ),
    ),
    extra: fc.string(),
  };
  const eventArb = fc.record(field, { requiredKeys: ["id", "kind", "actor", "occurredAt"] });
  fc.assert(
    fc.property(fc.array(eventArb, { minLength: 0, maxLength: 4 }), (events) => {
      same(JSON.parse(JSON.stringify({ events })));
    }),
    { numRuns: 3000 },
  );
  same({ events: [], more: 1 });
  same({ events: "no" });
  same(null);
});
