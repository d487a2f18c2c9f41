import { parseArgs } from "node:util";
import { DEV_CLIENT } from "../../config.ts";
import { detectFlags } from "../../quality/rules.ts";
import { simulate } from "../../sim/simulate.ts";
import { postSimulation } from "../../sim/post.ts";
import type { Command } from "../command.ts";

export const command: Command = {
  name: "simulate",
  summary: "simulate an epoch of users (with bots, copy-pasters, mass uploaders) and post it",
  help: `Usage: mesi-oracle simulate [--users N] [--seed S] [--oracle URL] [--dry-run]

Generates one epoch of task submissions for N users (default 1000), of which 5% are bots,
5% copy-pasters and 5% mass uploaders, deterministically from the seed (default 1). Posts
them in signed batches to the oracle (default http://127.0.0.1:8787, the local dev client),
showing progress; --dry-run only runs the quality rules locally and prints precision/recall.`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        users: { type: "string", default: "1000" },
        seed: { type: "string", default: "1" },
        oracle: { type: "string", default: "http://127.0.0.1:8787" },
        "dry-run": { type: "boolean", default: false },
      },
    });
    const users = Number(values.users);
    const seed = Number(values.seed);
    if (!Number.isInteger(users) || users < 1 || !Number.isInteger(seed)) {
      console.error("--users and --seed must be positive integers");
      return 2;
    }
    const sim = simulate({
      seed,
      users,
      bots: 0.05,
      copyPasters: 0.05,
      massUploaders: 0.05,
      // Yesterday at 00:00 UTC: the same seed on the same day gives the same ids and bodies,
      // so posting twice is an idempotent retry, not a conflict.
      start: Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000,
    });
    console.log(`simulate: ${users} users, ${sim.submissions.length} submissions`);
    if (values["dry-run"]) {
      const flags = detectFlags(sim.submissions);
      const rules = {
        bot: "bot-timing",
        "copy-paster": "near-duplicate",
        "mass-uploader": "mass-upload",
      } as const;
      for (const [behaviour, rule] of Object.entries(rules)) {
        const flagged = new Set(flags.filter((f) => f.ruleId === rule).map((f) => f.account));
        const truth = new Set([...sim.labels].filter(([, b]) => b === behaviour).map(([a]) => a));
        const tp = [...flagged].filter((a) => truth.has(a)).length;
        console.log(
          `  ${rule.padEnd(15)} precision ${(flagged.size ? tp / flagged.size : 0).toFixed(3)}  recall ${(truth.size ? tp / truth.size : 1).toFixed(3)}`,
        );
      }
      return 0;
    }
    const r = await postSimulation(values.oracle, DEV_CLIENT, sim, {
      onProgress: (done, total) => console.log(`  posted ${done}/${total}`),
    });
    console.log(`simulate: accepted ${r.accepted}, duplicates ${r.duplicates}`);
    return 0;
  },
};
