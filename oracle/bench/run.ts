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
import { computeEngagement } from "../src/scoring/engagement.ts";
import { ENGAGEMENT_WEIGHTS } from "../src/scoring/weights.ts";
import { sql } from "kysely";
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

// --- Ingestion over HTTP: batches of 1,000 signed events from 4 concurrent clients, through
// the whole gate (HMAC, rate limit, JSON, zod, payload hash, idempotent store). PGlite is the
// target; with DATABASE_URL set, the same run against that PostgreSQL server is an extra row.
const BATCH = 1_000;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
async function ingestionRate(url: string | undefined): Promise<number> {
  const database = await openDatabase({ url });
  const app = createApp({ database, clients: [CLIENT], currentEpoch: () => 1n });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as { port: number };
  const fetcher = (path: string, init: RequestInit) =>
    fetch(`http://127.0.0.1:${port}${path}`, init);
  // A server may hold earlier runs' rows: this run's ids are its own.
  const run = `bench-${Date.now().toString(36)}`;
  const batch = (b: number) => ({
    events: Array.from({ length: BATCH }, (_, i) => ({
      id: `${run}-${b}-${i}`,
      kind: "view",
      actor: `0x${(((b * BATCH + i) % 5000) + 1).toString(16).padStart(40, "0")}`,
      collection: "0x00000000000000000000000000000000000000e1",
      tokenId: String(i % 300),
      durationMs: 1_000 + i,
      occurredAt: "2026-11-24T10:00:00Z",
    })),
  });
  console.log(
    `bench:oracle: ingesting ${(BATCH * BATCHES).toLocaleString("en-US")} events (${database.engine})…`,
  );
  const t0 = process.hrtime.bigint();
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
  const s = seconds(t0);
  const stored = await sql<{ n: string }>`
    SELECT count(*) AS n FROM activity_events WHERE id LIKE ${run + "-%"}`.execute(database.db);
  const n = Number(stored.rows[0]!.n);
  if (n !== BATCH * BATCHES) throw new Error(`stored ${n} of ${BATCH * BATCHES}`);
  server.close();
  await database.close();
  return Math.round(n / s);
}
rows.push({
  group: "ingestion over HTTP (batch endpoint, PGlite)",
  name: `${BATCHES} batches × ${BATCH} events, 4 clients`,
  value: await ingestionRate(undefined),
  unit: "events/s",
  role: "ours",
  target: 20_000,
  targetIsMin: true,
});
if (process.env.DATABASE_URL) {
  rows.push({
    group: "ingestion over HTTP (batch endpoint, PostgreSQL via DATABASE_URL)",
    name: `${BATCHES} batches × ${BATCH} events, 4 clients`,
    value: await ingestionRate(process.env.DATABASE_URL),
    unit: "events/s",
    role: "ours",
    note: "extra row: a local server",
  });
}

// --- Scoring: 1,000,000 events over 100,000 users, 10,000 NFTs and 1,000 galleries (PGlite).
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const scoringDb = await openDatabase();
console.log(`bench:oracle: generating ${EVENTS.toLocaleString("en-US")} events in the database…`);
// Synthesised in SQL: the bench measures scoring, not loading.
await sql`
  INSERT INTO activity_events (id, client_id, epoch, kind, actor, collection, token_id, creator, duration_ms, amount_wei, occurred_at, payload_hash)
  SELECT 'b' || i, 'bench', 1,
         (ARRAY['view','view','view','like','share','comment','tip'])[1 + i % 7],
         '0x' || lpad(to_hex(1 + (i * 7919) % 100000), 40, '0'),
         '0x00000000000000000000000000000000000000e1', (i * 104729) % 10000,
         '0x' || lpad(to_hex(1 + ((i * 104729) % 10000) % 1000), 40, 'c'),
         (i % 600) * 1000, CASE WHEN i % 7 = 6 THEN 1000000000000000000 ELSE 0 END,
         now(), 'h'
  FROM generate_series(1::bigint, ${EVENTS}::bigint) AS i`.execute(scoringDb.db);
// The chain's gallery collection as the snapshot stores it: token t is in gallery 1 + t % 1000.
await sql`
  INSERT INTO nft_creators (epoch, collection, token_id, gallery_id, creator)
  SELECT 1, '0x00000000000000000000000000000000000000e1', t, 1 + t % 1000,
         '0x' || lpad(to_hex(1 + t % 1000), 40, 'c')
  FROM generate_series(0, 9999) AS t`.execute(scoringDb.db);
await sql`
  INSERT INTO holdings_snapshot (epoch, account, tickets, mesi_wei)
  SELECT 1, '0x' || lpad(to_hex(u), 40, '0'), u % 3, (u % 500)::numeric * 1000000000000000000
  FROM generate_series(1, 100000) AS u`.execute(scoringDb.db);
console.log("bench:oracle: scoring…");
t0 = process.hrtime.bigint();
await computeEngagement(
  scoringDb.db,
  1n,
  ENGAGEMENT_WEIGHTS,
  "0x00000000000000000000000000000000000000e1",
);
const scoringS = seconds(t0);
const scored = await sql<{ users: string; nfts: string; galleries: string }>`
  SELECT (SELECT count(*) FROM user_scores) AS users, (SELECT count(*) FROM nft_scores) AS nfts,
         (SELECT count(*) FROM gallery_scores) AS galleries`.execute(scoringDb.db);
await scoringDb.close();
const sc = scored.rows[0]!;
rows.push({
  group: "scoring (engagement SQL, PGlite)",
  name: `${EVENTS.toLocaleString("en-US")} events → ${Number(sc.users).toLocaleString("en-US")} users, ${Number(sc.nfts).toLocaleString("en-US")} NFTs, ${Number(sc.galleries).toLocaleString("en-US")} galleries`,
  value: scoringS,
  unit: "s",
  role: "ours",
  target: 30,
});

printTable("Oracle", rows);
console.log(`wrote ${await writeResults("oracle", rows)}`.replace(process.cwd() + "/", ""));
