// The indexer queries the pages use, each with the shape of its rows (the indexer's tables,
// snake_case). One place, so a schema change in the indexer is one change here.
import * as z from "zod/mini";
import type { Address } from "viem";
import { address, big, hex, int, sql, useIndexerRows } from "./indexer.ts";

const opt = <T extends z.ZodMiniType>(t: T) => z.optional(z.nullable(t));

export const Campaign = z.object({
  id: big,
  metadata_uri: z.string(),
  required_scopes: int,
  min_tqs: int,
  capacity: int,
  join_cap: int,
  join_start: int,
  join_end: int,
  task_end: int,
  quality_end: int,
  draw_at: int,
  joined: int,
});
export type Campaign = z.infer<typeof Campaign>;

export const useCampaigns = () =>
  useIndexerRows(
    ["campaigns"],
    sql`SELECT c.id, c.metadata_uri, c.required_scopes, c.min_tqs, c.capacity, c.join_cap,
               c.join_start, c.join_end, c.task_end, c.quality_end, c.draw_at,
               count(m.account)::int AS joined
        FROM campaign c LEFT JOIN campaign_member m ON m.campaign_id = c.id
        GROUP BY c.id ORDER BY c.id DESC LIMIT 50`,
    Campaign,
  );

export const Listing = z.object({
  collection: address,
  token_id: big,
  seller: address,
  currency: z.string(),
  price: big,
  campaign_id: opt(big),
});
export type Listing = z.infer<typeof Listing>;
export const isEth = (l: Pick<Listing, "currency">) => l.currency.toLowerCase() === "eth";

export const useLiveListings = () =>
  useIndexerRows(
    ["listings", "live"],
    sql`SELECT l.collection, l.token_id, l.seller, l.currency, l.price, t.campaign_id
        FROM listing l LEFT JOIN ticket t ON t.id = l.token_id
        WHERE l.status = 'live' ORDER BY l.updated_at DESC LIMIT 100`,
    Listing,
  );

export const Ticket = z.object({
  id: big,
  campaign_id: big,
  owner: address,
  state: z.string(),
  entered: z.boolean(),
  minted_at: int,
  activated_at: opt(int),
  voided_at: opt(int),
  listing_price: opt(big),
  listing_currency: opt(z.string()),
  reissued_from: opt(big),
  reissued_as: opt(big),
});
export type Ticket = z.infer<typeof Ticket>;

export const useTicketsOf = (owner: Address | undefined) =>
  useIndexerRows(
    ["tickets", owner],
    sql`SELECT t.id, t.campaign_id, t.owner, t.state, t.entered, t.minted_at, t.activated_at,
               t.voided_at, l.price AS listing_price, l.currency AS listing_currency,
               t.reissued_from, t.reissued_as
        FROM ticket t LEFT JOIN listing l ON l.token_id = t.id AND l.status = 'live'
        WHERE t.owner = ${owner?.toLowerCase() ?? ""} ORDER BY t.id`,
    Ticket,
    { enabled: !!owner },
  );

export const DrawEntry = z.object({
  ticket_id: big,
  campaign_id: big,
  owner: address,
  tier: opt(int),
  prize_claimed: z.boolean(),
  exited: z.boolean(),
  /** On exit: the participation reward paid, and what the draw's budget could not pay of it. */
  participation_reward: opt(big),
  participation_shortfall: opt(big),
  resolved_at: opt(int),
  /** The draw was closed without winners (no usable seed in time, or its seed failed). */
  abandoned_at: opt(int),
  /** The draw's seed failed (a missed reveal nobody settled within 8,191 blocks: no seed, ever). */
  seed_failed_at: opt(int),
  draw_at: int,
  /** The won tier's prize (reward_tier): 0 $MESI pack, 1 promo credit, 2 item, 3 promo slot. */
  prize_kind: opt(int),
  prize_amount: opt(big),
  prize_ref: opt(hex),
  /** When the chain recorded a prize other than $MESI for Mesi to deliver (prize_redemption). */
  redeemed_at: opt(int),
});
export type DrawEntry = z.infer<typeof DrawEntry>;

export const useDrawEntriesOf = (owner: Address | undefined) =>
  useIndexerRows(
    ["draw-entries", owner],
    sql`SELECT e.ticket_id, e.campaign_id, e.owner, e.tier, e.prize_claimed, e.exited,
               e.participation_reward, e.participation_shortfall, d.resolved_at, d.abandoned_at, c.draw_at, rt.kind AS prize_kind, rt.amount AS prize_amount,
               rt.ref AS prize_ref, r.timestamp AS redeemed_at, s.failed_at AS seed_failed_at
        FROM draw_entry e JOIN campaign c ON c.id = e.campaign_id
        LEFT JOIN draw d ON d.campaign_id = e.campaign_id
        LEFT JOIN reward_tier rt ON rt.campaign_id = e.campaign_id AND rt.tier = e.tier
        LEFT JOIN prize_redemption r ON r.ticket_id = e.ticket_id
        LEFT JOIN randomness_seed s ON s.campaign_id = e.campaign_id AND s.purpose = 'draw'
        WHERE e.owner = ${owner?.toLowerCase() ?? ""} ORDER BY e.ticket_id`,
    DrawEntry,
    { enabled: !!owner },
  );

