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

const envSchema = z.object({
  ORACLE_PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  ORACLE_HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.url().optional(),
  ORACLE_DATA_DIR: z.string().default(".data/oracle"),
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
    .pipe(z.array(clientSchema).min(1).optional()),
  ORACLE_DATASET_DIR: z.string().default(".data/datasets"),
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
    .refine((keys) => keys.every((k) => k.length >= 16), "each key must be at least 16 characters"),
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
    ),
  ORACLE_FAN_CAP_BPS: z.coerce
    .number()
    .int()
    .min(1, "must be from 1 to 10000 basis points (unset = no cap)")
    .max(10_000, "must be from 1 to 10000 basis points (unset = no cap)")
    .optional(),
  ORACLE_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? "")
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  ORACLE_ANSWER_RETENTION_DAYS: z.coerce
    .number()
    .positive("must be a positive number of days")
    .max(36_500, "must be at most 36,500 days")
    .default(180),
  ORACLE_CONSENT: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  ORACLE_CONSENT_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(2_000),
  EPOCH_SECONDS: z.coerce.number().int().positive().default(86_400),
  EPOCH_GENESIS: z.coerce.number().int().nonnegative().default(0),
});

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
}

/** The development client of the local stack; never used when ORACLE_CLIENTS is set. */
export const DEV_CLIENT: ApiClient = {
  id: "platform-dev",
  secret: "local-dev-secret-not-for-production",
  ratePerSecond: 10_000,
  burst: 20_000,
};

export function loadConfig(env: Record<string, string | undefined> = process.env): OracleConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid oracle configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
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
  };
}

/** The epoch open at `nowMs`: epochs are numbered from 1 at the genesis time. */
export const epochAt = (
  cfg: Pick<OracleConfig, "epochSeconds" | "epochGenesis">,
  nowMs = Date.now(),
): bigint => BigInt(Math.floor((nowMs / 1000 - cfg.epochGenesis) / cfg.epochSeconds) + 1);
