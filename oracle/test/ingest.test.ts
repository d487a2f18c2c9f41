import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "@hono/node-server";
import fc from "fast-check";
import { openDatabase, type Database } from "../src/db/database.ts";
import { createApp } from "../src/server/app.ts";
import { createHash } from "node:crypto";
import { canonical, counts, payloadHash } from "../src/ingest/store.ts";
import { activityEventSchema } from "../src/ingest/schemas.ts";
import { CLIENT, post, type Fetcher } from "./support/client.ts";
import { startPostgres, type PostgresServer } from "../../test/support/postgres.ts";

const ACTOR = "0x00000000000000000000000000000000000000A1";
const NFT = "0x00000000000000000000000000000000000000e1";
const view = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: "view",
  actor: ACTOR,
  collection: NFT,
  tokenId: "7",
  durationMs: 120_000,
  occurredAt: "2026-11-24T10:00:00Z",
  ...extra,
});
const submission = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  account: ACTOR,
  campaignId: 1,
  taskId: "prompt-3",
  taskType: "prompt_answer",
  answer: "A calm blue picture.",
  startedAt: "2026-11-24T10:00:00Z",
  submittedAt: "2026-11-24T10:00:40Z",
  ...extra,
});

function appOn(database: Database, clients = [CLIENT]) {
  const app = createApp({ database, clients, currentEpoch: () => 3n });
  const fetcher: Fetcher = (path, init) => Promise.resolve(app.request(path, init));
  return fetcher;
}

for (const engine of ["pglite", "postgres"] as const) {
  describe(`ingestion (${engine})`, () => {
    let database: Database;
    let server: PostgresServer | undefined;
    let fetcher: Fetcher;
    before(async () => {
      server = engine === "postgres" ? await startPostgres() : undefined;
      database = await openDatabase({ url: server?.url });
      fetcher = appOn(database);
    });
    after(async () => {
      await database.close();
      server?.stop();
    });

    test("accepts an event and a batch, stores them in the open epoch, and is idempotent", async () => {
      let r = await post(fetcher, "/v1/events", view("ev-1"));
      assert.equal(r.status, 201);
      assert.deepEqual(await r.json(), { accepted: 1, duplicates: 0 });
      r = await post(fetcher, "/v1/events", {
        events: [view("ev-1"), view("ev-2"), view("ev-3", { kind: "like", durationMs: 0 })],
      });
      assert.deepEqual(await r.json(), { accepted: 2, duplicates: 1 });
      r = await post(fetcher, "/v1/events", view("ev-2"));
      assert.equal(r.status, 200);
      const row = await database.db
        .selectFrom("activity_events")
        .selectAll()
        .where("id", "=", "ev-1")
        .executeTakeFirstOrThrow();
      assert.equal(row.actor, ACTOR.toLowerCase());
      assert.equal(row.epoch, "3");
      assert.equal(row.token_id, "7");
      r = await post(fetcher, "/v1/submissions", {
        submissions: [submission("sub-1"), submission("sub-2")],
      });
      assert.deepEqual(await r.json(), { accepted: 2, duplicates: 0 });
      assert.deepEqual(await counts(database.db), { events: 3, submissions: 2 });
    });

    test("the same id with another body is a 409 that loses nothing and writes nothing", async () => {
      const before = await counts(database.db);
      const r = await post(fetcher, "/v1/events", {
        events: [view("ev-new"), view("ev-1", { durationMs: 5 })],
      });
      assert.equal(r.status, 409);
      assert.deepEqual(((await r.json()) as { ids: string[] }).ids, ["ev-1"]);
      assert.deepEqual(await counts(database.db), before);
      const twice = await post(fetcher, "/v1/events", {
        events: [view("ev-x"), view("ev-x", { durationMs: 1 })],
      });
      assert.equal(twice.status, 409);
    });

    test("every field is stored as sent, free text included, and re-sending it is a duplicate", async () => {
      const answer = 'quote " backslash \\ tab \t newline \n émoji 🎨 {"json":[1]} \'; DROP';
      const subs = [
        submission("txt-1", { answer, choice: "a,b", taskId: "t:1" }),
        submission("txt-2", { answer: "surrogate pair 𝄞 ok", campaignId: "1" + "0".repeat(70) }),
        submission("txt-3", { taskType: "mood_rating", answer: undefined, rating: 7 }),
      ];
      let r = await post(fetcher, "/v1/submissions", { submissions: subs });
      assert.deepEqual(await r.json(), { accepted: 3, duplicates: 0 });
      const rows = await database.db
        .selectFrom("submissions")
        .selectAll()
        .where("id", "like", "txt-%")
        .orderBy("id")
        .execute();
      assert.deepEqual(
        rows.map((x) => [x.answer, x.choice, x.task_id, x.rating, x.campaign_id, x.epoch]),
        [
          [answer, "a,b", "t:1", null, "1", "3"],
          ["surrogate pair 𝄞 ok", null, "prompt-3", null, "1" + "0".repeat(70), "3"],
          [null, null, "prompt-3", 7, "1", "3"],
        ],
      );
      assert.equal(rows[0]!.submitted_at.toISOString(), "2026-11-24T10:00:40.000Z");
      r = await post(fetcher, "/v1/submissions", { submissions: subs });
      assert.deepEqual(await r.json(), { accepted: 0, duplicates: 3 });
      const ev = view("ev-full", {
        creator: "0x00000000000000000000000000000000000000CC",
        amountWei: (2n ** 96n - 1n).toString(),
        occurredAt: "2026-11-24T12:00:00.123+02:00",
      });
      r = await post(fetcher, "/v1/events", ev);
      assert.equal(r.status, 201);
      const row = await database.db
        .selectFrom("activity_events")
        .selectAll()
        .where("id", "=", "ev-full")
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [
          row.client_id,
          row.kind,
          row.collection,
          row.token_id,
          row.creator,
          String(row.duration_ms),
        ],
        [CLIENT.id, "view", NFT, "7", "0x00000000000000000000000000000000000000cc", "120000"],
      );
      assert.equal(row.amount_wei, (2n ** 96n - 1n).toString());
      assert.equal(row.occurred_at.toISOString(), "2026-11-24T10:00:00.123Z");
      assert.match(row.payload_hash, /^[0-9a-f]{64}$/);
    });

    test("a batch of new, duplicate and conflicting ids writes nothing; without the conflict it counts right", async () => {
      const before = await counts(database.db);
      const r = await post(fetcher, "/v1/submissions", {
        submissions: [
          submission("mix-new"),
          submission("sub-1"),
          submission("sub-2", { answer: "changed" }),
        ],
      });
      assert.equal(r.status, 409);
      assert.deepEqual(await r.json(), {
        error: "ids already accepted with a different body: sub-2",
        ids: ["sub-2"],
        conflicting: 1,
      });
      assert.deepEqual(await counts(database.db), before);
      const ok = await post(fetcher, "/v1/submissions", {
        submissions: [submission("mix-new"), submission("sub-1")],
      });
      assert.equal(ok.status, 201);
      assert.deepEqual(await ok.json(), { accepted: 1, duplicates: 1 });
    });
  });
}

