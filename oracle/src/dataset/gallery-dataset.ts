// The published dataset of a GALLERY epoch: everything an auditor needs to recompute every
// Gallery Score with the project's own code, as JSON Lines in a deterministic order:
//   {"type":"header",...}  then every holding, every activity event (by id), every leaf (by subject).
// Its keccak256 is the datasetHash committed on chain next to the root.
import { keccak256, stringToBytes, type Address, type Hex } from "viem";
import { ScoreKind, accountSubject, type ScoreLeaf } from "@mesi/abi";
import type { Db } from "../db/database.ts";
import { computeEngagement } from "../scoring/engagement.ts";
import type { EngagementWeights } from "../scoring/weights.ts";

export interface DatasetHeader {
  type: "header";
  format: "mesi-dataset@1";
  kind: "GALLERY";
  epoch: string;
  chainId: string;
  scoreOracle: Address;
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

export interface LeafLine {
  type: "leaf";
  creator: string;
  score: string;
  salt: Hex;
}

export type DatasetLine = DatasetHeader | HoldingLine | EventLine | LeafLine;

/** Per-leaf salt: keyed by the oracle's secret, so it is stable across re-runs but unguessable. */
export const saltFor = (secret: Hex, epoch: bigint, subject: Hex): Hex =>
  keccak256(`0x${secret.slice(2)}${epoch.toString(16).padStart(16, "0")}${subject.slice(2)}`);

/** Scores the epoch and returns its dataset lines (deterministic for the same inputs). */
export async function buildGalleryDataset(
  db: Db,
  opts: {
    epoch: bigint;
    chainId: bigint;
    scoreOracle: Address;
    weights: EngagementWeights;
    saltSecret: Hex;
  },
): Promise<DatasetLine[]> {
  await computeEngagement(db, opts.epoch, opts.weights);
  const e = opts.epoch.toString();
  const holdings = await db
    .selectFrom("holdings_snapshot")
    .selectAll()
    .where("epoch", "=", e)
    .orderBy("account")
    .execute();
  const events = await db
    .selectFrom("activity_events")
    .selectAll()
    .where("epoch", "=", e)
    .orderBy("id")
    .execute();
  const galleries = await db
    .selectFrom("gallery_scores")
    .selectAll()
    .where("epoch", "=", e)
    .orderBy("creator")
    .execute();
  return [
    {
      type: "header",
      format: "mesi-dataset@1",
      kind: "GALLERY",
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
    ...galleries.map((g): LeafLine => ({
      type: "leaf",
      creator: g.creator,
      score: g.score,
      salt: saltFor(opts.saltSecret, opts.epoch, accountSubject(g.creator as Address)),
    })),
  ];
}

export const serializeDataset = (lines: readonly DatasetLine[]): string =>
  lines.map((l) => JSON.stringify(l)).join("\n") + "\n";

export const datasetHash = (text: string): Hex => keccak256(stringToBytes(text));

export function parseDataset(text: string): DatasetLine[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      try {
        return JSON.parse(l) as DatasetLine;
      } catch {
        throw new Error(`dataset line ${i + 1} is not JSON`);
      }
    });
}

/** The score leaves a dataset commits to, in the shared encoding. */
export function leavesOf(lines: readonly DatasetLine[]): ScoreLeaf[] {
  const header = lines[0];
  if (!header || header.type !== "header") throw new Error("dataset line 1 must be the header");
  return lines
    .filter((l): l is LeafLine => l.type === "leaf")
    .map((l) => ({
      chainId: BigInt(header.chainId),
      scoreOracle: header.scoreOracle,
      kind: ScoreKind.GALLERY,
      epoch: BigInt(header.epoch),
      subject: accountSubject(l.creator as Address),
      score: BigInt(l.score),
      salt: l.salt,
    }));
}
