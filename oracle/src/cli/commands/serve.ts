import { serve } from "@hono/node-server";
import { loadConfig, epochAt } from "../../config.ts";
import { openDatabase } from "../../db/database.ts";
import { createApp } from "../../server/app.ts";
import { DatasetStore } from "../../dataset/store.ts";
import type { Command } from "../command.ts";

const log = (entry: Record<string, unknown>) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }));

export const command: Command = {
  name: "serve",
  summary: "run the oracle's HTTP API (ingestion, datasets, proofs)",
  help: `Usage: mesi-oracle serve

Runs the ingestion API until SIGINT/SIGTERM; logs one JSON line per event.
Environment:
  ORACLE_PORT (8787), ORACLE_HOST (127.0.0.1)
  DATABASE_URL       a PostgreSQL server; unset = embedded PGlite in ORACLE_DATA_DIR (.data/oracle)
  ORACLE_CLIENTS     JSON array of {id, secret, ratePerSecond, burst}; unset = the local dev client
  ORACLE_DATASET_DIR content-addressed dataset store (.data/datasets)
  ORACLE_AUDITOR_KEYS comma-separated keys that may read engagement datasets
  EPOCH_SECONDS (86400), EPOCH_GENESIS (unix seconds, 0)`,
  async run() {
    const cfg = loadConfig();
    const database = await openDatabase({ url: cfg.databaseUrl, dataDir: cfg.dataDir });
    if (cfg.devClient)
      log({ level: "warn", msg: "no ORACLE_CLIENTS: accepting only the local development client" });
    const app = createApp({
      database,
      clients: cfg.clients,
      currentEpoch: () => epochAt(cfg),
      log,
    });
    const server = serve({ fetch: app.fetch, port: cfg.port, hostname: cfg.host }, (info) =>
      log({ level: "info", msg: "listening", port: info.port, engine: database.engine }),
    );
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await database.close();
    log({ level: "info", msg: "stopped" });
    return 0;
  },
};
