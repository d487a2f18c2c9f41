// Shared by every benchmark: rows, the printed table and the JSON under bench/results/.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import os from "node:os";

/** One measurement. `value` is gas for gas benches, a rate or a duration otherwise. */
export interface BenchRow {
  /** What is measured, e.g. "placeholder mint". */
  group: string;
  /** The variant, e.g. "Ticket batch=100" or "OpenZeppelin ERC721 _mint". */
  name: string;
  value: number;
  unit: string;
  /** "ours" for the project's code, "baseline" for an anchor measured in the same run. */
  role: "ours" | "baseline";
  /** An upper (or, with `targetIsMin`, lower) bound the issue sets, if any. */
  target?: number;
  targetIsMin?: boolean;
  note?: string;
  /** The value before a change under review (e.g. issue 8's fixes), and value − before. */
  before?: number;
  change?: number;
}

export const meets = (r: BenchRow): boolean | undefined =>
  r.target === undefined ? undefined : r.targetIsMin ? r.value >= r.target : r.value <= r.target;

const fmt = (n: number): string =>
  Number.isInteger(n)
    ? n.toLocaleString("en-US")
    : n.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** Prints the rows as an aligned table grouped by `group`. */
export function printTable(title: string, rows: readonly BenchRow[]): void {
  const cells = rows.map((r) => {
    const ok = meets(r);
    return [
      r.group,
      r.name,
      `${fmt(r.value)} ${r.unit}`,
      r.role,
      r.target === undefined
        ? ""
        : `${r.targetIsMin ? "≥" : "≤"} ${fmt(r.target)} ${ok ? "✔" : "✘"}`,
      r.note ?? "",
    ];
  });
  const head = ["what", "variant", "measured", "role", "target", "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  console.log(`\n${title}\n`);
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  let last = "";
  for (const c of cells) {
    if (last && c[0] !== last) console.log("");
    last = c[0]!;
    console.log(line(c));
  }
  const missed = rows.filter((r) => meets(r) === false);
  console.log(`\n${rows.length} rows, ${missed.length} target(s) missed\n`);
}

/** Writes bench/results/<name>.json with the rows and the machine they ran on. */
export async function writeResults(
  name: string,
  rows: readonly BenchRow[],
  extra: object = {},
): Promise<string> {
  const dir = path.resolve(import.meta.dirname, "..", "..", "bench", "results");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const doc = {
    benchmark: name,
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
    ...extra,
    rows,
  };
  await writeFile(file, JSON.stringify(doc, null, 2) + "\n");
  return file;
}
