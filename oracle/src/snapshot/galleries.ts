// The chain's word on the NFTs and galleries an epoch's events name: for each token of the
// gallery collection, its gallery and that gallery's creator; for each creator a profile event
// names, its gallery. The scores take an NFT's creator from here, never from the platform's
// event (an event that disagrees is left out, counted by reason). The first snapshot of an epoch
// is kept, so a re-run scores the same inputs; the auditor's verify reads the same answers from
// the chain to check the dataset's map. Browser-safe (viem only).
import { sql } from "kysely";
import { BaseError, ContractFunctionRevertedError, type Address, type PublicClient } from "viem";
import { galleryCollectionAbi } from "@mesi/abi";
import type { Db } from "../db/database.ts";
import { insertChunked } from "../db/insert-chunked.ts";
import { withRetry } from "../util/retry.ts";

/** Reads the gallery collection; null where the chain has no such token or gallery. */
export interface GalleryReader {
  tokenGallery(tokenId: bigint): Promise<{ gallery: bigint; creator: string } | null>;
  galleryOf(creator: string): Promise<bigint | null>;
}

/** A revert (no such token) is an answer; anything else (the RPC) is retried, then thrown. */
const orNullOnRevert = async <T>(what: string, read: () => Promise<T>): Promise<T | null> =>
  withRetry(what, async () => {
    try {
      return await read();
    } catch (err) {
      if (err instanceof BaseError && err.walk((e) => e instanceof ContractFunctionRevertedError))
        return null;
      throw err;
    }
  });

export function chainGalleryReader(client: PublicClient, collection: Address): GalleryReader {
  const read = <T>(
    functionName: "galleryOfToken" | "creatorOf" | "galleryOf",
    args: [bigint] | [Address],
  ) =>
    client.readContract({
      address: collection,
      abi: galleryCollectionAbi,
      functionName,
      args,
    } as never) as Promise<T>;
  return {
    async tokenGallery(tokenId) {
      const gallery = await orNullOnRevert("galleryOfToken", () =>
        read<bigint>("galleryOfToken", [tokenId]),
      );
      if (gallery === null || gallery === 0n) return null;
      const creator = await orNullOnRevert("creatorOf", () =>
        read<Address>("creatorOf", [gallery]),
      );
      return creator ? { gallery, creator: creator.toLowerCase() } : null;
    },
    async galleryOf(creator) {
      const g = await orNullOnRevert("galleryOf", () =>
        read<bigint>("galleryOf", [creator as Address]),
      );
      return g ? g : null;
    },
  };
}

/** Reads `items` with `read`, `concurrency` at a time, in order. */
async function readAll<T, R>(
  items: readonly T[],
  read: (item: T) => Promise<R>,
  concurrency = 32,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += concurrency)
    out.push(...(await Promise.all(items.slice(i, i + concurrency).map(read))));
  return out;
}

/**
 * Snapshots what the gallery collection says about the tokens and creators the epoch's events
 * name (once per epoch); returns how many tokens and creators it read.
 */
export async function snapshotGalleries(
  db: Db,
  reader: GalleryReader,
  epoch: bigint,
  collection: string,
): Promise<{ tokens: number; creators: number }> {
  const e = epoch.toString();
  const taken = await sql<{ n: string }>`
    SELECT (SELECT count(*) FROM nft_creators WHERE epoch = ${e}) +
           (SELECT count(*) FROM gallery_creators WHERE epoch = ${e}) AS n`.execute(db);
  if (Number(taken.rows[0]!.n) > 0) return { tokens: 0, creators: 0 };
  const gallery = collection.toLowerCase();
  const tokens = (
    await sql<{ token_id: string }>`
      SELECT DISTINCT token_id FROM activity_events
      WHERE epoch = ${e} AND collection = ${gallery} ORDER BY token_id`.execute(db)
  ).rows.map((r) => r.token_id);
  const creators = (
    await sql<{ creator: string }>`
      SELECT DISTINCT creator FROM activity_events
      WHERE epoch = ${e} AND collection IS NULL AND creator IS NOT NULL ORDER BY creator`.execute(
      db,
    )
  ).rows.map((r) => r.creator);
  const nfts = await readAll(tokens, async (t) => {
    const found = await reader.tokenGallery(BigInt(t));
    return {
      epoch,
      collection: gallery,
      token_id: t,
      gallery_id: found?.gallery ?? null,
      creator: found?.creator ?? null,
    };
  });
  const galleries = await readAll(creators, async (c) => ({
    epoch,
    creator: c,
    gallery_id: await reader.galleryOf(c),
  }));
  // One transaction: a crash mid-snapshot leaves none, and the next run reads again.
  await db.transaction().execute(async (tx) => {
    await insertChunked(tx, "nft_creators", nfts);
    await insertChunked(tx, "gallery_creators", galleries);
  });
  return { tokens: nfts.length, creators: galleries.length };
}
