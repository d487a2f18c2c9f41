// The engagement SQL on its own (PGlite and a PostgreSQL server): the seed's formulas to the
// unit, the operator's per-fan cap, events the chain contradicts, and the worst values the
// documented ranges allow, checked against the formula computed independently in BigInt.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openDatabase, type Database } from "../src/db/database.ts";
import { computeEngagement, MAX_SCORE } from "../src/scoring/engagement.ts";
import { ENGAGEMENT_WEIGHTS, withFanCap } from "../src/scoring/weights.ts";
import { RANGES } from "../src/ingest/schemas.ts";
import { startPostgres } from "../../test/support/postgres.ts";

const JOHN = "0x00000000000000000000000000000000000000a1";
const PAUL = "0x00000000000000000000000000000000000000a2";
const CREATOR = "0x00000000000000000000000000000000000000c1";
const GALLERY_NFTS = "0x00000000000000000000000000000000000000e1";
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
const onNft = (tokenId: bigint, extra: Record<string, unknown> = {}) => ({
  collection: GALLERY_NFTS,
  token_id: tokenId,
  ...extra,
});

/** What the chain's gallery collection says: tokens 1..k belong to CREATOR's gallery 1. */
async function chainMap(database: Database, tokens: bigint[]) {
  await database.db
    .insertInto("nft_creators")
    .values(
      tokens.map((t) => ({
        epoch: 1n,
        collection: GALLERY_NFTS,
        token_id: t,
        gallery_id: 1n,
        creator: CREATOR,
      })),
    )
    .execute();
  await database.db
    .insertInto("gallery_creators")
    .values({ epoch: 1n, creator: CREATOR, gallery_id: 1n })
    .execute();
}

/** John holds 195 $MESI (User Score 200); the events happen; the SQL scores them. */
async function scoreJohnAnd(
  database: Database,
  tokens: bigint[],
  events: ReturnType<typeof event>[],
  weights = ENGAGEMENT_WEIGHTS,
) {
  if (!(await database.db.selectFrom("nft_creators").select("epoch").executeTakeFirst()))
    await chainMap(database, tokens);
  await database.db
    .insertInto("holdings_snapshot")
    .values({ epoch: 1n, account: JOHN, mesi_wei: 195n * MESI })
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (events.length) await database.db.insertInto("activity_events").values(events).execute();
  const ignored = await computeEngagement(database.db, 1n, weights, GALLERY_NFTS);
  return { ignored, ...(await scores(database)) };
}

async function scores(database: Database) {
  const rows = async (table: "user_scores" | "nft_scores" | "gallery_scores") =>
    database.db.selectFrom(table).selectAll().execute();
  return {
    user: Object.fromEntries((await rows("user_scores")).map((u) => [u.account, u.score])),
    nft: Object.fromEntries(
      (await rows("nft_scores")).map((x) => [`${x.token_id}`, [x.score, x.creator]]),
    ),
    gallery: Object.fromEntries((await rows("gallery_scores")).map((g) => [g.creator, g.score])),
  };
}

for (const engine of ["pglite", "postgres"] as const) {
  test(`${engine}: 2 min × 200 + 20 min × 5 = 500 exactly; Gallery = its NFTs + profile time × User Score`, async () => {
    const server = engine === "postgres" ? await startPostgres() : undefined;
    const database = await openDatabase({ url: server?.url });
    try {
      const { ignored, ...s } = await scoreJohnAnd(
        database,
        [1n],
        [
          event(JOHN, "view", onNft(1n, { duration_ms: 120_000 })),
          event(PAUL, "view", onNft(1n, { duration_ms: 1_200_000 })),
          event(PAUL, "profile_view", { creator: CREATOR, duration_ms: 180_000 }),
        ],
      );
      assert.deepEqual(ignored, {});
      assert.deepEqual(s.user, { [JOHN]: "200", [PAUL]: "5" });
      assert.deepEqual(s.nft, { "1": ["500", CREATOR] });
      assert.deepEqual(s.gallery, { [CREATOR]: "515" }, "500 + 3 min × 5");
      // Idempotent: running again gives the same rows, never doubles them.
      assert.deepEqual(await scoreJohnAnd(database, [1n], []), { ignored, ...s });
    } finally {
      await database.close();
      server?.stop();
    }
  });
}

