// The indexer's settings from the environment, validated: which chain, node and deployment to
// follow, from which block, and where to keep the tables. Defaults follow the local stack
// (`bash scripts/stack.sh`): chain 31337 on 127.0.0.1:8545, the deployment @mesi/abi records.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Address } from "viem";
import { deploymentOn, systemContracts } from "@mesi/abi";

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "an 0x-prefixed 20-byte address")
  .transform((a) => a as Address);
/** The deployment's contracts the indexer follows: all of the system (@mesi/abi). */
export const CONTRACTS = systemContracts;

const deploymentSchema = z.object({
  chainId: z.number().int().positive(),
  startBlock: z.number().int().nonnegative(),
  contracts: z.object(
    Object.fromEntries(CONTRACTS.map((n) => [n, address])) as {
      [K in (typeof CONTRACTS)[number]]: typeof address;
    },
  ),
});

const integer = (name: string, min: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be an integer`)
    .min(min, `${name} must be at least ${min}`);

const envSchema = z.object({
  PONDER_CHAIN_ID: integer("PONDER_CHAIN_ID", 1).default(31337),
  PONDER_RPC_URL: z.url("PONDER_RPC_URL must be an http(s) URL").default("http://127.0.0.1:8545"),
  PONDER_START_BLOCK: integer("PONDER_START_BLOCK", 0).optional(),
  PONDER_DEPLOYMENT_FILE: z.string().min(1).optional(),
  PONDER_RPC_MAX_RPS: integer("PONDER_RPC_MAX_RPS", 1).optional(),
  PONDER_POLLING_INTERVAL_MS: integer("PONDER_POLLING_INTERVAL_MS", 100).default(1000),
  PONDER_PGLITE_DIR: z.string().min(1).default(".ponder/pglite"),
  DATABASE_URL: z.string().min(1).optional(),
});

export type Deployment = z.infer<typeof deploymentSchema>;

export interface Settings {
  chainId: number;
  rpcUrl: string;
  startBlock: number;
  deployment: Deployment;
  /** JSON-RPC lanes of Ponder's adaptive rate limiter (each starts at 20 requests/s). */
  rpcLanes: number;
  pollingInterval: number;
  database: { kind: "pglite"; directory: string } | { kind: "postgres"; connectionString: string };
}

/** Ponder 0.16 starts each RPC endpoint at 20 requests/s and raises it slowly. */
export const PONDER_LANE_RPS = 20;

/** Parses the environment; throws one message naming every bad variable and its rule. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  // An empty variable counts as unset.
  const set = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = envSchema.safeParse(set);
  if (!parsed.success)
    throw new Error(
      `indexer settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  const e = parsed.data;
  const raw = e.PONDER_DEPLOYMENT_FILE
    ? (JSON.parse(readFileSync(e.PONDER_DEPLOYMENT_FILE, "utf8")) as unknown)
    : deploymentOn(e.PONDER_CHAIN_ID);
  if (raw === undefined)
    throw new Error(
      `indexer settings: nothing is deployed on chain ${e.PONDER_CHAIN_ID} in @mesi/abi; run npm run deploy or set PONDER_DEPLOYMENT_FILE`,
    );
  const deployment = deploymentSchema.safeParse(raw);
  if (!deployment.success)
    throw new Error(
      `indexer settings: deployment: ${deployment.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  if (deployment.data.chainId !== e.PONDER_CHAIN_ID)
    throw new Error(
      `indexer settings: the deployment is for chain ${deployment.data.chainId}, PONDER_CHAIN_ID is ${e.PONDER_CHAIN_ID}`,
    );
  // A local node answers as fast as it is asked: give Ponder's limiter enough lanes.
  const rps = e.PONDER_RPC_MAX_RPS ?? (e.PONDER_CHAIN_ID === 31337 ? 500 : PONDER_LANE_RPS);
  return {
    chainId: e.PONDER_CHAIN_ID,
    rpcUrl: e.PONDER_RPC_URL,
    startBlock: e.PONDER_START_BLOCK ?? deployment.data.startBlock,
    deployment: deployment.data,
    rpcLanes: Math.max(1, Math.ceil(rps / PONDER_LANE_RPS)),
    pollingInterval: e.PONDER_POLLING_INTERVAL_MS,
    database: e.DATABASE_URL
      ? { kind: "postgres", connectionString: e.DATABASE_URL }
      : { kind: "pglite", directory: e.PONDER_PGLITE_DIR },
  };
}
