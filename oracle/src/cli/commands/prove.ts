import { readFile } from "node:fs/promises";
import { isAddress, type Address } from "viem";
import { accountSubject, scoreKindNames } from "@mesi/abi";
import { leafLinesOf, leavesOf, parseLines, type KindName } from "../../dataset/lines.ts";
import { nftId } from "../../dataset/engagement-dataset.ts";
import { buildScoreTree } from "../../merkle/score-tree.ts";
import { defineCommand, type Command } from "../command.ts";

export const command: Command = defineCommand({
  name: "prove",
  summary: "print a user's, NFT's or creator's score proof from a dataset",
  usage: `mesi-oracle prove --dataset FILE --kind TQS|USER|GALLERY --account ADDRESS
       mesi-oracle prove --dataset FILE --kind NFT --collection ADDRESS --token-id N`,
  description: `Prints, as JSON, the score, salt, Merkle proof and root, ready for
ScoreOracle.verifyScore(kind, epoch, subject, score, salt, proof) — e.g. a TQS proof for
CampaignManager.join or PrizeDraw.enter, a Gallery Score proof for RevenueDistributor.claim.`,
  options: {
    dataset: { type: "string", value: "FILE", help: "the epoch's dataset (required)" },
    kind: { type: "string", value: "K", help: "TQS, USER, NFT or GALLERY (required)" },
    account: { type: "string", value: "ADDRESS", help: "the user or creator (TQS, USER, GALLERY)" },
    creator: { type: "string", value: "ADDRESS", help: "a creator (implies --kind GALLERY)" },
    collection: { type: "string", value: "ADDRESS", help: "the NFT's collection (NFT)" },
    "token-id": { type: "string", value: "N", help: "the NFT's token id (NFT)" },
  },
  async run(values) {
    const kind = (values.kind ?? (values.creator ? "GALLERY" : "")).toUpperCase() as KindName;
    if (!values.dataset || !scoreKindNames.includes(kind)) {
      console.error("--dataset FILE and --kind TQS|USER|NFT|GALLERY are required; see --help");
      return 2;
    }
    let subject: `0x${string}`;
    if (kind === "NFT") {
      if (
        !values.collection ||
        !isAddress(values.collection, { strict: false }) ||
        !/^\d+$/.test(values["token-id"] ?? "")
      ) {
        console.error("--collection ADDRESS and --token-id N are required for an NFT proof");
        return 2;
      }
      subject = nftId(values.collection.toLowerCase(), values["token-id"]!).subject;
    } else {
      const account = values.account ?? values.creator;
      if (!account || !isAddress(account, { strict: false })) {
        console.error("--account ADDRESS (a 0x address) is required; see --help");
        return 2;
      }
      subject = accountSubject(account as Address);
    }
    const lines = parseLines(await readFile(values.dataset, "utf8"));
    const leafLines = leafLinesOf(lines, kind);
    const index = leafLines.findIndex((l) => l.subject === subject);
    if (index < 0) {
      console.error(`no ${kind} score for this subject in the dataset`);
      return 1;
    }
    const leaves = leavesOf(lines, kind);
    const tree = buildScoreTree(leaves);
    const leaf = leaves[index]!;
    console.log(
      JSON.stringify(
        {
          kind,
          epoch: leaf.epoch.toString(),
          id: leafLines[index]!.id,
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
});
