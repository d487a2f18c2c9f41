// A real Hardhat node for integration tests, started from the repository root (the
// contracts must be compiled), and the well-known development accounts it unlocks.
import { spawn } from "node:child_process";
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

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

/** Private keys of Hardhat's default accounts #0..#3 (public test keys; never hold value). */
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
  /** The node's last output lines (for a failing test's message). */
  output(): string;
  alive(): boolean;
}

export async function startHardhatNode(): Promise<LocalChain> {
  const port = await freePort();
  const bin = path.join(ROOT, "node_modules", ".bin", "hardhat");
  const child = spawn(bin, ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, HARDHAT_DISABLE_TELEMETRY: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = collectOutput(child);
  const url = `http://127.0.0.1:${port}`;
  // Ready when OUR node says it listens (another process may have taken a freed port) and answers.
  await waitUntilReady(
    child,
    "the Hardhat node",
    async () =>
      out.lines.some((l) => l.includes(`JSON-RPC server at ${url}`)) &&
      (
        await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        })
      ).ok,
    { tail: out.tail },
  );
  return {
    url,
    stop: () => child.kill("SIGTERM"),
    output: out.tail,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

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
