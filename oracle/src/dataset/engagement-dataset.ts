// The dataset of an epoch's engagement ratings (for auditors): everything needed to recompute
// every User, NFT and Gallery Score with the project's own SQL, as JSON Lines:
//   {"type":"header","dataset":"ENGAGEMENT",...}  weights (per-fan cap included), the gallery
//                                                 collection, events left out by reason
//   {"type":"holding",...}                        every holding snapshot (by account)
//   {"type":"event",...}                          every activity event (by id), as sent
//   {"type":"nft",...} / {"type":"gallery",...}   the chain's gallery and creator of each NFT
//                                                 and of each creator the events name
//   {"type":"leaf",...}                           the USER, NFT and GALLERY leaves (each by id)
// One text serves the three commitments: each kind's tree is built from its own leaves.
import { type Address, type Hex } from "viem";
import { z } from "zod";
import { nftSubject } from "@mesi/abi";
import type { Db } from "../db/database.ts";
import { computeEngagement, IGNORED_REASONS, type IgnoredReason } from "../scoring/engagement.ts";
import type { EngagementWeights } from "../scoring/weights.ts";
import { decimalUpTo, RANGES } from "../ingest/schemas.ts";
import {
  accountLeafSubject,
  DATASET_FORMAT,
  lowerAddress as address,
  headerBaseShape,
  leafLine,
  validateDataset,
  type HeaderBase,
  type LeafLine,
} from "./lines.ts";

export interface EngagementHeader extends HeaderBase {
  dataset: "ENGAGEMENT";
  weights: EngagementWeights;
  /** The chain's gallery collection (null: none known, no NFT or profile event counts). */
  galleryCollection: string | null;
  /** Events left out of the scores, per reason. */
  ignoredEvents: Partial<Record<IgnoredReason, number>>;
}

export interface HoldingLine {
  type: "holding";
  account: string;
  tickets: number;
  mesiWei: string;
  votesWei: string;
  lockedWei: string;
}

export interface EventLine {
  type: "event";
  id: string;
  kind: string;
  actor: string;
  collection: string | null;
  tokenId: string | null;
  creator: string | null;
  durationMs: string;
  amountWei: string;
}

/** The chain's answer for a token of the gallery collection (nulls: no such token). */
export interface NftLine {
  type: "nft";
  collection: string;
  tokenId: string;
  gallery: string | null;
  creator: string | null;
}

/** The chain's answer for a creator a profile event names (null: no gallery). */
export interface GalleryLine {
  type: "gallery";
  creator: string;
  gallery: string | null;
}

export type EngagementLine =
  EngagementHeader | HoldingLine | EventLine | NftLine | GalleryLine | LeafLine;

/** The NFT leaf's human id and subject. */
export const nftId = (collection: string, tokenId: string) => ({
  id: `${collection}/${tokenId}`,
  subject: nftSubject(collection as Address, BigInt(tokenId)),
});

/** Scores the epoch in SQL and returns its dataset lines (deterministic for the same inputs). */
export async function buildEngagementDataset(
  db: Db,
  opts: {
    epoch: bigint;
    chainId: bigint;
    scoreOracle: Address;
    weights: EngagementWeights;
    galleryCollection: string | null;
    saltSecret: Hex;
  },
): Promise<EngagementLine[]> {
  const galleryCollection = opts.galleryCollection?.toLowerCase() ?? null;
  const ignoredEvents = await computeEngagement(db, opts.epoch, opts.weights, galleryCollection);
  const e = opts.epoch.toString();
  const [holdings, events, nftMap, galleryMap, users, nfts, galleries] = await Promise.all([
    db
      .selectFrom("holdings_snapshot")
      .selectAll()
      .where("epoch", "=", e)
      .orderBy("account")
      .execute(),
    db.selectFrom("activity_events").selectAll().where("epoch", "=", e).orderBy("id").execute(),
    db
      .selectFrom("nft_creators")
      .selectAll()
      .where("epoch", "=", e)
      .orderBy("collection")
      .orderBy("token_id")
      .execute(),
    db
      .selectFrom("gallery_creators")
      .selectAll()
      .where("epoch", "=", e)
      .orderBy("creator")
      .execute(),
    db.selectFrom("user_scores").selectAll().where("epoch", "=", e).orderBy("account").execute(),
    db
      .selectFrom("nft_scores")
      .selectAll()
      .where("epoch", "=", e)
      .orderBy("collection")
      .orderBy("token_id")
      .execute(),
    db.selectFrom("gallery_scores").selectAll().where("epoch", "=", e).orderBy("creator").execute(),
  ]);
  const leaf = (kind: "USER" | "NFT" | "GALLERY", id: string, subject: Hex, score: string) =>
    leafLine(kind, id, subject, score, opts.epoch, opts.saltSecret);
  return [
    {
      type: "header",
      format: DATASET_FORMAT,
      dataset: "ENGAGEMENT",
      epoch: e,
      chainId: opts.chainId.toString(),
      scoreOracle: opts.scoreOracle,
      weights: opts.weights,
      galleryCollection,
      ignoredEvents,
    },
    ...holdings.map((h): HoldingLine => ({
      type: "holding",
      account: h.account,
      tickets: h.tickets,
      mesiWei: h.mesi_wei,
      votesWei: h.votes_wei,
      lockedWei: h.locked_wei,
    })),
    ...events.map((ev): EventLine => ({
      type: "event",
      id: ev.id,
      kind: ev.kind,
      actor: ev.actor,
      collection: ev.collection,
      tokenId: ev.token_id,
      creator: ev.creator,
      durationMs: ev.duration_ms,
      amountWei: ev.amount_wei,
    })),
    ...nftMap.map((n): NftLine => ({
      type: "nft",
      collection: n.collection,
      tokenId: n.token_id,
      gallery: n.gallery_id,
      creator: n.creator,
    })),
    ...galleryMap.map((g): GalleryLine => ({
      type: "gallery",
      creator: g.creator,
      gallery: g.gallery_id,
    })),
    ...users.map((u) => leaf("USER", u.account, accountLeafSubject(u.account), u.score)),
    ...nfts.map((n) => {
      const { id, subject } = nftId(n.collection, n.token_id);
      return leaf("NFT", id, subject, n.score);
    }),
    ...galleries.map((g) => leaf("GALLERY", g.creator, accountLeafSubject(g.creator), g.score)),
  ];
}

