// The auditor's recomputation of an epoch's engagement ratings: load the published dataset
// into an in-memory PGlite, run the very same scoring SQL with the weights the dataset names,
// and for each kind (USER, NFT, GALLERY) compare every leaf and the rebuilt root with the
// root the chain holds. Browser-safe.
import type { Hex } from "viem";
import { openPglite } from "../db/pglite.ts";
import { insertChunked } from "../db/insert-chunked.ts";
import { computeEngagement } from "../scoring/engagement.ts";
import { nftId, type ParsedEngagementDataset } from "../dataset/engagement-dataset.ts";
import { accountLeafSubject } from "../dataset/lines.ts";
import { compareLeaves, type KindReport } from "./compare.ts";
import type { VerifyOptions } from "./verify-tqs.ts";

export type EngagementKind = "USER" | "NFT" | "GALLERY";

export interface VerifyReport {
  ok: boolean;
  epoch: bigint;
  kinds: KindReport[];
}

/** The subject a leaf of `kind` with this id must commit to. */
const subjectOf =
  (kind: EngagementKind) =>
  (id: string): Hex | undefined => {
    if (kind !== "NFT") return /^0x[0-9a-f]{40}$/.test(id) ? accountLeafSubject(id) : undefined;
    const m = /^(0x[0-9a-f]{40})\/(\d{1,78})$/.exec(id);
    return m && BigInt(m[2]!) < 2n ** 256n ? nftId(m[1]!, m[2]!).subject : undefined;
  };

export async function verifyEngagementDataset(
  dataset: ParsedEngagementDataset,
  onChainRoots: Partial<Record<EngagementKind, Hex>>,
  opts: VerifyOptions = {},
): Promise<VerifyReport> {
  const progress = opts.progress ?? (() => undefined);
  const { header } = dataset;
  const epoch = BigInt(header.epoch);
  const database = await (opts.open ?? (() => openPglite()))();
  try {
    await insertChunked(
      database.db,
      "holdings_snapshot",
      dataset.holdings.map((h) => ({
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
      dataset.events.map((ev) => ({
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
      .map((k) =>
        compareLeaves(header, dataset.leaves, k, recomputed[k], onChainRoots[k]!, subjectOf(k)),
      );
    const stray = dataset.leaves.filter((l) => l.kind === "TQS");
    for (const l of stray)
      kinds[0]?.badLeaves.push({ id: l.id, problem: "a TQS leaf in an ENGAGEMENT dataset" });
    return {
      ok: kinds.length > 0 && stray.length === 0 && kinds.every((k) => k.ok),
      epoch,
      kinds,
    };
  } finally {
    await database.close();
  }
}
