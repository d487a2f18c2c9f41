// What the epoch scheduler and the jobs beside it (seeds, revenue pools) share: a pass run now
// and then every tick, one at a time, and the one line an operator reads when a pass fails.

/**
 * Runs `pass` now and every `tickMs`. Passes never overlap: a tick that finds the previous pass
 * still running is skipped, so a slow pass delays the next one instead of queueing a backlog.
 * `stop` ends the ticks and waits for the pass in flight.
 */
export function runEvery(tickMs: number, pass: () => Promise<void>): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const start = () => {
    running ??= pass().finally(() => (running = undefined));
  };
  const timer = setInterval(start, tickMs);
  start();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** One line an operator can act on: the message, and the cause's details when they add any. */
export function describeError(err: unknown): string {
  const e = err as Error & { shortMessage?: string; details?: string };
  const head = (e.shortMessage ?? e.message ?? String(err)).split("\n")[0]!;
  const details = e.details && !head.includes(e.details) ? `: ${e.details.split("\n")[0]}` : "";
  return `${head}${details}`.slice(0, 500);
}
