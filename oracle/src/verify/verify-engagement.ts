// The auditor's recomputation of an epoch's engagement ratings: load the published dataset
// into an in-memory PGlite, run the very same scoring SQL with the weights (and per-fan cap)
// the dataset names, and for each kind (USER, NFT, GALLERY) compare every leaf and the rebuilt
// root with the root the chain holds; the events left out must be the ones the dataset counts,
// and, given a reader of the chain's gallery collection, every NFT's gallery and creator the
// dataset lists must be the chain's. Browser-safe.
import type { Hex } from "viem";
import { openPglite } from "../db/pglite.ts";
import { insertChunked, jsonRecordsetInsert, type JsonColumn } from "../db/insert-chunked.ts";
import type { Database } from "../db/database.ts";
import { computeEngagement } from "../scoring/engagement.ts";
import {
  engagementLineValidator,
  nftId,
  type EventLine,
  type GalleryLine,
  type HoldingLine,
  type NftLine,
  type ParsedEngagementDataset,
} from "../dataset/engagement-dataset.ts";
import { accountLeafSubject, DatasetError, type LeafLine } from "../dataset/lines.ts";
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
  dataset: Pick<ParsedEngagementDataset, "nfts" | "galleries">,
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

type Loaded = Pick<ParsedEngagementDataset, "header" | "nfts" | "galleries" | "leaves">;

const holdingRow = (epoch: bigint, h: HoldingLine) => ({
  epoch,
  account: h.account,
  tickets: h.tickets,
  mesi_wei: h.mesiWei,
  votes_wei: h.votesWei,
  locked_wei: h.lockedWei,
});
const EVENT_COLUMNS: readonly JsonColumn[] = [
  ["id", "text"],
  ["kind", "text"],
  ["actor", "text"],
  ["collection", "text"],
  ["token_id", "numeric"],
  ["creator", "text"],
  ["duration_ms", "bigint"],
  ["amount_wei", "numeric"],
];
/** Events as the scoring SQL reads them; the dataset's order and ids, no client or time. */
const insertEvents = async (db: Database["db"], epoch: bigint, events: readonly EventLine[]) => {
  const rows = events.map((ev) => ({
    id: ev.id,
    kind: ev.kind,
    actor: ev.actor,
    collection: ev.collection,
    token_id: ev.tokenId,
    creator: ev.creator,
    duration_ms: ev.durationMs,
    amount_wei: ev.amountWei,
  }));
  try {
    await db.executeQuery(
      jsonRecordsetInsert("activity_events", EVENT_COLUMNS, rows, {
        fixed: [
          ["client_id", "text"],
          ["epoch", "bigint"],
          ["occurred_at", "timestamptz"],
          ["payload_hash", "text"],
        ],
        fixedValues: ["dataset", epoch.toString(), new Date(0).toISOString(), "dataset"],
      }),
    );
  } catch (err) {
    const dup = /\(id\)=\((.*)\) already exists/.exec(
      (err as Error & { detail?: string }).detail ?? "",
    );
    throw dup ? new DatasetError(0, `event: ${dup[1]} is listed twice`) : err;
  }
};
const EVENT_BATCH = 5_000;

/** The dataset's inputs into a fresh scoring database. */
async function loadParsed(
  database: Database,
  dataset: ParsedEngagementDataset,
  progress: (m: string) => void,
) {
  const epoch = BigInt(dataset.header.epoch);
  await insertChunked(
    database.db,
    "holdings_snapshot",
    dataset.holdings.map((h) => holdingRow(epoch, h)),
  );
  for (let i = 0; i < dataset.events.length; i += EVENT_BATCH) {
    await insertEvents(database.db, epoch, dataset.events.slice(i, i + EVENT_BATCH));
    progress(
      `loaded ${Math.min(i + EVENT_BATCH, dataset.events.length)}/${dataset.events.length} events`,
    );
  }
}

