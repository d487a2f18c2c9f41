// Prize draws per campaign: budget, entries with their weights, winners by tier, claims,
// redemptions of items and promo slots, the prizes reserved at resolution, exits with the
// participation reward paid and any shortfall, sweeps, and draws abandoned for want of a seed.
import { ponder } from "ponder:registry";
import {
  draw,
  drawEntry,
  drawFunding,
  prizePayment,
  prizeRedemption,
  vestingSchedule,
} from "ponder:schema";

const emptyDraw = (campaignId: bigint) => ({ campaignId, funded: 0n, participationReward: 0n });

ponder.on("PrizeDraw:DrawFunded", async ({ event, context }) => {
  const { campaignId, from, amount } = event.args;
  await context.db
    .insert(draw)
    .values({ ...emptyDraw(campaignId), funded: amount })
    .onConflictDoUpdate((row) => ({ funded: row.funded + amount }));
  await context.db.insert(drawFunding).values({
    id: event.id,
    campaignId,
    from,
    amount,
    timestamp: Number(event.block.timestamp),
  });
});

ponder.on("PrizeDraw:ParticipationRewardSet", async ({ event, context }) => {
  const { campaignId, amount } = event.args;
  await context.db
    .insert(draw)
    .values({ ...emptyDraw(campaignId), participationReward: amount })
    .onConflictDoUpdate({ participationReward: amount });
});

ponder.on("PrizeDraw:TicketEnteredDraw", async ({ event, context }) => {
  const { campaignId, ticketId, owner, tqs, weight } = event.args;
  await context.db.insert(drawEntry).values({
    ticketId,
    campaignId,
    owner,
    tqs: Number(tqs),
    weight,
    enteredAt: Number(event.block.timestamp),
    prizeClaimed: false,
    exited: false,
  });
});

ponder.on("PrizeDraw:WinnerDrawn", async ({ event, context }) => {
  const { ticketId, tier, rank } = event.args;
  await context.db.update(drawEntry, { ticketId }).set({ tier: Number(tier), rank: Number(rank) });
});

ponder.on("PrizeDraw:PrizesReserved", async ({ event, context }) => {
  // Emitted as the draw resolves (before DrawResolved): the packs are set aside from the budget.
  const { campaignId, owed, reserved } = event.args;
  const set = { prizesOwed: owed, prizesReserved: reserved };
  await context.db
    .insert(draw)
    .values({ ...emptyDraw(campaignId), ...set })
    .onConflictDoUpdate(set);
});

ponder.on("PrizeDraw:DrawAbandoned", async ({ event, context }) => {
  // No usable seed came within the grace period: a DrawResolved without winners follows.
  const { campaignId } = event.args;
  const abandoned = { abandonedAt: Number(event.block.timestamp) };
  await context.db
    .insert(draw)
    .values({ ...emptyDraw(campaignId), ...abandoned })
    .onConflictDoUpdate(abandoned);
});

ponder.on("PrizeDraw:DrawResolved", async ({ event, context }) => {
  const { campaignId, seed, winners, claimDeadline } = event.args;
  const resolved = {
    seed,
    winners: Number(winners),
    resolvedAt: Number(event.block.timestamp),
    claimDeadline: Number(claimDeadline),
  };
  await context.db
    .insert(draw)
    .values({ ...emptyDraw(campaignId), ...resolved })
    .onConflictDoUpdate(resolved);
});

ponder.on("PrizeDraw:PrizePaid", async ({ event, context }) => {
  const { campaignId, ticketId, owner, immediate, vested, vestingNonce } = event.args;
  const t = Number(event.block.timestamp);
  await context.db.insert(prizePayment).values({
    id: event.id,
    campaignId,
    ticketId,
    owner,
    immediate,
    vested,
    vestingNonce,
    timestamp: t,
  });
  await context.db.update(drawEntry, { ticketId }).set({ prizeClaimed: true, claimedAt: t });
  if (vested > 0n)
    await context.db
      .update(vestingSchedule, { beneficiary: owner, nonce: vestingNonce })
      .set({ source: "prize" });
});

ponder.on("PrizeDraw:PrizeRedemption", async ({ event, context }) => {
  const { campaignId, ticketId, owner, kind, amount, ref } = event.args;
  const t = Number(event.block.timestamp);
  await context.db
    .insert(prizeRedemption)
    .values({ id: event.id, campaignId, ticketId, owner, kind, amount, ref, timestamp: t });
  await context.db.update(drawEntry, { ticketId }).set({ prizeClaimed: true, claimedAt: t });
});

ponder.on("PrizeDraw:TicketExited", async ({ event, context }) => {
  const { ticketId, participationReward, shortfall } = event.args;
  await context.db.update(drawEntry, { ticketId }).set({
    exited: true,
    exitedAt: Number(event.block.timestamp),
    participationReward,
    participationShortfall: shortfall,
  });
});

ponder.on("PrizeDraw:UnclaimedSwept", async ({ event, context }) => {
  const { campaignId, amount } = event.args;
  const swept = { swept: amount, sweptAt: Number(event.block.timestamp) };
  await context.db
    .insert(draw)
    .values({ ...emptyDraw(campaignId), ...swept })
    .onConflictDoUpdate(swept);
});
