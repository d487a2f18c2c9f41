// Tickets: placeholders minted per campaign, activated or voided by quality verdicts, locked
// while in a draw, and every transfer.
import { ponder } from "ponder:registry";
import { ticket } from "ponder:schema";
import { zeroAddress } from "viem";
import { killListing, recordTransfer } from "../lib/nft.ts";
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
});

ponder.on("Ticket:TicketsActivated", async ({ event, context }) => {
  const { ids } = event.args;
  const t = Number(event.block.timestamp);
  for (const id of ids)
    await context.db.update(ticket, { id }).set({ state: "active", activatedAt: t });
});

ponder.on("Ticket:TicketVoided", async ({ event, context }) => {
  const { tokenId: id } = event.args;
  const t = Number(event.block.timestamp);
  await context.db.update(ticket, { id }).set({ state: "void", locked: false, voidedAt: t });
});

ponder.on("Ticket:TicketReissued", async ({ event, context }) => {
  // The new ticket's mint Transfer came first; it is born Active (no Locked event).
  const { voidedId, newId, campaignId } = event.args;
  await context.db
    .update(ticket, { id: newId })
    .set({ campaignId, state: "active", locked: false, reissuedFrom: voidedId });
  await context.db.update(ticket, { id: voidedId }).set({ reissuedAs: newId });
});

ponder.on("Ticket:TicketEntered", async ({ event, context }) => {
  const { tokenId: id, entered } = event.args;
  const t = Number(event.block.timestamp);
  await context.db
    .update(ticket, { id })
    .set(entered ? { entered, enteredAt: t } : { entered, exitedAt: t });
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

ponder.on("Ticket:RoyaltySet", async ({ event, context }) => {
  const { receiver, feeBps } = event.args;
  await recordSetting(context, event, "Ticket", "royalty", `${receiver}:${feeBps}`);
});
