import { test } from "node:test";
import assert from "node:assert/strict";
import { openDatabase, type Database } from "../src/db/database.ts";
import { computeEngagement } from "../src/scoring/engagement.ts";
import { ENGAGEMENT_WEIGHTS_V1 } from "../src/scoring/weights.ts";
import { startPostgres } from "./support/postgres.ts";

const WHALE = "0x00000000000000000000000000000000000000a1";
const CASUAL = "0x00000000000000000000000000000000000000a2";
const CREATOR = "0x00000000000000000000000000000000000000c1";
const NFT = "0x00000000000000000000000000000000000000e1";
const MESI = 10n ** 18n;

let n = 0;
const event = (actor: string, kind: string, extra: Record<string, unknown> = {}) => ({
  id: `e${++n}`,
  client_id: "test",
  epoch: 1n,
  kind,
  actor,
  occurred_at: new Date("2026-11-24T00:00:00Z"),
  payload_hash: "h",
  ...extra,
});

/** The design's example: a whale (User Score 200) views 2 min, a casual fan (5) views 20 min. */
async function seedExample(database: Database) {
  await database.db
    .insertInto("holdings_snapshot")
    .values({ epoch: 1n, account: WHALE, mesi_wei: 195n * MESI })
    .execute();
  await database.db
    .insertInto("activity_events")
    .values([
      event(WHALE, "view", {
        collection: NFT,
        token_id: 1n,
        creator: CREATOR,
        duration_ms: 120_000,
      }),
      event(CASUAL, "view", {
        collection: NFT,
        token_id: 1n,
        creator: CREATOR,
        duration_ms: 1_200_000,
      }),
      event(CASUAL, "profile_view", { creator: CREATOR, duration_ms: 180_000 }),
    ])
    .execute();
}

async function scores(database: Database) {
  const user = await database.db
    .selectFrom("user_scores")
    .select(["account", "score"])
    .orderBy("account")
    .execute();
  const nft = await database.db.selectFrom("nft_scores").select("score").executeTakeFirstOrThrow();
  const gallery = await database.db
    .selectFrom("gallery_scores")
    .select(["creator", "score"])
    .executeTakeFirstOrThrow();
  return { user, nft: nft.score, gallery };
}

for (const engine of ["pglite", "postgres"] as const) {
  test(`${engine}: 2 min × 200 + 20 min × 5 = 500 exactly, and Gallery = NFTs + profile time × User Score`, async () => {
    const server = engine === "postgres" ? await startPostgres() : undefined;
    const database = await openDatabase({ url: server?.url });
    try {
      await seedExample(database);
      await computeEngagement(database.db, 1n, ENGAGEMENT_WEIGHTS_V1);
      const s = await scores(database);
      assert.deepEqual(s.user, [
        { account: WHALE, score: "200" },
        { account: CASUAL, score: "5" },
      ]);
      assert.equal(s.nft, "500");
      // 500 + 3 profile minutes × 5 (one fan: capped at 80% of its own 15 → 12).
      assert.deepEqual(s.gallery, { creator: CREATOR, score: "512" });
      // Idempotent: running again gives the same rows, never doubles them.
      await computeEngagement(database.db, 1n, ENGAGEMENT_WEIGHTS_V1);
      assert.deepEqual(await scores(database), s);
    } finally {
      await database.close();
      server?.stop();
    }
  });
}

test("one whale cannot decide an NFT's score alone: its share is capped", async () => {
  const database = await openDatabase();
  try {
    await database.db
      .insertInto("holdings_snapshot")
      .values({ epoch: 1n, account: WHALE, mesi_wei: 100_000n * MESI })
      .execute();
    await database.db
      .insertInto("activity_events")
      .values([
        event(WHALE, "view", {
          collection: NFT,
          token_id: 2n,
          creator: CREATOR,
          duration_ms: 600_000,
        }),
        event(CASUAL, "view", {
          collection: NFT,
          token_id: 2n,
          creator: CREATOR,
          duration_ms: 600_000,
        }),
      ])
      .execute();
    await computeEngagement(database.db, 1n, ENGAGEMENT_WEIGHTS_V1);
    const nft = await database.db
      .selectFrom("nft_scores")
      .select("score")
      .executeTakeFirstOrThrow();
    const whale = 10n * 100_005n; // 10 min × User Score 100,005
    const casual = 10n * 5n;
    const cap = ((whale + casual) * 8_000n) / 10_000n;
    assert.equal(nft.score, (cap + casual).toString());
    assert.ok(BigInt(nft.score) < whale + casual);
  } finally {
    await database.close();
  }
});