test("attention counts to the millisecond (2 min 30 s × 200 = 500; 59 s × 5 = 4.9 → 4), money to the wei", async () => {
  const database = await openDatabase();
  try {
    const s = await scoreJohnAnd(
      database,
      [1n, 2n],
      [
        event(JOHN, "view", onNft(1n, { duration_ms: 150_000 })),
        event(PAUL, "view", onNft(2n, { duration_ms: 59_000 })),
        // 0.25 $MESI tipped on token 2: 10 points per $MESI → 2.5 points × 5
        event(PAUL, "tip", onNft(2n, { amount_wei: MESI / 4n })),
      ],
    );
    assert.equal(s.nft["1"]![0], "500");
    // Paul: U = ⌊5 + 0.25⌋ = 5; (59/60 + 2.5) × 5 = 17.41… → 17
    assert.equal(s.user[PAUL], "5");
    assert.equal(s.nft["2"]![0], "17");
  } finally {
    await database.close();
  }
});

test("the per-fan cap is the operator's option, off by default: one fan alone keeps all 400 (320 with an 80% cap)", async () => {
  const database = await openDatabase();
  try {
    let s = await scoreJohnAnd(
      database,
      [1n, 2n],
      [
        event(JOHN, "view", onNft(1n, { duration_ms: 120_000 })),
        event(JOHN, "view", onNft(2n, { duration_ms: 600_000 })),
        event(PAUL, "view", onNft(2n, { duration_ms: 600_000 })),
      ],
    );
    assert.equal(s.nft["1"]![0], "400");
    assert.equal(s.nft["2"]![0], String(10 * 200 + 10 * 5));
    s = await scoreJohnAnd(database, [1n, 2n], [], withFanCap(8_000));
    assert.equal(s.nft["1"]![0], "320", "a fan alone is capped at 80% of its own total");
    const total = 10n * 200n + 10n * 5n;
    assert.equal(s.nft["2"]![0], String((total * 8_000n) / 10_000n + 50n), "the whale is capped");
  } finally {
    await database.close();
  }
});

test("events that disagree with the chain's gallery collection are left out, counted by reason", async () => {
  const database = await openDatabase();
  try {
    await chainMap(database, [1n]);
    // Token 2 of the gallery collection does not exist on chain.
    await database.db
      .insertInto("nft_creators")
      .values({
        epoch: 1n,
        collection: GALLERY_NFTS,
        token_id: 2n,
        gallery_id: null,
        creator: null,
      })
      .execute();
    const stranger = "0x00000000000000000000000000000000000000ff";
    await database.db
      .insertInto("gallery_creators")
      .values({ epoch: 1n, creator: stranger, gallery_id: null })
      .execute();
    await database.db
      .insertInto("activity_events")
      .values([
        event(PAUL, "view", onNft(1n, { duration_ms: 60_000 })),
        event(PAUL, "view", onNft(1n, { duration_ms: 60_000, creator: CREATOR })),
        // The platform says someone else made token 1: the whole event is left out.
        event(PAUL, "purchase", onNft(1n, { amount_wei: 1000n * MESI, creator: stranger })),
        event(PAUL, "view", onNft(2n, { duration_ms: 60_000 })),
        event(PAUL, "view", {
          collection: "0x00000000000000000000000000000000000000e2",
          token_id: 1n,
          duration_ms: 60_000,
        }),
        event(PAUL, "profile_view", { creator: stranger, duration_ms: 60_000 }),
      ])
      .execute();
    const ignored = await computeEngagement(database.db, 1n, ENGAGEMENT_WEIGHTS, GALLERY_NFTS);
    assert.deepEqual(ignored, {
      "creator-mismatch": 1,
      "no-gallery": 1,
      "not-a-gallery-nft": 1,
      "unknown-token": 1,
    });
    const s = await scores(database);
    assert.deepEqual(s.user, { [PAUL]: "5" }, "the ignored purchase is no spending either");
    assert.deepEqual(s.nft, { "1": ["10", CREATOR] }, "2 min × 5, all of it the chain's creator's");
    assert.deepEqual(s.gallery, { [CREATOR]: "10" });
    // Without a known gallery collection, no NFT event counts.
    assert.deepEqual(await computeEngagement(database.db, 1n, ENGAGEMENT_WEIGHTS, null), {
      "no-gallery": 1,
      "not-a-gallery-nft": 5,
    });
  } finally {
    await database.close();
  }
});

