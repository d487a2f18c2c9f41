// Creators' galleries and their items (what NFT and Gallery Scores rate), and every transfer.
import { ponder } from "ponder:registry";
import { gallery, galleryItem } from "ponder:schema";
import { zeroAddress } from "viem";
import { recordTransfer } from "../lib/nft.ts";

ponder.on("GalleryCollection:GalleryCreated", async ({ event, context }) => {
  const { creator, galleryId, name } = event.args;
  await context.db
    .insert(gallery)
    .values({ id: galleryId, creator, name, createdAt: Number(event.block.timestamp) });
});

ponder.on("GalleryCollection:ItemMinted", async ({ event, context }) => {
  const { galleryId, tokenId, creator, uri } = event.args;
  // Minted to the creator (the mint's Transfer came first and left the item to this event).
  await context.db.insert(galleryItem).values({
    tokenId,
    galleryId,
    creator,
    uri,
    owner: creator,
    mintedAt: Number(event.block.timestamp),
  });
});

ponder.on("GalleryCollection:Transfer", async ({ event, context }) => {
  const { from, to, tokenId } = event.args;
  await recordTransfer(context, event, tokenId, from, to);
  if (from !== zeroAddress)
    await context.db.update(galleryItem, { tokenId }).set({ owner: to, approved: null });
});

ponder.on("GalleryCollection:Approval", async ({ event, context }) => {
  await context.db
    .update(galleryItem, { tokenId: event.args.tokenId })
    .set({ approved: event.args.approved });
});
