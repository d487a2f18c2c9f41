// The auditor's recomputation of an epoch's engagement ratings: load the published dataset
// into an in-memory PGlite, run the very same scoring SQL with the weights the dataset names,
// and for each kind (USER, NFT, GALLERY) compare every leaf and the rebuilt root with the
// root the chain holds.
import type { Hex } from "viem";
import { openDatabase } from "../db/database.ts";
import { insertChunked } from "../db/insert-chunked.ts";
import { computeEngagement } from "../scoring/engagement.ts";
import {
  nftId,
  type EngagementHeader,
  type EngagementLine,
  type EventLine,
  type HoldingLine,
} from "../dataset/engagement-dataset.ts";
import { compareLeaves, type KindReport } from "./compare.ts";
import { headerOf } from "../dataset/lines.ts";

export type EngagementKind = "USER" | "NFT" | "GALLERY";

export interface VerifyReport {
  ok: boolean;
  epoch: bigint;
  kinds: KindReport[];
}

export async function verifyEngagementDataset(
  lines: readonly EngagementLine[],
  onChainRoots: Partial<Record<EngagementKind, Hex>>,
  progress: (msg: string) => void = () => undefined,
): Promise<VerifyReport> {
  const header = headerOf<EngagementHeader>(lines);
  if (header.dataset !== "ENGAGEMENT") throw new Error("not an ENGAGEMENT dataset");
  const epoch = BigInt(header.epoch);
  const database = await openDatabase();
  try {
    const holdings = lines.filter((l): l is HoldingLine => l.type === "holding");
    const events = lines.filter((l): l is EventLine => l.type === "event");
    await insertChunked(
      database.db,
      "holdings_snapshot",
      holdings.map((h) => ({
        epoch,
        account: h.account,
        tickets: h.tickets,
        mesi_wei: h.mesiWei,
        votes_wei: h.votesWei,
        locked_wei: h.lockedWei,
      })),
    );
    await insertChunked(
      database.db,
      "activity_events",
      events.map((ev) => ({
        id: ev.id,
        client_id: "dataset",
        epoch,
        kind: ev.kind,
        actor: ev.actor,
        collection: ev.collection,
        token_id: ev.tokenId,
        creator: ev.creator,
        duration_ms: ev.durationMs,
        amount_wei: ev.amountWei,
        occurred_at: new Date(0),
        payload_hash: "dataset",
      })),
      { progress: (done, total) => progress(`loaded ${done}/${total} events`) },
    );
    progress("recomputing the engagement SQL");
    await computeEngagement(database.db, epoch, header.weights);
    const db = database.db;
    const recomputed: Record<EngagementKind, Map<string, string>> = {
      USER: new Map(
        (await db.selectFrom("user_scores").select(["account", "score"]).execute()).map((u) => [
          u.account,
          u.score,
        ]),
      ),
      NFT: new Map(
        (
          await db.selectFrom("nft_scores").select(["collection", "token_id", "score"]).execute()
        ).map((n) => [nftId(n.collection, n.token_id).id, n.score]),
      ),
      GALLERY: new Map(
        (await db.selectFrom("gallery_scores").select(["creator", "score"]).execute()).map((g) => [
          g.creator,
          g.score,
        ]),
      ),
    };
    const kinds = (["USER", "NFT", "GALLERY"] as const)
      .filter((k) => onChainRoots[k] !== undefined)
      .map((k) => compareLeaves(lines, k, recomputed[k], onChainRoots[k]!));
    return { ok: kinds.length > 0 && kinds.every((k) => k.ok), epoch, kinds };
  } finally {
    await database.close();
  }
}
