// The seeds of campaign selections and prize draws, committed and revealed by the oracle on its
// own (commit-after-close randomness, contracts/core/CommitRevealRandomness.sol):
//   commit  once the set has closed by the chain's clock (joinEnd for a campaign over capacity,
//           drawAt for its draw): the commitment fixes the entropy block, the next one
//   reveal  once the entropy block is mined and before the reveal deadline (200 blocks later);
//           the seed mixes the secret with that block's hash
//   missed  past the deadline (the oracle was down too long): settleMissedReveal records the
//           fault and the fallback seed (the same whenever it is settled), so no draw stays stuck
//   failed  nobody settled within 8,191 blocks: settleMissedReveal marks the seed FAILED (no
//           seed, ever); the job records the key as settled (outcome 'failed', never retried)
//           and abandons a failed draw at once, so its tickets unlock
// A key's secret is derived from the salt secret and the key (never stored, never sent before
// its reveal), so a crash between commit and reveal still reveals what was committed. Every send
// goes through the journal (settled on start) and the chain is read before anything is sent, so
// a restart never commits twice. Drawing with the seed is left to anyone (drawSelection, draw).
import { encodeAbiParameters, keccak256, zeroHash, type Address, type Hex } from "viem";
import { campaignManagerAbi, commitRevealRandomnessAbi, prizeDrawAbi } from "@mesi/abi";
import type { Db } from "../db/database.ts";
import type { Chainside } from "../publish/tickets.ts";
import { TxJournal, contractCall } from "../publish/journal.ts";
import { startTicker, type Ticker } from "./ticker.ts";

export type SeedPurpose = "selection" | "draw";

/** The consumers whose seeds the job provides; each names its own randomness source. */
export interface SeedContracts {
  campaigns: Address;
  prizeDraw: Address;
}

/** A key whose set has closed and whose seed the chain does not hold yet. */
export interface SeedTask {
  key: Hex;
  purpose: SeedPurpose;
  campaignId: bigint;
  /** The CommitRevealRandomness the consumer reads. */
  source: Address;
}

export type SeedAction = "committed" | "revealed" | "missed" | "waiting" | "settled" | "failed";

const WORDS = [{ type: "string" }, { type: "bytes32" }, { type: "bytes32" }] as const;

/** The secret committed for `key`: only the holder of the salt secret can compute it. */
export const seedSecret = (saltSecret: Hex, key: Hex): Hex =>
  keccak256(encodeAbiParameters(WORDS, ["mesi randomness secret", saltSecret, key]));

/** The commitment CommitRevealRandomness checks a secret against: keccak256(abi.encode(secret)). */
export const seedCommitment = (secret: Hex): Hex =>
  keccak256(encodeAbiParameters([{ type: "bytes32" }], [secret]));

/** A consumer's key as it computes it: keccak256(abi.encode(chainid, consumer, id, purpose)). */
export const seedKey = (
  chainId: bigint,
  consumer: Address,
  campaignId: bigint,
  purpose: SeedPurpose,
) =>
  keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "uint256" }, { type: "string" }],
      [chainId, consumer, campaignId, purpose],
    ),
  );

export interface SeedJobDeps {
  db: Db;
  chain: Chainside;
  contracts: SeedContracts;
  saltSecret: Hex;
  log?: (step: string, detail: Record<string, unknown>) => void;
}

/** The keys whose set closed by the latest block's time and whose seed is not settled here. */
export async function seedsDue(d: SeedJobDeps): Promise<SeedTask[]> {
  const pc = d.chain.publicClient;
  const manager = { address: d.contracts.campaigns, abi: campaignManagerAbi } as const;
  const draw = { address: d.contracts.prizeDraw, abi: prizeDrawAbi } as const;
  const [count, block, chainId, selectionSource, drawSource, settledRows] = await Promise.all([
    pc.readContract({ ...manager, functionName: "campaignCount" }),
    pc.getBlock(),
    pc.getChainId(),
    pc.readContract({ ...manager, functionName: "randomness" }),
    pc.readContract({ ...draw, functionName: "randomness" }),
    d.db.selectFrom("randomness_seeds").select("key").execute(),
  ]);
  const settled = new Set(settledRows.map((r) => r.key));
  const now = block.timestamp;
  const due: SeedTask[] = [];
  for (let id = 1n; id <= count; id++) {
    const drawKey = seedKey(BigInt(chainId), d.contracts.prizeDraw, id, "draw");
    // The draw comes last: once its seed is settled the campaign needs nothing more.
    if (settled.has(drawKey)) continue;
    const c = await pc.readContract({ ...manager, functionName: "campaign", args: [id] });
    const selectionKey = seedKey(BigInt(chainId), d.contracts.campaigns, id, "selection");
    if (
      BigInt(c.joinEnd) <= now &&
      c.joined > c.capacity &&
      c.selected < c.capacity &&
      !settled.has(selectionKey)
    )
      due.push({
        key: selectionKey,
        purpose: "selection",
        campaignId: id,
        source: selectionSource,
      });
    if (BigInt(c.drawAt) <= now) {
      const state = await pc.readContract({ ...draw, functionName: "drawState", args: [id] });
      if (state.resolvedAt === 0)
        due.push({ key: drawKey, purpose: "draw", campaignId: id, source: drawSource });
    }
  }
  return due;
}

