// Campaigns, their reward tiers, joins, the TQS-weighted selection, completions and quality
// verdicts, and what the contract skipped (with reasons).
import { ponder } from "ponder:registry";
import {
  campaign,
  campaignMember,
  completionSkip,
  randomnessSeed,
  rewardTier,
  verdictBatch,
  verdictSkip,
} from "ponder:schema";
import { encodeAbiParameters, keccak256, type Address } from "viem";
import { SKIP_REASONS } from "../lib/codes.ts";

/** keccak256(abi.encode(chainid, contract, id, purpose)): CampaignManager.selectionKey, PrizeDraw.drawKey. */
const seedKey = (chainId: number, contract: Address, id: bigint, purpose: "selection" | "draw") =>
  keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "uint256" }, { type: "string" }],
      [BigInt(chainId), contract, id, purpose],
    ),
  );

ponder.on("CampaignManager:CampaignCreated", async ({ event, context }) => {
  const { campaignId: id, config: c, tiers } = event.args;
  await context.db.insert(campaign).values({
    id,
    metadataUri: c.metadataURI,
    requiredScopes: c.requiredScopes,
    minTqs: c.minTqs,
    capacity: c.capacity,
    joinCap: c.joinCap,
    joinStart: c.joinStart,
    joinEnd: c.joinEnd,
    taskEnd: c.taskEnd,
    qualityEnd: c.qualityEnd,
    drawAt: c.drawAt,
    createdAt: Number(event.block.timestamp),
  });
  if (tiers.length > 0)
    await context.db.insert(rewardTier).values(
      tiers.map((r, tier) => ({
        campaignId: id,
        tier,
        kind: r.kind,
        winners: r.winners,
        amount: r.amount,
        immediateBps: r.immediateBps,
        cliff: r.cliff,
        duration: r.duration,
        ref: r.ref,
      })),
    );
  for (const [purpose, contract] of [
    ["selection", context.contracts.CampaignManager.address],
    ["draw", context.contracts.PrizeDraw.address],
  ] as const) {
    const named = { purpose, campaignId: id };
    await context.db
      .insert(randomnessSeed)
      .values({ key: seedKey(context.chain.id, contract as Address, id, purpose), ...named })
      .onConflictDoUpdate(named);
  }
});

ponder.on("CampaignManager:Joined", async ({ event, context }) => {
  const { campaignId, account, tqs, tqsEpoch, entry } = event.args;
  await context.db.insert(campaignMember).values({
    campaignId,
    account,
    tqs,
    tqsEpoch,
    entry,
    joinedAt: Number(event.block.timestamp),
    selected: false,
    completed: false,
  });
});

ponder.on("CampaignManager:ParticipantSelected", async ({ event, context }) => {
  const { campaignId, account, rank } = event.args;
  await context.db
    .update(campaignMember, { campaignId, account })
    .set({ selected: true, selectionRank: rank });
});

ponder.on("CampaignManager:SelectionCompleted", async ({ event, context }) => {
  await context.db.update(campaign, { id: event.args.campaignId }).set({
    selectionSeed: event.args.seed,
    selectionCompletedAt: Number(event.block.timestamp),
  });
});

ponder.on("CampaignManager:CompletionsRecorded", async ({ event, context }) => {
  const { campaignId, firstTicketId, accounts } = event.args;
  const completedAt = Number(event.block.timestamp);
  for (const [i, account] of accounts.entries())
    await context.db
      .update(campaignMember, { campaignId, account })
      .set({ completed: true, ticketId: firstTicketId + BigInt(i), completedAt });
});

ponder.on("CampaignManager:CompletionSkipped", async ({ event, context }) => {
  const { campaignId, account, reason } = event.args;
  await context.db.insert(completionSkip).values({
    id: event.id,
    campaignId,
    account,
    reason: SKIP_REASONS[reason] ?? `reason-${reason}`,
    timestamp: Number(event.block.timestamp),
  });
});

ponder.on("CampaignManager:VerdictSkipped", async ({ event, context }) => {
  const { campaignId, ticketId, holder, reason } = event.args;
  await context.db.insert(verdictSkip).values({
    id: event.id,
    campaignId,
    ticketId,
    holder,
    reason: SKIP_REASONS[reason] ?? `reason-${reason}`,
    timestamp: Number(event.block.timestamp),
  });
});

ponder.on("CampaignManager:VerdictsRecorded", async ({ event, context }) => {
  const { campaignId, activated, voided } = event.args;
  await context.db.insert(verdictBatch).values({
    id: event.id,
    campaignId,
    activated: Number(activated),
    voided: Number(voided),
    timestamp: Number(event.block.timestamp),
  });
});
