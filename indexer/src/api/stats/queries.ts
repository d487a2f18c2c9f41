// Every public statistic as one SQL query over the indexed tables: the API runs exactly these
// and docs/API.md prints them (a test holds the two equal). `:now` and `:block` are the indexed
// head's time and number (the chain as far as the indexer has seen it), `:campaign` a campaign
// id or 0 for all. Time-bound states (epoch finality, open offers, pool expiry, vested amounts,
// timelocked operations, overdue reveals) are computed here from them, never stored. Nothing
// reads or returns an individual User, NFT or Gallery score.

/** The indexed head: the last block Ponder committed (its time is `:now` for every query). */
export const HEAD = `SELECT CAST(substr(latest_checkpoint, 1, 10) AS bigint) AS timestamp,
       CAST(substr(latest_checkpoint, 27, 16) AS bigint) AS block
FROM _ponder_checkpoint`;

/** Per campaign: joins, selection, completions, verdicts, draw entries, winners, claims. */
export const CAMPAIGNS = `WITH members AS (
  SELECT campaign_id, count(*) AS joined,
         count(*) FILTER (WHERE selected) AS drawn,
         count(*) FILTER (WHERE completed) AS completed
  FROM campaign_member GROUP BY campaign_id
), tickets AS (
  SELECT campaign_id, count(*) FILTER (WHERE reissued_from IS NULL) AS placeholders,
         count(*) FILTER (WHERE activated_at IS NOT NULL) AS activated,
         count(*) FILTER (WHERE voided_at IS NOT NULL) AS voided,
         count(*) FILTER (WHERE reissued_from IS NOT NULL) AS reissued
  FROM ticket GROUP BY campaign_id
), verdict_skips AS (
  SELECT campaign_id, count(*) AS verdicts_skipped FROM verdict_skip GROUP BY campaign_id
), entries AS (
  SELECT campaign_id, count(*) AS entered,
         count(*) FILTER (WHERE tier IS NOT NULL) AS winners,
         count(*) FILTER (WHERE prize_claimed) AS prizes_claimed,
         count(*) FILTER (WHERE exited) AS exited
  FROM draw_entry GROUP BY campaign_id
)
SELECT c.id AS campaign_id, c.capacity,
       COALESCE(m.joined, 0) AS joined,
       -- up to capacity everyone is selected; beyond it the seeded draw selects
       CASE WHEN COALESCE(m.joined, 0) <= c.capacity THEN COALESCE(m.joined, 0)
            ELSE COALESCE(m.drawn, 0) END AS selected,
       COALESCE(m.completed, 0) AS completed,
       COALESCE(t.placeholders, 0) AS placeholders,
       COALESCE(t.activated, 0) AS activated,
       COALESCE(t.voided, 0) AS voided,
       CASE WHEN COALESCE(t.activated, 0) + COALESCE(t.voided, 0) = 0 THEN NULL
            ELSE COALESCE(t.activated, 0) * 10000 / (COALESCE(t.activated, 0) + COALESCE(t.voided, 0))
       END AS pass_rate_bps,
       COALESCE(v.verdicts_skipped, 0) AS verdicts_skipped,
       COALESCE(t.reissued, 0) AS reissued,
       COALESCE(e.entered, 0) AS entered,
       COALESCE(e.winners, 0) AS winners,
       COALESCE(e.prizes_claimed, 0) AS prizes_claimed,
       COALESCE(e.exited, 0) AS exited,
       d.abandoned_at IS NOT NULL AS draw_abandoned
FROM campaign c
LEFT JOIN members m ON m.campaign_id = c.id
LEFT JOIN tickets t ON t.campaign_id = c.id
LEFT JOIN verdict_skips v ON v.campaign_id = c.id
LEFT JOIN entries e ON e.campaign_id = c.id
LEFT JOIN draw d ON d.campaign_id = c.id
WHERE CAST(:campaign AS numeric) IN (0, c.id)
ORDER BY c.id`;

