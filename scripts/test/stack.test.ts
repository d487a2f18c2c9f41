// The README's main command as a new user runs it: `bash scripts/stack.sh` on free ports, once,
// then, in order: the demo epoch verified and the URLs, accounts and next steps printed; the demo
// campaign served by the indexer and shown by the web app in headless Chromium; its draw seeded
// by the oracle's seed job once it closes; the Train2Earn story through the running stack
// (story.ts); the engagement example scored 500 on one NFT, its revenue pool opened by the
// oracle's pool job and claimed by the creator; an auditor's `verify` passing for every epoch
// the oracle published; and Ctrl-C stopping every process it started. A busy port is refused by
// name before anything starts.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  parseEther,
  toHex,
  zeroHash,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  ScoreKind,
  commitRevealRandomnessAbi,
  deploymentOn,
  galleryCollectionAbi,
  mesiTokenAbi,
  prizeDrawAbi,
  revenueDistributorAbi,
  scoreOracleAbi,
} from "@mesi/abi";
import { leafLinesOf, leavesOf, parseLines } from "../../oracle/src/dataset/lines.ts";
import { buildScoreTree } from "../../oracle/src/merkle/score-tree.ts";
import { DEV_CLIENT } from "../../oracle/src/config.ts";
import { signedHeaders } from "../../oracle/src/ingest/auth.ts";
import { freePort, waitFor } from "../../test/support/net.ts";
import { launchBrowser } from "../../web/e2e/support/browser.ts";
import { runStory } from "./story.ts";

/** Hardhat's public development key #0 (the local admin and treasury). */
const DEV_KEY_0: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const EPOCH_SECONDS = 30;
/** The stack's default reviewer key (ORACLE_REVIEWER_KEYS in .env.example). */
const REVIEWER_KEY = "local-reviewer-key-0000";
const GENESIS = Math.floor(Date.now() / 1000);

/** A POST signed like the platform's (the stack's local development client). */
const signedPost = (base: string, route: string, body: unknown) => {
  const raw = JSON.stringify(body);
  return fetch(`${base}${route}`, {
    method: "POST",
    headers: signedHeaders(DEV_CLIENT, route, raw),
    body: raw,
  });
};

const run_ = promisify(execFile);

const rpcCall = (url: string, method: string, params: unknown[]) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const STACK = path.join(ROOT, "scripts", "stack.sh");