/**
 * Reads, validates and loads a dataset line by line (a malformed line fails naming it); holds
 * only the header, the chain's map and the leaves, so ten million events pass in bounded memory.
 */
async function loadLines(
  database: Database,
  lines: AsyncIterable<string>,
  progress: (m: string) => void,
): Promise<Loaded> {
  const validator = engagementLineValidator();
  const loaded: Omit<Loaded, "header"> = { nfts: [], galleries: [], leaves: [] };
  let holdings: HoldingLine[] = [];
  let events: EventLine[] = [];
  let epoch = 0n;
  let n = 0;
  let eventCount = 0;
  const flush = async () => {
    if (holdings.length)
      await insertChunked(
        database.db,
        "holdings_snapshot",
        holdings.map((h) => holdingRow(epoch, h)),
      );
    if (events.length) await insertEvents(database.db, epoch, events);
    eventCount += events.length;
    if (events.length) progress(`loaded ${eventCount} events`);
    holdings = [];
    events = [];
  };
  for await (const row of lines) {
    const line = validator.line(++n, row);
    if (!line) {
      epoch = BigInt(validator.header.epoch);
      continue;
    }
    switch (line.type) {
      case "holding":
        holdings.push(line.value as HoldingLine);
        break;
      case "event":
        events.push(line.value as EventLine);
        if (events.length >= EVENT_BATCH) await flush();
        break;
      case "nft":
        loaded.nfts.push(line.value as NftLine);
        break;
      case "gallery":
        loaded.galleries.push(line.value as GalleryLine);
        break;
      default:
        loaded.leaves.push(line.value as LeafLine);
    }
    if (holdings.length >= EVENT_BATCH) await flush();
  }
  await flush();
  return { header: validator.header, ...loaded };
}

export async function verifyEngagementDataset(
  dataset: ParsedEngagementDataset,
  onChainRoots: Partial<Record<EngagementKind, Hex>>,
  opts: VerifyOptions & { galleries?: GalleryReader } = {},
): Promise<VerifyReport> {
  const progress = opts.progress ?? (() => undefined);
  const database = await (opts.open ?? (() => openPglite()))();
  try {
    await loadParsed(database, dataset, progress);
    return await recompute(database, dataset, onChainRoots, opts);
  } finally {
    await database.close();
  }
}

/**
 * The same check over a dataset read as a stream of lines (the CLI reads a file or a download
 * this way): for epochs too large to hold as one text.
 */
export async function verifyEngagementLines(
  lines: AsyncIterable<string>,
  onChainRoots: Partial<Record<EngagementKind, Hex>>,
  opts: VerifyOptions & {
    /** The reader of the gallery collection the header names (none: the map is not checked). */
    galleriesFor?: (collection: string) => GalleryReader;
  } = {},
): Promise<VerifyReport & { loaded: { nfts: number; galleries: number } }> {
  const progress = opts.progress ?? (() => undefined);
  const database = await (opts.open ?? (() => openPglite()))();
  try {
    const loaded = await loadLines(database, lines, progress);
    const collection = loaded.header.galleryCollection;
    const galleries = collection ? opts.galleriesFor?.(collection) : undefined;
    const report = await recompute(database, loaded, onChainRoots, { ...opts, galleries });
    return { ...report, loaded: { nfts: loaded.nfts.length, galleries: loaded.galleries.length } };
  } finally {
    await database.close();
  }
}

/** With the inputs loaded: the chain's map, the scoring SQL, and every kind's leaves and root. */
async function recompute(
  database: Database,
  dataset: Loaded,
  onChainRoots: Partial<Record<EngagementKind, Hex>>,
  opts: VerifyOptions & { galleries?: GalleryReader },
): Promise<VerifyReport> {
  const progress = opts.progress ?? (() => undefined);
  const { header } = dataset;
  const epoch = BigInt(header.epoch);
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
      (await db.selectFrom("nft_scores").select(["collection", "token_id", "score"]).execute()).map(
        (n) => [nftId(n.collection, n.token_id).id, n.score],
      ),
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
}
