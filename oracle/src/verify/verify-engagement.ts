// The auditor's recomputation of an epoch's engagement ratings: load the published dataset
// into an in-memory PGlite, run the very same scoring SQL with the weights (and per-fan cap)
// the dataset names, and for each kind (USER, NFT, GALLERY) compare every leaf and the rebuilt
// root with the root the chain holds; the events left out must be the ones the dataset counts,
// and, given a reader of the chain's gallery collection, every NFT's gallery and creator the
// dataset lists must be the chain's. Browser-safe.
import type { Hex } from "viem";
import { sql } from "kysely";
import { openPglite } from "../db/pglite.ts";
import {
  insertChunked,
  jsonRecordsetInsert,
  jsonRows,
  type JsonColumn,
  type JsonRows,
} from "../db/insert-chunked.ts";
import { EVENT_JSON_COLUMNS } from "../db/event-columns.ts";
import type { Database } from "../db/database.ts";
import { computeEngagement } from "../scoring/engagement.ts";
import {
  engagementLineValidator,
  nftId,
  type GalleryLine,
  type NftLine,
  type ParsedEngagementDataset,
} from "../dataset/engagement-dataset.ts";
import { accountLeafSubject, DatasetError, type LeafLine } from "../dataset/lines.ts";
import type { GalleryReader } from "../snapshot/galleries.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import { compareLeaves, type KindReport, type OnChainCommitment } from "./compare.ts";
import type { VerifyOptions } from "./verify-tqs.ts";

import { engagementKinds, type EngagementKind } from "@mesi/abi";

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

/**
 * The deployment's gallery collection and its reader. The map is checked against it, never
 * against the collection a dataset's header names: a publisher could name one it controls.
 */
export interface DeployedGalleries {
  collection: string;
  reader: GalleryReader;
}

/**
 * Every line of the dataset that the deployment's gallery collection contradicts: the collection
 * the header names, each NFT's collection, and each NFT's and creator's gallery.
 */
