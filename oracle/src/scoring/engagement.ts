// Engagement ratings of one epoch, computed in the database as SQL (the aggregation never
// runs as JS loops). The same functions run in the oracle and in the auditor's `verify`.
//   User Score    = base + holdings (tickets, $MESI, delegated votes, self-locks) + spending + contribution
//   NFT Score     = Σ over fans min(points × UserScore, cap × uncapped total)
//   Gallery Score = Σ NFT Scores of the creator's items + Σ over fans of capped profile points × UserScore
// where points are integer activity points of the fan on that target (see weights.ts).
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { EngagementWeights } from "./weights.ts";

const WEI = "1000000000000000000";

/** Recomputes user_scores, nft_scores and gallery_scores for `epoch` (idempotent). */
export async function computeEngagement(
  db: Db,
  epoch: bigint,
  w: EngagementWeights,
): Promise<void> {
  const u = w.user;
  const a = w.activity;
  await db.transaction().execute(async (tx) => {
    for (const table of ["user_scores", "nft_scores", "gallery_scores"] as const) {
      await tx.deleteFrom(table).where("epoch", "=", epoch.toString()).execute();
    }
    // Everyone with activity or holdings in the epoch has a User Score.
    await sql`
      INSERT INTO user_scores (epoch, account, score)
      WITH accounts AS (
        SELECT actor AS account FROM activity_events WHERE epoch = ${epoch}
        UNION SELECT account FROM holdings_snapshot WHERE epoch = ${epoch}
      ),
      spending AS (
        SELECT actor AS account,
               sum(CASE WHEN kind IN ('purchase', 'tip') THEN amount_wei ELSE 0 END) AS spent_wei,
               count(*) FILTER (WHERE kind = 'contribution') AS contributions
        FROM activity_events WHERE epoch = ${epoch} GROUP BY actor
      )
      SELECT ${epoch}, a.account,
             ${u.base}
             + ${u.perTicket} * coalesce(h.tickets, 0)
             + ${u.perMesi} * div(coalesce(h.mesi_wei, 0), ${WEI}::numeric)
             + ${u.perVotedMesi} * div(coalesce(h.votes_wei, 0), ${WEI}::numeric)
             + ${u.perLockedMesi} * div(coalesce(h.locked_wei, 0), ${WEI}::numeric)
             + ${u.perMesiSpent} * div(coalesce(s.spent_wei, 0), ${WEI}::numeric)
             + ${u.perContribution} * coalesce(s.contributions, 0)
      FROM accounts a
      LEFT JOIN holdings_snapshot h ON h.epoch = ${epoch} AND h.account = a.account
      LEFT JOIN spending s ON s.account = a.account
    `.execute(tx);

    // Per fan and NFT: integer activity points, weighted by the fan's User Score, capped.
    await sql`
      INSERT INTO nft_scores (epoch, collection, token_id, creator, score)
      WITH points AS (
        SELECT e.collection, e.token_id, max(e.creator) AS creator, e.actor,
               div(sum(CASE WHEN e.kind = 'view' THEN e.duration_ms ELSE 0 END) * ${a.perViewMinute}, 60000)
               + ${a.like} * count(*) FILTER (WHERE e.kind = 'like')
               + ${a.share} * count(*) FILTER (WHERE e.kind = 'share')
               + ${a.comment} * count(*) FILTER (WHERE e.kind = 'comment')
               + ${a.reply} * count(*) FILTER (WHERE e.kind = 'reply')
               + ${a.bid} * count(*) FILTER (WHERE e.kind = 'bid')
               + ${a.perMesiPurchased} * div(sum(CASE WHEN e.kind = 'purchase' THEN e.amount_wei ELSE 0 END), ${WEI}::numeric)
               + ${a.perMesiTipped} * div(sum(CASE WHEN e.kind = 'tip' THEN e.amount_wei ELSE 0 END), ${WEI}::numeric)
               AS pts
        FROM activity_events e
        WHERE e.epoch = ${epoch} AND e.collection IS NOT NULL AND e.token_id IS NOT NULL
        GROUP BY e.collection, e.token_id, e.actor
      ),
      weighted AS (
        SELECT p.collection, p.token_id, p.creator, p.pts * us.score AS c
        FROM points p JOIN user_scores us ON us.epoch = ${epoch} AND us.account = p.actor
      ),
      totals AS (
        SELECT collection, token_id, sum(c) AS total FROM weighted GROUP BY collection, token_id
      )
      SELECT ${epoch}, w.collection, w.token_id, max(w.creator),
             sum(least(w.c, div(t.total * ${w.fanCapBps}, 10000)))
      FROM weighted w JOIN totals t USING (collection, token_id)
      GROUP BY w.collection, w.token_id
    `.execute(tx);

    // Gallery: its NFTs' scores plus capped profile activity (profile, bio, navigation time).
    await sql`
      INSERT INTO gallery_scores (epoch, creator, score)
      WITH profile AS (
        SELECT e.creator, e.actor,
               div(sum(e.duration_ms) * ${a.perProfileMinute}, 60000) * us.score AS c
        FROM activity_events e
        JOIN user_scores us ON us.epoch = ${epoch} AND us.account = e.actor
        WHERE e.epoch = ${epoch} AND e.creator IS NOT NULL AND e.collection IS NULL
          AND e.kind IN ('profile_view', 'bio_view', 'navigation')
        GROUP BY e.creator, e.actor, us.score
      ),
      profile_totals AS (SELECT creator, sum(c) AS total FROM profile GROUP BY creator),
      profile_capped AS (
        SELECT p.creator, sum(least(p.c, div(t.total * ${w.fanCapBps}, 10000))) AS score
        FROM profile p JOIN profile_totals t USING (creator) GROUP BY p.creator
      ),
      nfts AS (
        SELECT creator, sum(score) AS score FROM nft_scores
        WHERE epoch = ${epoch} AND creator IS NOT NULL GROUP BY creator
      )
      SELECT ${epoch}, coalesce(n.creator, p.creator), coalesce(n.score, 0) + coalesce(p.score, 0)
      FROM nfts n FULL JOIN profile_capped p ON p.creator = n.creator
    `.execute(tx);
  });
}
