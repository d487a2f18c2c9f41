import { parseArgs } from "node:util";
import { DEV_CLIENT } from "../../config.ts";
import { detectFlags } from "../../quality/rules.ts";
import { extractFeatures } from "../../quality/features.ts";
import { simulate } from "../../sim/simulate.ts";
import { postActivity, postSimulation } from "../../sim/post.ts";
import { simulateActivity } from "../../sim/activity.ts";
import type { Command } from "../command.ts";
import type { Address } from "viem";
import { mintSimulatedGalleries } from "../../sim/galleries.ts";
import { optInSimulatedUsers } from "../../sim/consent.ts";
import { SCOPES, TASK_SCOPE } from "../../privacy/scopes.ts";
import { createPublicClient, http } from "viem";
import { deploymentOn } from "@mesi/abi";

export const command: Command = {
  name: "simulate",
  summary: "simulate an epoch of users (with bots, copy-pasters, mass uploaders) and post it",
  help: `Usage: mesi-oracle simulate [--users N] [--nfts N] [--galleries N] [--collection ADDRESS]
                           [--seed S] [--oracle URL] [--dry-run] [--mint] [--opt-in [--registry ADDRESS]]
                           [--rpc URL]

Generates one epoch of task submissions for N users (default 1000), of which 5% are bots,
5% copy-pasters and 5% mass uploaders, and the same users' activity on --nfts creators' NFTs
(default 200) in --galleries galleries (default 20) of --collection (default: a placeholder
address; the local stack passes its GalleryCollection), deterministically from the seed (default 1).
Posts them in signed batches to the oracle (default http://127.0.0.1:8787, the local dev
client), showing progress; --dry-run only runs the quality rules locally and prints
precision/recall. --mint first opens the simulated creators' galleries and mints the NFTs on a
development chain (--rpc, default RPC_URL or http://127.0.0.1:8545; Hardhat's account
impersonation), so the activity names tokens whose creators the chain confirms. --opt-in first
has every simulated user consent on chain (ParticipantRegistry: --registry, default @mesi/abi's
deployment) to the scopes their tasks need, and starts their work after the last consent: the
oracle accepts a submission only if its account's consent covered it when it was made.`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        users: { type: "string", default: "1000" },
        nfts: { type: "string", default: "200" },
        galleries: { type: "string", default: "20" },
        collection: { type: "string" },
        seed: { type: "string", default: "1" },
        oracle: { type: "string", default: "http://127.0.0.1:8787" },
        "dry-run": { type: "boolean", default: false },
        mint: { type: "boolean", default: false },
        "opt-in": { type: "boolean", default: false },
        registry: { type: "string" },
        rpc: { type: "string", default: process.env.RPC_URL ?? "http://127.0.0.1:8545" },
      },
    });
    const users = Number(values.users);
    const seed = Number(values.seed);
    const nfts = Number(values.nfts);
    const galleries = Number(values.galleries);
    if (
      ![users, nfts, galleries].every((n) => Number.isInteger(n) && n >= 1) ||
      !Number.isInteger(seed)
    ) {
      console.error("--users, --nfts, --galleries and --seed must be positive integers");
      return 2;
    }
    const collection = (
      values.collection ?? "0x00000000000000000000000000000000000000e1"
    ).toLowerCase();
    if (!/^0x[0-9a-f]{40}$/.test(collection)) {
      console.error("--collection: must be a 0x address");
      return 2;
    }
    const simOptions = {
      seed,
      users,
      bots: 0.05,
      copyPasters: 0.05,
      massUploaders: 0.05,
      // Yesterday at 00:00 UTC: the same seed on the same day gives the same ids and bodies,
      // so posting twice is an idempotent retry, not a conflict.
      start: Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000,
    };
    let sim = simulate(simOptions);
    const events = simulateActivity({
      seed,
      fans: [...sim.labels.keys()],
      nfts,
      galleries,
      collection,
      start: Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000,
    });
    console.log(
      `simulate: ${users} users, ${sim.submissions.length} submissions, ${events.length} activity events on ${nfts} NFTs in ${galleries} galleries`,
    );
    if (values.mint) {
      if (!values.collection) {
        console.error("--mint needs --collection (the chain's GalleryCollection)");
        return 2;
      }
      const { minted } = await mintSimulatedGalleries(values.rpc, collection as Address, {
        nfts,
        galleries,
        onProgress: (done, total) => console.log(`  minted ${done}/${total} NFTs`),
      });
      console.log(`simulate: ${minted ? `minted ${minted} NFTs` : "the NFTs exist already"}`);
    }
    if (values["opt-in"]) {
      const chainId = await createPublicClient({ transport: http(values.rpc) }).getChainId();
      const registry = values.registry ?? deploymentOn(chainId)?.contracts.ParticipantRegistry;
      if (!registry || !/^0x[0-9a-fA-F]{40}$/.test(registry)) {
        console.error("--opt-in needs --registry (no ParticipantRegistry deployed on this chain)");
        return 2;
      }
      const { optedIn, consentedBy } = await optInSimulatedUsers(
        values.rpc,
        registry as Address,
        [...sim.labels.keys()],
        SCOPES[TASK_SCOPE.prompt_answer],
        (done, total) => console.log(`  consent ${done}/${total}`),
      );
      // The work starts at the next minute after the last consent (the same on a re-run).
      sim = simulate({ ...simOptions, start: Math.ceil((consentedBy + 1) / 60_000) * 60_000 });
      console.log(`simulate: ${optedIn} users opted in (prompts) on ${registry}`);
    }
    if (values["dry-run"]) {
      // A throwaway key: the dry run only compares the simulation's own answers.
      const flags = detectFlags(extractFeatures(sim.submissions, new Uint8Array(32)));
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
    const a = await postActivity(values.oracle, DEV_CLIENT, events, {
      onProgress: (done, total) => console.log(`  posted ${done}/${total} events`),
    });
    console.log(
      `simulate: accepted ${r.accepted + a.accepted}, duplicates ${r.duplicates + a.duplicates}`,
    );
    return 0;
  },
};
