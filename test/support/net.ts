// Ports and readiness for tests that start servers: other engineers run tests on the same
// machine at the same time, so ports are always free ones and waits have generous ceilings.
import type { ChildProcess } from "node:child_process";

export { freePort } from "./process.ts";

export interface WaitOptions {
  /** What is awaited, for the error message. */
  what: string;
  /** Ceiling in milliseconds (generous: the machine is shared). */
  timeoutMs: number;
  /** Fails at once when this child exits before the condition holds. */
  child?: ChildProcess;
  /** Text to append to a failure (e.g. the child's last log lines). */
  context?: () => string;
  intervalMs?: number;
}

/** Polls `ready` until it returns a value other than undefined; fails fast if the child exits. */
export async function waitFor<T>(
  ready: () => Promise<T | undefined>,
  opts: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let exited: string | undefined;
  const onExit = (code: number | null, signal: string | null) =>
    (exited = `exited (code ${code}, signal ${signal})`);
  opts.child?.once("exit", onExit);
  try {
    for (;;) {
      if (opts.child && opts.child.exitCode !== null) onExit(opts.child.exitCode, null);
      if (exited) throw new Error(`${opts.what}: the process ${exited}${tail(opts)}`);
      try {
        const v = await ready();
        if (v !== undefined) return v;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline)
        throw new Error(`${opts.what}: not within ${opts.timeoutMs} ms${tail(opts)}`);
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
    }
  } finally {
    opts.child?.off("exit", onExit);
  }
}

const tail = (opts: WaitOptions) => (opts.context ? `\n${opts.context()}` : "");
