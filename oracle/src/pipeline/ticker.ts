// A job `serve` runs every few seconds beside the epoch scheduler (the seed job, the revenue
// pool job): one pass at a time, never overlapping the previous one; a failing pass is logged
// and reported by status() (GET /health says "degraded" with the reason) until a pass succeeds.
import { describeError, runEvery } from "./periodic.ts";

export interface TickerStatus<R> {
  lastRunAt?: string;
  /** What the last successful pass returned. */
  last?: R;
  failing?: { error: string; failures: number; since: string };
}

export interface Ticker<R> {
  stop(): Promise<void>;
  status(): TickerStatus<R>;
}

export function startTicker<R>(o: {
  /** Named in the log lines and in /health's reason. */
  name: string;
  tickMs: number;
  pass: () => Promise<R>;
  logEntry: (entry: Record<string, unknown>) => void;
}): Ticker<R> {
  const state: TickerStatus<R> = {};
  const pass = async () => {
    try {
      state.last = await o.pass();
      state.lastRunAt = new Date().toISOString();
      if (state.failing) o.logEntry({ level: "info", msg: `${o.name} recovered` });
      delete state.failing;
    } catch (err) {
      const error = describeError(err);
      state.failing = {
        error,
        failures: (state.failing?.failures ?? 0) + 1,
        since: state.failing?.since ?? new Date().toISOString(),
      };
      o.logEntry({
        level: "error",
        msg: `${o.name} failed`,
        failures: state.failing.failures,
        error,
      });
    }
  };
  const loop = runEvery(o.tickMs, pass);
  return {
    stop: () => loop.stop(),
    status: () => structuredClone(state),
  };
}

/** The reason a failing ticker gives /health, if it fails. */
export const tickerReasons = (name: string, s: TickerStatus<unknown> | undefined): string[] =>
  s?.failing
    ? [`${name} failed ${s.failing.failures} time(s) since ${s.failing.since}: ${s.failing.error}`]
    : [];