// --- reading a published ENGAGEMENT dataset (the auditor's verify): every line validated
// against the documented ranges (docs/SCORES.md), so the recomputation holds for all of it.

const weight = z.number().int().min(0).max(1_000_000);
const wei = decimalUpTo(RANGES.amountWei.max, "2^96 − 1 (the $MESI supply cap)");
const uint256 = decimalUpTo(RANGES.id256.max, "2^256 − 1");

const engagementHeaderSchema = z.strictObject({
  ...headerBaseShape,
  dataset: z.literal("ENGAGEMENT"),
  weights: z.strictObject({
    version: z.string().min(1).max(64),
    user: z.strictObject({
      base: weight,
      perTicket: weight,
      perMesi: weight,
      perVotedMesi: weight,
      perLockedMesi: weight,
      perMesiSpent: weight,
      perContribution: weight,
    }),
    activity: z.strictObject({
      perViewMinute: weight,
      like: weight,
      share: weight,
      comment: weight,
      reply: weight,
      perMesiPurchased: weight,
      perMesiTipped: weight,
      bid: weight,
      perProfileMinute: weight,
    }),
    fanCapBps: z.number().int().min(1).max(10_000).nullable(),
  }),
  galleryCollection: address.nullable(),
  ignoredEvents: z.partialRecord(z.enum(IGNORED_REASONS), z.number().int().min(1)),
});

const holdingLineSchema = z.strictObject({
  type: z.literal("holding"),
  account: address,
  tickets: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  mesiWei: wei,
  votesWei: wei,
  lockedWei: wei,
});

const eventLineSchema = z.strictObject({
  type: z.literal("event"),
  id: z.string().min(1).max(128),
  kind: z.string().min(1).max(32),
  actor: address,
  collection: address.nullable(),
  tokenId: uint256.nullable(),
  creator: address.nullable(),
  durationMs: decimalUpTo(BigInt(RANGES.durationMs.max), "one day (86,400,000 ms)"),
  amountWei: wei,
});

const nftLineSchema = z.strictObject({
  type: z.literal("nft"),
  collection: address,
  tokenId: uint256,
  gallery: uint256.nullable(),
  creator: address.nullable(),
});

const galleryLineSchema = z.strictObject({
  type: z.literal("gallery"),
  creator: address,
  gallery: uint256.nullable(),
});

/** A published ENGAGEMENT dataset, validated. */
export interface ParsedEngagementDataset {
  header: EngagementHeader;
  holdings: HoldingLine[];
  events: EventLine[];
  nfts: NftLine[];
  galleries: GalleryLine[];
  leaves: LeafLine[];
}

/** Parses an ENGAGEMENT dataset's text; a malformed line is a DatasetError naming it. */
export function parseEngagementDataset(text: string): ParsedEngagementDataset {
  const { header, of } = validateDataset<EngagementHeader>(
    text,
    engagementHeaderSchema as unknown as z.ZodType<EngagementHeader>,
    () => ({
      holding: holdingLineSchema,
      event: eventLineSchema,
      nft: nftLineSchema,
      gallery: galleryLineSchema,
    }),
    {
      holding: (l: HoldingLine) => l.account,
      event: (l: EventLine) => l.id,
      nft: (l: NftLine) => `${l.collection}/${l.tokenId}`,
      gallery: (l: GalleryLine) => l.creator,
    },
  );
  return {
    header,
    holdings: of<HoldingLine>("holding"),
    events: of<EventLine>("event"),
    nfts: of<NftLine>("nft"),
    galleries: of<GalleryLine>("gallery"),
    leaves: of<LeafLine>("leaf"),
  };
}
