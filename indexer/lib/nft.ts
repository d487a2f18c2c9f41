// What the two ERC-721 collections' transfers share (the transfer log, listings that die when
// the token moves) and the marketplace's price history.
import type { Context } from "ponder:registry";
import { listing, listingEvent, nftTransfer } from "ponder:schema";
import { zeroAddress, type Address } from "viem";

interface LogEvent {
  id: string;
  block: { timestamp: bigint; number: bigint };
  transaction: { hash: `0x${string}` };
  log: { address: Address };
}

/** Appends the transfer; the token's live listing dies (the transfer moved its trade version). */
export async function recordTransfer(
  context: Context,
  event: LogEvent,
  tokenId: bigint,
  from: Address,
  to: Address,
) {
  const collection = event.log.address;
  await context.db.insert(nftTransfer).values({
    id: event.id,
    collection,
    tokenId,
    from,
    to,
    timestamp: Number(event.block.timestamp),
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
  if (from !== zeroAddress) await killListing(context, event, collection, tokenId);
}

/** Marks the token's live listing dead, for good: a dead listing never comes back. */
export async function killListing(
  context: Context,
  event: LogEvent,
  collection: Address,
  tokenId: bigint,
) {
  const l = await context.db.find(listing, { collection, tokenId });
  if (!l || l.status !== "live") return;
  const t = Number(event.block.timestamp);
  await context.db.update(listing, { collection, tokenId }).set({ status: "dead", updatedAt: t });
  await appendListingEvent(context, event.id, l, "dead", t);
}

/** Appends to a listing's price history. */
export async function appendListingEvent(
  context: Context,
  id: string,
  l: { collection: Address; tokenId: bigint; seller: Address; currency: string; price: bigint },
  kind: string,
  timestamp: number,
) {
  const { collection, tokenId, seller, currency, price } = l;
  await context.db
    .insert(listingEvent)
    .values({ id, collection, tokenId, seller, currency, price, kind, timestamp });
}
