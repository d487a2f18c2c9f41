// Listings (with their price history), sales, offers, signed-listing cancellations, credits
// and fee sweeps.
import { ponder } from "ponder:registry";
import {
  cancelledNonce,
  creditWithdrawal,
  ethCredit,
  feeSweep,
  listing,
  offer,
  sale,
  sellerCounter,
} from "ponder:schema";
import { toFunctionSelector, zeroAddress, type Hex } from "viem";
import { ticketMarketplaceAbi } from "@mesi/abi";
import { utcDay } from "../lib/codes.ts";
import { appendListingEvent } from "../lib/nft.ts";
import { recordSetting } from "../lib/record.ts";

const selectorOf = (name: string): Hex => {
  const f = ticketMarketplaceAbi.find((x) => x.type === "function" && x.name === name);
  if (!f || f.type !== "function") throw new Error(`TicketMarketplace has no ${name}`);
  return toFunctionSelector(f);
};
/** Entry points that settle a sale, by how they settle it. */
const SETTLES: Record<Hex, "listing" | "signed" | "offer"> = {
  [selectorOf("buy")]: "listing",
  [selectorOf("buyWithPermit")]: "listing",
  [selectorOf("buySigned")]: "signed",
  [selectorOf("acceptOffer")]: "offer",
};

const currencyOf = (mesi: boolean) => (mesi ? "MESI" : "ETH");

ponder.on("TicketMarketplace:Listed", async ({ event, context }) => {
  const { collection, tokenId, seller, mesi, price, version } = event.args;
  const t = Number(event.block.timestamp);
  const row = { seller, currency: currencyOf(mesi), price, version, status: "live", updatedAt: t };
  await context.db
    .insert(listing)
    .values({ collection, tokenId, ...row, listedAt: t })
    .onConflictDoUpdate({ ...row, listedAt: t });
  await appendListingEvent(context, event.id, { collection, tokenId, ...row }, "listed", t);
});

ponder.on("TicketMarketplace:ListingPriceUpdated", async ({ event, context }) => {
  const { collection, tokenId, price } = event.args;
  const t = Number(event.block.timestamp);
  // A dead listing keeps its status: a new price does not revive it.
  const row = await context.db
    .update(listing, { collection, tokenId })
    .set({ price, updatedAt: t });
  await appendListingEvent(context, event.id, row, "repriced", t);
});

ponder.on("TicketMarketplace:ListingCancelled", async ({ event, context }) => {
  const { collection, tokenId } = event.args;
  const t = Number(event.block.timestamp);
  const row = await context.db
    .update(listing, { collection, tokenId })
    .set({ status: "cancelled", updatedAt: t });
  await appendListingEvent(context, event.id, row, "cancelled", t);
});

ponder.on("TicketMarketplace:Sale", async ({ event, context }) => {
  const a = event.args;
  const t = Number(event.block.timestamp);
  const currency = a.currency === zeroAddress ? "ETH" : "MESI";
  const l = await context.db.find(listing, { collection: a.collection, tokenId: a.tokenId });
  const live = l?.status === "live" && l.seller.toLowerCase() === a.seller.toLowerCase() ? l : null;
  const bid = await context.db.find(offer, {
    collection: a.collection,
    tokenId: a.tokenId,
    bidder: a.buyer,
  });
  // The entry point tells how the sale settled; a sale through another contract is matched
  // against the listing or the bid it must have used.
  const via =
    SETTLES[event.transaction.input.slice(0, 10) as Hex] ??
    (live && live.price === a.price && live.currency === currency
      ? "listing"
      : bid?.status === "open" && bid.amount === a.price
        ? "offer"
        : "signed");
  await context.db.insert(sale).values({
    id: event.id,
    collection: a.collection,
    tokenId: a.tokenId,
    buyer: a.buyer,
    seller: a.seller,
    currency,
    currencyAddress: a.currency,
    price: a.price,
    fee: a.fee,
    royaltyReceiver: a.royaltyReceiver,
    royalty: a.royalty,
    via,
    timestamp: t,
    day: utcDay(t),
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
  // buy and acceptOffer delete the listing (sold); a signed sale leaves it to die with the move.
  if (live && via !== "signed") {
    await context.db
      .update(listing, { collection: a.collection, tokenId: a.tokenId })
      .set({ status: "sold", updatedAt: t });
    await appendListingEvent(context, event.id, live, "sold", t);
  }
  if (via === "offer" && bid)
    await context.db
      .update(offer, { collection: a.collection, tokenId: a.tokenId, bidder: a.buyer })
      .set({ status: "accepted", updatedAt: t });
});

ponder.on("TicketMarketplace:OfferMade", async ({ event, context }) => {
  const { collection, tokenId, bidder, amount, expiry } = event.args;
  const t = Number(event.block.timestamp);
  const row = { amount, expiry, status: "open", madeAt: t, updatedAt: t };
  await context.db
    .insert(offer)
    .values({ collection, tokenId, bidder, ...row })
    .onConflictDoUpdate(row);
});

ponder.on("TicketMarketplace:OfferCancelled", async ({ event, context }) => {
  const { collection, tokenId, bidder } = event.args;
  await context.db
    .update(offer, { collection, tokenId, bidder })
    .set({ status: "cancelled", updatedAt: Number(event.block.timestamp) });
});

ponder.on("TicketMarketplace:NoncesCancelled", async ({ event, context }) => {
  const { seller, nonces } = event.args;
  const cancelledAt = Number(event.block.timestamp);
  if (nonces.length > 0)
    await context.db
      .insert(cancelledNonce)
      .values(nonces.map((nonce) => ({ seller, nonce, cancelledAt })))
      .onConflictDoNothing();
});

ponder.on("TicketMarketplace:CounterIncremented", async ({ event, context }) => {
  const { seller, counter } = event.args;
  const updatedAt = Number(event.block.timestamp);
  await context.db
    .insert(sellerCounter)
    .values({ seller, counter, updatedAt })
    .onConflictDoUpdate({ counter, updatedAt });
});

ponder.on("TicketMarketplace:EthCredited", async ({ event, context }) => {
  const { account, amount } = event.args;
  await context.db
    .insert(ethCredit)
    .values({ id: event.id, account, amount, timestamp: Number(event.block.timestamp) });
});

ponder.on("TicketMarketplace:CreditWithdrawn", async ({ event, context }) => {
  const { account, to, currency, amount } = event.args;
  await context.db.insert(creditWithdrawal).values({
    id: event.id,
    account,
    to,
    currencyAddress: currency,
    amount,
    timestamp: Number(event.block.timestamp),
  });
});

ponder.on("TicketMarketplace:FeesSwept", async ({ event, context }) => {
  await context.db.insert(feeSweep).values({
    id: event.id,
    mesi: event.args.mesi,
    eth: event.args.eth,
    timestamp: Number(event.block.timestamp),
  });
});

ponder.on("TicketMarketplace:CollectionAllowed", async ({ event, context }) => {
  const { collection, allowed } = event.args;
  await recordSetting(
    context,
    event,
    "TicketMarketplace",
    `allowed:${collection.toLowerCase()}`,
    String(allowed),
  );
});

ponder.on("TicketMarketplace:FeeSet", async ({ event, context }) => {
  await recordSetting(context, event, "TicketMarketplace", "feeBps", String(event.args.feeBps));
});

ponder.on("TicketMarketplace:EIP712DomainChanged", async ({ event, context }) => {
  await recordSetting(
    context,
    event,
    "TicketMarketplace",
    "eip712Domain",
    event.block.number.toString(),
  );
});
