// `npm run bench:indexer`: events indexed per second from a cold start, over ≥ 50,000 events of
// the project's own contracts on a Hardhat node (test/support/workload.ts), on embedded PGlite
// and on a real PostgreSQL server, beside a baseline measured in the same run on the same
// chain: a one-table Ponder app that only upserts Transfer events (indexer/bench/baseline).
// A cold start is a fresh database (no RPC cache) and a fresh process; the clock runs from
// the spawn until the indexer serves the chain's head. Prints a table and writes
// bench/results/indexer.json.
//
//   npm run bench:indexer -- [--participants 1500] [--campaigns 6] [--sales 60] [--min-events N]
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createClient, sum } from "@ponder/client";
import { toHex, type Address } from "viem";
import { mine, rpc, startHardhatNode } from "../../test/support/chain.ts";
import { deploySystem } from "../../test/support/deploy.ts";
import { startPostgres } from "../../test/support/postgres.ts";
import { connectSystem } from "../../test/support/system.ts";
import { generateWorkload } from "../../test/support/workload.ts";
import { removeDataDir, startIndexer } from "../test/support/indexer.ts";
import * as baselineSchema from "./baseline/ponder.schema.ts";

const { values } = parseArgs({
  options: {
    participants: { type: "string", default: "1500" },
    campaigns: { type: "string", default: "6" },
    sales: { type: "string", default: "60" },
    // A smaller chain only for trying the benchmark itself out; results need ≥ 50,000.
    "min-events": { type: "string", default: "50000" },
  },
});
const MIN_EVENTS = Number(values["min-events"]);
const TARGET_EVENTS_PER_S = 3_000;
const TARGET_RATIO = 0.5;
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BASELINE = path.resolve(import.meta.dirname, "baseline");
const log = (line: string) => console.log(`[bench:indexer] ${line}`);

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
const loadAtStart = load();
const chain = await startHardhatNode();
try {
  // The chain: a deployment and the workload, then 40 empty blocks so every event is final
  // (Ponder indexes the last 30 blocks of chain 31337 block by block, as live blocks).
  const deployment = await deploySystem(chain.url);
  const sys = await connectSystem(chain.url, deployment);
  const started = Date.now();
  const made = await generateWorkload(sys, {
    participants: Number(values.participants),
    campaigns: Number(values.campaigns),
    salesPerCampaign: Number(values.sales),
    progress: log,
  });
  await mine(chain.url, 40);
  const head = await sys.publicClient.getBlockNumber({ cacheTime: 0 });

  // What each app has to index, counted from the raw logs.
  const ours: Address[] = Object.values(deployment.contracts);
  const tokens: Address[] = [
    deployment.contracts.MesiToken,
    deployment.contracts.Ticket,
    deployment.contracts.GalleryCollection,
  ];
  let events = 0;
  let transfers = 0;
  const TRANSFER = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
  const isToken = (a: string) => tokens.some((t) => t.toLowerCase() === a.toLowerCase());
  // Small ranges: a busy block carries thousands of logs (viem caps a response at 10 MB).
  for (let from = 0n; from <= head; from += 20n) {
    const logs = await rpc<{ address: string; topics: string[] }[]>(chain.url, "eth_getLogs", [
      {
        address: ours,
        fromBlock: toHex(from),
        toBlock: toHex(from + 19n > head ? head : from + 19n),
      },
    ]);
    events += logs.length;
    transfers += logs.filter((l) => isToken(l.address) && l.topics[0] === TRANSFER).length;
  }
  log(
    `chain: ${events} events (${transfers} Transfer) in ${made.txs} transactions, ${head} blocks, generated in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (events < MIN_EVENTS)
    throw new Error(`only ${events} events: raise --participants or --campaigns (≥ ${MIN_EVENTS})`);

  interface Run {
    seconds: number;
    backfillSeconds: number;
  }
  /** One cold start of an app on a fresh database; checks what it indexed. */
  async function coldStart(app: "ours" | "baseline", db: "PGlite" | "PostgreSQL"): Promise<Run> {
    const server = db === "PostgreSQL" ? await startPostgres() : undefined;
    const t0 = performance.now();
    const idx = await startIndexer({
      chainUrl: chain.url,
      deployment,
      root: app === "baseline" ? BASELINE : undefined,
      databaseUrl: server?.url,
    });
    try {
      await idx.synced(head, 900_000);
      const seconds = (performance.now() - t0) / 1000;
      const done = idx
        .lines()
        .find((l) => l.msg === "Completed backfill indexing across all chains");
      if (app === "ours") {
        const stats = await idx.get<{ campaigns: { joined: number }[] }>("/stats/campaigns");
        const joined = stats.campaigns.reduce((a, c) => a + c.joined, 0);
        if (joined !== Number(values.participants) * Number(values.campaigns))
          throw new Error(`ours indexed ${joined} joins`);
      } else {
        const client = createClient(`${idx.url}/sql`, { schema: baselineSchema });
        const [row] = await client.db
          .select({ n: sum(baselineSchema.received.transfers) })
          .from(baselineSchema.received);
        if (Number(row?.n) !== transfers) throw new Error(`baseline indexed ${row?.n} transfers`);
      }
      log(`${db} ${app}: ${seconds.toFixed(1)} s (load ${load()})`);
      if (typeof done?.duration !== "number")
        throw new Error(`${db} ${app}: Ponder logged no backfill duration`);
      return { seconds, backfillSeconds: done.duration / 1000 };
    } finally {
      await idx.stop();
      removeDataDir(idx.dataDir);
      server?.stop();
    }
  }

  const rows: Record<string, unknown>[] = [];
  for (const db of ["PGlite", "PostgreSQL"] as const) {
    const mine = await coldStart("ours", db);
    const base = await coldStart("baseline", db);
    // "From a cold start" = an empty database: the rate is Ponder's own backfill (every handler,
    // every table write) timed from its start to the head. Process start (Ponder's build, the
    // database's initialisation) is a fixed cost per run, reported in its own rows, not a rate.
    const oursRate = events / mine.backfillSeconds;
    const baseRate = transfers / base.backfillSeconds;
    rows.push(
      {
        group: db,
        name: "indexer, real handlers (every event of the 12 contracts)",
        value: Math.round(oursRate),
        unit: "events/s",
        role: "ours",
        ...(db === "PGlite" ? { target: TARGET_EVENTS_PER_S, targetIsMin: true } : {}),
        note: `${events} events, backfill ${mine.backfillSeconds.toFixed(1)} s from an empty database`,
      },
      {
        group: db,
        name: "baseline: one table, one upsert per Transfer",
        value: Math.round(baseRate),
        unit: "events/s",
        role: "baseline",
        note: `${transfers} Transfer events, backfill ${base.backfillSeconds.toFixed(1)} s`,
      },
      {
        group: db,
        name: "ours ÷ baseline",
        value: Number((oursRate / baseRate).toFixed(3)),
        unit: "×",
        role: "ours",
        target: TARGET_RATIO,
        targetIsMin: true,
      },
      {
        group: db,
        name: "indexer, spawn to head (process start included)",
        value: Number(mine.seconds.toFixed(1)),
        unit: "s",
        role: "ours",
        note: `${(mine.seconds - mine.backfillSeconds).toFixed(1)} s of it before the backfill starts`,
      },
      {
        group: db,
        name: "baseline, spawn to head (process start included)",
        value: Number(base.seconds.toFixed(1)),
        unit: "s",
        role: "baseline",
      },
    );
  }

  const loadAtEnd = load();
  console.log("");
  console.log(
    `${"group".padEnd(11)} ${"name".padEnd(56)} ${"value".padStart(8)} ${"unit".padEnd(8)} target`,
  );
  for (const r of rows)
    console.log(
      `${String(r.group).padEnd(11)} ${String(r.name).padEnd(56)} ${String(r.value).padStart(8)} ${String(r.unit).padEnd(8)} ${r.target === undefined ? "" : `≥ ${r.target}`}`,
    );
  console.log(`load average (1/5/15 min): ${loadAtStart} at start, ${loadAtEnd} at the end`);
  const out = path.join(ROOT, "bench", "results", "indexer.json");
  writeFileSync(
    out,
    JSON.stringify(
      {
        benchmark: "indexer",
        measuredAt: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          node: process.version,
          platform: process.platform,
          loadAverage: { atStart: loadAtStart, atEnd: loadAtEnd },
        },
        chain: {
          events,
          transfers,
          transactions: made.txs,
          blocks: Number(head),
          participants: Number(values.participants),
          campaigns: Number(values.campaigns),
        },
        rows,
      },
      null,
      2,
    ) + "\n",
  );
  log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  chain.stop();
}
