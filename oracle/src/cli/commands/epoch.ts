import { consentEnv, environmentOf, epochAt, loadConfig, publisherEnv } from "../../config.ts";
import { loadPublisherConfig } from "../../publisher-config.ts";
import { openDatabase } from "../../db/database.ts";
import { DatasetStore } from "../../dataset/store.ts";
import { withFanCap } from "../../scoring/weights.ts";
import { runAndRecord } from "../../pipeline/scheduler.ts";
import { logJson, stepLog } from "../log.ts";
import { consentLedgerFromEnv } from "../../privacy/consent-source.ts";
import { purgeExpiredAnswers } from "../../privacy/erasure.ts";
import { defineCommand, type Command } from "../command.ts";

export const command: Command = defineCommand({
  name: "epoch",
  summary: "run one epoch: filter → score → commit → publish (resumable)",
  usage: "mesi-oracle epoch [--epoch N]",
  description: `Runs the epoch pipeline once for epoch N: quality rules and the review queue, TQS,
holdings snapshot, engagement ratings, the TQS and ENGAGEMENT datasets, the four commitments
to ScoreOracle, exclusions and reinstatements. Safe to re-run or to run again after a crash:
committed datasets are reused and nothing already on chain is re-sent. Logs one JSON line per
step; exits 0 when everything is published.`,
  options: {
    epoch: { type: "string", value: "N", help: "the epoch (default: the last closed epoch)" },
  },
  environment: environmentOf(publisherEnv, consentEnv),
  async run(values) {
    if (values.epoch !== undefined && !/^\d{1,20}$/.test(values.epoch)) {
      console.error("--epoch: must be a positive integer");
      return 2;
    }
    const cfg = loadConfig();
    const pub = await loadPublisherConfig(process.env, `http://${cfg.host}:${cfg.port}`);
    const epoch = values.epoch !== undefined ? BigInt(values.epoch) : epochAt(cfg) - 1n;
    if (epoch < 1n) {
      console.error("no closed epoch yet; pass --epoch N");
      return 2;
    }
    const database = await openDatabase({ url: cfg.databaseUrl, dataDir: cfg.dataDir });
    try {
      logJson({ level: "info", msg: "epoch start", epoch, engine: database.engine });
      const result = await runAndRecord(epoch, {
        database,
        ...pub,
        store: new DatasetStore(cfg.datasetDir),
        weights: withFanCap(cfg.fanCapBps),
        epochSeconds: cfg.epochSeconds,
        log: stepLog,
        consent: await consentLedgerFromEnv(process.env, database.db, logJson),
      });
      logJson({ level: "info", msg: "epoch done", epoch, ...result });
      const purged = await purgeExpiredAnswers(database, cfg.answerRetentionMs);
      if (purged) logJson({ level: "info", msg: "retention purge", submissions: purged });
      return 0;
    } finally {
      await database.close();
    }
  },
});
