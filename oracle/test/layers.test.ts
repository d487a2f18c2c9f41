// The oracle's folders form layers: the domain (what is computed) never reaches up into the
// edges (HTTP, CLI, the pipeline that runs it, the chain writer), and no two folders import
// each other, directly or around a loop. A new import that breaks either fails here, naming
// the file and the import.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const SRC = path.join(import.meta.dirname, "..", "src");
/** What everything stands on: helpers and the database. */
const BASE = ["util", "db"];
/** What is computed: pure or database-bound, never HTTP, CLI, scheduling or sending. */
const DOMAIN = [
  "ingest",
  "quality",
  "scoring",
  "review",
  "dataset",
  "merkle",
  "privacy",
  "snapshot",
];
/** The edges that run the domain: none of them may be imported by it. */
const EDGES = ["api", "server", "cli", "pipeline", "publish"];

interface Import {
  file: string;
  from: string;
  to: string;
}

/** A module's part: its top folder under src/, or the file itself at the top. */
const partOf = (rel: string) => rel.split(path.sep)[0]!;

/** Relative imports that leave src/ (the simulator, tests, benchmarks are beside it, not in it). */
const outside: string[] = [];

async function importsOf(dir: string): Promise<Import[]> {
  const out: Import[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = await readFile(file, "utf8");
    for (const m of text.matchAll(
      /(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)"(\.{1,2}\/[^"]+)"/gm,
    )) {
      const target = path.resolve(path.dirname(file), m[1]!);
      if (!target.startsWith(SRC + path.sep)) {
        outside.push(`${path.relative(SRC, file)} imports ${m[1]}`);
        continue;
      }
      out.push({
        file: path.relative(SRC, file),
        from: partOf(path.relative(SRC, file)),
        to: partOf(path.relative(SRC, target)),
      });
    }
  }
  return out;
}

/** A loop of parts (each importing the next, the last the first), or undefined. */
export function findCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "open");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of edges.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

const graph = (pairs: [string, string][]) => {
  const edges = new Map<string, Set<string>>();
  for (const [a, b] of pairs) edges.set(a, (edges.get(a) ?? new Set()).add(b));
  return edges;
};

test("the cycle finder finds a loop around three parts and none in a layered graph", () => {
  assert.deepEqual(
    findCycle(
      graph([
        ["api", "server"],
        ["server", "ingest"],
        ["ingest", "api"],
      ]),
    ),
    ["api", "server", "ingest", "api"],
  );
  assert.equal(
    findCycle(
      graph([
        ["cli", "pipeline"],
        ["pipeline", "scoring"],
        ["cli", "scoring"],
      ]),
    ),
    undefined,
  );
});

test("domain folders never import the HTTP, CLI, pipeline or chain-writing edges", async () => {
  const imports = await importsOf(SRC);
  assert.ok(imports.length > 100, `read ${imports.length} imports`);
  const upward = imports
    .filter((i) => DOMAIN.includes(i.from) && EDGES.includes(i.to))
    .map((i) => `${i.file} imports ${i.to}/`);
  assert.deepEqual(upward, []);
});

test("the product in src/ imports nothing beside it (sim/, test/, bench/)", async () => {
  await importsOf(SRC);
  assert.deepEqual([...new Set(outside)], []);
});

test("the base (util, db) imports nothing of the domain or the edges", async () => {
  const upward = (await importsOf(SRC))
    .filter((i) => BASE.includes(i.from) && !BASE.includes(i.to))
    .map((i) => `${i.file} imports ${i.to}`);
  assert.deepEqual(upward, []);
});

test("no two parts of the oracle import each other, directly or around a loop", async () => {
  const imports = (await importsOf(SRC)).filter((i) => i.from !== i.to);
  const cycle = findCycle(graph(imports.map((i) => [i.from, i.to])));
  const witness = cycle?.slice(1).map((to, k) => {
    const i = imports.find((x) => x.from === cycle[k] && x.to === to)!;
    return `${i.file} → ${to}`;
  });
  assert.equal(cycle, undefined, `import cycle: ${witness?.join("; ")}`);
});
