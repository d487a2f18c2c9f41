import { DEV_CLIENT } from "../src/config.ts";
import { detectFlags } from "../src/quality/rules.ts";
import { simulate } from "./simulate.ts";
import { postActivity, postCampaigns, postGoldReveals, postSimulation } from "./post.ts";
import { scorecard, simulatedFeatures } from "./score.ts";
import { goldSetsOf } from "../src/quality/gold.ts";
import { wordnetLexicon } from "../src/quality/text/wordnet.ts";
import { simulateActivity } from "./activity.ts";
import { defineCommand, type Command } from "../src/cli/command.ts";
import type { Address } from "viem";
import { mintSimulatedGalleries } from "./galleries.ts";
import { optInSimulatedUsers, scopesFor } from "./consent.ts";
import { createPublicClient, http } from "viem";
import { deploymentOn } from "@mesi/abi";

export const command: Command = defineCommand({
  name: "simulate",
  summary: "simulate a realistic epoch of users (10% abusive, of every kind) and post it",
  usage: `node oracle/sim/main.ts [--users N] [--campaigns N] [--nfts N] [--galleries N]
         [--collection ADDRESS] [--seed S] [--oracle URL] [--dry-run] [--mint]
         [--opt-in [--registry ADDRESS]] [--rpc URL]`,
  description: `Generates one realistic day of task submissions on --campaigns campaigns (numbered from 1:
the platform registers them under those ids, so a local chain should hold as many) for N users,
10% of them abusive, spread over every abuse kind the quality rules know (sim/day.ts), and the
same users' activity on --nfts creators' NFTs in --galleries galleries of --collection,
deterministically from the seed. Registers the campaigns (tasks and gold-set commitments),
posts the submissions and activity in signed batches to the oracle (the local dev client),
showing progress, then reveals the campaigns' gold sets. --opt-in first has every simulated
user consent on chain to the scopes of the task types the simulation answers, and starts their
work after the last consent: the oracle accepts a submission only if its account's consent
covered it when it was made.`,
  options: {
    users: { type: "string", value: "N", help: "how many users", default: "1000" },
    campaigns: { type: "string", value: "N", help: "how many campaigns", default: "6" },
    nfts: { type: "string", value: "N", help: "how many NFTs", default: "200" },
    galleries: { type: "string", value: "N", help: "how many galleries", default: "20" },
    collection: {
      type: "string",
      value: "ADDRESS",
      help: "the gallery collection (default: a placeholder address; the local stack passes its GalleryCollection)",
    },
    seed: { type: "string", value: "S", help: "the simulation's seed", default: "1" },
    oracle: {
      type: "string",
      value: "URL",
      help: "where to post",
      default: "http://127.0.0.1:8787",
    },
    "dry-run": {
      type: "boolean",
      help: "only run the quality rules locally and print recall per abuse kind and precision",
      default: false,
    },
    mint: {
      type: "boolean",
      help: "first open the creators' galleries and mint the NFTs on a development chain (Hardhat's account impersonation)",
      default: false,
    },
    "opt-in": {
      type: "boolean",
      help: "first have every simulated user consent on chain (ParticipantRegistry)",
      default: false,
    },
    registry: {
      type: "string",
      value: "ADDRESS",
      help: "ParticipantRegistry for --opt-in (default: @mesi/abi's deployment)",
    },
    rpc: {
      type: "string",
      value: "URL",
      help: "the chain for --mint and --opt-in (default: RPC_URL or http://127.0.0.1:8545)",
    },
  },
  async run(values) {
    const rpc = values.rpc ?? process.env.RPC_URL ?? "http://127.0.0.1:8545";
    const users = Number(values.users);
    const seed = Number(values.seed);
    const nfts = Number(values.nfts);
    const galleries = Number(values.galleries);
    const campaigns = Number(values.campaigns);
    if (
      ![users, nfts, galleries, campaigns].every((n) => Number.isInteger(n) && n >= 1) ||
      !Number.isInteger(seed)
    ) {
      console.error(
        "--users, --campaigns, --nfts, --galleries and --seed must be positive integers",
      );
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
      campaigns,
      abuse: 0.1,
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
      const { minted } = await mintSimulatedGalleries(rpc, collection as Address, {
        nfts,
        galleries,
        onProgress: (done, total) => console.log(`  minted ${done}/${total} NFTs`),
      });
      console.log(`simulate: ${minted ? `minted ${minted} NFTs` : "the NFTs exist already"}`);
    }
    if (values["opt-in"]) {
      const chainId = await createPublicClient({ transport: http(rpc) }).getChainId();
      const registry = values.registry ?? deploymentOn(chainId)?.contracts.ParticipantRegistry;
      if (!registry || !/^0x[0-9a-fA-F]{40}$/.test(registry)) {
        console.error("--opt-in needs --registry (no ParticipantRegistry deployed on this chain)");
        return 2;
      }
      const { optedIn, consentedBy } = await optInSimulatedUsers(
        rpc,
        registry as Address,
        [...sim.labels.keys()],
        scopesFor(sim.submissions),
        (done, total) => console.log(`  consent ${done}/${total}`),
      );
      // The work starts at the next minute after the last consent (the same on a re-run).
      sim = simulate({ ...simOptions, start: Math.ceil((consentedBy + 1) / 60_000) * 60_000 });
      console.log(`simulate: ${optedIn} users opted in on ${registry}`);
    }
    if (values["dry-run"]) {
      // A throwaway key: the dry run only compares the simulation's own answers.
      const { features, gold } = simulatedFeatures(sim, sim.campaigns, wordnetLexicon());
      const card = scorecard(sim.labels, detectFlags(features, { gold: goldSetsOf(gold) }));
      for (const [kind, r] of Object.entries(card.recall))
        console.log(`  ${kind.padEnd(18)} recall ${r.share.toFixed(3)} (${r.flagged}/${r.of})`);
      console.log(
        `  precision ${card.precision.toFixed(3)}, honest users flagged ${card.honestFlagged}/${card.honest}`,
      );
      return 0;
    }
    // The platform registers the campaigns (tasks, gold commitments), the fans answer, and the
    // day's campaigns close: their gold sets are revealed.
    await postCampaigns(values.oracle, DEV_CLIENT, sim);
    const r = await postSimulation(values.oracle, DEV_CLIENT, sim, {
      onProgress: (done, total) => console.log(`  posted ${done}/${total}`),
    });
    const a = await postActivity(values.oracle, DEV_CLIENT, events, {
      onProgress: (done, total) => console.log(`  posted ${done}/${total} events`),
    });
    await postGoldReveals(values.oracle, DEV_CLIENT, sim);
    console.log(
      `simulate: accepted ${r.accepted + a.accepted}, duplicates ${r.duplicates + a.duplicates}; ${sim.campaigns.length} campaigns registered, gold sets revealed`,
    );
    return 0;
  },
});
