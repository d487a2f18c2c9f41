import { consentEnv, environmentOf, loadConfig, publisherEnv } from "../../config.ts";
import { loadPublisherConfig } from "../../publisher-config.ts";
import { openDatabase } from "../../db/database.ts";
import { runSeedJob, startSeedJob } from "../../pipeline/seeds.ts";
import { logJson, stepLog } from "../log.ts";
import { defineCommand, type Command } from "../command.ts";

export const command: Command = defineCommand({
  name: "seeds",
  summary: "commit and reveal the seeds of closed selections and draws (serve runs it too)",
  usage: "mesi-oracle seeds [--once]",
  description: `The seed job of \`serve\`, alone: for every campaign whose join window closed over capacity,
and every draw whose time came, it commits to a secret derived from ORACLE_SALT_SECRET and the
key, reveals it once the entropy block (the block after the commit) is mined, and settles a
missed reveal (a recorded fault) after the 200-block window. Safe to stop and restart at any
point: the chain decides what is sent next, and the secret is derived, never stored.`,
  options: {
    once: {
      type: "boolean",
      help: "one pass, then exit (without it: every ORACLE_SEED_TICK_MS until SIGINT/SIGTERM)",
    },
  },
  environment: environmentOf(publisherEnv, consentEnv),
  async run(values) {
    const cfg = loadConfig();
    const pub = await loadPublisherConfig(process.env, `http://${cfg.host}:${cfg.port}`);
    if (!pub.contracts.seeds) {
      console.error(
        "no CampaignManager and PrizeDraw: set MESI_CAMPAIGN_MANAGER and MESI_PRIZE_DRAW",
      );
      return 2;
    }
    const database = await openDatabase({ url: cfg.databaseUrl, dataDir: cfg.dataDir });
    const deps = {
      db: database.db,
      chain: pub.chain,
      contracts: pub.contracts.seeds,
      saltSecret: pub.saltSecret,
      log: stepLog,
    };
    try {
      logJson({ level: "info", msg: "seed job on", ...pub.contracts.seeds });
      if (values.once) {
        logJson({ level: "info", msg: "seed pass", ...(await runSeedJob(deps)) });
        return 0;
      }
      const job = startSeedJob({
        ...deps,
        logEntry: logJson,
        tickMs: cfg.tickMs.seeds,
      });
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await job.stop();
      return 0;
    } finally {
      await database.close();
    }
  },
});
