// Vesting schedules (prize packs, revenue above the direct-payout limit, grants, fans'
// self-locks), releases and revocations for fraud.
import { ponder } from "ponder:registry";
import { vestingRelease, vestingSchedule } from "ponder:schema";

/** IVestingVault's packed slot: amount | start | cliff | duration | flags. */
const unpack = (w: bigint) => ({
  amount: w & ((1n << 112n) - 1n),
  start: Number((w >> 112n) & ((1n << 40n) - 1n)),
  cliff: Number((w >> 152n) & 0xffffffffn),
  duration: Number((w >> 184n) & 0xffffffffn),
  flags: Number((w >> 216n) & 0xffn),
});
const REVOCABLE = 1;
const SELF_LOCK = 4;

ponder.on("VestingVault:ScheduleCreated", async ({ event, context }) => {
  const { beneficiary, nonce, schedule } = event.args;
  const s = unpack(schedule);
  const selfLock = (s.flags & SELF_LOCK) !== 0;
  await context.db.insert(vestingSchedule).values({
    beneficiary,
    nonce,
    amount: s.amount,
    start: s.start,
    cliff: s.cliff,
    duration: s.duration,
    revocable: (s.flags & REVOCABLE) !== 0,
    selfLock,
    // A prize or a revenue claim names its schedule in its own event, right after this one.
    source: selfLock ? "lock" : "grant",
    revoked: false,
    clawedBack: 0n,
    released: 0n,
    createdAt: Number(event.block.timestamp),
  });
});

ponder.on("VestingVault:Released", async ({ event, context }) => {
  const { beneficiary, nonce, amount } = event.args;
  await context.db
    .update(vestingSchedule, { beneficiary, nonce })
    .set((row) => ({ released: row.released + amount }));
  await context.db.insert(vestingRelease).values({
    id: event.id,
    beneficiary,
    nonce,
    amount,
    timestamp: Number(event.block.timestamp),
  });
});

ponder.on("VestingVault:Revoked", async ({ event, context }) => {
  const { beneficiary, nonce, clawedBack } = event.args;
  await context.db
    .update(vestingSchedule, { beneficiary, nonce })
    .set({ revoked: true, revokedAt: Number(event.block.timestamp), clawedBack });
});
