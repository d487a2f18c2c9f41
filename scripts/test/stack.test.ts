// The README's main command as a new user runs it: `bash scripts/stack.sh` on free ports brings
// the stack up (chain, contracts, oracle, indexer, a published and verified demo epoch, the demo
// campaign the indexer serves, its draw seeded by the oracle's seed job once it closes), prints
// the URLs, accounts and next steps, and Ctrl-C stops
// every process it started — none is left behind. A busy port is refused by name before
// anything starts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createPublicClient, http, zeroHash } from "viem";
import { commitRevealRandomnessAbi, deploymentOn, prizeDrawAbi } from "@mesi/abi";
import { freePort, waitFor } from "../../test/support/net.ts";

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

test("the stack comes up with the demo, prints what to do next, and Ctrl-C leaves no process behind", async () => {
  const marker = `MESI_STACK_TEST=${randomBytes(8).toString("hex")}`;
  const [rpc, oracle, indexer] = [await freePort(), await freePort(), await freePort()];
  const run = runStack({
    [marker.split("=")[0]!]: marker.split("=")[1]!,
    RPC_PORT: String(rpc),
    ORACLE_PORT: String(oracle),
    INDEXER_PORT: String(indexer),
    MESI_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), "mesi-stack-")),
    EPOCH_SECONDS: "30",
    DEMO_USERS: "40",
  });
  try {
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
    const out = run.output();
    assert.match(out, /PASS: every score recomputes and every root matches the chain/);
    for (const url of [`127.0.0.1:${rpc}`, `127.0.0.1:${oracle}`, `127.0.0.1:${indexer}`])
      assert.ok(out.includes(url), `prints ${url}`);
    assert.match(out, /#0 admin.*0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266  key 0xac09/);
    assert.match(out, /auditor key\s+local-auditor-key-0000/);
    assert.match(out, /verify --epoch \d+/);
    assert.match(out, /prove --dataset \S+\.jsonl --kind TQS --account 0x[0-9a-f]{40}/);
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
    const health = (await (await fetch(`http://127.0.0.1:${oracle}/health`)).json()) as {
      scheduler?: { lastFinished: string };
      seeds?: { due: number };
    };
    assert.ok(health.seeds, "the seed job runs in the stack's oracle");
    assert.ok((await carrying(marker)).length >= 3, "the node, the oracle and the indexer run");

    // The demo draw closes: the oracle's seed job commits after the close and reveals after the
    // entropy block, with no hand on it, and anyone can then draw with that seed.
    const chain = `http://127.0.0.1:${rpc}`;
    const client = createPublicClient({ transport: http(chain) });
    const deployment = deploymentOn(31337)!.contracts;
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
  } finally {
    run.child.kill("SIGINT");
  }
  const { code } = await run.exited;
  assert.equal(code, 130, run.output().slice(-2000));
  assert.match(run.output(), /==> stopped/);
  assert.deepEqual(await carrying(marker), [], "no process of the stack is left");
});
