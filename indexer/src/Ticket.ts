// Tickets: placeholders minted per campaign, activated or voided by quality verdicts, locked
// while in a draw, and every transfer.
import { ponder } from "ponder:registry";
import { ticket, ticketEvent } from "ponder:schema";
import { zeroAddress } from "viem";
import {
  killListing,
  recordMetadataUpdate,
  recordOperatorApproval,
  recordTransfer,
} from "../lib/nft.ts";
import { recordSetting } from "../lib/record.ts";

ponder.on("Ticket:Transfer", async ({ event, context }) => {
  const { from, to, id } = event.args;
  await recordTransfer(context, event, id, from, to);
  if (from === zeroAddress) {
    // Minting logs each Transfer before the batch's PlaceholdersMinted, which names the campaign.
    await context.db.insert(ticket).values({
      id,
      campaignId: 0n,
      owner: to,
      state: "placeholder",
      entered: false,
      locked: true,
      mintedAt: Number(event.block.timestamp),
      transfers: 0,
    });
  } else {
    await context.db
      .update(ticket, { id })
      .set((row) => ({ owner: to, approved: null, transfers: row.transfers + 1 }));
  }
});

ponder.on("Ticket:PlaceholdersMinted", async ({ event, context }) => {
  const { campaignId, firstId, count } = event.args;
  const ids = Array.from({ length: Number(count) }, (_, i) => firstId + BigInt(i));
  for (const id of ids) await context.db.update(ticket, { id }).set({ campaignId });
  if (ids.length > 0)
    await context.db.insert(ticketEvent).values(
      ids.map((id, i) => ({
        id: `${event.id}-${i}`,
        ticketId: id,
        campaignId,
        kind: "minted",
        timestamp: Number(event.block.timestamp),
        blockNumber: event.block.number,
      })),
    );
});

ponder.on("Ticket:TicketsActivated", async ({ event, context }) => {
  const { campaignId, ids } = event.args;
  const t = Number(event.block.timestamp);
  for (const id of ids)
    await context.db.update(ticket, { id }).set({ state: "active", activatedAt: t });
  if (ids.length > 0)
    await context.db.insert(ticketEvent).values(
      ids.map((id, i) => ({
        id: `${event.id}-${i}`,
        ticketId: id,
        campaignId,
        kind: "activated",
        timestamp: t,
        blockNumber: event.block.number,
      })),
    );
});

ponder.on("Ticket:TicketVoided", async ({ event, context }) => {
  const { tokenId: id, campaignId } = event.args;
  const t = Number(event.block.timestamp);
  await context.db.update(ticket, { id }).set({ state: "void", locked: false, voidedAt: t });
  await context.db.insert(ticketEvent).values({
    id: event.id,
    ticketId: id,
    campaignId,
    kind: "voided",
    timestamp: t,
    blockNumber: event.block.number,
  });
});

ponder.on("Ticket:TicketReissued", async ({ event, context }) => {
  // The new ticket's mint Transfer came first; it is born Active (no Locked event).
  const { voidedId, newId, campaignId } = event.args;
  await context.db
    .update(ticket, { id: newId })
    .set({ campaignId, state: "active", locked: false, reissuedFrom: voidedId });
  await context.db.update(ticket, { id: voidedId }).set({ reissuedAs: newId });
  await context.db.insert(ticketEvent).values({
    id: event.id,
    ticketId: newId,
    campaignId,
    kind: "reissued",
    timestamp: Number(event.block.timestamp),
    blockNumber: event.block.number,
  });
});

ponder.on("Ticket:TicketEntered", async ({ event, context }) => {
  const { tokenId: id, entered } = event.args;
  const row = await context.db.update(ticket, { id }).set({ entered });
  await context.db.insert(ticketEvent).values({
    id: event.id,
    ticketId: id,
    campaignId: row.campaignId,
    kind: entered ? "entered" : "exited",
    timestamp: Number(event.block.timestamp),
    blockNumber: event.block.number,
  });
  // Entering moves the ticket's trade version: its listing is dead, and stays dead after the exit.
  if (entered) await killListing(context, event, event.log.address, id);
});

ponder.on("Ticket:Locked", async ({ event, context }) => {
  await context.db.update(ticket, { id: event.args.tokenId }).set({ locked: true });
});

ponder.on("Ticket:Unlocked", async ({ event, context }) => {
  await context.db.update(ticket, { id: event.args.tokenId }).set({ locked: false });
});

ponder.on("Ticket:Approval", async ({ event, context }) => {
  await context.db.update(ticket, { id: event.args.id }).set({ approved: event.args.account });
});

ponder.on("Ticket:ApprovalForAll", async ({ event, context }) => {
  const { owner, operator, isApproved } = event.args;
  await recordOperatorApproval(context, event.log.address, owner, operator, isApproved);
});

ponder.on("Ticket:MetadataUpdate", async ({ event, context }) => {
  await recordMetadataUpdate(context, event, event.args._tokenId, event.args._tokenId);
});

ponder.on("Ticket:BatchMetadataUpdate", async ({ event, context }) => {
  await recordMetadataUpdate(context, event, event.args._fromTokenId, event.args._toTokenId);
});

ponder.on("Ticket:RoyaltySet", async ({ event, context }) => {
  const { receiver, feeBps } = event.args;
  await recordSetting(context, event, "Ticket", "royalty", `${receiver}:${feeBps}`);
});
