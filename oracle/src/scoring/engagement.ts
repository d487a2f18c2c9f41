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

/**
 * The epoch's events on the gallery collection's NFTs that agree with the chain, each with the
 * NFT's creator as the chain has it.
 */
const nftEvents = (epoch: bigint, gallery: string | null) => sql`
  SELECT e.actor, e.collection, e.token_id, n.creator, e.kind, e.duration_ms, e.amount_wei
  FROM activity_events e
  JOIN nft_creators n ON n.epoch = e.epoch AND n.collection = e.collection AND n.token_id = e.token_id
  WHERE e.epoch = ${epoch} AND e.collection = ${gallery}::text AND n.creator IS NOT NULL
    AND (e.creator IS NULL OR e.creator = n.creator)`;

/** The epoch's events on a creator's profile (no NFT) whose creator has a gallery on chain. */
const profileEvents = (epoch: bigint) => sql`
  SELECT e.actor, e.creator, e.kind, e.duration_ms, e.amount_wei
  FROM activity_events e
  JOIN gallery_creators g ON g.epoch = e.epoch AND g.creator = e.creator
  WHERE e.epoch = ${epoch} AND e.collection IS NULL AND g.gallery_id IS NOT NULL`;

/** Why an event does not count (NULL when it does), over activity_events e ⟕ n ⟕ g. */
const ignoredReason = (gallery: string | null) => sql`CASE
  WHEN e.collection IS NOT NULL AND e.collection IS DISTINCT FROM ${gallery}::text THEN 'not-a-gallery-nft'
  WHEN e.collection IS NOT NULL AND n.creator IS NULL THEN 'unknown-token'
  WHEN e.collection IS NOT NULL AND e.creator IS NOT NULL AND e.creator <> n.creator THEN 'creator-mismatch'
  WHEN e.collection IS NULL AND e.creator IS NOT NULL AND g.gallery_id IS NULL THEN 'no-gallery'
END`;

/** Every event of the epoch with the chain's word on its target (n, g), counted or not. */
const withChainMap = (epoch: bigint) => sql`
  activity_events e
  LEFT JOIN nft_creators n ON n.epoch = e.epoch AND n.collection = e.collection AND n.token_id = e.token_id
  LEFT JOIN gallery_creators g ON g.epoch = e.epoch AND g.creator = e.creator AND e.collection IS NULL
  WHERE e.epoch = ${epoch}`;

/**
 * A fan's activity on one target, as three exact parts over the grouped rows: attention ms
 * (weighted per minute later), interaction points, and $MESI in wei × its points per $MESI.
 */
function activityParts(
  w: EngagementWeights,
  attentionKinds: readonly string[],
): RawBuilder<unknown> {
  const a = w.activity;
  const count = (kind: string, points: number) =>
    sql`${num(points)} * count(*) FILTER (WHERE kind = ${kind})`;
  const wei = (kind: string) => sql`coalesce(sum(amount_wei) FILTER (WHERE kind = ${kind}), 0)`;
  return sql`
    coalesce(sum(duration_ms) FILTER (WHERE kind IN (${sql.join(attentionKinds)})), 0) AS ms,
    ${count("like", a.like)} + ${count("share", a.share)} + ${count("comment", a.comment)}
      + ${count("reply", a.reply)} + ${count("bid", a.bid)} AS pts,
    ${num(a.perMesiPurchased)} * ${wei("purchase")} + ${num(a.perMesiTipped)} * ${wei("tip")} AS wei`;
}

/**
 * Per target (`key` columns), Σ over fans of activity × User Score × D from `weighted`'s
 * (key…, ums, upts, uwei) rows: U × attention ms, U × points, U × weighted wei. Linear, so
 * without a cap the parts are summed first and scaled once per target; with the operator's
 * cap each fan's own total is capped at its share of the target's.
 */
