// `npm run bench:scale`: one epoch at a real platform's volume on a local PostgreSQL server:
// the simulator's 10,000,000 events from 1,000,000 users go through the oracle's batch endpoint
// (the `serve` process), are scored and committed (the epoch's dataset and its three trees, as
// run-epoch does), and the auditor's verify streams the dataset back and recomputes it. Each
// stage runs in a process of its own, so its peak RSS is its own (VmHWM, sampled every 250 ms).
// Targets (issue 12): the epoch ≤ 5 min end to end, each process ≤ 4 GB, verify ≤ 2 × scoring.
// The machine is shared: the load average before and after is recorded beside the figures.
// SCALE_EVENTS / SCALE_USERS shrink it for a try-out.
import { spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { startPostgres } from "../../test/support/postgres.ts";
import { freePort } from "../../test/support/process.ts";
import { printTable, writeResults, type BenchRow } from "../../scripts/bench/report.ts";

const EVENTS = Number(process.env.SCALE_EVENTS ?? 10_000_000);
const USERS = Number(process.env.SCALE_USERS ?? 1_000_000);
const NFTS = Number(process.env.SCALE_NFTS ?? 100_000);
const GALLERIES = Number(process.env.SCALE_GALLERIES ?? 10_000);
const COLLECTION = "0x00000000000000000000000000000000000000e1";
const CLIENT = { id: "bench", secret: "bench-secret-0123456789", ratePerSecond: 1e6, burst: 1e6 };
const HERE = import.meta.dirname;
const CLI = path.join(HERE, "..", "src", "cli", "main.ts");
const n = (x: number) => x.toLocaleString("en-US");

/** A child process (node) with its peak RSS sampled from /proc while it runs. */
function run(args: string[], env: Record<string, string> = {}, onLine?: (l: string) => void) {
  // SCALE_PROFILE=DIR writes a CPU profile of every stage there (where the time goes).
  const profile = process.env.SCALE_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.SCALE_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on("line", (l) => {
    lines.push(l);
    onLine?.(l);
  });
  let peakKb = 0;
  const sample = async () => {
    try {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8");
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      if (kb > peakKb) peakKb = kb;
    } catch {
      /* exited between samples */
    }
  };
  const timer = setInterval(sample, 250);
  const exited = new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearInterval(timer);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
  return {
    child,
    lines,
    sample,
    peakMb: () => peakKb / 1024,
    async done(what: string): Promise<string[]> {
      const code = await exited;
      if (code !== 0) throw new Error(`${what} exited with ${code}\n${lines.slice(-5).join("\n")}`);
      return lines;
    },
    exited,
  };
}

const lastJson = <T>(lines: string[]): T => JSON.parse(lines.at(-1)!) as T;
const seconds = (t0: number) => (performance.now() - t0) / 1000;

const loadBefore = os.loadavg();
console.log(
  `bench:scale: ${n(EVENTS)} events from ${n(USERS)} users on ${n(NFTS)} NFTs in ${n(GALLERIES)} galleries (load ${loadBefore.map((l) => l.toFixed(1)).join(" ")})`,
);
const server = await startPostgres();
const work = await mkdtemp(path.join(os.tmpdir(), "mesi-scale-"));
const rows: BenchRow[] = [];
try {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  for (const db of ["oracle", "verify"]) {
    await admin.query(`CREATE DATABASE ${db}`);
    // Whole-epoch aggregations sort and hash millions of rows: give them memory (docs/DEPLOY.md).
    await admin.query(`ALTER DATABASE ${db} SET work_mem = '256MB'`);
  }
  await admin.end();
  const urlOf = (db: string) => server.url.replace(/\/postgres$/, `/${db}`);

  // --- ingest: the oracle's serve process, the platform posting through its batch endpoint.
  const port = await freePort();
  const oracleUrl = `http://127.0.0.1:${port}`;
  const serve = run([CLI, "serve"], {
    DATABASE_URL: urlOf("oracle"),
    ORACLE_PORT: String(port),
    ORACLE_CLIENTS: JSON.stringify([CLIENT]),
    ORACLE_DATASET_DIR: path.join(work, "served"),
    EPOCH_GENESIS: String(Math.floor(Date.now() / 1000) - 60),
    EPOCH_SECONDS: String(7 * 86_400),
    // No chain here: consent gates task submissions only, and this epoch has none.
    ORACLE_CONSENT: "off",
  });
  for (let i = 0; ; i++) {
    if (serve.lines.some((l) => l.includes('"msg":"listening"'))) break;
    if (serve.child.exitCode !== null) throw new Error(`serve exited: ${serve.lines.join("\n")}`);
    if (i > 1200) throw new Error("serve did not start in 10 min");
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`bench:scale: ingesting through ${oracleUrl}/v1/events …`);
  const t0 = performance.now();
  const loader = run(
    [
      path.join(HERE, "scale-load.ts"),
      `--url=${oracleUrl}`,
      `--events=${EVENTS}`,
      `--users=${USERS}`,
      `--nfts=${NFTS}`,
      `--galleries=${GALLERIES}`,
      `--collection=${COLLECTION}`,
      `--client=${JSON.stringify(CLIENT)}`,
    ],
    {},
    (l) => console.log(`  ${l}`),
  );
  const loaded = lastJson<{ events: number; users: number; s: number }>(
    await loader.done("the load generator"),
  );
  const ingestS = seconds(t0);
  await serve.sample();
  const servePeak = serve.peakMb();
  serve.child.kill("SIGTERM");
  await serve.exited;

  // The chain's word at close, as the snapshots store it (no chain here): every NFT's gallery
  // and creator, every creator's gallery, and a holdings snapshot of every fan.
  const oracleDb = new pg.Client({ connectionString: urlOf("oracle") });
  await oracleDb.connect();
  await oracleDb.query(`
    INSERT INTO nft_creators (epoch, collection, token_id, gallery_id, creator)
    SELECT 1, '${COLLECTION}', t, 1 + (t - 1) % ${GALLERIES},
           '0x' || lpad(to_hex(49152 + (t - 1) % ${GALLERIES}), 40, '0')
    FROM generate_series(1, ${NFTS}) AS t`);
  await oracleDb.query(`
    INSERT INTO gallery_creators (epoch, creator, gallery_id)
    SELECT 1, '0x' || lpad(to_hex(49152 + g), 40, '0'), g + 1 FROM generate_series(0, ${GALLERIES - 1}) AS g`);
  await oracleDb.query(`
    INSERT INTO holdings_snapshot (epoch, account, tickets, mesi_wei)
    SELECT 1, '0x' || lpad(to_hex(u), 40, '0'), u % 3, (u % 500)::numeric * 1000000000000000000
    FROM generate_series(1, ${USERS}) AS u`);
  await oracleDb.query("ANALYZE");
  await oracleDb.end();

  // --- score + commit: the epoch process.
  console.log("bench:scale: scoring and committing the epoch …");
  const storeDir = path.join(work, "datasets");
  const epoch = run([path.join(HERE, "scale-epoch.ts"), urlOf("oracle"), storeDir, COLLECTION]);
  const committed = lastJson<{
    scoreS: number;
    commitS: number;
    hash: `0x${string}`;
    roots: Record<string, string>;
    leafCounts: Record<string, number>;
    bytes: number;
  }>(await epoch.done("the epoch"));
  const endToEnd = ingestS + committed.scoreS + committed.commitS;
  const file = path.join(storeDir, `${committed.hash}.jsonl`);

  // --- verify: the auditor streams the dataset back into an empty database.
  console.log("bench:scale: verifying …");
  const verify = run([
    path.join(HERE, "scale-verify.ts"),
    urlOf("verify"),
    file,
    JSON.stringify(committed.roots),
    committed.hash,
  ]);
  const verified = lastJson<{ ok: boolean; s: number }>(await verify.done("verify"));
  if (!verified.ok) throw new Error(`verify FAILED: ${verify.lines.at(-1)}`);

  // --- anchor: PostgreSQL alone loading the dataset's bytes (one text column, no parsing).
  await chmod(work, 0o755);
  await chmod(storeDir, 0o755);
  await chmod(file, 0o644);
  const anchorDb = new pg.Client({ connectionString: urlOf("verify") });
  await anchorDb.connect();
  await anchorDb.query("CREATE TABLE raw_lines (line text)");
  const tc = performance.now();
  await anchorDb.query(`COPY raw_lines (line) FROM '${file}' WITH (FORMAT text)`);
  const copyS = seconds(tc);
  await anchorDb.end();

  const loadAfter = os.loadavg();
  const group = `one epoch: ${n(loaded.events)} events from ${n(loaded.users)} users (PostgreSQL, ${os.cpus().length} cores)`;
  const loadNote = `load average ${loadBefore[0]!.toFixed(1)} before, ${loadAfter[0]!.toFixed(1)} after (shared machine)`;
  rows.push(
    { group, name: "ingest (HTTP batch endpoint, serve)", value: ingestS, unit: "s", role: "ours" },
    {
      group,
      name: "ingest rate",
      value: Math.round(loaded.events / ingestS),
      unit: "events/s",
      role: "ours",
    },
    { group, name: "score (engagement SQL)", value: committed.scoreS, unit: "s", role: "ours" },
    {
      group,
      name: "commit (dataset streamed to the store + USER, NFT, GALLERY trees)",
      value: committed.commitS,
      unit: "s",
      role: "ours",
    },
    {
      group,
      name: "epoch end to end",
      value: endToEnd,
      unit: "s",
      role: "ours",
      target: 300,
      note: loadNote,
    },
    {
      group,
      name: "verify (stream, validate, load, recompute, 3 trees)",
      value: verified.s,
      unit: "s",
      role: "ours",
      target: 2 * committed.scoreS,
      note: "target: 2 × scoring",
    },
    {
      group,
      name: "peak RSS oracle serve (ingestion)",
      value: servePeak,
      unit: "MB",
      role: "ours",
      target: 4096,
    },
    {
      group,
      name: "peak RSS oracle epoch (score + commit)",
      value: epoch.peakMb(),
      unit: "MB",
      role: "ours",
      target: 4096,
    },
    {
      group,
      name: "peak RSS verify",
      value: verify.peakMb(),
      unit: "MB",
      role: "ours",
      target: 4096,
    },
    { group, name: "dataset size", value: committed.bytes / 2 ** 20, unit: "MB", role: "ours" },
    {
      group,
      name: "leaves (USER / NFT / GALLERY)",
      value: committed.leafCounts.USER! + committed.leafCounts.NFT! + committed.leafCounts.GALLERY!,
      unit: "leaves",
      role: "ours",
      note: `${n(committed.leafCounts.USER!)} / ${n(committed.leafCounts.NFT!)} / ${n(committed.leafCounts.GALLERY!)}`,
    },
    {
      group,
      name: "PostgreSQL COPY of the dataset file (one text column)",
      value: copyS,
      unit: "s",
      role: "baseline",
      note: "the floor of loading these bytes, no parsing or validation",
    },
    { group, name: "load average (1 min) before", value: loadBefore[0]!, unit: "", role: "ours" },
    { group, name: "load average (1 min) after", value: loadAfter[0]!, unit: "", role: "ours" },
  );
} finally {
  server.stop();
  await rm(work, { recursive: true, force: true });
}
printTable("Scale", rows);
console.log(
  `wrote ${await writeResults("scale", rows, { loadAverage: { before: loadBefore, after: os.loadavg() } })}`.replace(
    process.cwd() + "/",
    "",
  ),
);
