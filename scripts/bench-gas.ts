// `npm run bench:gas`: gas of the contracts' hot paths beside the anchors named in
// the issues, all measured in one run on a fresh in-process Hardhat chain.
import path from "node:path";
import { network } from "hardhat";
import { printTable, writeResults, type BenchRow } from "./bench/report.ts";
import { benchCore } from "./bench/gas-core.ts";
import { benchEconomy } from "./bench/gas-economy.ts";

const rows: BenchRow[] = [];
for (const [label, bench] of [
  ["core", benchCore],
  ["economy", benchEconomy],
] as const) {
  console.log(`bench:gas: ${label}…`);
  const conn = await network.create();
  rows.push(...(await bench(conn)));
}
printTable("Gas (Hardhat 3 in-process chain, optimizer on, 200 runs)", rows);
console.log(`wrote ${path.relative(process.cwd(), await writeResults("gas", rows))}`);
