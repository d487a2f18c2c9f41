// Engagement ratings of one epoch, computed in the database as SQL (the aggregation never
// runs as JS loops). The same function runs in the oracle and in the auditor's `verify`.
// docs/SCORES.md states the formulas with worked examples; in short:
//   User Score    U = ⌊ base + perTicket·tickets + perContribution·contributions
//                       + (perMesi·held + perVotedMesi·votes + perLockedMesi·locked + perMesiSpent·spent) / 10^18 ⌋
//   NFT Score       = ⌊ Σ over fans  activity(fan, NFT) × U(fan) ⌋
//   Gallery Score   = Σ NFT Scores of the creator's NFTs + ⌊ Σ over fans  activity(fan, profile) × U(fan) ⌋
//   activity        = perMinute · attention ms / 60,000 + Σ interaction points + perMesi · wei / 10^18
// Exact: each score is one floor of an exact rational (every term is carried as an integer
// numerator over D = 60,000 · 10^18); NUMERIC never overflows on the documented input ranges
// (docs/SCORES.md, "Ranges"), and a score is capped at 2^256 − 1, the leaf's range.
// An NFT's gallery and creator come from the chain's gallery collection (nft_creators,
// gallery_creators: snapshot/galleries.ts), never from the event: an event that disagrees with
// the chain is left out, and counted by reason.
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../db/database.ts";
import type { EngagementWeights } from "./weights.ts";

const WEI = 10n ** 18n;
/** Every activity term is a numerator over D: attention is in ms (per minute), money in wei. */
const D = 60_000n * WEI;
export const MAX_SCORE = 2n ** 256n - 1n;

/** Why an event was left out of the scores (each counted in the dataset's header). */
export const IGNORED_REASONS = [
  "not-a-gallery-nft",
  "unknown-token",
  "creator-mismatch",
  "no-gallery",
] as const;
export type IgnoredReason = (typeof IGNORED_REASONS)[number];

const num = (n: number | bigint) => sql`${String(n)}::numeric`;

/** A fan's activity on one target, × D, over the grouped rows of `scored_events`. */
function activityNumerator(
  w: EngagementWeights,
  attentionKinds: readonly string[],
  perMinute: number,
): RawBuilder<unknown> {
  const a = w.activity;
  const count = (kind: string, points: number) =>
    sql`${num(points)} * count(*) FILTER (WHERE kind = ${kind})`;
  const wei = (kind: string) => sql`coalesce(sum(amount_wei) FILTER (WHERE kind = ${kind}), 0)`;
  return sql`(
    ${num(perMinute)} * coalesce(sum(duration_ms) FILTER (WHERE kind IN (${sql.join(attentionKinds)})), 0) * ${num(WEI)}
    + (${count("like", a.like)} + ${count("share", a.share)} + ${count("comment", a.comment)}
       + ${count("reply", a.reply)} + ${count("bid", a.bid)}) * ${num(D)}
    + (${num(a.perMesiPurchased)} * ${wei("purchase")} + ${num(a.perMesiTipped)} * ${wei("tip")}) * 60000
  )`;
}

/**
 * Σ over fans of `c` (a fan's activity × D × User Score), capped per fan at the weights' share
 * of the target's uncapped total when the operator switched the cap on; `weighted` has columns
 * (target…, c), `target` names them.
 */
function sumOverFans(w: EngagementWeights, target: string): RawBuilder<unknown> {
  if (w.fanCapBps === null)
    return sql`SELECT ${sql.raw(target)}, sum(c) AS num FROM weighted GROUP BY ${sql.raw(target)}`;
  return sql`
    SELECT ${sql.raw(target)}, sum(least(c, div(total * ${num(w.fanCapBps)}, 10000))) AS num
    FROM weighted JOIN (SELECT ${sql.raw(target)}, sum(c) AS total FROM weighted GROUP BY ${sql.raw(target)}) t
      USING (${sql.raw(target)})
    GROUP BY ${sql.raw(target)}`;
}

/**
 * Recomputes user_scores, nft_scores and gallery_scores for `epoch` (idempotent); returns how
 * many events were left out, per reason. `galleryCollection` is the chain's gallery collection
 * (null when none is known: then no NFT or profile event counts).
 */
