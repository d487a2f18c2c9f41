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
import { accountLeafSubject, leafLine, type HeaderBase, type LeafLine } from "./lines.ts";

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
      format: "mesi-dataset@2",
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
