// Committed and revealed seeds; keys of campaign selections and draws are named by the
// campaign's creation (src/CampaignManager.ts), so an auditor sees when each was fixed.
import { ponder } from "ponder:registry";
import { randomnessSeed } from "ponder:schema";

ponder.on("CommitRevealRandomness:SeedCommitted", async ({ event, context }) => {
  const { key, commitment, revealAfter } = event.args;
  const committed = { commitment, revealAfter, committedAt: Number(event.block.timestamp) };
  await context.db
    .insert(randomnessSeed)
    .values({ key, ...committed })
    .onConflictDoUpdate(committed);
});

ponder.on("CommitRevealRandomness:SeedRevealed", async ({ event, context }) => {
  const { key, secret, seed } = event.args;
  const revealed = { secret, seed, revealedAt: Number(event.block.timestamp) };
  await context.db
    .insert(randomnessSeed)
    .values({ key, ...revealed })
    .onConflictDoUpdate(revealed);
});
