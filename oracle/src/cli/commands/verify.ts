import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createPublicClient, http, isAddress } from "viem";
import { ScoreKind, scoreOracleAbi } from "@mesi/abi";
import { parseDataset } from "../../dataset/gallery-dataset.ts";
import { verifyGalleryDataset } from "../../verify/verify-gallery.ts";
import type { Command } from "../command.ts";

export const command: Command = {
  name: "verify",
  summary: "recompute a published GALLERY epoch from its dataset and compare with the chain",
  help: `Usage: mesi-oracle verify --dataset FILE --score-oracle ADDRESS [--rpc URL] [--epoch N]

Loads the dataset (JSON Lines) into an in-memory PGlite, reruns the project's scoring SQL
with the weights the dataset names, rebuilds the score tree and compares its root with the
root ScoreOracle holds for that epoch. Prints a pass/fail report; exits 0 on pass, 1 on fail.
  --dataset FILE          the epoch's published dataset
  --score-oracle ADDRESS  ScoreOracle contract
  --rpc URL               JSON-RPC endpoint (default: RPC_URL or http://127.0.0.1:8545)
  --epoch N               must match the dataset's epoch (optional check)`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        dataset: { type: "string" },
        "score-oracle": { type: "string" },
        rpc: { type: "string" },
        epoch: { type: "string" },
      },
    });
    const oracle = values["score-oracle"];
    if (!values.dataset || !oracle || !isAddress(oracle)) {
      console.error(
        "--dataset FILE and --score-oracle ADDRESS (a 0x address) are required; see --help",
      );
      return 2;
    }
    const lines = parseDataset(await readFile(values.dataset, "utf8"));
    const header = lines[0];
    if (!header || header.type !== "header") throw new Error("dataset line 1 must be the header");
    if (values.epoch !== undefined && values.epoch !== header.epoch) {
      console.error(`--epoch ${values.epoch} but the dataset is epoch ${header.epoch}`);
      return 2;
    }
    const client = createPublicClient({
      transport: http(values.rpc ?? process.env.RPC_URL ?? "http://127.0.0.1:8545"),
    });
    const info = await client.readContract({
      address: oracle,
      abi: scoreOracleAbi,
      functionName: "epochInfo",
      args: [ScoreKind.GALLERY, BigInt(header.epoch)],
    });
    console.log(
      `verify: GALLERY epoch ${header.epoch}, ${lines.length - 1} dataset lines, recomputing…`,
    );
    const report = await verifyGalleryDataset(lines, info.root);
    console.log(`  leaves            ${report.leaves}`);
    console.log(`  on-chain root     ${report.publishedRoot}`);
    console.log(`  recomputed root   ${report.recomputedRoot}`);
    for (const m of report.mismatches.slice(0, 20)) {
      console.log(
        `  mismatch ${m.creator}: published ${m.published}, recomputed ${m.recomputed ?? "(none)"}`,
      );
    }
    console.log(report.ok ? "PASS: every score recomputes and the root matches the chain" : "FAIL");
    return report.ok ? 0 : 1;
  },
};
