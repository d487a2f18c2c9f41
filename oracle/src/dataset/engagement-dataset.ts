// The published dataset of an epoch's engagement ratings: everything an auditor needs to
// recompute every User, NFT and Gallery Score with the project's own SQL, as JSON Lines:
//   {"type":"header","dataset":"ENGAGEMENT",...}, every holding (by account), every activity
//   event (by id), then the USER, NFT and GALLERY leaves (each by subject id).
// One text serves the three commitments: each kind's tree is built from its own leaves.
import { type Address, type Hex } from "viem";
import { nftSubject } from "@mesi/abi";
import type { Db } from "../db/database.ts";
import { computeEngagement } from "../scoring/engagement.ts";
import type { EngagementWeights } from "../scoring/weights.ts";
import { z } from "zod";
import {
  accountLeafSubject,
  DATASET_FORMAT,
  headerBaseShape,
  leafLine,
  leafLineSchema,
  validateDataset,
  type HeaderBase,
  type LeafLine,
} from "./lines.ts";

export interface EngagementHeader extends HeaderBase {
  dataset: "ENGAGEMENT";
  weights: EngagementWeights;
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

export type EngagementLine = EngagementHeader | HoldingLine | EventLine | LeafLine;

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
    saltSecret: Hex;
  },
): Promise<EngagementLine[]> {
  await computeEngagement(db, opts.epoch, opts.weights);
  const e = opts.epoch.toString();
  const [holdings, events, users, nfts, galleries] = await Promise.all([
    db
      .selectFrom("holdings_snapshot")
      .selectAll()
      .where("epoch", "=", e)
      .orderBy("account")
      .execute(),
    db.selectFrom("activity_events").selectAll().where("epoch", "=", e).orderBy("id").execute(),
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
    ...users.map((u) => leaf("USER", u.account, accountLeafSubject(u.account), u.score)),
    ...nfts.map((n) => {
      const { id, subject } = nftId(n.collection, n.token_id);
      return leaf("NFT", id, subject, n.score);
    }),
    ...galleries.map((g) => leaf("GALLERY", g.creator, accountLeafSubject(g.creator), g.score)),
  ];
}

// --- reading a published ENGAGEMENT dataset (the auditor's verify): every line validated.

const address = z.string().regex(/^0x[0-9a-f]{40}$/, "must be a lowercase 0x address");
const weight = z.number().int().min(0).max(1_000_000);
const wei = z.string().regex(/^\d{1,29}$/, "must be a decimal amount of wei");
const numericString = (max: bigint, rule: string) =>
  z
    .string()
    .regex(/^\d{1,78}$/, "must be a decimal integer string")
    .refine((v) => BigInt(v) <= max, rule);

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
    fanCapBps: z.number().int().min(1).max(10_000),
  }),
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
  tokenId: numericString(2n ** 256n - 1n, "must be below 2^256").nullable(),
  creator: address.nullable(),
  durationMs: numericString(86_400_000n, "must be at most one day"),
  amountWei: numericString(2n ** 256n - 1n, "must be below 2^256"),
});

/** A published ENGAGEMENT dataset, validated. */
export interface ParsedEngagementDataset {
  header: EngagementHeader;
  holdings: HoldingLine[];
  events: EventLine[];
  leaves: LeafLine[];
}

/** Parses an ENGAGEMENT dataset's text; a malformed line is a DatasetError naming it. */
export function parseEngagementDataset(text: string): ParsedEngagementDataset {
  const { header, lines } = validateDataset<EngagementHeader, unknown>(
    text,
    engagementHeaderSchema as unknown as z.ZodType<EngagementHeader>,
    () => ({
      holding: holdingLineSchema,
      event: eventLineSchema,
      leaf: leafLineSchema,
    }),
  );
  const of = <T>(type: string) => lines.filter((l) => l.type === type).map((l) => l.value as T);
  return {
    header,
    holdings: of<HoldingLine>("holding"),
    events: of<EventLine>("event"),
    leaves: of<LeafLine>("leaf"),
  };
}
