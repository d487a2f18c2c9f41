import { parseArgs } from "node:util";
import { epochAt, loadConfig } from "../../config.ts";
import { loadPublisherConfig } from "../../publisher-config.ts";
import { openDatabase } from "../../db/database.ts";
import { DatasetStore } from "../../dataset/store.ts";
import { withFanCap } from "../../scoring/weights.ts";
import { runAndRecord } from "../../pipeline/scheduler.ts";
import { logJson, stepLog } from "../log.ts";
import { consentLedgerFromEnv } from "../../privacy/consent-source.ts";
import { purgeExpiredAnswers } from "../../privacy/erasure.ts";
import type { Command } from "../command.ts";

export const command: Command = {
  name: "epoch",
  summary: "run one epoch: filter → score → commit → publish (resumable)",
  help: `Usage: mesi-oracle epoch [--epoch N]

Runs the epoch pipeline once for epoch N (default: the last closed epoch): quality rules and
the review queue, TQS, holdings snapshot, engagement ratings, the TQS and ENGAGEMENT datasets,
the four commitments to ScoreOracle, exclusions and reinstatements. Safe to re-run or to run
again after a crash: committed datasets are reused and nothing already on chain is re-sent.
Logs one JSON line per step; exits 0 when everything is published.
Environment (besides serve's DATABASE_URL, ORACLE_DATA_DIR, ORACLE_DATASET_DIR, EPOCH_*,
ORACLE_FAN_CAP_BPS):
  RPC_URL              JSON-RPC endpoint (http://127.0.0.1:8545)
  ORACLE_SIGNER_KEYS   comma-separated private keys of the commitment signers (required)
  ORACLE_RELAYER_KEY   key that sends transactions (default: the first signer)
  ORACLE_SALT_SECRET   32-byte hex secret salting non-public leaves (required)
  ORACLE_PUBLIC_URL    public base URL of the oracle's API (datasets are served under it)
  MESI_SCORE_ORACLE, MESI_REGISTRY, MESI_TICKET, MESI_TOKEN, MESI_VESTING_VAULT,
  MESI_CAMPAIGN_MANAGER, MESI_GALLERY_COLLECTION
                       contract addresses (default: @mesi/abi's deployment for the chain)`,
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { epoch: { type: "string" } } });
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
};
