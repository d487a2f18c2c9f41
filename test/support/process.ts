// Waiting for a spawned process the way a busy machine needs: wait for the child's own
// readiness signal (a line it prints, then a probe that answers) under a generous ceiling, and
// fail at once, with the child's last output, when it exits instead. Never a fixed deadline
// that a loaded machine can miss, never a wait that outlives its child.
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { createInterface } from "node:readline";

/** Generous: other engineers' tests share the two cores. */
export const READY_CEILING_MS = 240_000;

/** A port that was free a moment ago (tests never use fixed ports). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? resolve(a.port) : reject(new Error("no port"))));
    });
  });

/** The child's output lines as they come (stdout and stderr must be pipes), newest last. */
export function collectOutput(child: ChildProcess): { lines: string[]; tail: () => string } {
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    if (stream)
      createInterface({ input: stream }).on("line", (l) => {
        lines.push(l);
        if (lines.length > 2_000) lines.splice(0, 1_000);
      });
  return { lines, tail: () => lines.slice(-15).join("\n") };
}

/**
 * Resolves when `ready()` answers true (polled), rejects as soon as the child exits or the
 * ceiling passes, naming `what` and the child's last output.
 */
export async function waitUntilReady(
  child: ChildProcess,
  what: string,
  ready: () => Promise<boolean>,
  opts: { ceilingMs?: number; intervalMs?: number; tail?: () => string } = {},
): Promise<void> {
  const ceiling = opts.ceilingMs ?? READY_CEILING_MS;
  const started = Date.now();
  let exited: string | undefined;
  const onExit = (code: number | null, signal: string | null) =>
    (exited = `exited (code ${code}, signal ${signal})`);
  if (child.exitCode !== null || child.signalCode !== null)
    onExit(child.exitCode, child.signalCode);
  child.once("exit", onExit);
  try {
    for (;;) {
      if (exited) throw new Error(`${what} ${exited} before it was ready\n${opts.tail?.() ?? ""}`);
      if (await ready().catch(() => false)) return;
      if (Date.now() - started > ceiling) {
        child.kill("SIGKILL");
        throw new Error(`${what} was not ready after ${ceiling / 1000} s\n${opts.tail?.() ?? ""}`);
      }
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
    }
  } finally {
    child.off("exit", onExit);
  }
}

/** Stops a child and waits until it is gone (SIGKILL after `graceMs`). */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await gone;
  clearTimeout(timer);
}
