// Runs every closed epoch that has not finished yet, oldest first, then waits for the next
// close. A failed run is retried on the next tick (runEpoch resumes where it stopped); the
// result of a finished one is recorded in epoch_runs, so a restart never re-runs it.
import type { Database } from "../db/database.ts";
import { bigintsAsStrings } from "../util/canonical-json.ts";
import { runEpoch, type EpochDeps, type EpochResult } from "./run-epoch.ts";

/** Runs `epoch` and records it as finished. */
export async function runAndRecord(epoch: bigint, deps: EpochDeps): Promise<EpochResult> {
  const result = await runEpoch(epoch, deps);
  await deps.database.db
    .insertInto("epoch_runs")
    .values({
      epoch,
      result: JSON.stringify(result, bigintsAsStrings),
    })
    .onConflict((oc) => oc.column("epoch").doNothing())
    .execute();
  return result;
}

export async function lastFinishedEpoch(database: Database): Promise<bigint> {
  const row = await database.db
    .selectFrom("epoch_runs")
    .select((eb) => eb.fn.max("epoch").as("e"))
    .executeTakeFirst();
  return row?.e ? BigInt(row.e) : 0n;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(opts: {
  deps: EpochDeps;
  /** The epoch open now; every epoch before it is closed. */
  currentEpoch: () => bigint;
  tickMs: number;
  log: (entry: Record<string, unknown>) => void;
}): Scheduler {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = async () => {
    const closed = opts.currentEpoch() - 1n;
    for (let e = (await lastFinishedEpoch(opts.deps.database)) + 1n; e <= closed && !stopped; e++) {
      opts.log({ level: "info", msg: "epoch start", epoch: e.toString() });
      try {
        const r = await runAndRecord(e, opts.deps);
        opts.log({
          level: "info",
          msg: "epoch done",
          epoch: e.toString(),
          tqs: r.tqs,
          publications: r.publications,
        });
      } catch (err) {
        opts.log({
          level: "error",
          msg: "epoch failed; retrying next tick",
          epoch: e.toString(),
          error: (err as Error).message,
        });
        return;
      }
    }
  };
  const safeTick = () =>
    tick().catch((err: unknown) =>
      opts.log({ level: "error", msg: "scheduler tick failed", error: (err as Error).message }),
    );
  const timer = setInterval(() => {
    running = running.then(safeTick);
  }, opts.tickMs);
  running = running.then(safeTick);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
