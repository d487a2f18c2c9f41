// Tickets: placeholders minted per campaign, activated or voided by quality verdicts, locked
// while in a draw, and every transfer.
import { ponder, type Context } from "ponder:registry";
import { ticket, ticketEvent } from "ponder:schema";
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

/** Appends one state change per ticket of a batch to the tickets' history. */
async function appendTicketEvents(
  context: Context,
  event: { id: string; block: { timestamp: bigint; number: bigint } },
  ids: readonly bigint[],
  campaignId: bigint,
  kind: string,
) {
  if (ids.length === 0) return;
  await context.db.insert(ticketEvent).values(
    ids.map((id, i) => ({
      id: ids.length === 1 ? event.id : `${event.id}-${i}`,
      ticketId: id,
      campaignId,
      kind,
      timestamp: Number(event.block.timestamp),
      blockNumber: event.block.number,
    })),
  );
}

ponder.on("Ticket:PlaceholdersMinted", async ({ event, context }) => {
  const { campaignId, firstId, count } = event.args;
  const ids = Array.from({ length: Number(count) }, (_, i) => firstId + BigInt(i));
  for (const id of ids) await context.db.update(ticket, { id }).set({ campaignId });
  await appendTicketEvents(context, event, ids, campaignId, "minted");
});

ponder.on("Ticket:TicketsActivated", async ({ event, context }) => {
  const { campaignId, ids } = event.args;
  const t = Number(event.block.timestamp);
  for (const id of ids)
    await context.db.update(ticket, { id }).set({ state: "active", activatedAt: t });
  await appendTicketEvents(context, event, ids, campaignId, "activated");
});

ponder.on("Ticket:TicketVoided", async ({ event, context }) => {
  const { tokenId: id, campaignId } = event.args;
  const t = Number(event.block.timestamp);
  await context.db.update(ticket, { id }).set({ state: "void", locked: false, voidedAt: t });
  await appendTicketEvents(context, event, [id], campaignId, "voided");
});

ponder.on("Ticket:TicketReissued", async ({ event, context }) => {
  // The new ticket's mint Transfer came first; it is born Active (no Locked event).
  const { voidedId, newId, campaignId } = event.args;
  await context.db
    .update(ticket, { id: newId })
    .set({ campaignId, state: "active", locked: false, reissuedFrom: voidedId });
  await context.db.update(ticket, { id: voidedId }).set({ reissuedAs: newId });
  await appendTicketEvents(context, event, [newId], campaignId, "reissued");
});

ponder.on("Ticket:TicketEntered", async ({ event, context }) => {
  const { tokenId: id, entered } = event.args;
  const row = await context.db.update(ticket, { id }).set({ entered });
  await appendTicketEvents(context, event, [id], row.campaignId, entered ? "entered" : "exited");
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