/** Processes whose environment carries `marker` (every process the stack started inherits it). */
async function carrying(marker: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir("/proc")).filter((d) => /^\d+$/.test(d))) {
    try {
      const env = await readFile(`/proc/${pid}/environ`, "utf8");
      if (env.includes(marker))
        found.push(
          `${pid} ${(await readFile(`/proc/${pid}/cmdline`, "utf8")).replace(/\0/g, " ")}`,
        );
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

function runStack(env: Record<string, string>) {
  const child = spawn("bash", [STACK], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

test("a busy port is named with the variable that moves it, before anything starts", async () => {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const port = (server.address() as { port: number }).port;
  try {
    const run = runStack({ ORACLE_PORT: String(port), RPC_PORT: String(await freePort()) });
    const { code } = await run.exited;
    assert.equal(code, 1);
    assert.match(
      run.output(),
      new RegExp(`port ${port} \\(oracle\\) is already in use.*ORACLE_PORT`),
    );
    assert.doesNotMatch(run.output(), /==> \[1\//, "nothing started");
  } finally {
    server.close();
  }
});

describe("the README's main command (scripts/stack.sh) on free ports", () => {
  const marker = `MESI_STACK_TEST=${randomBytes(8).toString("hex")}`;
  let rpc = 0;
  let oracle = 0;
  let indexer = 0;
  let web = 0;
  let run: ReturnType<typeof runStack>;
  // Set once the stack is up (its deployment is recorded in @mesi/abi then).
  let chain = "";
  let client: PublicClient;
  let deployment: NonNullable<ReturnType<typeof deploymentOn>>["contracts"];

  before(async () => {
    [rpc, oracle, indexer, web] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    run = runStack({
      [marker.split("=")[0]!]: marker.split("=")[1]!,
      RPC_PORT: String(rpc),
      ORACLE_PORT: String(oracle),
      INDEXER_PORT: String(indexer),
      WEB_PORT: String(web),
      MESI_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), "mesi-stack-")),
      EPOCH_SECONDS: String(EPOCH_SECONDS),
      EPOCH_GENESIS: String(GENESIS),
      DEMO_USERS: "40",
    });
    await waitFor(
      async () => (run.output().includes("Ctrl-C stops everything") ? true : undefined),
      {
        what: "the stack",
        timeoutMs: 15 * 60_000,
        child: run.child,
        context: () => run.output().slice(-3000),
        intervalMs: 1000,
      },
    );
    chain = `http://127.0.0.1:${rpc}`;
    client = createPublicClient({ transport: http(chain) });
    deployment = deploymentOn(31337)!.contracts;
  });
  // Whatever failed, nothing the stack started outlives the test run.
  after(async () => {
    if (run && run.child.exitCode === null && run.child.signalCode === null) {
      run.child.kill("SIGINT");
      await run.exited;
    }
  });

  test("it verifies the demo epoch and prints the URLs, the demo accounts and what to do next", async () => {
    const out = run.output();
    assert.match(out, /PASS: every score recomputes and every root matches the chain/);
    for (const port of [rpc, oracle, indexer, web]) {
      const url = `127.0.0.1:${port}`;
      assert.ok(out.includes(url), `prints ${url}`);
    }
    assert.match(out, new RegExp(`open http://127\\.0\\.0\\.1:${web}, import a demo account`));
    assert.match(out, /#0 admin.*0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266  key 0xac09/);
    assert.match(out, /auditor key\s+local-auditor-key-0000/);
    assert.match(out, /verify --epoch \d+/);
    assert.match(out, /prove --dataset \S+\.jsonl --kind TQS --account 0x[0-9a-f]{40}/);
  });

  test("the indexer serves the demo campaign and the web app shows it in headless Chromium", async () => {
    // The indexer serves the demo campaign with its four reward tiers, one of each kind.
    const campaign = await waitFor(
      async () => {
        const r = await fetch(`http://127.0.0.1:${indexer}/stats/campaigns/1`);
        return r.ok
          ? (
              (await r.json()) as {
                campaign: { capacity: number; winnersByTier: { kind: string }[] };
              }
            ).campaign
          : undefined;
      },
      { what: "the demo campaign in the indexer", timeoutMs: 120_000 },
    );
    assert.equal(campaign.capacity, 50);
    assert.equal(
      new Set(campaign.winnersByTier.map((t) => t.kind)).size,
      4,
      JSON.stringify(campaign),
    );
    // The web app's production build, served by the stack, shows that campaign in Chromium: its
    // card as the page renders it from the indexer (capacity and join cap of scripts/demo-campaign.ts).
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(e.message));
      await page.goto(`http://127.0.0.1:${web}/`);
      const card = page.getByTestId("campaign-1");
      await card.waitFor({ timeout: 120_000 });
      assert.match(await card.locator("h3").innerText(), /Campaign #1/);
      assert.match(await card.innerText(), /\d+ joined of 50 places \(at most 200 joins\)/);
      assert.deepEqual(problems, [], "no error in the page");
    } finally {
      await browser.close();
    }
    const health = (await (await fetch(`http://127.0.0.1:${oracle}/health`)).json()) as {
      scheduler?: { lastFinished: string };
      seeds?: { due: number };
    };
    assert.ok(health.seeds, "the seed job runs in the stack's oracle");
    assert.ok(
      (await carrying(marker)).some((p) => p.includes("web/serve.ts")),
      "the web app's server runs in the stack",
    );
    assert.ok((await carrying(marker)).length >= 4, "the node, the oracle, the indexer, the web");
  });

  test("the oracle's seed job seeds the demo draw once it closes", async () => {
    // The demo draw closes: the oracle's seed job commits after the close and reveals after the
    // entropy block, with no hand on it, and anyone can then draw with that seed.
    await rpcCall(chain, "evm_increaseTime", [60 * 60 + 1]);
    await rpcCall(chain, "evm_mine", []);
    const key = await client.readContract({
      address: deployment.PrizeDraw!,
      abi: prizeDrawAbi,
      functionName: "drawKey",
      args: [1n],
    });
    const seed = await waitFor(
      async () => {
        const [s] = await client.readContract({
          address: deployment.CommitRevealRandomness!,
          abi: commitRevealRandomnessAbi,
          functionName: "seedOf",
          args: [key],
        });
        return s === zeroHash ? undefined : s;
      },
      { what: "the demo draw's seed from the seed job", timeoutMs: 180_000, intervalMs: 1000 },
    );
    const revealed = await client.getContractEvents({
      address: deployment.CommitRevealRandomness!,
      abi: commitRevealRandomnessAbi,
      eventName: "SeedRevealed",
      args: { key },
      fromBlock: 0n,
    });
    assert.equal(revealed.length, 1, "revealed by the oracle, not settled as a missed reveal");
    assert.equal(revealed[0]!.args.seed, seed);
  });

  test("the Train2Earn story, from opt-in to the draw's prizes, runs through the stack", async () => {
    const outcome = await runStory(
      {
        rpc: chain,
        oracle: `http://127.0.0.1:${oracle}`,
        epochSeconds: EPOCH_SECONDS,
        genesis: GENESIS,
        reviewerKey: REVIEWER_KEY,
        child: run.child,
        output: run.output,
      },
      (msg) => console.log(`# story: ${msg}`),
    );
    assert.equal(outcome.prizes.size, 4, "every reward type was won");
  });

  test("the engagement example scores 500 on one NFT, and its creator claims revenue by Gallery Score", async () => {
    // The engagement story's example through the stack: a fan with User Score 200 (the base 5 +
    // 195 $MESI held) watches a new NFT for 2 minutes, a fan with 5 (the base) for 20 minutes:
    // 2 × 200 + 20 × 5 = 500 on that NFT, and an auditor recomputes the whole epoch.
    const admin = privateKeyToAccount(DEV_KEY_0);
    const wallet = (account: PrivateKeyAccount) =>
      createWalletClient({ account, chain: { ...hardhat, id: 31337 }, transport: http(chain) });
    const send = async (hash: Promise<Hex>) => {
      const r = await client.waitForTransactionReceipt({ hash: await hash });
      assert.equal(r.status, "success");
    };
    const [fan200, fan5, creator] = ["fan 200", "fan 5", "creator"].map((n) =>
      privateKeyToAccount(keccak256(toHex(`stack test ${n} ${marker}`))),
    ) as [PrivateKeyAccount, PrivateKeyAccount, PrivateKeyAccount];
    await send(wallet(admin).sendTransaction({ to: creator.address, value: parseEther("1") }));
    await send(
      wallet(admin).writeContract({
        address: deployment.MesiToken!,
        abi: mesiTokenAbi,
        functionName: "transfer",
        args: [fan200.address, parseEther("195")],
      }),
    );
    const gallery = { address: deployment.GalleryCollection!, abi: galleryCollectionAbi } as const;
    await send(
      wallet(creator).writeContract({
        ...gallery,
        functionName: "createGallery",
        args: ["stack test"],
      }),
    );
    const { request, result: tokenId } = await client.simulateContract({
      ...gallery,
      account: creator,
      functionName: "mint",
      args: ["ipfs://stack-test", 500n],
    });
    await send(wallet(creator).writeContract(request));
    // Into one epoch: not in its last 5 seconds.
    const epochOf = (ms: number) => BigInt(Math.floor((ms / 1000 - GENESIS) / EPOCH_SECONDS) + 1);
    while ((Date.now() / 1000 - GENESIS) % EPOCH_SECONDS > EPOCH_SECONDS - 5)
      await new Promise((r) => setTimeout(r, 500));
    const epoch = epochOf(Date.now());
    const view = (who: PrivateKeyAccount, minutes: number) => ({
      id: `stack-test-${who.address}-${minutes}`,
      kind: "view",
      actor: who.address,
      collection: deployment.GalleryCollection!,
      tokenId: tokenId.toString(),
      creator: creator.address,
      durationMs: minutes * 60_000,
      occurredAt: new Date().toISOString(),
    });
    const posted = await signedPost(`http://127.0.0.1:${oracle}`, "/v1/events", {
      events: [view(fan200, 2), view(fan5, 20)],
    });
    assert.equal(posted.status, 201, await posted.text());
    assert.equal(epochOf(Date.now()), epoch, "both views landed in one epoch");
    // GALLERY is the last of the epoch's commitments: its challenge window starts latest.
    const published = await waitFor(
      async () => {
        const info = await client.readContract({
          address: deployment.ScoreOracle!,
          abi: scoreOracleAbi,
          functionName: "epochInfo",
          args: [ScoreKind.GALLERY, epoch],
        });
        return info.status === 0 ? undefined : info;
      },
      { what: `epoch ${epoch} published`, timeoutMs: 240_000, intervalMs: 1000 },
    );
    const dataset = await (
      await fetch(`http://127.0.0.1:${oracle}/v1/datasets/${published.datasetHash}`, {
        headers: { "x-mesi-auditor-key": "local-auditor-key-0000" },
      })
    ).text();
    const leaves = dataset
      .split("\n")
      .filter((l) => l.startsWith('{"type":"leaf"'))
      .map((l) => JSON.parse(l) as { kind: string; id: string; score: string });
    const scoreOf = (kind: string, id: string) =>
      leaves.find((l) => l.kind === kind && l.id === id)?.score;
    assert.equal(scoreOf("USER", fan200.address.toLowerCase()), "200");
    assert.equal(scoreOf("USER", fan5.address.toLowerCase()), "5");
    assert.equal(
      scoreOf("NFT", `${deployment.GalleryCollection!.toLowerCase()}/${tokenId}`),
      "500",
    );
    assert.equal(scoreOf("GALLERY", creator.address.toLowerCase()), "500");
    // Asynchronously: a blocked event loop misses the node closing idle keep-alive sockets, and
    // the next request on one fails.
    const audit = await run_(
      process.execPath,
      [
        path.join(ROOT, "oracle", "src", "cli", "main.ts"),
        "verify",
        "--epoch",
        epoch.toString(),
        "--rpc",
        chain,
      ],
      { encoding: "utf8", env: { ...process.env, MESI_AUDITOR_KEY: "local-auditor-key-0000" } },
    ).catch((err: { stdout?: string; stderr?: string }) => {
      throw new Error(`verify failed:\n${err.stdout}\n${err.stderr}`);
    });
    assert.match(audit.stdout, /NFT\s+PASS/);

    // Revenue by Gallery Score: once the epoch is past its challenge window and the treasury
    // funds the distributor, the oracle's revenue pool job opens the epoch's pool with the sum
    // of its Gallery Scores, no hand on it; the creator claims its share with the proof from
    // the published dataset.
    await rpcCall(chain, "evm_increaseTime", [3_601]);
    await rpcCall(chain, "evm_mine", []);
    const distributor = {
      address: deployment.RevenueDistributor!,
      abi: revenueDistributorAbi,
    } as const;
    await send(
      wallet(admin).writeContract({
        address: deployment.MesiToken!,
        abi: mesiTokenAbi,
        functionName: "approve",
        args: [distributor.address, parseEther("1000")],
      }),
    );
    await send(
      wallet(admin).writeContract({
        ...distributor,
        functionName: "fund",
        args: [parseEther("1000")],
      }),
    );
    const galleryLines = leafLinesOf(parseLines(dataset), "GALLERY");
    const total = galleryLines.reduce((sum, l) => sum + BigInt(l.score), 0n);
    const opened = await waitFor(
      async () =>
        (
          await client.getContractEvents({
            ...distributor,
            eventName: "PoolOpened",
            args: { epoch },
            fromBlock: 0n,
          })
        )[0],
      {
        what: `the oracle opening epoch ${epoch}'s revenue pool`,
        timeoutMs: 120_000,
        intervalMs: 1000,
        child: run.child,
      },
    );
    assert.equal(opened.args.amount, parseEther("1000"), "every pending $MESI");
    assert.equal(opened.args.totalScore, total, "the sum of the published Gallery Scores");
    const tree = buildScoreTree(leavesOf(parseLines(dataset), "GALLERY"));
    const mine = galleryLines.findIndex((l) => l.id === creator.address.toLowerCase());
    await send(
      wallet(creator).writeContract({
        ...distributor,
        functionName: "claim",
        args: [epoch, 500n, galleryLines[mine]!.salt, tree.proof(mine)],
      }),
    );
    const [claimed] = await client.getContractEvents({
      ...distributor,
      eventName: "RevenueClaimed",
      args: { epoch, creator: creator.address },
      fromBlock: 0n,
    });
    assert.equal(claimed?.args.score, 500n);
    assert.equal(claimed?.args.amount, (parseEther("1000") * 500n) / total);
  });

  test("an auditor verifies every epoch the oracle published", async () => {
    const last = (
      await Promise.all(
        [ScoreKind.TQS, ScoreKind.USER, ScoreKind.NFT, ScoreKind.GALLERY].map((kind) =>
          client.readContract({
            address: deployment.ScoreOracle!,
            abi: scoreOracleAbi,
            functionName: "lastPublishedEpoch",
            args: [kind],
          }),
        ),
      )
    ).reduce((a, b) => (a > b ? a : b));
    // Epochs with nothing to publish (before the first data) have no commitment to check.
    const epochs: number[] = [];
    for (let e = 1n; e <= last; e++) {
      const published = await Promise.all(
        [ScoreKind.TQS, ScoreKind.GALLERY].map((kind) =>
          client.readContract({
            address: deployment.ScoreOracle!,
            abi: scoreOracleAbi,
            functionName: "epochInfo",
            args: [kind, e],
          }),
        ),
      );
      if (published.some((info) => info.status !== 0)) epochs.push(Number(e));
    }
    assert.ok(epochs.length >= 5, `the stack published ${epochs.length} epochs`);
    // Two auditors at a time: each recomputes its epoch from the published datasets alone.
    const failed: string[] = [];
    const audit = async () => {
      for (let e = epochs.shift(); e !== undefined; e = epochs.shift()) {
        const r = await run_(
          process.execPath,
          [
            path.join(ROOT, "oracle", "src", "cli", "main.ts"),
            "verify",
            "--epoch",
            String(e),
            "--rpc",
            chain,
          ],
          { encoding: "utf8", env: { ...process.env, MESI_AUDITOR_KEY: "local-auditor-key-0000" } },
        ).catch((err: { stdout?: string; stderr?: string }) => ({
          stdout: `${err.stdout}\n${err.stderr}`,
        }));
        if (!/PASS: every score recomputes/.test(r.stdout)) failed.push(`epoch ${e}:\n${r.stdout}`);
      }
    };
    await Promise.all([audit(), audit()]);
    assert.deepEqual(failed, [], failed.join("\n"));
  });

  test("Ctrl-C stops every process the stack started", async () => {
    run.child.kill("SIGINT");
    const { code } = await run.exited;
    assert.equal(code, 130, run.output().slice(-2000));
    assert.match(run.output(), /==> stopped/);
    assert.deepEqual(await carrying(marker), [], "no process of the stack is left");
  });
});