export async function checkGalleryMap(
  dataset: Pick<ParsedEngagementDataset, "header" | "nfts" | "galleries">,
  deployed: DeployedGalleries,
): Promise<string[]> {
  const { reader } = deployed;
  const collection = deployed.collection.toLowerCase();
  const bad: string[] = [];
  const named = dataset.header.galleryCollection?.toLowerCase() ?? null;
  if (named !== collection)
    bad.push(
      `the dataset names gallery collection ${named ?? "none"}, the deployment's is ${collection}`,
    );
  for (const n of dataset.nfts) {
    if (n.collection.toLowerCase() !== collection) {
      bad.push(`nft ${n.collection}/${n.tokenId}: not in the deployment's gallery collection`);
      continue;
    }
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

// The dataset's holding and event lines go into the scoring tables as they are: each line's
// JSON object (its own text once validated, no second serialisation) is a row of one
// json_to_recordset INSERT per batch; the columns name the line's keys.
const HOLDING_COLUMNS: readonly JsonColumn[] = [
  ["account", "text"],
  ["tickets", "integer"],
  ["mesi_wei", "numeric", "mesiWei"],
  ["votes_wei", "numeric", "votesWei"],
  ["locked_wei", "numeric", "lockedWei"],
];
const insertHoldings = (db: Database["db"], epoch: bigint, holdings: JsonRows) =>
  db.executeQuery(
    jsonRecordsetInsert("holdings_snapshot", HOLDING_COLUMNS, holdings, {
      fixed: [["epoch", "bigint"]],
      fixedValues: [epoch.toString()],
    }),
  );
/** Events as the scoring SQL reads them; the dataset's order and ids, no client or time. */
const insertEvents = async (db: Database["db"], epoch: bigint, events: JsonRows) => {
  try {
    await db.executeQuery(
      jsonRecordsetInsert("activity_events", EVENT_JSON_COLUMNS, events, {
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
/** Lines per INSERT: one json parameter of a few megabytes. */
const BATCH = 10_000;

/**
 * The scratch database holds one epoch's inputs, which the scoring SQL reads in full scans and
 * nobody needs after a crash: the events' secondary indexes (the oracle's lookups by epoch and
 * by actor) and the write-ahead log of the big tables would only slow loading millions of
 * rows. The primary key stays: it refuses an event listed twice.
 */
async function forOneEpoch(db: Database["db"]): Promise<void> {
  await sql`DROP INDEX IF EXISTS activity_events_epoch, activity_events_actor`.execute(db);
  for (const table of ["activity_events", "holdings_snapshot", "user_scores"])
    await sql`ALTER TABLE ${sql.table(table)} SET UNLOGGED`.execute(db);
}

/** The dataset's inputs into a fresh scoring database. */
async function loadParsed(
  database: Database,
  dataset: ParsedEngagementDataset,
  progress: (m: string) => void,
) {
  const epoch = BigInt(dataset.header.epoch);
  await forOneEpoch(database.db);
  for (let i = 0; i < dataset.holdings.length; i += BATCH)
    await insertHoldings(database.db, epoch, dataset.holdings.slice(i, i + BATCH));
  for (let i = 0; i < dataset.events.length; i += BATCH) {
    await insertEvents(database.db, epoch, dataset.events.slice(i, i + BATCH));
    progress(
      `loaded ${Math.min(i + BATCH, dataset.events.length)}/${dataset.events.length} events`,
    );
  }
}

/**
 * Reads, validates and loads a dataset line by line (a malformed line fails naming it); holds
 * only the header, the chain's map and the leaves, so ten million events pass in bounded memory.
 * One batch is written while the next is read and validated (with a database server, two
 * cores at work instead of one at a time).
 */
async function loadLines(
  database: Database,
  lines: AsyncIterable<string>,
  progress: (m: string) => void,
): Promise<Loaded> {
  const validator = engagementLineValidator();
  const loaded: Omit<Loaded, "header"> = { nfts: [], galleries: [], leaves: [] };
  await forOneEpoch(database.db);
  // The validated lines' own text, a batch at a time.
  let holdings: string[] = [];
  let events: string[] = [];
  let epoch = 0n;
  let n = 0;
  let eventCount = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const [h, e] = [holdings, events];
    holdings = [];
    events = [];
    await writing;
    writing = (async () => {
      if (h.length) await insertHoldings(database.db, epoch, jsonRows(h));
      if (e.length) await insertEvents(database.db, epoch, jsonRows(e));
      eventCount += e.length;
      if (e.length) progress(`loaded ${eventCount} events`);
    })();
    // A failed write surfaces at the next flush or at the end; never as an unhandled rejection.
    writing.catch(() => undefined);
  };
  try {
    for await (const row of lines) {
      const line = validator.line(++n, row);
      if (!line) {
        epoch = BigInt(validator.header.epoch);
        continue;
      }
      switch (line.type) {
        case "holding":
          holdings.push(row);
          break;
        case "event":
          events.push(row);
          if (events.length >= BATCH) await flush();
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
      if (holdings.length >= BATCH) await flush();
    }
    await flush();
    await writing;
  } catch (err) {
    // A bad line while a batch is being written: let the write end before the database closes.
    await writing.catch(() => undefined);
    throw err;
  }
  return { header: validator.header, ...loaded };
}

export async function verifyEngagementDataset(
  dataset: ParsedEngagementDataset,
  onChainRoots: Partial<Record<EngagementKind, OnChainCommitment>>,
  opts: VerifyOptions & { galleries?: DeployedGalleries } = {},
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
  onChainRoots: Partial<Record<EngagementKind, OnChainCommitment>>,
  opts: VerifyOptions & {
    /** The deployment's gallery collection (none: the map is not checked). */
    galleries?: DeployedGalleries;
  } = {},
): Promise<VerifyReport & { loaded: { nfts: number; galleries: number } }> {
  const progress = opts.progress ?? (() => undefined);
  const database = await (opts.open ?? (() => openPglite()))();
  try {
    const loaded = await loadLines(database, lines, progress);
    const report = await recompute(database, loaded, onChainRoots, opts);
    return { ...report, loaded: { nfts: loaded.nfts.length, galleries: loaded.galleries.length } };
  } finally {
    await database.close();
  }
}

/** With the inputs loaded: the chain's map, the scoring SQL, and every kind's leaves and root. */
async function recompute(
  database: Database,
  dataset: Loaded,
  onChainRoots: Partial<Record<EngagementKind, OnChainCommitment>>,
  opts: VerifyOptions & { galleries?: DeployedGalleries },
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
  // Fresh tables have no statistics (autovacuum analyses them later, if at all): without them
  // the planner sizes the scoring's joins and aggregations blind. A sample costs a second.
  await sql`ANALYZE activity_events, holdings_snapshot, nft_creators, gallery_creators`.execute(
    database.db,
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
  const kinds = engagementKinds
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
