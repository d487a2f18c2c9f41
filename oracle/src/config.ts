// The oracle's configuration, read from the environment and validated: a bad value stops
// the process with the variable's name and the rule it broke.
import { z } from "zod";
import type { ApiClient } from "./ingest/auth.ts";

const clientSchema = z.strictObject({
  id: z.string().min(1),
  secret: z.string().min(16, "must be at least 16 characters"),
  ratePerSecond: z.number().positive().default(200),
  burst: z.number().int().positive().default(400),
});

// A timer's delay: Node runs a NaN or negative delay after 1 ms, so a typo would be a busy loop.
const tickMs = (fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(100, "must be from 100 to 86400000 milliseconds")
    .max(86_400_000, "must be from 100 to 86400000 milliseconds")
    .default(fallback);

const addressVar = (help: string) =>
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x address")
    .optional()
    .describe(help);
const privateKey = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex private key");
const rpcUrl = z
  .url()
  .default("http://127.0.0.1:8545")
  .describe("JSON-RPC endpoint of the chain (http://127.0.0.1:8545)");

/** The service's own variables (the API, the database, the epochs, the jobs' ticks). */
export const oracleEnv = z.object({
  ORACLE_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(8787)
    .describe("HTTP port (8787)"),
  ORACLE_HOST: z.string().default("127.0.0.1").describe("HTTP host (127.0.0.1)"),
  DATABASE_URL: z
    .url()
    .optional()
    .describe("a PostgreSQL server; unset = embedded PGlite in ORACLE_DATA_DIR"),
  ORACLE_DATA_DIR: z
    .string()
    .default(".data/oracle")
    .describe("the embedded database's directory, created with its parents (.data/oracle)"),
  ORACLE_CLIENTS: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be a JSON array of clients" });
        return z.NEVER;
      }
    })
    .pipe(z.array(clientSchema).min(1).optional())
    .describe("JSON array of {id, secret, ratePerSecond, burst}; unset = the local dev client"),
  ORACLE_DATASET_DIR: z
    .string()
    .default(".data/datasets")
    .describe("content-addressed dataset store (.data/datasets)"),
  ORACLE_AUDITOR_KEYS: z
    .string()
    .optional()
    .transform((s) =>
      s
        ? s
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean)
        : [],
    )
    .refine((keys) => keys.every((k) => k.length >= 16), "each key must be at least 16 characters")
    .describe("comma-separated keys that may read engagement datasets and proofs"),
  ORACLE_REVIEWER_KEYS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? "")
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean)
        .map((pair) => {
          const at = pair.indexOf(":");
          return { name: pair.slice(0, at), key: pair.slice(at + 1) };
        }),
    )
    .refine(
      (rs) => rs.every((r) => r.name.length > 0 && r.key.length >= 16),
      "each entry must be name:key with a key of at least 16 characters",
    )
    .describe("comma-separated name:key pairs of the human reviewers"),
  ORACLE_FAN_CAP_BPS: z.coerce
    .number()
    .int()
    .min(1, "must be from 1 to 10000 basis points (unset = no cap)")
    .max(10_000, "must be from 1 to 10000 basis points (unset = no cap)")
    .optional()
    .describe(
      "the per-fan cap on NFT and Gallery Scores in basis points (unset = off; recorded in each dataset, so verify reruns it)",
    ),
  ORACLE_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? "")
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .describe("comma-separated browser origins for the read, review and auth routes (unset = any)"),
  ORACLE_ANSWER_RETENTION_DAYS: z.coerce
    .number()
    .positive("must be a positive number of days")
    .max(36_500, "must be at most 36,500 days")
    .default(180)
    .describe("raw answers are erased this long after they arrived, once scored (180)"),
  ORACLE_CONSENT: z
    .enum(["on", "off"], { error: "must be on or off" })
    .default("on")
    .describe(
      "on: submissions need the account's on-chain consent, followed from ParticipantRegistry; off: unchecked (tests and benchmarks without a chain only) (on)",
    ),
  ORACLE_CONSENT_POLL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(2_000)
    .describe("how often consent is read from the chain (2000)"),
  EPOCH_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(86_400)
    .describe("epoch length (86400)"),
  EPOCH_GENESIS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe("the first epoch's start, unix seconds (0)"),
  ORACLE_SCHEDULER_TICK_MS: tickMs(60_000).describe("how often closed epochs are checked (60000)"),
  ORACLE_SEED_TICK_MS: tickMs(5_000).describe(
    "how often the seed job looks for selections and draws to commit and reveal seeds for (5000; the reveal window is 200 blocks)",
  ),
  ORACLE_POOL_TICK_MS: tickMs(5_000).describe(
    "how often the revenue pool job looks for pending funds and a final GALLERY epoch without a pool (5000)",
  ),
});

