// Creator revenue: funding (fees, swept draw budgets, the treasury), pools per GALLERY epoch,
// claims (amounts only) and roll-overs of what was left.
import { ponder } from "ponder:registry";
import { revenueClaim, revenueFunding, revenuePool, vestingSchedule } from "ponder:schema";
import { recordSetting } from "../lib/record.ts";

ponder.on("RevenueDistributor:Funded", async ({ event, context }) => {
  const { from, amount, pending } = event.args;
  await context.db.insert(revenueFunding).values({
    id: event.id,
    from,
    amount,
    pendingAfter: pending,
    timestamp: Number(event.block.timestamp),
  });
});

ponder.on("RevenueDistributor:PoolOpened", async ({ event, context }) => {
  const { epoch, amount, totalScore, expiresAt } = event.args;
  await context.db.insert(revenuePool).values({
    epoch,
    amount,
    totalScore,
    openedAt: Number(event.block.timestamp),
    expiresAt,
    claimed: 0n,
    claims: 0,
  });
});

ponder.on("RevenueDistributor:RevenueClaimed", async ({ event, context }) => {
  // `score` is the creator's Gallery Score: it is deliberately not stored.
  const { epoch, creator, amount, vested, vestingNonce } = event.args;
  await context.db.insert(revenueClaim).values({
    epoch,
    creator,
    amount,
    vested,
    vestingNonce: vested ? vestingNonce : null,
    timestamp: Number(event.block.timestamp),
  });
  await context.db
    .update(revenuePool, { epoch })
    .set((row) => ({ claimed: row.claimed + amount, claims: row.claims + 1 }));
  if (vested)
    await context.db
      .update(vestingSchedule, { beneficiary: creator, nonce: vestingNonce })
      .set({ source: "revenue" });
});

ponder.on("RevenueDistributor:PoolRolledOver", async ({ event, context }) => {
  const { epoch, unclaimed } = event.args;
  await context.db
    .update(revenuePool, { epoch })
    .set({ rolledOver: unclaimed, rolledOverAt: Number(event.block.timestamp) });
});

ponder.on("RevenueDistributor:PayoutSettingsSet", async ({ event, context }) => {
  const { directPayoutMax, vestingCliff, vestingDuration, claimPeriod } = event.args;
  for (const [name, value] of [
    ["directPayoutMax", directPayoutMax],
    ["vestingCliff", vestingCliff],
    ["vestingDuration", vestingDuration],
    ["claimPeriod", claimPeriod],
  ] as const)
    await recordSetting(
      context,
      { ...event, id: `${event.id}-${name}` },
      "RevenueDistributor",
      name,
      String(value),
    );
});
