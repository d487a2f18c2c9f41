// Runs every closed epoch that has not finished yet, oldest first, then waits for the next
// close. A failed run is retried with exponential backoff (runEpoch resumes where it stopped)
// and reported: in the log at every failure, and by status() (GET /health says "degraded" with
// the reason) until it succeeds; ingestion never waits for it. The result of a finished epoch
// is recorded in epoch_runs, so a restart never re-runs it.
import { describeError, runEvery } from "./periodic.ts";
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

export interface SchedulerStatus {
  /** The last epoch published to the end ("0" before the first). */
  lastFinished: string;
  /** The epoch that keeps failing, if any: what went wrong and when it is tried again. */
  failing?: {
    epoch: string;
    error: string;
    failures: number;
    since: string;
    nextAttemptAt: string;
  };
}

export interface Scheduler {
  stop(): Promise<void>;
  status(): SchedulerStatus;
}

/** The reasons GET /health gives for a degraded scheduler (none when it is fine). */
export const degradedReasons = (s: SchedulerStatus): string[] =>
  s.failing
    ? [
        `epoch ${s.failing.epoch} failed ${s.failing.failures} time(s) since ${s.failing.since}: ${s.failing.error}; next attempt at ${s.failing.nextAttemptAt}`,
      ]
    : [];

export function startScheduler(opts: {
  deps: EpochDeps;
  /** The epoch open now; every epoch before it is closed. */
  currentEpoch: () => bigint;
  tickMs: number;
  log: (entry: Record<string, unknown>) => void;
  /** First wait after a failure (default max(tickMs, 1 s)); doubles per failure up to maxRetryMs. */
  retryBaseMs?: number;
  /** Runs after each tick's epochs (the retention purge of raw answers); a failure is logged. */
  afterEpochs?: () => Promise<void>;
  /** Longest wait between attempts (default 15 min). */
  maxRetryMs?: number;
  now?: () => number;
}): Scheduler {
  const now = opts.now ?? Date.now;
  const base = opts.retryBaseMs ?? Math.max(opts.tickMs, 1_000);
  const maxWait = opts.maxRetryMs ?? 15 * 60_000;
  let stopped = false;
  const state: SchedulerStatus = { lastFinished: "0" };
  let nextAttempt = 0;
  const tick = async () => {
    if (now() < nextAttempt) return;
    const closed = opts.currentEpoch() - 1n;
    const last = await lastFinishedEpoch(opts.deps.database);
    state.lastFinished = last.toString();
    for (let e = last + 1n; e <= closed && !stopped; e++) {
      opts.log({ level: "info", msg: "epoch start", epoch: e.toString() });
      try {
        const r = await runAndRecord(e, opts.deps);
        state.lastFinished = e.toString();
        if (state.failing)
          opts.log({
            level: "info",
            msg: "epoch recovered",
            epoch: e.toString(),
            failures: state.failing.failures,
          });
        delete state.failing;
        nextAttempt = 0;
        opts.log({
          level: "info",
          msg: "epoch done",
          epoch: e.toString(),
          tqs: r.tqs,
          publications: r.publications,
        });
      } catch (err) {
        const same = state.failing?.epoch === e.toString();
        const failures = same ? state.failing!.failures + 1 : 1;
        const wait = Math.min(maxWait, base * 2 ** Math.min(failures - 1, 30));
        nextAttempt = now() + wait;
        const error = describeError(err);
        state.failing = {
          epoch: e.toString(),
          error,
          failures,
          since: same ? state.failing!.since : new Date(now()).toISOString(),
          nextAttemptAt: new Date(nextAttempt).toISOString(),
        };
        opts.log({
          level: "error",
          msg: "epoch failed; backing off",
          epoch: e.toString(),
          failures,
          retryInMs: wait,
          error,
        });
        return;
      }
    }
  };
  const safeTick = () =>
    tick()
      .then(() => opts.afterEpochs?.())
      .catch((err: unknown) =>
        opts.log({ level: "error", msg: "scheduler tick failed", error: (err as Error).message }),
      );
  const loop = runEvery(opts.tickMs, safeTick);
  return {
    async stop() {
      stopped = true;
      await loop.stop();
    },
    status: () => structuredClone(state),
  };
}
