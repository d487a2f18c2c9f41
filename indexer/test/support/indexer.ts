// The real indexer (`ponder start`) as a child process on a test chain: embedded PGlite in
// a private directory, or a PostgreSQL database and schema. Waits use readiness checks with
// generous ceilings and fail at once when the process exits.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createInterface } from "node:readline";
import path from "node:path";
import { createClient } from "@ponder/client";
import * as schema from "../../ponder.schema.ts";
import { rpc } from "../../../test/support/chain.ts";
import type { SystemDeployment } from "../../../test/support/deploy.ts";
import { freePort, waitFor } from "../../../test/support/net.ts";

const INDEXER = path.resolve(import.meta.dirname, "..", "..");
const PONDER = path.resolve(INDEXER, "..", "node_modules", ".bin", "ponder");

export interface IndexerOptions {
  chainUrl: string;
  deployment: SystemDeployment;
  /** PostgreSQL connection string; PGlite in `dataDir` (or a fresh directory) otherwise. */
  databaseUrl?: string;
  /** Database schema (PostgreSQL) — the same one resumes a previous run. */
  schema?: string;
  /** Reuse a PGlite directory of an earlier run (restart), else a fresh one. */
  dataDir?: string;
  env?: Record<string, string>;
  /** The Ponder app's folder (default: the indexer; the benchmark's baseline has its own). */
  root?: string;
  /** SIGKILLs the process at the first log line this matches (a crash at a chosen step). */
  killAt?: (line: Record<string, unknown>) => boolean;
}

export interface Indexer {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** The last lines Ponder logged (for failure messages). */
  logs(): string;
  /** Every JSON log line so far. */
  lines(): Record<string, unknown>[];
  /** Waits until the indexer is ready and its head is the chain's head (or `block`). */
  synced(block?: bigint, timeoutMs?: number): Promise<{ block: number; timestamp: number }>;
  /** The latest indexed block (undefined before the first checkpoint). */
  head(): Promise<{ number: number; timestamp: number } | undefined>;
  get<T>(pathname: string): Promise<T>;
  /** @ponder/client on the SQL-over-HTTP endpoint (the indexer's schema). */
  client: ReturnType<typeof createClient<typeof schema>>;
  /** Every indexed table's rows (via @ponder/client), each table sorted, for comparisons. */
  tables(): Promise<Record<string, string[]>>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `ponder start` for the deployment and returns at once (see `synced`). */
export async function startIndexer(opts: IndexerOptions): Promise<Indexer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "mesi-indexer-"));
  const deploymentFile = path.join(dataDir, "deployment.json");
  writeFileSync(deploymentFile, JSON.stringify(opts.deployment));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    PONDER_RPC_URL: opts.chainUrl,
    PONDER_CHAIN_ID: String(opts.deployment.chainId),
    PONDER_DEPLOYMENT_FILE: deploymentFile,
    PONDER_PGLITE_DIR: path.join(dataDir, "pglite"),
    PONDER_POLLING_INTERVAL_MS: "200",
    ...opts.env,
  };
  delete env.DATABASE_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  const child = spawn(
    PONDER,
    ["start", "--schema", opts.schema ?? "mesi", "--port", String(port), "--log-format", "json"],
    { cwd: opts.root ?? INDEXER, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  const parsed: Record<string, unknown>[] = [];
  const keep = (text: string) => {
    lines.push(text);
    if (lines.length > 200) lines.shift();
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return; // not a JSON log line
    }
    if (parsed.length < 20_000) parsed.push(line);
    if (opts.killAt?.(line) && child.exitCode === null && child.signalCode === null)
      child.kill("SIGKILL");
  };
  createInterface({ input: child.stdout! }).on("line", keep);
  createInterface({ input: child.stderr! }).on("line", keep);
  const url = `http://127.0.0.1:${port}`;
  const logs = () => lines.slice(-40).join("\n");

  const get = async <T>(pathname: string): Promise<T> => {
    const r = await fetch(`${url}${pathname}`);
    if (!r.ok) throw new Error(`GET ${pathname}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  const head = async () => {
    const status =
      await get<Record<string, { block: { number: number; timestamp: number } }>>("/status");
    return Object.values(status)[0]?.block;
  };

  const client = createClient(`${url}/sql`, { schema });
  return {
    url,
    dataDir,
    child,
    logs,
    lines: () => parsed,
    get,
    head,
    client,
    async tables() {
      const dump: Record<string, string[]> = {};
      for (const [name, table] of Object.entries(schema))
        dump[name] = (await client.db.select().from(table))
          .map((row) => JSON.stringify(row, bigints))
          .sort();
      return dump;
    },
    async synced(block, timeoutMs = 240_000) {
      const target = block ?? BigInt(await rpc<string>(opts.chainUrl, "eth_blockNumber"));
      return waitFor(
        async () => {
          if (!(await fetch(`${url}/ready`)).ok) return undefined;
          const h = await head();
          return h && BigInt(h.number) >= target
            ? { block: h.number, timestamp: h.timestamp }
            : undefined;
        },
        { what: `indexer synced to block ${target}`, timeoutMs, child, context: logs },
      );
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const bigints = (_key: string, v: unknown) => (typeof v === "bigint" ? `${v}n` : v);

/** Removes a PGlite directory an indexer left. */
export const removeDataDir = (dir: string) => rmSync(dir, { recursive: true, force: true });
