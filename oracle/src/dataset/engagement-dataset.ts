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
import { sql, type RawBuilder } from "kysely";
import { nftSubject } from "@mesi/abi";
import type { Db } from "../db/database.ts";
import { computeEngagement, IGNORED_REASONS, type IgnoredReason } from "../scoring/engagement.ts";
import type { EngagementWeights } from "../scoring/weights.ts";
import { RANGES } from "../ingest/schemas.ts";
import { decimalUpTo, LOWER_ADDRESS, lowerAddress as address } from "../util/fields.ts";
import {
  decimalAtMost,
  exactObject,
  intWithin,
  matches,
  nullable,
  stringOf,
} from "./fast-check.ts";
import {
  accountLeafSubject,
  DATASET_FORMAT,
  JsonText,
  headerBaseShape,
  leafLine,
  validateDataset,
  DatasetLineValidator,
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

export interface EngagementDatasetOptions {
  epoch: bigint;
  chainId: bigint;
  scoreOracle: Address;
  weights: EngagementWeights;
  galleryCollection: string | null;
  saltSecret: Hex;
}

/** Scores the epoch in SQL and returns its dataset lines (deterministic for the same inputs). */
export async function buildEngagementDataset(
  db: Db,
  opts: EngagementDatasetOptions,
): Promise<EngagementLine[]> {
  const lines: EngagementLine[] = [];
  for await (const line of engagementLines(db, opts))
    lines.push(line instanceof JsonText ? (JSON.parse(line.text) as EventLine) : line);
  return lines;
}

/** A JSON value's text, or null's. */
const orNull = (json: RawBuilder<unknown>) => sql`coalesce(${json}::text, 'null')`;

/** Rows per read of the large tables (events, holdings, User Scores). */
const PAGE = 20_000;

/**
 * Every row of `table` for the epoch in `key` order, read a page at a time (keyset). The next
 * page is asked for before this one is handed on, so the database reads it while the caller
 * writes this one out (two cores busy instead of one at a time).
 */
async function* pages<T extends Record<string, unknown>>(
  read: (after: string | undefined) => Promise<T[]>,
  key: keyof T,
): AsyncGenerator<T> {
  let next: Promise<T[]> | undefined = read(undefined);
  while (next) {
    const rows: T[] = await next;
    next = rows.length < PAGE ? undefined : read(rows.at(-1)![key] as string);
    // A failed read ahead surfaces when awaited; until then it must not count as unhandled.
    next?.catch(() => undefined);
    yield* rows;
  }
}

/**
 * Scores the epoch in SQL, then yields its dataset lines in dataset order, reading the large
 * tables a page at a time: an epoch of ten million events never sits in memory.
 */
export async function* engagementLines(
  db: Db,
  opts: EngagementDatasetOptions,
): AsyncGenerator<EngagementLine | JsonText> {
  const galleryCollection = opts.galleryCollection?.toLowerCase() ?? null;
  const ignoredEvents = await computeEngagement(db, opts.epoch, opts.weights, galleryCollection);
  const e = opts.epoch.toString();
  const leaf = (kind: "USER" | "NFT" | "GALLERY", id: string, subject: Hex, score: string) =>
    leafLine(kind, id, subject, score, opts.epoch, opts.saltSecret);
  yield {
    type: "header",
    format: DATASET_FORMAT,
    dataset: "ENGAGEMENT",
    epoch: e,
    chainId: opts.chainId.toString(),
    scoreOracle: opts.scoreOracle,
    weights: opts.weights,
    galleryCollection,
    ignoredEvents,
  };
  const holdings = pages(
    (after) =>
      db
        .selectFrom("holdings_snapshot")
        .selectAll()
        .where("epoch", "=", e)
        .$if(after !== undefined, (q) => q.where("account", ">", after!))
        .orderBy("account")
        .limit(PAGE)
        .execute(),
    "account",
  );
  for await (const h of holdings)
    yield {
      type: "holding",
      account: h.account,
      tickets: h.tickets,
      mesiWei: h.mesi_wei,
      votesWei: h.votes_wei,
      lockedWei: h.locked_wei,
    };
  // Ten million event lines: the database writes each one's JSON (the very bytes
  // JSON.stringify gives for an EventLine: keys in its order, strings escaped alike, numbers as
  // decimal strings), so the oracle's core only passes the text on while the database's works.
  const events = pages(
    (after) =>
      db
        .selectFrom("activity_events")
        .select([
          "id",
          sql<string>`'{"type":"event","id":' || to_json(id) || ',"kind":' || to_json(kind)
            || ',"actor":' || to_json(actor) || ',"collection":' || ${orNull(sql`to_json(collection)`)}
            || ',"tokenId":' || ${orNull(sql`to_json(token_id::text)`)}
            || ',"creator":' || ${orNull(sql`to_json(creator)`)}
            || ',"durationMs":' || to_json(duration_ms::text)
            || ',"amountWei":' || to_json(amount_wei::text) || '}'`.as("json"),
        ])
        .where("epoch", "=", e)
        .$if(after !== undefined, (q) => q.where("id", ">", after!))
        .orderBy("id")
        .limit(PAGE)
        .execute(),
    "id",
  );
  for await (const ev of events) yield new JsonText("event", ev.json);
  // The chain's map and the NFT and Gallery Scores: one row per NFT or creator, read whole.
  const nftMap = await db
    .selectFrom("nft_creators")
    .selectAll()
    .where("epoch", "=", e)
    .orderBy("collection")
    .orderBy("token_id")
    .execute();
  for (const n of nftMap)
    yield {
      type: "nft",
      collection: n.collection,
      tokenId: n.token_id,
      gallery: n.gallery_id,
      creator: n.creator,
    };
  const galleryMap = await db
    .selectFrom("gallery_creators")
    .selectAll()
    .where("epoch", "=", e)
    .orderBy("creator")
    .execute();
  for (const g of galleryMap) yield { type: "gallery", creator: g.creator, gallery: g.gallery_id };
  const users = pages(
    (after) =>
      db
        .selectFrom("user_scores")
        .select(["account", "score"])
        .where("epoch", "=", e)
        .$if(after !== undefined, (q) => q.where("account", ">", after!))
        .orderBy("account")
        .limit(PAGE)
        .execute(),
    "account",
  );
  for await (const u of users)
    yield leaf("USER", u.account, accountLeafSubject(u.account), u.score);
  const nfts = await db
    .selectFrom("nft_scores")
    .selectAll()
    .where("epoch", "=", e)
    .orderBy("collection")
    .orderBy("token_id")
    .execute();
  for (const n of nfts) {
    const { id, subject } = nftId(n.collection, n.token_id);
    yield leaf("NFT", id, subject, n.score);
  }
  const galleries = await db
    .selectFrom("gallery_scores")
    .selectAll()
    .where("epoch", "=", e)
    .orderBy("creator")
    .execute();
  for (const g of galleries)
    yield leaf("GALLERY", g.creator, accountLeafSubject(g.creator), g.score);
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

// The same rules checked by hand for the millions of lines (fast-check.ts); anything they do
// not pass goes to the schemas above, whose errors name the field and the rule.
const isAddress = matches(LOWER_ADDRESS);
const isWei = decimalAtMost(RANGES.amountWei.max);
const isUint256 = decimalAtMost(RANGES.id256.max);
const fastChecks = {
  holding: exactObject({
    type: (v) => v === "holding",
    account: isAddress,
    tickets: intWithin(0, 2 ** 31 - 1),
    mesiWei: isWei,
    votesWei: isWei,
    lockedWei: isWei,
  }),
  event: exactObject({
    type: (v) => v === "event",
    id: stringOf(1, 128),
    kind: stringOf(1, 32),
    actor: isAddress,
    collection: nullable(isAddress),
    tokenId: nullable(isUint256),
    creator: nullable(isAddress),
    durationMs: decimalAtMost(BigInt(RANGES.durationMs.max)),
    amountWei: isWei,
  }),
  nft: exactObject({
    type: (v) => v === "nft",
    collection: isAddress,
    tokenId: isUint256,
    gallery: nullable(isUint256),
    creator: nullable(isAddress),
  }),
  gallery: exactObject({
    type: (v) => v === "gallery",
    creator: isAddress,
    gallery: nullable(isUint256),
  }),
};

/** A published ENGAGEMENT dataset, validated. */
export interface ParsedEngagementDataset {
  header: EngagementHeader;
  holdings: HoldingLine[];
  events: EventLine[];
  nfts: NftLine[];
  galleries: GalleryLine[];
  leaves: LeafLine[];
}

/** Each line type's schema and its hand-written check (the property test holds them to agree). */
export const engagementLineRules = () => ({ schemas: lineSchemas(), checks: fastChecks });

const lineSchemas = () => ({
  holding: holdingLineSchema,
  event: eventLineSchema,
  nft: nftLineSchema,
  gallery: galleryLineSchema,
});
const keyOf = {
  holding: (l: HoldingLine) => l.account,
  event: (l: EventLine) => l.id,
  nft: (l: NftLine) => `${l.collection}/${l.tokenId}`,
  gallery: (l: GalleryLine) => l.creator,
};

/** Parses an ENGAGEMENT dataset's text; a malformed line is a DatasetError naming it. */
export function parseEngagementDataset(text: string): ParsedEngagementDataset {
  const { header, of } = validateDataset<EngagementHeader>(
    text,
    engagementHeaderSchema as unknown as z.ZodType<EngagementHeader>,
    lineSchemas,
    keyOf,
    fastChecks,
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

/**
 * A line-at-a-time validator of ENGAGEMENT datasets, for streams too large to hold. Event ids
 * are not remembered here (ten million of them): the loader's table refuses a second one.
 */
export const engagementLineValidator = () =>
  new DatasetLineValidator<EngagementHeader>(
    engagementHeaderSchema as unknown as z.ZodType<EngagementHeader>,
    lineSchemas,
    { holding: keyOf.holding, nft: keyOf.nft, gallery: keyOf.gallery },
    fastChecks,
  );
