// `npm run bench:gas`: gas of the contracts' hot paths beside the anchors named in
// the issues, all measured in one run on a fresh in-process Hardhat chain. Every target is
// a ceiling: the command fails when a row goes over it.
import path from "node:path";
import { network } from "hardhat";
import { meets, printTable, writeResults, type BenchRow } from "./bench/report.ts";
import { annotateChanges } from "./bench/changes.ts";
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
annotateChanges(rows);
printTable("Gas (Hardhat 3 in-process chain, optimizer on, 200 runs)", rows);
console.log(`wrote ${path.relative(process.cwd(), await writeResults("gas", rows))}`);
// Every target is a ceiling the project keeps (issue 8): a regression fails the bench.
const missed = rows.filter((r) => meets(r) === false);
if (missed.length > 0) {
  for (const r of missed)
    console.error(`bench:gas: ${r.name}: ${r.value} ${r.unit} is over its ceiling ${r.target}`);
  process.exit(1);
}