/** Per campaign and reason: completions the contract skipped. */
export const SKIPS = `SELECT campaign_id, reason, count(*) AS skipped
FROM completion_skip
WHERE CAST(:campaign AS numeric) IN (0, campaign_id)
GROUP BY campaign_id, reason
ORDER BY campaign_id, reason`;

/** Per campaign and reward tier: winners drawn and prizes claimed. */
export const TIERS = `SELECT r.campaign_id, r.tier, r.kind, r.winners AS places,
       count(e.ticket_id) AS winners,
       count(e.ticket_id) FILTER (WHERE e.prize_claimed) AS claimed
FROM reward_tier r
LEFT JOIN draw_entry e ON e.campaign_id = r.campaign_id AND e.tier = r.tier
WHERE CAST(:campaign AS numeric) IN (0, r.campaign_id)
GROUP BY r.campaign_id, r.tier, r.kind, r.winners
ORDER BY r.campaign_id, r.tier`;

/** Every epoch of every kind with its status at the indexed head's time. */
export const EPOCHS = `SELECT kind, epoch, leaf_count, published_at, final_at,
       CASE WHEN rejected_at IS NOT NULL THEN 'rejected'
            WHEN finalized_at IS NOT NULL OR final_at <= :now THEN 'final'
            ELSE 'pending' END AS status
FROM score_epoch
ORDER BY kind, epoch`;

/** Per kind: how many epochs were published, are pending, final, rejected. */
export const EPOCH_KINDS = `SELECT kind, count(*) AS published,
       count(*) FILTER (WHERE rejected_at IS NULL AND finalized_at IS NULL AND final_at > :now) AS pending,
       count(*) FILTER (WHERE rejected_at IS NULL AND (finalized_at IS NOT NULL OR final_at <= :now)) AS final,
       count(*) FILTER (WHERE rejected_at IS NOT NULL) AS rejected
FROM score_epoch
GROUP BY kind
ORDER BY kind`;

/** Each commitment's public summary: for TQS, flags per quality rule id. */
export const EPOCH_FLAGS = `SELECT kind, epoch, rule_id, value
FROM epoch_summary
ORDER BY kind, epoch, rule_id`;

/** Per currency: sales, volume, platform fees, royalties. */
export const MARKET_VOLUME = `SELECT currency, count(*) AS sales, sum(price) AS volume,
       sum(fee) AS fees, sum(royalty) AS royalties
FROM sale
GROUP BY currency
ORDER BY currency`;

/** Per collection and currency: the lowest price of a live listing, and how many there are. */
export const MARKET_FLOOR = `SELECT collection, currency, min(price) AS floor, count(*) AS listings
FROM listing
WHERE status = 'live'
GROUP BY collection, currency
ORDER BY collection, currency`;

/** Per UTC day and currency: sales and volume. */
export const MARKET_DAILY = `SELECT day, currency, count(*) AS sales, sum(price) AS volume
FROM sale
GROUP BY day, currency
ORDER BY day, currency`;

/** Open offers (live until their expiry) and live listings. */
export const MARKET_OPEN = `SELECT
  (SELECT count(*) FROM offer WHERE status = 'open' AND expiry >= :now) AS open_offers,
  (SELECT count(*) FROM listing WHERE status = 'live') AS live_listings`;

/** Vesting: granted, vested by now, released, clawed back, and what fans keep locked. */
export const VESTING = `SELECT count(*) AS schedules,
       COALESCE(sum(amount), 0) AS granted,
       COALESCE(sum(CASE
         WHEN revoked THEN amount - clawed_back
         WHEN :now < start + cliff THEN 0
         WHEN duration = 0 OR :now >= start + duration THEN amount
         ELSE div(amount * (:now - start), duration) END), 0) AS vested,
       COALESCE(sum(released), 0) AS released,
       COALESCE(sum(clawed_back), 0) AS clawed_back,
       COALESCE(sum(amount - released) FILTER (WHERE self_lock), 0) AS locked_by_fans,
       count(*) FILTER (WHERE self_lock AND amount > released) AS active_locks
FROM vesting_schedule`;

