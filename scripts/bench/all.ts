// `npm run bench`: every benchmark of the project, one after the other (bench:gas, bench:oracle,
// bench:quality, bench:indexer, bench:web, bench:scale, whichever exist), then
// bench/results/summary.md: each benchmark's figures beside the anchors measured in the same
// run, with every target and whether it was met, then bench/results/NOTES.md as it is.
// `npm run bench -- --summary` only rewrites the summary from the results already in
// bench/results/ (each keeps the time it was measured).
import { spawnSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { meets, type BenchRow } from "./report.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const RESULTS = path.join(ROOT, "bench", "results");
const ORDER = ["gas", "oracle", "quality", "indexer", "web", "scale"];

if (!process.argv.includes("--summary")) {
  const scripts = (
    JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const failed: string[] = [];
  for (const name of ORDER) {
    if (!scripts[`bench:${name}`]) {
      console.log(`bench: no bench:${name} script, skipped`);
      continue;
    }
    console.log(`\n==> npm run bench:${name} (load average ${os.loadavg()[0]!.toFixed(1)})`);
    const r = spawnSync("npm", ["run", "-s", `bench:${name}`], { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) failed.push(name);
  }
  if (failed.length) console.log(`\nbench: ${failed.join(", ")} failed or missed a target`);
}

interface Result {
  benchmark: string;
  measuredAt: string;
  machine?: { cpus?: number; node?: string };
  loadAverage?: unknown;
  rows: BenchRow[];
}

const fmt = (n: number): string =>
  Math.abs(n) >= 1000 || Number.isInteger(n)
    ? Math.round(n).toLocaleString("en-US")
    : n.toLocaleString("en-US", { maximumFractionDigits: 2 });
const cell = (s: string) => s.replace(/\|/g, "\\|");

const files = (await readdir(RESULTS)).filter(
  (f) => f.endsWith(".json") && !f.endsWith(".tmp.json"),
);
const results = (
  await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(path.join(RESULTS, f), "utf8")) as Result),
  )
).sort((a, b) => {
  const i = (r: Result) => (ORDER.includes(r.benchmark) ? ORDER.indexOf(r.benchmark) : 99);
  return i(a) - i(b);
});

const out: string[] = [
  "# Benchmarks",
  "",
  "Written by `npm run bench` (`scripts/bench/all.ts`) from `bench/results/*.json`. Each table is",
  "one benchmark's run: our figures (role `ours`) beside the anchors measured in the same run",
  "(role `baseline`), with the issue's target and whether it was met. The machine has 2 cores",
  "shared with other builds; where a benchmark records its load average, it is shown.",
  "",
];
let missed = 0;
for (const r of results) {
  out.push(`## ${r.benchmark}`, "");
  const load = (r.loadAverage ?? undefined) as { before?: number[]; after?: number[] } | undefined;
  out.push(
    `Measured ${r.measuredAt} on ${r.machine?.cpus ?? "?"} cores, Node ${r.machine?.node ?? "?"}` +
      (load?.before
        ? `; load average ${load.before[0]!.toFixed(1)} before, ${load.after?.[0]?.toFixed(1) ?? "?"} after.`
        : "."),
    "",
    "| what | variant | measured | role | target | met | note |",
    "| --- | --- | ---: | --- | ---: | --- | --- |",
  );
  for (const row of r.rows) {
    const ok = meets(row);
    if (ok === false) missed++;
    out.push(
      `| ${cell(row.group)} | ${cell(row.name)} | ${fmt(row.value)} ${row.unit} | ${row.role} | ${
        row.target === undefined ? "" : `${row.targetIsMin ? "≥" : "≤"} ${fmt(row.target)}`
      } | ${ok === undefined ? "" : ok ? "yes" : "**no**"} | ${cell(row.note ?? "")} |`,
    );
  }
  out.push("");
}
out.splice(7, 0, `${missed} target(s) missed across ${results.length} benchmarks.`, "");
// The hand-written notes (decisions that measurements made) follow the tables, so a rerun
// keeps them: edit bench/results/NOTES.md, never summary.md.
const notes = await readFile(path.join(RESULTS, "NOTES.md"), "utf8").catch(() => undefined);
if (notes) out.push(notes.trimEnd(), "");
await writeFile(path.join(RESULTS, "summary.md"), out.join("\n"));
console.log(
  `wrote bench/results/summary.md (${results.length} benchmarks, ${missed} target(s) missed)`,
);
