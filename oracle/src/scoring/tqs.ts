// Training Quality Score (basis points 0..10,000), per account and epoch, in SQL:
//   TQS_e = clamp(TQS_{e-1} + reward·clean − round(penalty·Σ severity) − decay·max(0, flaggedEpochs − 1), 0, 10,000)
// TQS_{e-1} is the account's latest earlier score (5,000 for a newcomer), raised to the
// threshold once when a reviewer granted its exclusion appeal (reinstatement); every account
// with an earlier score is scored again, so the latest TQS epoch holds everyone; `clean` counts
// submissions without a standing flag, and none for an account with a standing account-level
// flag this epoch (tqs@2: volume is no reward when the account's way of working is flagged)
// (a flag stands unless a reviewer dismissed it); flaggedEpochs counts the epochs among the
// last `window` (this one included) in which the account had a standing flag, so trust
// decays faster for repeat offenders. Below `excludeBelow` the account is excluded on chain.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";

export const TQS_PARAMS = {
  version: "tqs@2",
  initial: 5_000,
  reward: 150,
  penalty: 2_000,
  decay: 1_000,
  window: 3,
  excludeBelow: 2_000,
} as const;

export type TqsParams = typeof TQS_PARAMS;

const INT_MAX = 2_147_483_647;

/**
 * Recomputes tqs_scores for `epoch` (idempotent). Reinstatements count if decided at or
 * before audit entry `anchorSeq` and not yet applied to an earlier epoch.
 */
export async function computeTqs(
  db: Db,
  epoch: bigint,
  p: TqsParams = TQS_PARAMS,
  anchorSeq = 0n,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("tqs_scores").where("epoch", "=", epoch.toString()).execute();
    await sql`
      INSERT INTO tqs_scores (epoch, account, previous, clean, penalty, decay, score, excluded)
      WITH standing AS (
        SELECT * FROM flags WHERE status <> 'dismissed'
      ),
      accounts AS (
        SELECT account FROM submissions WHERE epoch = ${epoch}
        UNION SELECT account FROM standing WHERE epoch = ${epoch}
        UNION SELECT account FROM tqs_scores WHERE epoch < ${epoch}
      ),
      floors AS (
        SELECT r.account, max(r.floor) AS floor FROM reinstatements r
        JOIN review_items i ON i.id = r.review_item
        WHERE (r.applied_epoch IS NULL OR r.applied_epoch = ${epoch}) AND i.decision_seq <= ${anchorSeq}
        GROUP BY r.account
      ),
      terms AS (
        SELECT a.account,
          greatest(
            coalesce((SELECT t.score FROM tqs_scores t WHERE t.account = a.account AND t.epoch < ${epoch}
                      ORDER BY t.epoch DESC LIMIT 1), ${p.initial}::int),
            coalesce((SELECT fl.floor FROM floors fl WHERE fl.account = a.account), 0)) AS previous,
          (SELECT count(*) FROM submissions s WHERE s.epoch = ${epoch} AND s.account = a.account
             AND NOT EXISTS (SELECT 1 FROM standing f WHERE f.submission_id = s.id)
             AND NOT EXISTS (SELECT 1 FROM standing f WHERE f.epoch = ${epoch}
               AND f.account = a.account AND f.submission_id IS NULL)) AS clean,
          round(${p.penalty}::numeric * coalesce((SELECT sum(f.severity) FROM standing f
             WHERE f.epoch = ${epoch} AND f.account = a.account), 0)) AS penalty,
          ${p.decay}::numeric * greatest(0, (SELECT count(DISTINCT f.epoch) FROM standing f
             WHERE f.account = a.account AND f.epoch > ${epoch}::bigint - ${p.window}::int AND f.epoch <= ${epoch}::bigint) - 1) AS decay
        FROM accounts a
      ),
      scored AS (
        SELECT *, least(10000, greatest(0,
          previous + ${p.reward}::numeric * clean - penalty - decay))::int AS score
        FROM terms
      )
      -- The score is computed from the exact terms; the stored terms (a receipt's explanation)
      -- are capped to their integer columns, which no real epoch comes near.
      SELECT ${epoch}, account, previous, least(clean, ${INT_MAX})::int,
             least(penalty, ${INT_MAX})::int, least(decay, ${INT_MAX})::int,
             score, score < ${p.excludeBelow}::int
      FROM scored
    `.execute(tx);
  });
}
