// The oracle's `epoch` command as a child process, for crash tests: its structured log lines
// are collected, and a predicate on them can SIGKILL it at an exact step.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";
import { freshFetch } from "./http.ts";

const CLI = path.resolve(import.meta.dirname, "..", "..", "src", "cli", "main.ts");

export type LogLine = Record<string, unknown>;

/** Runs `epoch --epoch N`; kills it with SIGKILL at the first log line `killAt` matches. */
export const runEpochCli = (
  epoch: bigint,
  env: Record<string, string>,
  killAt?: (line: LogLine) => boolean,
) => runOracleCli(["epoch", "--epoch", epoch.toString()], env, killAt);

/** Runs `mesi-oracle <args>`; kills it with SIGKILL at the first log line `killAt` matches. */
export function runOracleCli(
  args: readonly string[],
  env: Record<string, string>,
  killAt?: (line: LogLine) => boolean,
) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: LogLine[] = [];
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout }).on("line", (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    lines.push(line);
    if (killAt?.(line)) child.kill("SIGKILL");
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    lines,
    /** Stops it as an operator would (SIGTERM). */
    stop: () => child.kill("SIGTERM"),
    /** Resolves at the first log line `match` accepts; rejects if the command exits first. */
    async waitFor(match: (line: LogLine) => boolean, what: string): Promise<LogLine> {
      for (;;) {
        const hit = lines.find(match);
        if (hit) return hit;
        const gone = await Promise.race([
          exited.then(() => true),
          new Promise<false>((r) => setTimeout(() => r(false), 50)),
        ]);
        if (gone && !lines.some(match))
          throw new Error(`the ${args[0]} command exited before ${what}\n${stderr}`);
      }
    },
    done: new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal, stderr })),
    ),
  };
}

/** A JSON-RPC call to the test node (evm_* and hardhat_* methods viem does not wrap). */
export const rpc = (url: string, method: string, params: unknown[] = []): Promise<Response> =>
  freshFetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
