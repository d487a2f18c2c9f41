// Revenue to creators by Gallery Score, opened by the oracle with no hand on it: whenever $MESI
// is pending in the RevenueDistributor (marketplace fees swept, treasury top-ups, prizes nobody
// claimed, expired pools rolled over) and the newest GALLERY epoch this oracle scored is final on
// chain (published, past its challenge window, not rejected), the job opens that epoch's pool
// with all of it: openPool(epoch). The job names only the epoch: the pool divides by the Σ of the
// epoch's Gallery Scores that its M-of-N signers signed with the root (ScoreOracle's epochInfo),
// so no single key chooses a pool's total. Each creator then claims a share with the proof from
// the published dataset.
// What arrives is paid by the newest final scores: an older final epoch that saw no funds while
// it was the newest gets no pool (the contract refuses any epoch at or before the last pooled
// one). The chain is read before anything is sent and the send is journaled, so a restart never
// opens twice; and an epoch at or before the chain's last pooled one (a newer pool opened by
// another oracle key, or scores this database no longer holds) is skipped, never sent to revert
// again on every pass.
import type { Address } from "viem";
import { ScoreKind, revenueDistributorAbi, scoreOracleAbi } from "@mesi/abi";
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { Chainside } from "../publish/tickets.ts";
import { TxJournal, contractCall } from "../publish/journal.ts";
import { startTicker, type Ticker } from "./ticker.ts";

export interface PoolContracts {
  scoreOracle: Address;
  distributor: Address;
}

export interface PoolJobDeps {
  db: Db;
  chain: Chainside;
  contracts: PoolContracts;
  log?: (step: string, detail: Record<string, unknown>) => void;
}

export type PoolPass =
  | { action: "opened"; epoch: string; amount: string; totalScore: string }
  /** The newest final epoch has its pool; later funds wait for the next final epoch. */
  | { action: "open"; epoch: string; pending: string }
  | { action: "no funds"; epoch: string }
  /** A newer epoch than the newest final one scored here has a pool already: nothing to open. */
  | { action: "behind"; epoch: string; lastPooled: string }
  | { action: "no final epoch" };

/** The newest scored GALLERY epoch below `below` (all when undefined): the primary key's order. */
async function scoredEpochBelow(db: Db, below?: bigint): Promise<bigint | undefined> {
  const r = await sql<{ epoch: string | null }>`
    SELECT max(epoch)::text AS epoch FROM gallery_scores
    WHERE ${below === undefined ? sql`true` : sql`epoch < ${below.toString()}`}`.execute(db);
  const e = r.rows[0]?.epoch;
  return e ? BigInt(e) : undefined;
}

/** One pass: the newest final GALLERY epoch gets a pool if funds are pending and it has none. */
export async function runPoolJob(d: PoolJobDeps): Promise<PoolPass> {
  const pc = d.chain.publicClient;
  const journal = new TxJournal(d.db, d.chain, 0n, { log: d.log });
  await journal.settle();
  const oracle = { address: d.contracts.scoreOracle, abi: scoreOracleAbi } as const;
  const distributor = { address: d.contracts.distributor, abi: revenueDistributorAbi } as const;
  // Newest first, one epoch at a time: usually the newest or the one before it is final, so a
  // pass reads a row or two of the history, not all of it.
  let newest: bigint | undefined;
  for (let e = await scoredEpochBelow(d.db); e !== undefined; e = await scoredEpochBelow(d.db, e)) {
    const final = await pc.readContract({
      ...oracle,
      functionName: "isFinal",
      args: [ScoreKind.GALLERY, e],
    });
    // A signed total of zero leaves nothing to divide: the contract would refuse the pool.
    if (!final) continue;
    const info = await pc.readContract({
      ...oracle,
      functionName: "epochInfo",
      args: [ScoreKind.GALLERY, e],
    });
    if (info.totalScore > 0n) {
      newest = e;
      break;
    }
  }
  if (newest === undefined) return { action: "no final epoch" };
  const epoch = newest.toString();
  const [pool, pending, lastPooled] = await Promise.all([
    pc.readContract({ ...distributor, functionName: "pool", args: [newest] }),
    pc.readContract({ ...distributor, functionName: "pending" }),
    pc.readContract({ ...distributor, functionName: "lastPooledEpoch" }),
  ]);
  // openPool refuses an epoch at or before the last pooled one; the last pooled has its pool.
  if (newest < lastPooled) return { action: "behind", epoch, lastPooled: lastPooled.toString() };
  if (pool.expiresAt !== 0) return { action: "open", epoch, pending: pending.toString() };
  if (pending === 0n) return { action: "no funds", epoch };
  await journal.send(
    `pool:open:${epoch}`,
    contractCall(distributor.address, distributor.abi, "openPool", [newest]),
  );
  const opened = await pc.readContract({
    ...distributor,
    functionName: "pool",
    args: [newest],
  });
  const r = {
    action: "opened" as const,
    epoch,
    amount: opened.amount.toString(),
    totalScore: opened.totalScore.toString(),
  };
  d.log?.("revenue pool opened", r);
  return r;
}

/** Runs the job every `tickMs` until stopped (pipeline/ticker.ts). */
export const startPoolJob = (
  d: PoolJobDeps & { tickMs: number; logEntry: (entry: Record<string, unknown>) => void },
): Ticker<PoolPass> =>
  startTicker({
    name: "revenue pool job",
    tickMs: d.tickMs,
    pass: () => runPoolJob(d),
    logEntry: d.logEntry,
  });