/** One step for one key, decided by what the chain holds now; returns what it did. */
export async function advanceSeed(
  d: SeedJobDeps,
  task: SeedTask,
  send: NonNullable<Chainside["send"]>,
): Promise<SeedAction> {
  const pc = d.chain.publicClient;
  const log = d.log ?? (() => undefined);
  const source = { address: task.source, abi: commitRevealRandomnessAbi } as const;
  const info = () => pc.readContract({ ...source, functionName: "seedInfo", args: [task.key] });
  const secret = seedSecret(d.saltSecret, task.key);
  const commitment = seedCommitment(secret);
  const what = { purpose: task.purpose, campaign: task.campaignId.toString(), key: task.key };
  const step = (name: string) => `seed:${name}:${task.purpose}:${task.campaignId}`;
  const write = (functionName: "commit" | "reveal" | "settleMissedReveal", args: readonly Hex[]) =>
    send(
      step(functionName === "settleMissedReveal" ? "missed" : functionName),
      contractCall(source.address, source.abi, functionName, args as never),
    );

  let s = await info();
  if (s.seed === zeroHash && !s.failed) {
    const latest = await pc.getBlockNumber();
    // The next transaction lands in block latest + 1 at the earliest.
    const next = latest + 1n;
    if (s.commitment === zeroHash) {
      await write("commit", [task.key, commitment]);
      s = await info();
      log("seed committed", {
        ...what,
        entropyBlock: s.entropyBlock,
        revealDeadline: s.revealDeadline,
      });
      return "committed";
    }
    const ours = s.commitment === commitment;
    if (ours && next > s.entropyBlock && next <= s.revealDeadline) {
      await write("reveal", [task.key, secret]);
    } else if (next > s.fallbackBlock) {
      log(
        ours
          ? "seed reveal missed: settling the fallback"
          : "seed committed by another key: settling the fallback",
        {
          ...what,
          level: "error",
          revealDeadline: s.revealDeadline,
        },
      );
      // A settlement the chain cannot make yet (the history contract did not give the fallback
      // block's hash) would revert: wait for a later tick, or for the seed to fail.
      const ok = await pc
        .simulateContract({ ...source, functionName: "settleMissedReveal", args: [task.key] })
        .then(
          () => true,
          (err: unknown) => {
            log("seed fallback not settleable yet", {
              ...what,
              level: "error",
              reason: err instanceof Error ? err.message.split("\n")[0] : String(err),
            });
            return false;
          },
        );
      if (!ok) return "waiting";
      await write("settleMissedReveal", [task.key]);
    } else {
      if (!ours)
        log("seed committed by another key: waiting for its reveal or the deadline", {
          ...what,
          level: "error",
          revealDeadline: s.revealDeadline,
        });
      return "waiting";
    }
    s = await info();
    if (s.seed === zeroHash && !s.failed) return "waiting";
  }
  const outcome = s.failed
    ? "failed"
    : s.missed
      ? "missed"
      : s.commitment === commitment
        ? "revealed"
        : "foreign";
  if (outcome === "failed" && task.purpose === "draw") {
    // A failed draw seed never comes: abandon the draw now (tickets exit, the budget goes to the
    // revenue pool) instead of leaving entrants locked until SEED_GRACE.
    const draw = { address: d.contracts.prizeDraw, abi: prizeDrawAbi } as const;
    const state = await pc.readContract({
      ...draw,
      functionName: "drawState",
      args: [task.campaignId],
    });
    if (state.resolvedAt === 0)
      await send(
        step("abandon"),
        contractCall(draw.address, draw.abi, "abandon", [task.campaignId]),
      );
  }
  await d.db
    .insertInto("randomness_seeds")
    .values({
      key: task.key,
      purpose: task.purpose,
      campaign_id: task.campaignId,
      commitment: s.commitment,
      outcome,
      seed: outcome === "failed" ? null : s.seed,
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  log(`seed ${outcome}`, {
    ...what,
    seed: s.seed,
    ...(outcome === "failed" && { level: "error" }),
  });
  return outcome === "revealed" || outcome === "missed" || outcome === "failed"
    ? outcome
    : "settled";
}

export interface SeedRun {
  due: number;
  actions: Partial<Record<SeedAction, number>>;
}

/** One pass: settle journaled transactions in flight, then advance every due key one step. */
export async function runSeedJob(d: SeedJobDeps): Promise<SeedRun> {
  const journal = new TxJournal(d.db, d.chain, 0n, { log: d.log });
  await journal.settle();
  const due = await seedsDue(d);
  const actions: SeedRun["actions"] = {};
  for (const task of due) {
    const a = await advanceSeed(d, task, journal.send);
    actions[a] = (actions[a] ?? 0) + 1;
  }
  return { due: due.length, actions };
}

/** Runs the job every `tickMs` until stopped (pipeline/ticker.ts). */
export const startSeedJob = (
  d: SeedJobDeps & { tickMs: number; logEntry: (entry: Record<string, unknown>) => void },
): Ticker<SeedRun> =>
  startTicker({
    name: "seed job",
    tickMs: d.tickMs,
    pass: () => runSeedJob(d),
    logEntry: d.logEntry,
  });
