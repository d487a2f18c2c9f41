// Committed and revealed seeds, missed reveals (faults settled with the fallback seed) and failed
// seeds (a fallback nobody settled within 8,191 blocks: no seed, ever);
// keys of campaign selections and draws are named by the campaign's creation
// (src/CampaignManager.ts), so an auditor sees when each seed was fixed and how.
import { ponder } from "ponder:registry";
import { randomnessSeed } from "ponder:schema";

ponder.on("CommitRevealRandomness:SeedCommitted", async ({ event, context }) => {
  const { key, commitment, entropyBlock, revealDeadline } = event.args;
  const committed = {
    commitment,
    committedAt: Number(event.block.timestamp),
    entropyBlock,
    revealDeadline,
    fallbackBlock: revealDeadline,
  };
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

ponder.on("CommitRevealRandomness:RevealMissed", async ({ event, context }) => {
  const { key, fallbackBlock, seed } = event.args;
  const missed = { fallbackBlock, seed, missedAt: Number(event.block.timestamp) };
  await context.db
    .insert(randomnessSeed)
    .values({ key, ...missed })
    .onConflictDoUpdate(missed);
});

ponder.on("CommitRevealRandomness:SeedFailed", async ({ event, context }) => {
  const { key, fallbackBlock } = event.args;
  const at = Number(event.block.timestamp);
  const failed = { fallbackBlock, missedAt: at, failedAt: at };
  await context.db
    .insert(randomnessSeed)
    .values({ key, ...failed })
    .onConflictDoUpdate(failed);
});
