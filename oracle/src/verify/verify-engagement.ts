// The auditor's recomputation of an epoch's engagement ratings: load the published dataset
// into an in-memory PGlite, run the very same scoring SQL with the weights (and per-fan cap)
// the dataset names, and for each kind (USER, NFT, GALLERY) compare every leaf and the rebuilt
// root with the root the chain holds; the events left out must be the ones the dataset counts,
// and, given a reader of the chain's gallery collection, every NFT's gallery and creator the
// dataset lists must be the chain's. Browser-safe.
import type { Hex } from "viem";
import { openPglite } from "../db/pglite.ts";
import { insertChunked } from "../db/insert-chunked.ts";
import { computeEngagement } from "../scoring/engagement.ts";
import { nftId, type ParsedEngagementDataset } from "../dataset/engagement-dataset.ts";
import { accountLeafSubject } from "../dataset/lines.ts";
import type { GalleryReader } from "../snapshot/galleries.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import { compareLeaves, type KindReport } from "./compare.ts";
import type { VerifyOptions } from "./verify-tqs.ts";

export type EngagementKind = "USER" | "NFT" | "GALLERY";

export interface VerifyReport {
  ok: boolean;
  epoch: bigint;
  kinds: KindReport[];
  /** Events left out, per reason: as the dataset counts them and as recomputed. */
  ignoredEvents: {
    ok: boolean;
    published: Record<string, number>;
    recomputed: Record<string, number>;
  };
  /** The dataset's NFT and gallery map against the chain (when a reader was given). */
  chainMap: { checked: boolean; ok: boolean; mismatches: string[] };
}

/** Every line of the dataset's map that the chain's gallery collection contradicts. */
export async function checkGalleryMap(
  dataset: ParsedEngagementDataset,
  reader: GalleryReader,
): Promise<string[]> {
  const bad: string[] = [];
  for (const n of dataset.nfts) {
    const chain = await reader.tokenGallery(BigInt(n.tokenId));
    const want = chain ? `gallery ${chain.gallery}, creator ${chain.creator}` : "no such token";
    const got =
      n.creator && n.gallery ? `gallery ${n.gallery}, creator ${n.creator}` : "no such token";
    if (want !== got)
      bad.push(`nft ${n.collection}/${n.tokenId}: dataset says ${got}, the chain ${want}`);
  }
  for (const g of dataset.galleries) {
    const chain = await reader.galleryOf(g.creator);
    if ((chain?.toString() ?? null) !== g.gallery)
      bad.push(
        `gallery of ${g.creator}: dataset says ${g.gallery ?? "none"}, the chain ${chain ?? "none"}`,
      );
  }
  return bad;
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
  opts: VerifyOptions & { galleries?: GalleryReader } = {},
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
    await insertChunked(
      database.db,
      "nft_creators",
      dataset.nfts.map((n) => ({
        epoch,
        collection: n.collection,
        token_id: n.tokenId,
        gallery_id: n.gallery,
        creator: n.creator,
      })),
    );
    await insertChunked(
      database.db,
      "gallery_creators",
      dataset.galleries.map((g) => ({ epoch, creator: g.creator, gallery_id: g.gallery })),
    );
    progress("recomputing the engagement SQL");
    const ignored = await computeEngagement(
      database.db,
      epoch,
      header.weights,
      header.galleryCollection,
    );
    const ignoredEvents = {
      ok: canonicalJson(ignored) === canonicalJson(header.ignoredEvents),
      published: header.ignoredEvents as Record<string, number>,
      recomputed: ignored as Record<string, number>,
    };
    let chainMap: VerifyReport["chainMap"] = { checked: false, ok: true, mismatches: [] };
    if (opts.galleries) {
      progress(
        `checking ${dataset.nfts.length} NFTs and ${dataset.galleries.length} galleries against the chain`,
      );
      const mismatches = await checkGalleryMap(dataset, opts.galleries);
      chainMap = { checked: true, ok: mismatches.length === 0, mismatches };
    }
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
      ok:
        kinds.length > 0 &&
        stray.length === 0 &&
        kinds.every((k) => k.ok) &&
        ignoredEvents.ok &&
        chainMap.ok,
      epoch,
      kinds,
      ignoredEvents,
      chainMap,
    };
  } finally {
    await database.close();
  }
}
