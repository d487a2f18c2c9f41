// `npm run bench:web`: the web app's three figures beside baselines measured in the same run,
// on the real stack (Hardhat node, oracle, indexer, production build, Debian Chromium):
//   - JavaScript the first route loads (gzip), beside the same app with its wallet layer up front
//   - time to first data on the fans' page (navigation → first campaign card), beside the raw
//     SQL-over-HTTP round trip of the same query from Node (the floor the page sits on)
//   - an in-browser verification of a TQS epoch of 10,000 submissions, beside the same
//     verification by the CLI (`mesi-oracle verify`), and their ratio
// Prints a table and writes bench/results/web.json. BENCH_SUBMISSIONS changes the epoch size.
import { spawn } from "node:child_process";
import { keccak256, toHex } from "viem";
import { ScoreKind } from "@mesi/abi";
import { createClient, sql } from "@ponder/client";
import { printTable, writeResults, type BenchRow } from "../../scripts/bench/report.ts";
import { gzipBytes, initialFiles, readManifest, walletFiles } from "../e2e/support/bundle.ts";
import { openAs } from "../e2e/support/browser.ts";
import { startStack } from "../e2e/support/stack.ts";
import { ROOT } from "../e2e/support/paths.ts";

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 10_000);
const RUNS = 5;
const rows: BenchRow[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// --- 1. initial JavaScript, from the build's manifest
const manifest = await readManifest();
const initial = await gzipBytes(initialFiles(manifest));
const eager = initial + (await gzipBytes(walletFiles(manifest)));
rows.push(
  {
    group: "initial JS (gzip)",
    name: "first route, wallet layer lazy",
    value: +(initial / 1000).toFixed(1),
    unit: "kB",
    role: "ours",
    target: 250,
  },
  {
    group: "initial JS (gzip)",
    name: "same app, wallet layer (wagmi + RainbowKit) up front",
    value: +(eager / 1000).toFixed(1),
    unit: "kB",
    role: "baseline",
  },
);

const stack = await startStack({ epochSeconds: 20 });
try {
  const { sys } = stack;
  // --- 2. first data on the fans' page: a campaign to show
  const now = await sys.now();
  await sys.mined(
    sys.contracts.campaigns.write.createCampaign(
      [
        {
          metadataURI: "ipfs://bench",
          requiredScopes: 1,
          minTqs: 0,
          capacity: 10,
          joinCap: 10,
          joinStart: now,
          joinEnd: now + 86_400,
          taskEnd: now + 86_400,
          qualityEnd: now + 2 * 86_400,
          drawAt: now + 3 * 86_400,
        },
        [
          {
            kind: 1,
            winners: 1,
            amount: 1n,
            immediateBps: 0,
            cliff: 0,
            duration: 0,
            ref: keccak256(toHex("bench")),
          },
        ],
      ],
      { account: sys.roles.admin },
    ),
  );
  await stack.indexer.synced();
  const page: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const p = await openAs(stack.browser, stack.web.url);
    await p.page.goto("/");
    await p.page.locator('[data-testid^="campaign-"]').first().waitFor();
    page.push(await p.page.evaluate(() => performance.now() / 1000));
    await p.context.close();
  }
  const client = createClient(`${stack.indexer.url}/sql`);
  const raw: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await client.db.execute(sql`SELECT id FROM campaign ORDER BY id DESC LIMIT 50`);
    raw.push((performance.now() - t0) / 1000);
  }
  rows.push(
    {
      group: "first data (fans' page)",
      name: "navigation → first campaign card, cold browser profile, median of 5",
      value: +median(page).toFixed(3),
      unit: "s",
      role: "ours",
      target: 1.5,
    },
    {
      group: "first data (fans' page)",
      name: "the campaigns query over SQL-over-HTTP from Node, median of 5",
      value: +median(raw).toFixed(4),
      unit: "s",
      role: "baseline",
    },
  );

  // --- 3. verification of an epoch of SUBMISSIONS submissions: browser vs CLI
  const epoch = await stack.oracle.openEpochWith(12);
  await stack.platform.submitMany(SUBMISSIONS / 5, 5);
  while (stack.oracle.currentEpoch() <= epoch) await new Promise((r) => setTimeout(r, 250));
  await stack.oracle.runEpoch(epoch);
  if ((await sys.contracts.scoreOracle.read.lastPublishedEpoch([ScoreKind.TQS])) !== epoch)
    throw new Error(`TQS epoch ${epoch} was not published`);
  // The auditors' page lists the epochs the indexer has seen: wait for it to reach the publication.
  await stack.indexer.synced();

  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        "oracle/src/cli/main.ts",
        "verify",
        "--epoch",
        String(epoch),
        "--kind",
        "TQS",
        "--rpc",
        stack.rpcUrl,
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (c) => {
      if (c !== 0) console.error(out);
      resolve(c);
    });
  });
  const cli = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`mesi-oracle verify exited ${code}`);

  const auditor = await openAs(stack.browser, stack.web.url);
  await auditor.page.goto("/auditors");
  const form = auditor.page.getByRole("region", { name: "Verify an epoch in your browser" });
  await form.getByLabel("Epoch").selectOption({ label: `Training Quality Scores, epoch ${epoch}` });
  const t1 = performance.now();
  await form.getByRole("button", { name: "Verify in my browser" }).click();
  await form
    .getByTestId("verify-outcome")
    .getByText(/^Match:/)
    .waitFor({ timeout: 600_000 });
  const browser = (performance.now() - t1) / 1000;
  await auditor.context.close();
  rows.push(
    {
      group: `verification of a TQS epoch (${SUBMISSIONS.toLocaleString("en-US")} submissions)`,
      name: "mesi-oracle verify (CLI, Node, whole process)",
      value: +cli.toFixed(2),
      unit: "s",
      role: "baseline",
    },
    {
      group: `verification of a TQS epoch (${SUBMISSIONS.toLocaleString("en-US")} submissions)`,
      name: "in the browser (click → match, PGlite cold in a fresh profile)",
      value: +browser.toFixed(2),
      unit: "s",
      role: "ours",
    },
    {
      group: `verification of a TQS epoch (${SUBMISSIONS.toLocaleString("en-US")} submissions)`,
      name: "browser ÷ CLI",
      value: +(browser / cli).toFixed(2),
      unit: "×",
      role: "ours",
      target: 3,
    },
  );
} finally {
  await stack.stop();
}

printTable("bench:web", rows);
const file = await writeResults("web", rows, { submissions: SUBMISSIONS, runs: RUNS });
console.log(`wrote ${file}`);
