import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { isAddress } from "viem";
import { accountSubject } from "@mesi/abi";
import { leavesOf, parseDataset } from "../../dataset/gallery-dataset.ts";
import { buildScoreTree } from "../../merkle/score-tree.ts";
import type { Command } from "../command.ts";

export const command: Command = {
  name: "prove",
  summary: "print a creator's Gallery Score proof from a dataset",
  help: `Usage: mesi-oracle prove --dataset FILE --creator ADDRESS

Prints, as JSON, the creator's score, salt, Merkle proof and the root, ready for
ScoreOracle.verifyScore(3, epoch, subject, score, salt, proof) or RevenueDistributor.claim.`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { dataset: { type: "string" }, creator: { type: "string" } },
    });
    if (!values.dataset || !values.creator || !isAddress(values.creator, { strict: false })) {
      console.error("--dataset FILE and --creator ADDRESS (a 0x address) are required; see --help");
      return 2;
    }
    const leaves = leavesOf(parseDataset(await readFile(values.dataset, "utf8")));
    const index = leaves.findIndex(
      (l) => l.subject === accountSubject(values.creator as `0x${string}`),
    );
    if (index < 0) {
      console.error(`no Gallery Score for ${values.creator} in this dataset`);
      return 1;
    }
    const tree = buildScoreTree(leaves);
    const leaf = leaves[index]!;
    console.log(
      JSON.stringify(
        {
          epoch: leaf.epoch.toString(),
          creator: values.creator.toLowerCase(),
          subject: leaf.subject,
          score: leaf.score.toString(),
          salt: leaf.salt,
          proof: tree.proof(index),
          root: tree.root,
        },
        null,
        2,
      ),
    );
    return 0;
  },
};