/** What publishing needs beyond the service (with ORACLE_SIGNER_KEYS set, serve publishes). */
export const publisherEnv = z.object({
  RPC_URL: rpcUrl,
  ORACLE_SIGNER_KEYS: z
    .string({ error: "required: comma-separated private keys of the commitment signers" })
    .transform((s) =>
      s
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .pipe(z.array(privateKey).min(1, "at least one signer key"))
    .describe("comma-separated private keys of the commitment signers (required to publish)"),
  ORACLE_RELAYER_KEY: privateKey
    .optional()
    .describe("key that sends transactions (default: the first signer)"),
  ORACLE_SALT_SECRET: z
    .string({ error: "required: 32-byte hex secret that salts non-public leaves" })
    .regex(/^0x[0-9a-fA-F]{64}$/, "must be 32 bytes of 0x-prefixed hex")
    .describe("32-byte hex secret salting non-public leaves (required to publish)"),
  ORACLE_PUBLIC_URL: z
    .url()
    .optional()
    .describe("public base URL of the oracle's API (datasets are served under it)"),
  MESI_SCORE_ORACLE: addressVar(
    "ScoreOracle; set, it names the deployment (no other address is taken from @mesi/abi)",
  ),
  MESI_REGISTRY: addressVar("ParticipantRegistry"),
  MESI_TICKET: addressVar("Ticket"),
  MESI_TOKEN: addressVar("MesiToken"),
  MESI_VESTING_VAULT: addressVar("VestingVault"),
  MESI_CAMPAIGN_MANAGER: addressVar("CampaignManager (completions, verdicts, selection seeds)"),
  MESI_GALLERY_COLLECTION: addressVar("GalleryCollection"),
  MESI_PRIZE_DRAW: addressVar("PrizeDraw (draw seeds)"),
  MESI_REVENUE_DISTRIBUTOR: addressVar(
    "RevenueDistributor, where pools open (the relayer needs ORACLE_ROLE)",
  ),
});

/** Where consent is followed from (ORACLE_CONSENT=on). */
export const consentEnv = z.object({
  RPC_URL: rpcUrl,
  MESI_REGISTRY: addressVar("ParticipantRegistry"),
  ORACLE_CONSENT_FROM_BLOCK: z.coerce
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe("the block to follow consent from (default: the deployment's)"),
  ORACLE_CONSENT_CONFIRMATIONS: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000)
    .default(0)
    .describe("how far behind the head consent is read (0)"),
});

/**
 * The variables of `schemas` with their one line of help, for --help (a variable in several
 * schemas once; contract addresses default to @mesi/abi's deployment for the chain).
 */
export function environmentOf(...schemas: z.ZodObject[]): [name: string, help: string][] {
  const seen = new Map<string, string>();
  for (const schema of schemas)
    for (const [name, field] of Object.entries(schema.shape))
      if (!seen.has(name)) {
        const help = (field as z.ZodType).description ?? "";
        seen.set(
          name,
          name.startsWith("MESI_") ? `${help} (default: @mesi/abi's deployment)` : help,
        );
      }
  return [...seen];
}

export interface OracleConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  clients: ApiClient[];
  /** True when no clients were configured and the local development client is used. */
  devClient: boolean;
  datasetDir: string;
  auditorKeys: string[];
  reviewers: { name: string; key: string }[];
  epochSeconds: number;
  epochGenesis: number;
  /** The operator's per-fan cap on NFT and Gallery Scores (basis points); undefined = off. */
  fanCapBps: number | undefined;
  /** Browser origins allowed to call the read, review and auth routes; empty = any. */
  corsOrigins: string[];
  /** How long raw answers are kept after they arrive (their epoch scored), ms. */
  answerRetentionMs: number;
  /** Consent enforced on ingestion (off only for tests and benchmarks without a chain). */
  consent: boolean;
  /** How often the consent follower reads the chain, ms. */
  consentPollMs: number;
  /** How often the scheduler, the seed job and the revenue pool job look for work, ms. */
  tickMs: { scheduler: number; seeds: number; pools: number };
}

/** The development client of the local stack; never used when ORACLE_CLIENTS is set. */
export const DEV_CLIENT: ApiClient = {
  id: "platform-dev",
  secret: "local-dev-secret-not-for-production",
  ratePerSecond: 10_000,
  burst: 20_000,
};

/** A configuration problem, on one line: the part, the variable, the rule. */
export const configError = (part: string, problem: string): Error =>
  new Error(`invalid ${part} configuration: ${problem}`);

/** `env` through `schema`, or one error naming every variable that broke its rule. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
  part: string,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  throw configError(part, problems.join("; "));
}

/** The chain's id at `rpcUrl`, or an error saying which setting points where. */
export async function chainIdAt(
  client: { getChainId(): Promise<number> },
  rpcUrl: string,
  needs: string,
): Promise<number> {
  try {
    return await client.getChainId();
  } catch (err) {
    throw new Error(
      `cannot reach the chain at RPC_URL ${rpcUrl} (${(err as Error).message.split("\n")[0]}); ${needs}`,
      { cause: err },
    );
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): OracleConfig {
  const e = parseEnv(oracleEnv, env, "oracle");
  return {
    port: e.ORACLE_PORT,
    host: e.ORACLE_HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.ORACLE_DATA_DIR,
    clients: e.ORACLE_CLIENTS ?? [DEV_CLIENT],
    devClient: e.ORACLE_CLIENTS === undefined,
    datasetDir: e.ORACLE_DATASET_DIR,
    auditorKeys: e.ORACLE_AUDITOR_KEYS,
    reviewers: e.ORACLE_REVIEWER_KEYS,
    epochSeconds: e.EPOCH_SECONDS,
    epochGenesis: e.EPOCH_GENESIS,
    fanCapBps: e.ORACLE_FAN_CAP_BPS,
    corsOrigins: e.ORACLE_CORS_ORIGINS,
    answerRetentionMs: Math.round(e.ORACLE_ANSWER_RETENTION_DAYS * 86_400_000),
    consent: e.ORACLE_CONSENT === "on",
    consentPollMs: e.ORACLE_CONSENT_POLL_MS,
    tickMs: {
      scheduler: e.ORACLE_SCHEDULER_TICK_MS,
      seeds: e.ORACLE_SEED_TICK_MS,
      pools: e.ORACLE_POOL_TICK_MS,
    },
  };
}

/** The epoch open at `nowMs`: epochs are numbered from 1 at the genesis time. */
export const epochAt = (
  cfg: Pick<OracleConfig, "epochSeconds" | "epochGenesis">,
  nowMs = Date.now(),
): bigint => BigInt(Math.floor((nowMs / 1000 - cfg.epochGenesis) / cfg.epochSeconds) + 1);