test("the payload hash's canonical body is JSON.stringify with the uint256/date replacer (property)", () => {
  const replacer = (_k: string, v: unknown) =>
    typeof v === "bigint" ? v.toString() : v instanceof Date ? v.toISOString() : v;
  const scalar = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.integer(),
    fc.double(),
    fc.bigInt(),
    fc.date({ noInvalidDate: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.dictionary(fc.string(), scalar),
        fc.dictionary(
          fc.string(),
          fc.oneof(scalar, fc.array(scalar), fc.dictionary(fc.string(), scalar)),
        ),
        scalar,
      ),
      (value) => {
        const want = JSON.stringify(value, replacer);
        assert.equal(canonical(value), want);
        if (want !== undefined)
          assert.equal(payloadHash(value), createHash("sha256").update(want).digest("hex"));
      },
    ),
    { numRuns: 2_000 },
  );
  const item = activityEventSchema.parse(view("h"));
  assert.equal(
    canonical(item),
    '{"id":"h","kind":"view","actor":"0x00000000000000000000000000000000000000a1","collection":"0x00000000000000000000000000000000000000e1","tokenId":"7","durationMs":120000,"amountWei":"0","occurredAt":"2026-11-24T10:00:00.000Z"}',
  );
});

describe("ingestion: refusals", () => {
  let database: Database;
  let fetcher: Fetcher;
  before(async () => {
    database = await openDatabase();
    fetcher = appOn(database);
  });
  after(() => database.close());

  test("a bad body gets a 400 naming the field and the rule", async () => {
    const cases: [unknown, string, RegExp][] = [
      [view("a", { actor: "0x12" }), "actor", /20-byte hex address/],
      [view("a", { durationMs: -1 }), "durationMs", /./],
      [view("a", { kind: "hack" }), "kind", /./],
      [view("a", { tokenId: "1".repeat(80) }), "tokenId", /decimal integer/],
      [view("a", { collection: undefined }), "tokenId", /go together/],
      [view("a", { extra: 1 }), "(body)", /extra/],
      [submission("s", { submittedAt: "2026-11-24T09:00:00Z" }), "submittedAt", /before startedAt/],
      [{ events: [] }, "events", /at least one/],
      [submission("s", { answer: "nul \u0000 inside" }), "answer", /NUL/],
      [submission("s", { answer: "lone \ud800 surrogate" }), "answer", /lone surrogate/],
      [submission("s", { choice: "\udc00" }), "choice", /lone surrogate/],
      [submission("s", { taskId: "t\u0000" }), "taskId", /NUL/],
      [view("a", { amountWei: (2n ** 96n).toString() }), "amountWei", /2\^96/],
      [view("a", { amountWei: 2 ** 60 }), "amountWei", /2\^53/],
      [view("a", { durationMs: 86_400_001 }), "durationMs", /one day/],
      [view("a", { occurredAt: "9999-12-31T23:59:59-01:00" }), "occurredAt", /9999/],
      [view("a", { occurredAt: "1969-12-31T23:59:59Z" }), "occurredAt", /1970/],
      [view("a", { tokenId: (2n ** 256n).toString() }), "tokenId", /2\^256/],
      [
        submission("s", { startedAt: "2026-11-24T10:00:00Z", submittedAt: "2026-11-25T10:00:01Z" }),
        "submittedAt",
        /one day/,
      ],
      [submission("s", { rating: 11 }), "rating", /./],
    ];
    for (const [body, field, rule] of cases) {
      const path = "account" in (body as object) ? "/v1/submissions" : "/v1/events";
      const r = await post(fetcher, path, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      const json = (await r.json()) as { issues: { field: string; rule: string }[] };
      const issue = json.issues.find((i) => i.field === field);
      assert.ok(issue, `${field} named in ${JSON.stringify(json.issues)}`);
      assert.match(issue.rule, rule);
    }
    const notJson = await post(fetcher, "/v1/events", "{not json");
    assert.equal(notJson.status, 400);
  });

  test("unauthenticated, unknown, wrongly signed and stale requests are refused", async () => {
    const body = view("auth-1");
    const cases: ((h: Record<string, string>) => void)[] = [
      (h) => delete h["x-mesi-signature"],
      (h) => (h["x-mesi-client"] = "someone-else"),
      (h) => (h["x-mesi-signature"] = "0".repeat(64)),
      (h) => (h["x-mesi-timestamp"] = String(Date.now() - 10 * 60_000)),
    ];
    for (const tamper of cases) {
      const r = await post(fetcher, "/v1/events", body, CLIENT, tamper);
      assert.equal(r.status, 401);
    }
    const other = { ...CLIENT, id: "other", secret: "other-secret" };
    const r = await post(fetcher, "/v1/events", body, other);
    assert.equal(r.status, 401, "a client unknown to the oracle");
    assert.deepEqual(await counts(database.db), { events: 0, submissions: 0 });
  });

  test("a client over its rate limit gets 429", async () => {
    const slow = { ...CLIENT, id: "slow", ratePerSecond: 0.001, burst: 2 };
    const f = appOn(database, [slow]);
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await post(f, "/v1/events", view(`rl-${i}`), slow));
    assert.deepEqual(
      responses.slice(2).map((r) => r.status),
      [429, 429],
    );
    assert.ok(Number(responses[3]!.headers.get("retry-after")) >= 1, "says when to retry");
  });

  test("beyond the bodies it holds in flight the server answers 429 with Retry-After at once, and loses nothing it acknowledged", async () => {
    const db = await openDatabase();
    try {
      const app = createApp({
        database: db,
        clients: [CLIENT],
        currentEpoch: () => 1n,
        maxBodiesInFlight: 2,
      });
      const f: Fetcher = (p, init) => Promise.resolve(app.request(p, init));
      const batch = (b: number) => ({
        events: Array.from({ length: 500 }, (_, i) => view(`inflight-${b}-${i}`)),
      });
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, b) => post(f, "/v1/events", batch(b))),
      );
      const busy = results.filter((r) => r.status === 429);
      assert.ok(busy.length > 0, "some requests found the server busy");
      assert.ok(busy.every((r) => r.headers.get("retry-after") === "1"));
      const created = results.filter((r) => r.status === 201).length;
      assert.equal(created + busy.length, results.length);
      assert.equal((await counts(db.db)).events, created * 500);
    } finally {
      await db.close();
    }
  });

  test("hostile bodies never crash the server nor write partial data (property)", async () => {
    const before = await counts(database.db);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.string(),
          fc.record({ events: fc.array(fc.anything(), { maxLength: 5 }) }),
          fc.record({ __proto__: fc.anything(), id: fc.string() } as never),
          fc.record({
            ...Object.fromEntries(Object.keys(view("x")).map((k) => [k, fc.anything()])),
          }),
        ),
        fc.constantFrom("/v1/events", "/v1/submissions"),
        async (body, path) => {
          const raw =
            typeof body === "string"
              ? body
              : (JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ??
                "null");
          const r = await post(fetcher, path, raw);
          assert.ok(
            r.status >= 400 && r.status < 500,
            `status ${r.status} for ${raw.slice(0, 200)}`,
          );
        },
      ),
      { numRuns: 300 },
    );
    assert.deepEqual(await counts(database.db), before);
  });
});

test("over real HTTP: a node server ingests a signed batch", async () => {
  const database = await openDatabase();
  const app = createApp({ database, clients: [CLIENT], currentEpoch: () => 1n });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as { port: number };
  try {
    const fetcher: Fetcher = (path, init) => fetch(`http://127.0.0.1:${port}${path}`, init);
    const r = await post(fetcher, "/v1/events", { events: [view("h-1"), view("h-2")] });
    assert.equal(r.status, 201);
    assert.deepEqual(await counts(database.db), { events: 2, submissions: 0 });
  } finally {
    server.close();
    await database.close();
  }
});
