// The oracle's whole HTTP API (ingestion, read, review) on a real port, for tests that need
// a URL: the auditor's CLI downloads datasets and the audit log from it.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { serve } from "@hono/node-server";
import type { Database } from "../../src/db/database.ts";
import type { DatasetStore } from "../../src/dataset/store.ts";
import { createApp, type AppOptions } from "../../src/server/app.ts";
import { CLIENT } from "./client.ts";
import { collectOutput, waitUntilReady } from "../../../test/support/process.ts";

const CLI = path.resolve(import.meta.dirname, "..", "..", "src", "cli", "main.ts");

export const AUDITOR_KEY = "auditor-key-0123456789";
export const REVIEWER = { name: "rita", key: "reviewer-key-0123456789" };

export async function serveOracle(
  database: Database,
  store: DatasetStore,
  currentEpoch: () => bigint,
  options: Pick<AppOptions, "health" | "consent"> & { dataRights?: boolean } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp({
    database,
    clients: [CLIENT],
    currentEpoch,
    read: { store, auditorKeys: [AUDITOR_KEY] },
    review: { reviewers: [REVIEWER] },
    ...(options.dataRights ? { dataRights: { store } } : {}),
    ...(options.health ? { health: options.health } : {}),
    ...(options.consent ? { consent: options.consent } : {}),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** `mesi-oracle serve` as a child process on `port`, ready when it logged that it listens. */
export async function spawnServe(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, "serve"], {
    env: { ...process.env, ORACLE_PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = collectOutput(child);
  // Ready when this child logged that it listens (not another process on a reused port).
  await waitUntilReady(
    child,
    "the oracle",
    async () =>
      out.lines.some((l) => l.includes('"msg":"listening"')) &&
      (await fetch(`http://127.0.0.1:${port}/health`)).ok,
    { tail: out.tail },
  );
  return child;
}