/** Vesting by source: prize packs, revenue claims, grants, fans' self-locks. */
export const VESTING_SOURCES = `SELECT source, count(*) AS schedules, sum(amount) AS granted,
       sum(released) AS released
FROM vesting_schedule
GROUP BY source
ORDER BY source`;

/** Revenue: funded, pooled, claimed, rolled over, and what waits for the next pool. */
export const REVENUE = `SELECT f.funded, p.pools, p.pooled, p.claimed, p.claims, p.rolled_over,
       f.funded + p.rolled_over - p.pooled AS pending
FROM (SELECT COALESCE(sum(amount), 0) AS funded FROM revenue_funding) f,
     (SELECT count(*) AS pools, COALESCE(sum(amount), 0) AS pooled,
             COALESCE(sum(claimed), 0) AS claimed, COALESCE(sum(claims), 0) AS claims,
             COALESCE(sum(rolled_over), 0) AS rolled_over
      FROM revenue_pool) p`;

/** Per GALLERY epoch's pool: amount, claimed, claims, roll-over, status at the head's time. */
export const REVENUE_POOLS = `SELECT epoch, amount, claimed, claims, rolled_over, expires_at,
       CASE WHEN rolled_over IS NOT NULL THEN 'rolledOver'
            WHEN expires_at <= :now THEN 'expired'
            ELSE 'open' END AS status
FROM revenue_pool
ORDER BY epoch`;

/** Randomness: seeds committed, revealed, missed (a fault: the fallback seed applied), failed
 * (no seed, ever: the selection or draw is abandoned), overdue. */
export const RANDOMNESS = `SELECT key, purpose, campaign_id, committed_at, entropy_block, reveal_deadline,
       CASE WHEN failed_at IS NOT NULL THEN 'failed'
            WHEN missed_at IS NOT NULL THEN 'missed'
            WHEN seed IS NOT NULL THEN 'revealed'
            WHEN commitment IS NULL THEN 'uncommitted'
            WHEN reveal_deadline < :block THEN 'overdue'
            ELSE 'committed' END AS status
FROM randomness_seed
ORDER BY campaign_id, purpose, key`;

/** Timelocked operations: per status, at the head's time. */
export const GOVERNANCE = `SELECT
  (SELECT value FROM contract_setting WHERE contract = 'MesiTimelock' AND name = 'minDelay') AS min_delay,
  count(*) AS scheduled,
  count(*) FILTER (WHERE cancelled_at IS NULL AND executed_at IS NULL AND ready_at > :now) AS waiting,
  count(*) FILTER (WHERE cancelled_at IS NULL AND executed_at IS NULL AND ready_at <= :now) AS ready,
  count(*) FILTER (WHERE executed_at IS NOT NULL) AS executed,
  count(*) FILTER (WHERE cancelled_at IS NOT NULL) AS cancelled
FROM timelock_operation`;

/** Operations not executed or cancelled yet, with the calls they will make. */
export const GOVERNANCE_PENDING = `SELECT o.id, o.scheduled_at, o.ready_at,
       CASE WHEN o.ready_at <= :now THEN 'ready' ELSE 'waiting' END AS status,
       c.index, c.target, c.target_name, c.value, c.call
FROM timelock_operation o JOIN timelock_call c ON c.timelock_id = o.id
WHERE o.cancelled_at IS NULL AND o.executed_at IS NULL
ORDER BY o.ready_at, o.id, c.index`;

/** Every query, by name (docs/API.md shows each; a test checks they match). */
export const QUERIES = {
  HEAD,
  CAMPAIGNS,
  SKIPS,
  TIERS,
  EPOCHS,
  EPOCH_KINDS,
  EPOCH_FLAGS,
  MARKET_VOLUME,
  MARKET_FLOOR,
  MARKET_DAILY,
  MARKET_OPEN,
  VESTING,
  VESTING_SOURCES,
  REVENUE,
  REVENUE_POOLS,
  RANDOMNESS,
  GOVERNANCE,
  GOVERNANCE_PENDING,
} as const;