function sumOverFans(w: EngagementWeights, key: string, perMinute: number): RawBuilder<unknown> {
  const k = sql.raw(key);
  const scaled = (ms: RawBuilder<unknown>, pts: RawBuilder<unknown>, wei: RawBuilder<unknown>) =>
    sql`${num(perMinute)} * ${ms} * ${num(WEI)} + ${pts} * ${num(D)} + ${wei} * 60000`;
  if (w.fanCapBps === null)
    return sql`SELECT ${k}, ${scaled(sql`sum(ums)`, sql`sum(upts)`, sql`sum(uwei)`)} AS num
      FROM weighted GROUP BY ${k}`;
  return sql`
    SELECT ${k}, sum(least(c, div(total * ${num(w.fanCapBps)}, 10000))) AS num
    FROM (SELECT ${k}, ${scaled(sql`ums`, sql`upts`, sql`uwei`)} AS c FROM weighted) f
    JOIN (SELECT ${k}, ${scaled(sql`sum(ums)`, sql`sum(upts)`, sql`sum(uwei)`)} AS total
          FROM weighted GROUP BY ${k}) t USING (${k})
    GROUP BY ${k}`;
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
    // Whole-epoch aggregations: hash joins are right, and a nested loop chosen on missing
    // statistics (nothing ANALYZEs a fresh epoch's rows) costs the square of the events.
    await sql`SET LOCAL enable_nestloop = off`.execute(tx);
    const gallery = galleryCollection?.toLowerCase() ?? null;
    const ignored = await sql<{ reason: IgnoredReason; n: string }>`
      SELECT reason, count(*) AS n FROM (
        SELECT ${ignoredReason(gallery)} AS reason FROM ${withChainMap(epoch)}
      ) r WHERE reason IS NOT NULL GROUP BY reason ORDER BY reason`.execute(tx);

    // Everyone with counted activity or holdings in the epoch has a User Score.
    await sql`
      INSERT INTO user_scores (epoch, account, score)
      WITH spending AS (
        SELECT e.actor AS account,
               coalesce(sum(e.amount_wei) FILTER (WHERE e.kind IN ('purchase', 'tip')), 0) AS spent_wei,
               count(*) FILTER (WHERE e.kind = 'contribution') AS contributions
        FROM ${withChainMap(epoch)} AND ${ignoredReason(gallery)} IS NULL
        GROUP BY e.actor
      ),
      accounts AS (
        SELECT account FROM spending
        UNION SELECT account FROM holdings_snapshot WHERE epoch = ${epoch}
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
        SELECT collection, token_id, actor, max(creator) AS creator, ${activityParts(w, ["view"])}
        FROM (${nftEvents(epoch, gallery)}) e
        GROUP BY collection, token_id, actor
      ),
      weighted AS (
        SELECT p.collection, p.token_id, p.ms * us.score AS ums, p.pts * us.score AS upts,
               p.wei * us.score AS uwei
        FROM points p JOIN user_scores us ON us.epoch = ${epoch} AND us.account = p.actor
      ),
      summed AS (${sumOverFans(w, "collection, token_id", w.activity.perViewMinute)}),
      creators AS (SELECT DISTINCT collection, token_id, creator FROM points)
      SELECT ${epoch}, s.collection, s.token_id, c.creator, least(${max}, div(s.num, ${num(D)}))
      FROM summed s JOIN creators c USING (collection, token_id)
    `.execute(tx);

    // Gallery: its NFTs' scores plus Σ over fans of profile activity (profile, bio and
    // navigation time, interactions and tips on the gallery itself) × User Score.
    await sql`
      INSERT INTO gallery_scores (epoch, creator, score)
      WITH points AS (
        SELECT creator, actor, ${activityParts(w, ["profile_view", "bio_view", "navigation"])}
        FROM (${profileEvents(epoch)}) e
        GROUP BY creator, actor
      ),
      weighted AS (
        SELECT p.creator, p.ms * us.score AS ums, p.pts * us.score AS upts, p.wei * us.score AS uwei
        FROM points p JOIN user_scores us ON us.epoch = ${epoch} AND us.account = p.actor
      ),
      profile AS (${sumOverFans(w, "creator", w.activity.perProfileMinute)}),
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
