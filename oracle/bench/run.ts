// `npm run bench:oracle`: the oracle's throughput figures beside the named baselines, in one run.
//   - Merkle tree + every proof for 100,000 score leaves: ours vs @openzeppelin/merkle-tree
//   - HTTP ingestion throughput through the batch endpoint (events/s), 2 cores
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { serve } from "@hono/node-server";
import { keccak256, toHex, type Hex } from "viem";
import { LEAF_ENCODING, ScoreKind, accountSubject, leafValues, type ScoreLeaf } from "@mesi/abi";
import { buildScoreTree } from "../src/merkle/score-tree.ts";
import { openDatabase } from "../src/db/database.ts";
import { createApp } from "../src/server/app.ts";
import { counts } from "../src/ingest/store.ts";
import { CLIENT, post } from "../test/support/client.ts";
import { printTable, writeResults, type BenchRow } from "../../scripts/bench/report.ts";

const rows: BenchRow[] = [];
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

// --- Merkle tree: 100,000 salted GALLERY leaves.
const N = Number(process.env.BENCH_LEAVES ?? 100_000);
const leaves: ScoreLeaf[] = Array.from({ length: N }, (_, i) => ({
  chainId: 31337n,
  scoreOracle: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  kind: ScoreKind.GALLERY,
  epoch: 1n,
  subject: accountSubject(`0x${(i + 1).toString(16).padStart(40, "0")}` as Hex),
  score: BigInt(i * 37 + 1),
  salt: keccak256(toHex(`salt-${i}`)),
}));
console.log(`bench:oracle: tree of ${N.toLocaleString("en-US")} leaves…`);
let t0 = process.hrtime.bigint();
const ours = buildScoreTree(leaves);
ours.allProofs();
const oursS = seconds(t0);
t0 = process.hrtime.bigint();
const oz = StandardMerkleTree.of(
  leaves.map((l) => [...leafValues(l)]),
  [...LEAF_ENCODING],
);
for (let i = 0; i < N; i++) oz.getProof(i);
const ozS = seconds(t0);
if (oz.root !== ours.root) throw new Error(`roots differ: ${ours.root} vs ${oz.root}`);
rows.push({
  group: `tree + all proofs (${N.toLocaleString("en-US")} leaves)`,
  name: "ours (oracle/src/merkle)",
  value: oursS,
  unit: "s",
  role: "ours",
  target: ozS / 5,
  note: "identical root",
});
rows.push({
  group: `tree + all proofs (${N.toLocaleString("en-US")} leaves)`,
  name: "@openzeppelin/merkle-tree StandardMerkleTree",
  value: ozS,
  unit: "s",
  role: "baseline",
});
rows.push({
  group: `tree + all proofs (${N.toLocaleString("en-US")} leaves)`,
  name: "speed-up",
  value: ozS / oursS,
  unit: "×",
  role: "ours",
  target: 5,
  targetIsMin: true,
});

// --- Ingestion over HTTP: batches of 1,000 events from 4 concurrent clients.
const database = await openDatabase();
const app = createApp({ database, clients: [CLIENT], currentEpoch: () => 1n });
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((r) => server.once("listening", r));
const { port } = server.address() as { port: number };
const fetcher = (path: string, init: RequestInit) => fetch(`http://127.0.0.1:${port}${path}`, init);
const BATCH = 1_000;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const batch = (b: number) => ({
  events: Array.from({ length: BATCH }, (_, i) => ({
    id: `bench-${b}-${i}`,
    kind: "view",
    actor: `0x${(((b * BATCH + i) % 5000) + 1).toString(16).padStart(40, "0")}`,
    collection: "0x00000000000000000000000000000000000000e1",
    tokenId: String(i % 300),
    durationMs: 1_000 + i,
    occurredAt: "2026-11-24T10:00:00Z",
  })),
});
console.log(`bench:oracle: ingesting ${(BATCH * BATCHES).toLocaleString("en-US")} events…`);
t0 = process.hrtime.bigint();
let next = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next < BATCHES) {
      const b = next++;
      const r = await post(fetcher, "/v1/events", batch(b));
      if (r.status !== 201) throw new Error(`batch ${b}: HTTP ${r.status} ${await r.text()}`);
      if (b % 10 === 9) console.log(`  ${((b + 1) * BATCH).toLocaleString("en-US")} events`);
    }
  }),
);
const ingestS = seconds(t0);
const stored = (await counts(database.db)).events;
if (stored !== BATCH * BATCHES) throw new Error(`stored ${stored} of ${BATCH * BATCHES}`);
rows.push({
  group: "ingestion over HTTP (batch endpoint, PGlite)",
  name: `${BATCHES} batches × ${BATCH} events, 4 clients`,
  value: Math.round(stored / ingestS),
  unit: "events/s",
  role: "ours",
  target: 20_000,
  targetIsMin: true,
});
server.close();
await database.close();

printTable("Oracle", rows);
console.log(`wrote ${await writeResults("oracle", rows)}`.replace(process.cwd() + "/", ""));
