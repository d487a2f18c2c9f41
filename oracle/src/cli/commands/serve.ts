import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import {
  consentEnv,
  environmentOf,
  loadConfig,
  oracleEnv,
  publisherEnv,
  epochAt,
} from "../../config.ts";
import { openDatabase } from "../../db/database.ts";
import { createApp } from "../../server/app.ts";
import { DatasetStore } from "../../dataset/store.ts";
import { loadPublisherConfig } from "../../publisher-config.ts";
import { degradedReasons, startScheduler, type Scheduler } from "../../pipeline/scheduler.ts";
import { withFanCap } from "../../scoring/weights.ts";
import { startSeedJob } from "../../pipeline/seeds.ts";
import { startPoolJob } from "../../pipeline/revenue-pools.ts";
import { tickerReasons, type Ticker } from "../../pipeline/ticker.ts";
import { logJson, stepLog } from "../log.ts";
import { consentLedgerFromEnv } from "../../privacy/consent-source.ts";
import type { ConsentLedger } from "../../privacy/consent.ts";
import { purgeExpiredAnswers } from "../../privacy/erasure.ts";
import { defineCommand, type Command } from "../command.ts";

export const command: Command = defineCommand({
  name: "serve",
  summary: "run the oracle: ingestion, read and review APIs, and the epoch scheduler",
  usage: "mesi-oracle serve",
  description: `Runs until SIGINT/SIGTERM; logs one JSON line per event. With ORACLE_SIGNER_KEYS set it also
runs every closed epoch, the seed job and the revenue pool job. Every variable is validated at
start: a bad value stops it with one line naming the variable and the rule.`,
  options: {},
  environment: environmentOf(oracleEnv, consentEnv, publisherEnv),
  async run() {
    const cfg = loadConfig();
    const database = await openDatabase({ url: cfg.databaseUrl, dataDir: cfg.dataDir });
    if (cfg.devClient)
      logJson({
        level: "warn",
        msg: "no ORACLE_CLIENTS: accepting only the local development client",
      });
    const store = new DatasetStore(cfg.datasetDir);
    let scheduler: Scheduler | undefined;
    let seeds: Ticker<unknown> | undefined;
    let pools: Ticker<unknown> | undefined;
    let consent: ConsentLedger | undefined;
    if (cfg.consent) {
      consent = await consentLedgerFromEnv(process.env, database.db, logJson);
      await consent.sync();
      consent.start(cfg.consentPollMs);
      logJson({ level: "info", msg: "consent followed", registry: consent.registry });
    } else {
      logJson({
        level: "warn",
        msg: "ORACLE_CONSENT=off: submissions are accepted without checking consent (never in production)",
      });
    }
    const app = createApp({
      database,
      clients: cfg.clients,
      currentEpoch: () => epochAt(cfg),
      log: logJson,
      read: { store, auditorKeys: cfg.auditorKeys },
      review: { reviewers: cfg.reviewers },
      dataRights: { store, log: logJson },
      ...(consent ? { consent } : {}),
      corsOrigins: cfg.corsOrigins,
      health: () => {
        const [seedStatus, poolStatus] = [seeds?.status(), pools?.status()];
        return scheduler
          ? {
              reasons: [
                ...degradedReasons(scheduler.status()),
                ...tickerReasons("seed job", seedStatus),
                ...tickerReasons("revenue pool job", poolStatus),
              ],
              detail: { scheduler: scheduler.status(), seeds: seedStatus, pools: poolStatus },
            }
          : { reasons: [] };
      },
    });
    // A long accept queue: a burst of connections waits to be answered (201 or 429), it is
    // not dropped by the kernel.
    const server = createAdaptorServer({ fetch: app.fetch, hostname: cfg.host });
    server.listen({ port: cfg.port, host: cfg.host, backlog: 4096 }, () =>
      logJson({
        level: "info",
        msg: "listening",
        port: (server.address() as AddressInfo).port,
        engine: database.engine,
      }),
    );
    if (process.env.ORACLE_SIGNER_KEYS) {
      const pub = await loadPublisherConfig(process.env, `http://${cfg.host}:${cfg.port}`);
      scheduler = startScheduler({
        deps: {
          database,
          ...pub,
          store,
          weights: withFanCap(cfg.fanCapBps),
          epochSeconds: cfg.epochSeconds,
          log: stepLog,
          ...(consent ? { consent } : {}),
        },
        currentEpoch: () => epochAt(cfg),
        afterEpochs: async () => {
          const purged = await purgeExpiredAnswers(database, cfg.answerRetentionMs);
          if (purged) logJson({ level: "info", msg: "retention purge", submissions: purged });
        },
        tickMs: cfg.tickMs.scheduler,
        log: logJson,
      });
      logJson({ level: "info", msg: "scheduler on", epochSeconds: cfg.epochSeconds });
      if (pub.contracts.seeds) {
        seeds = startSeedJob({
          db: database.db,
          chain: pub.chain,
          contracts: pub.contracts.seeds,
          saltSecret: pub.saltSecret,
          log: stepLog,
          logEntry: logJson,
          tickMs: cfg.tickMs.seeds,
        });
        logJson({ level: "info", msg: "seed job on", ...pub.contracts.seeds });
      }
      if (pub.contracts.distributor) {
        pools = startPoolJob({
          db: database.db,
          chain: pub.chain,
          contracts: {
            scoreOracle: pub.contracts.scoreOracle,
            distributor: pub.contracts.distributor,
          },
          log: stepLog,
          logEntry: logJson,
          tickMs: cfg.tickMs.pools,
        });
        logJson({
          level: "info",
          msg: "revenue pool job on",
          distributor: pub.contracts.distributor,
        });
      }
    }
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await Promise.all([scheduler?.stop(), seeds?.stop(), pools?.stop(), consent?.stop()]);
    await database.close();
    logJson({ level: "info", msg: "stopped" });
    return 0;
  },
});