export const Epoch = z.object({
  kind: int,
  epoch: big,
  root: hex,
  dataset_hash: hex,
  dataset_uri: z.string(),
  leaf_count: big,
  published_at: int,
  final_at: int,
  rejected_at: opt(int),
  reject_reason: opt(z.string()),
  transaction_hash: hex,
});
export type Epoch = z.infer<typeof Epoch>;

export const useEpochs = () =>
  useIndexerRows(
    ["epochs"],
    sql`SELECT kind, epoch, root, dataset_hash, dataset_uri, leaf_count, published_at, final_at,
               rejected_at, reject_reason, transaction_hash
        FROM score_epoch ORDER BY epoch DESC, kind LIMIT 200`,
    Epoch,
  );

export const EpochFlag = z.object({ epoch: big, rule_id: z.string(), value: big });
export const useEpochFlags = () =>
  useIndexerRows(
    ["epoch-flags"],
    sql`SELECT epoch, rule_id, value FROM epoch_summary WHERE kind = 0 ORDER BY epoch DESC, rule_id`,
    EpochFlag,
  );

export const Schedule = z.object({
  nonce: big,
  amount: big,
  start: int,
  cliff: int,
  duration: int,
  self_lock: z.boolean(),
  source: z.string(),
  revoked: z.boolean(),
  released: big,
});
export type Schedule = z.infer<typeof Schedule>;

export const useSchedulesOf = (beneficiary: Address | undefined) =>
  useIndexerRows(
    ["schedules", beneficiary],
    sql`SELECT nonce, amount, start, cliff, duration, self_lock, source, revoked, released
        FROM vesting_schedule WHERE beneficiary = ${beneficiary?.toLowerCase() ?? ""} ORDER BY nonce`,
    Schedule,
    { enabled: !!beneficiary },
  );

export const Pool = z.object({
  epoch: big,
  amount: big,
  total_score: big,
  expires_at: int,
  claimed_by_me: z.boolean(),
});
export const usePools = (creator: Address | undefined) =>
  useIndexerRows(
    ["pools", creator],
    sql`SELECT p.epoch, p.amount, p.total_score, p.expires_at,
               (r.creator IS NOT NULL) AS claimed_by_me
        FROM revenue_pool p LEFT JOIN revenue_claim r
          ON r.epoch = p.epoch AND r.creator = ${creator?.toLowerCase() ?? ""}
        ORDER BY p.epoch DESC`,
    Pool,
    { enabled: !!creator },
  );

export const GalleryItem = z.object({ token_id: big, uri: z.string(), owner: address });
export const useGalleryItemsOf = (creator: Address | undefined) =>
  useIndexerRows(
    ["gallery-items", creator],
    sql`SELECT token_id, uri, owner FROM gallery_item
        WHERE creator = ${creator?.toLowerCase() ?? ""} ORDER BY token_id`,
    GalleryItem,
    { enabled: !!creator },
  );

export const Release = z.object({ nonce: big, amount: big, timestamp: int });
export const useReleasesOf = (beneficiary: Address | undefined) =>
  useIndexerRows(
    ["releases", beneficiary],
    sql`SELECT nonce, amount, timestamp FROM vesting_release
        WHERE beneficiary = ${beneficiary?.toLowerCase() ?? ""} ORDER BY timestamp`,
    Release,
    { enabled: !!beneficiary },
  );

export const Offer = z.object({
  collection: address,
  token_id: big,
  bidder: address,
  amount: big,
  expiry: int,
});
export type Offer = z.infer<typeof Offer>;

/** Open $MESI offers on the tickets `owner` holds, and those `owner` made. */
export const useOffersFor = (owner: Address | undefined) =>
  useIndexerRows(
    ["offers", owner],
    sql`SELECT o.collection, o.token_id, o.bidder, o.amount, o.expiry
        FROM offer o LEFT JOIN ticket t ON t.id = o.token_id
        WHERE o.status = 'open'
          AND (t.owner = ${owner?.toLowerCase() ?? ""} OR o.bidder = ${owner?.toLowerCase() ?? ""})
        ORDER BY o.amount DESC`,
    Offer,
    { enabled: !!owner },
  );
