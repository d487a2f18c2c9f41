// A real Hardhat node for integration tests, started from the repository root (the
// contracts must be compiled), the well-known development accounts it unlocks, and the
// node methods viem does not wrap (time travel, snapshots, mining).
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  createPublicClient,
  createWalletClient,
  http,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { collectOutput, freePort, waitUntilReady } from "./process.ts";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Private keys of Hardhat's default accounts #0..#4 (public test keys; never hold value). */
export const DEV_KEYS: Hex[] = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
];

export interface LocalChain {
  url: string;
  stop(): void;
}

/** A JSON-RPC call to a node; returns the result or throws the node's error message. */
export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []) {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await r.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

export async function startHardhatNode(): Promise<LocalChain> {
  const port = await freePort();
  const bin = path.join(ROOT, "node_modules", ".bin", "hardhat");
  const child: ChildProcess = spawn(
    bin,
    ["node", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      cwd: ROOT,
      env: { ...process.env, HARDHAT_DISABLE_TELEMETRY: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  // Read continuously (the node logs every request: a full pipe would block it), keep a tail.
  const out = collectOutput(child);
  const url = `http://127.0.0.1:${port}`;
  // Ready when OUR node says it listens (another process may have taken the freed port) and answers.
  await waitUntilReady(
    child,
    "the Hardhat node",
    async () =>
      out.lines.some((l) => l.includes(`JSON-RPC server at ${url}`)) &&
      (await rpc<Hex>(url, "eth_chainId")) !== undefined,
    { tail: out.tail },
  );
  return { url, stop: () => child.kill("SIGTERM") };
}

/** Mines `blocks` blocks one by one (hardhat_mine makes blocks Ponder rejects: see DESIGN). */
export async function mine(url: string, blocks = 1): Promise<void> {
  for (let i = 0; i < blocks; i++) await rpc(url, "evm_mine");
}

/** Moves the chain's clock forward and mines a block at the new time. */
export async function increaseTime(url: string, seconds: number): Promise<void> {
  await rpc(url, "evm_increaseTime", [seconds]);
  await mine(url);
}

/** Sets the next block's timestamp (strictly after the last one) and mines it. */
export async function mineAt(url: string, timestamp: number): Promise<void> {
  await rpc(url, "evm_setNextBlockTimestamp", [timestamp]);
  await mine(url);
}

/** Snapshot of the node's state; `revertTo` returns to it (once). */
export const snapshot = (url: string) => rpc<Hex>(url, "evm_snapshot");
export const revertTo = async (url: string, id: Hex) => {
  if (!(await rpc<boolean>(url, "evm_revert", [id]))) throw new Error(`evm_revert ${id} failed`);
};

/** Bytecode of a compiled project contract (run `hardhat build` first). */
export async function bytecodeOf(source: string, name: string): Promise<Hex> {
  const file = path.join(ROOT, "artifacts", "contracts", source, `${name}.json`);
  return (JSON.parse(await readFile(file, "utf8")) as { bytecode: Hex }).bytecode;
}

/** viem clients on the node, the dev accounts, and the two things every chain test does. */
export function connect(chain: LocalChain) {
  const accounts = DEV_KEYS.map((k) => privateKeyToAccount(k));
  const publicClient = createPublicClient({ chain: hardhat, transport: http(chain.url) });
  const walletFor = (account: PrivateKeyAccount) =>
    createWalletClient({ chain: hardhat, transport: http(chain.url), account });
  const wallet = walletFor(accounts[0]!);
  /** Waits for the transaction and returns its receipt. */
  const send = async (hash: Promise<Hex>) =>
    publicClient.waitForTransactionReceipt({ hash: await hash });
  /** Deploys a compiled project contract from the admin account. */
  const deploy = async (source: string, name: string, abi: Abi, args: unknown[]) =>
    (await send(wallet.deployContract({ abi, bytecode: await bytecodeOf(source, name), args })))
      .contractAddress as Address;
  return { accounts, publicClient, wallet, walletFor, send, deploy };
}