test("the worst values the ranges allow score exactly, far below 2^256 (independent BigInt formula)", async () => {
  const database = await openDatabase();
  try {
    await chainMap(database, [1n]);
    const maxWei = RANGES.amountWei.max;
    const fans = Array.from(
      { length: 50 },
      (_, i) => `0x${(0xf00 + i).toString(16).padStart(40, "0")}`,
    );
    await database.db
      .insertInto("holdings_snapshot")
      .values(
        fans.map((account) => ({
          epoch: 1n,
          account,
          tickets: 2 ** 31 - 1,
          mesi_wei: maxWei,
          votes_wei: maxWei,
          locked_wei: maxWei,
        })),
      )
      .execute();
    const perFan = 40;
    const rows = fans.flatMap((actor) =>
      Array.from({ length: perFan }, (_, k) =>
        event(
          actor,
          ["view", "purchase", "tip", "like", "share", "comment", "reply", "bid"][k % 8]!,
          onNft(1n, { duration_ms: RANGES.durationMs.max, amount_wei: maxWei }),
        ),
      ),
    );
    for (let i = 0; i < rows.length; i += 500)
      await database.db
        .insertInto("activity_events")
        .values(rows.slice(i, i + 500))
        .execute();
    await computeEngagement(database.db, 1n, ENGAGEMENT_WEIGHTS, GALLERY_NFTS);

    // The same formula in BigInt, written from docs/SCORES.md, not from the SQL.
    const w = ENGAGEMENT_WEIGHTS;
    const kinds = (k: string) => rows.filter((r) => r.actor === fans[0] && r.kind === k).length;
    const spent = BigInt(kinds("purchase") + kinds("tip")) * maxWei;
    const u =
      BigInt(w.user.base) +
      BigInt(w.user.perTicket) * BigInt(2 ** 31 - 1) +
      (BigInt(w.user.perMesi + w.user.perVotedMesi + w.user.perLockedMesi) * maxWei +
        BigInt(w.user.perMesiSpent) * spent) /
        MESI;
    const a = w.activity;
    const D = 60_000n * MESI;
    const activityTimesD =
      BigInt(a.perViewMinute) * BigInt(kinds("view") * RANGES.durationMs.max) * MESI +
      BigInt(
        a.like * kinds("like") +
          a.share * kinds("share") +
          a.comment * kinds("comment") +
          a.reply * kinds("reply") +
          a.bid * kinds("bid"),
      ) *
        D +
      (BigInt(a.perMesiPurchased * kinds("purchase")) + BigInt(a.perMesiTipped * kinds("tip"))) *
        maxWei *
        60_000n;
    const nft = (BigInt(fans.length) * activityTimesD * u) / D;
    const s = await scores(database);
    for (const f of fans) assert.equal(s.user[f], u.toString());
    assert.equal(s.nft["1"]![0], nft.toString());
    assert.equal(s.gallery[CREATOR], nft.toString());
    assert.ok(nft < MAX_SCORE >> 100n, `${nft} is far below 2^256`);
  } finally {
    await database.close();
  }
});
