// The real services the browser tests run against, each on a free port: a Hardhat node with
// every contract deployed by Ignition, the oracle (`mesi-oracle serve` with its scheduler), and
// the production build served as static files with a config.js naming those ports.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { deploymentOn } from "@mesi/abi";
import { startHardhatNode, DEV_KEYS } from "../../../test/support/chain.ts";
import { deploySystem, type SystemDeployment } from "../../../test/support/deploy.ts";
import { freePort, waitFor } from "../../../test/support/net.ts";
import { serveBuild, type WebConfig } from "../../serve.ts";
import { ARTIFACTS, DIST, ROOT } from "./paths.ts";

export { DEV_KEYS };
const NODE = process.execPath;

/** A child process whose output goes to test-results/logs/<name>.log. */
export async function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; exited: Promise<number | null>; stop(): Promise<void> }> {
  await mkdir(path.join(ARTIFACTS, "logs"), { recursive: true });
  const log = createWriteStream(path.join(ARTIFACTS, "logs", `${name}.log`));
  const child = spawn(NODE, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return {
    child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Deploys and wires every contract with the Ignition module (in memory, as `npm run deploy`
 * does) and checks the addresses are the ones the app was built with: a fresh node gives the
 * same addresses as @mesi/abi's recorded deployment, or the build is stale.
 */
export async function deployContracts(rpcUrl: string): Promise<SystemDeployment> {
  const deployment = await deploySystem(rpcUrl);
  const recorded = deploymentOn(deployment.chainId)?.contracts ?? {};
  for (const [name, address] of Object.entries(deployment.contracts))
    if (recorded[name as keyof typeof recorded]?.toLowerCase() !== address.toLowerCase())
      throw new Error(
        `${name} deployed at ${address} but @mesi/abi records ${recorded[name as keyof typeof recorded]}: run npm run deploy on a fresh node and rebuild`,
      );
  return deployment;
}

export const AUDITOR_KEY = "e2e-auditor-key-0000";

/** Hardhat's development accounts the oracle and the Ignition module use (public test keys). */
export const ROLE_KEYS = {
  relayer: DEV_KEYS[1]!,
  signers: [DEV_KEYS[2]!, DEV_KEYS[3]!],
} as const;

export interface OracleService {
  url: string;
  /** First second of epoch 1 (unix seconds) and the epoch length. */
  genesis: number;
  epochSeconds: number;
  /** The epoch open now by the oracle's clock. */
  currentEpoch(): bigint;
  /** The epoch open now, once at least `seconds` of it remain (waits for the next if not). */
  openEpochWith(seconds: number): Promise<bigint>;
  /** Runs the epoch pipeline once for `epoch` (`mesi-oracle epoch`), as the scheduler would. */
  runEpoch(epoch: bigint): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The oracle on PostgreSQL: `mesi-oracle serve` (ingestion, read, review APIs) plus the epoch
 * pipeline run by `mesi-oracle epoch` when a test says so (the scheduler runs the same code on
 * a timer; a test decides when an epoch is scored instead of racing a clock).
 */
export async function startOracle(
  rpcUrl: string,
  opts: { epochSeconds: number; databaseUrl: string; clients: unknown[] },
): Promise<OracleService> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), "mesi-e2e-oracle-"));
  const genesis = Math.floor(Date.now() / 1000);
  const env = {
    RPC_URL: rpcUrl,
    DATABASE_URL: opts.databaseUrl,
    ORACLE_PORT: String(port),
    ORACLE_DATASET_DIR: path.join(dir, "datasets"),
    ORACLE_CLIENTS: JSON.stringify(opts.clients),
    EPOCH_SECONDS: String(opts.epochSeconds),
    EPOCH_GENESIS: String(genesis),
    ORACLE_AUDITOR_KEYS: AUDITOR_KEY,
    ORACLE_REVIEWER_KEYS: "e2e:e2e-reviewer-key-0000",
  };
  const chainEnv = {
    ORACLE_RELAYER_KEY: ROLE_KEYS.relayer,
    ORACLE_SIGNER_KEYS: ROLE_KEYS.signers.join(","),
    ORACLE_SALT_SECRET: `0x${"5a".repeat(32)}`,
  };
  const p = await startProcess("oracle", ["oracle/src/cli/main.ts", "serve"], env);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => ((await fetch(`${url}/health`)).ok ? true : undefined), {
    what: "the oracle answers /health",
    timeoutMs: 120_000,
    child: p.child,
  });
  let runs = 0;
  const currentEpoch = () =>
    BigInt(Math.floor((Date.now() / 1000 - genesis) / opts.epochSeconds) + 1);
  return {
    url,
    genesis,
    epochSeconds: opts.epochSeconds,
    currentEpoch,
    async openEpochWith(seconds) {
      for (;;) {
        const left = opts.epochSeconds - ((Date.now() / 1000 - genesis) % opts.epochSeconds);
        if (left >= seconds) return currentEpoch();
        await new Promise((r) => setTimeout(r, left * 1000 + 50));
      }
    },
    async runEpoch(epoch) {
      const run = await startProcess(
        `oracle-epoch-${epoch}-${++runs}`,
        ["oracle/src/cli/main.ts", "epoch", "--epoch", String(epoch)],
        { ...env, ...chainEnv },
      );
      const code = await run.exited;
      if (code !== 0)
        throw new Error(`mesi-oracle epoch --epoch ${epoch} exited ${code} (test-results/logs)`);
    },
    async stop() {
      await p.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type { WebConfig };

/** Serves the e2e production build with this config.js (read on every request). */
export const serveWeb = (config: () => WebConfig) => serveBuild({ dist: DIST, config });

export { startHardhatNode };