export async function computeEngagement(
  db: Db,
  epoch: bigint,
  w: EngagementWeights,
  galleryCollection: string | null,
): Promise<Partial<Record<IgnoredReason, number>>> {
  const u = w.user;
  const max = num(MAX_SCORE);
  return db.transaction().execute(async (tx) => {
    for (const table of ["user_scores", "nft_scores", "gallery_scores"] as const) {
      await tx.deleteFrom(table).where("epoch", "=", epoch.toString()).execute();
    }
    // Each event with its target as the chain has it, or the reason it does not count.
    await sql`
      CREATE TEMP TABLE scored_events ON COMMIT DROP AS
      SELECT e.kind, e.actor, e.collection, e.token_id, e.duration_ms, e.amount_wei,
        CASE
          WHEN e.collection IS NOT NULL AND e.collection IS DISTINCT FROM ${galleryCollection}::text
            THEN 'not-a-gallery-nft'
          WHEN e.collection IS NOT NULL AND n.creator IS NULL THEN 'unknown-token'
          WHEN e.collection IS NOT NULL AND e.creator IS NOT NULL AND e.creator <> n.creator
            THEN 'creator-mismatch'
          WHEN e.collection IS NULL AND e.creator IS NOT NULL AND g.gallery_id IS NULL
            THEN 'no-gallery'
        END AS ignored,
        CASE WHEN e.collection IS NOT NULL THEN n.creator ELSE e.creator END AS creator
      FROM activity_events e
      LEFT JOIN nft_creators n
        ON n.epoch = e.epoch AND n.collection = e.collection AND n.token_id = e.token_id
      LEFT JOIN gallery_creators g ON g.epoch = e.epoch AND g.creator = e.creator
      WHERE e.epoch = ${epoch}`.execute(tx);
    const ignored = await sql<{ reason: IgnoredReason; n: string }>`
      SELECT ignored AS reason, count(*) AS n FROM scored_events
      WHERE ignored IS NOT NULL GROUP BY ignored ORDER BY ignored`.execute(tx);
    await sql`DELETE FROM scored_events WHERE ignored IS NOT NULL`.execute(tx);

    // Everyone with counted activity or holdings in the epoch has a User Score.
    await sql`
      INSERT INTO user_scores (epoch, account, score)
      WITH accounts AS (
        SELECT actor AS account FROM scored_events
        UNION SELECT account FROM holdings_snapshot WHERE epoch = ${epoch}
      ),
      spending AS (
        SELECT actor AS account,
               coalesce(sum(amount_wei) FILTER (WHERE kind IN ('purchase', 'tip')), 0) AS spent_wei,
               count(*) FILTER (WHERE kind = 'contribution') AS contributions
        FROM scored_events GROUP BY actor
      )
      SELECT ${epoch}, a.account, least(${max}, div(
          (${num(u.base)} + ${num(u.perTicket)} * coalesce(h.tickets, 0)
           + ${num(u.perContribution)} * coalesce(s.contributions, 0)) * ${num(WEI)}
          + ${num(u.perMesi)} * coalesce(h.mesi_wei, 0)
          + ${num(u.perVotedMesi)} * coalesce(h.votes_wei, 0)
          + ${num(u.perLockedMesi)} * coalesce(h.locked_wei, 0)
          + ${num(u.perMesiSpent)} * coalesce(s.spent_wei, 0),
        ${num(WEI)}))
      FROM accounts a
      LEFT JOIN holdings_snapshot h ON h.epoch = ${epoch} AND h.account = a.account
      LEFT JOIN spending s ON s.account = a.account
    `.execute(tx);

    // NFT: Σ over fans of (views, interactions, purchases and tips on it) × User Score.
    await sql`
      INSERT INTO nft_scores (epoch, collection, token_id, creator, score)
      WITH points AS (
        SELECT collection, token_id, actor, max(creator) AS creator,
               ${activityNumerator(w, ["view"], w.activity.perViewMinute)} AS pts
        FROM scored_events WHERE collection IS NOT NULL
        GROUP BY collection, token_id, actor
      ),
      weighted AS (
        SELECT p.collection, p.token_id, p.pts * us.score AS c
        FROM points p JOIN user_scores us ON us.epoch = ${epoch} AND us.account = p.actor
      ),
      summed AS (${sumOverFans(w, "collection, token_id")}),
      creators AS (SELECT DISTINCT collection, token_id, creator FROM points)
      SELECT ${epoch}, s.collection, s.token_id, c.creator, least(${max}, div(s.num, ${num(D)}))
      FROM summed s JOIN creators c USING (collection, token_id)
    `.execute(tx);

    // Gallery: its NFTs' scores plus Σ over fans of profile activity (profile, bio and
    // navigation time, interactions and tips on the gallery itself) × User Score.
    await sql`
      INSERT INTO gallery_scores (epoch, creator, score)
      WITH points AS (
        SELECT creator, actor,
               ${activityNumerator(w, ["profile_view", "bio_view", "navigation"], w.activity.perProfileMinute)} AS pts
        FROM scored_events WHERE collection IS NULL AND creator IS NOT NULL
        GROUP BY creator, actor
      ),
      weighted AS (
        SELECT p.creator, p.pts * us.score AS c
        FROM points p JOIN user_scores us ON us.epoch = ${epoch} AND us.account = p.actor
      ),
      profile AS (${sumOverFans(w, "creator")}),
      nfts AS (
        SELECT creator, sum(score) AS score FROM nft_scores
        WHERE epoch = ${epoch} AND creator IS NOT NULL GROUP BY creator
      )
      SELECT ${epoch}, coalesce(n.creator, p.creator),
             least(${max}, coalesce(n.score, 0) + div(coalesce(p.num, 0), ${num(D)}))
      FROM nfts n FULL JOIN profile p ON p.creator = n.creator
    `.execute(tx);
    return Object.fromEntries(ignored.rows.map((r) => [r.reason, Number(r.n)]));
  });
}
