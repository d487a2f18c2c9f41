// Runs the quality rules over an epoch's submissions and stores their flags and every
// account's anomaly score. Re-running an epoch never doubles a flag (unique index) and never
// touches a reviewer's status. `verify` stores the same way from a dataset's submissions.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { detectQuality, type Flag } from "./rules.ts";
import type { AnomalyScore } from "./anomaly.ts";
import {
  extractFeatures,
  type RawSubmission,
  type SubmissionFeatures,
  type TaskType,
} from "./features.ts";
import { goldSetsOf, type GoldReveal } from "./gold.ts";
import type { Lexicon } from "./text/normalise.ts";

export const ruleKey = (f: Pick<Flag, "ruleId" | "ruleVersion">) => `${f.ruleId}@${f.ruleVersion}`;

/** Inserts flags that are not stored yet (chunked, one statement per chunk). */
export async function storeFlags(db: Db, epoch: bigint, flags: readonly Flag[]): Promise<void> {
  for (let i = 0; i < flags.length; i += 1000) {
    const chunk = flags.slice(i, i + 1000);
    await sql`
      INSERT INTO flags (epoch, account, submission_id, rule_id, rule_version, severity, detail)
      SELECT * FROM unnest(
        ${chunk.map(() => epoch.toString())}::bigint[], ${chunk.map((f) => f.account)}::text[],
        ${chunk.map((f) => f.submissionId)}::text[], ${chunk.map((f) => f.ruleId)}::text[],
        ${chunk.map((f) => f.ruleVersion)}::int[], ${chunk.map((f) => f.severity)}::numeric[],
        ${chunk.map((f) => JSON.stringify(f.detail))}::jsonb[])
      ON CONFLICT DO NOTHING`.execute(db);
  }
}

async function storeAnomaly(db: Db, epoch: bigint, scores: readonly AnomalyScore[]): Promise<void> {
  for (let i = 0; i < scores.length; i += 1000) {
    const chunk = scores.slice(i, i + 1000);
    await sql`
      INSERT INTO anomaly_scores (epoch, account, score, features)
      SELECT * FROM unnest(
        ${chunk.map(() => epoch.toString())}::bigint[], ${chunk.map((s) => s.account)}::text[],
        ${chunk.map((s) => s.score)}::numeric[], ${chunk.map((s) => JSON.stringify(s.features))}::jsonb[])
      ON CONFLICT (epoch, account) DO UPDATE SET score = excluded.score, features = excluded.features`.execute(
      db,
    );
  }
}

/** Runs every rule on `subs` and stores the outcome; returns the flag count per rule key. */
export async function filterSubmissions(
  db: Db,
  epoch: bigint,
  subs: readonly SubmissionFeatures[],
  gold: readonly GoldReveal[] = [],
): Promise<{ flags: number; byRule: Record<string, number> }> {
  const { flags, anomaly } = detectQuality(subs, { gold: goldSetsOf(gold) });
  const byRule: Record<string, number> = {};
  for (const f of flags) byRule[ruleKey(f)] = (byRule[ruleKey(f)] ?? 0) + 1;
  await storeFlags(db, epoch, flags);
  await storeAnomaly(db, epoch, anomaly);
  return { flags: flags.length, byRule };
}

/** The epoch's submissions as ingested, in id order (raw text included: the oracle's side only). */
export async function rawSubmissions(db: Db, epoch: bigint): Promise<RawSubmission[]> {
  const rows = await db
    .selectFrom("submissions")
    .select([
      "id",
      "account",
      "campaign_id",
      "task_id",
      "task_type",
      "answer",
      "rating",
      "choice",
      "started_at",
      "submitted_at",
      "received_at",
    ])
    .where("epoch", "=", epoch.toString())
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    account: r.account,
    campaignId: r.campaign_id,
    taskId: r.task_id,
    taskType: r.task_type as TaskType,
    answer: r.answer,
    rating: r.rating,
    choice: r.choice,
    startedAt: r.started_at,
    submittedAt: r.submitted_at,
    receivedAt: r.received_at,
  }));
}

/** A gold reveal as the TQS dataset publishes it: with its commitment and when that was made. */
export interface GoldRecord extends GoldReveal {
  commitment: string;
  committedEpoch: string;
  revealedAt: Date;
}

/** Gold reveals accepted so far for these campaigns. */
export async function revealedGold(db: Db, campaigns: readonly string[]): Promise<GoldRecord[]> {
  if (!campaigns.length) return [];
  const rows = await db
    .selectFrom("campaign_gold")
    .selectAll()
    .where("campaign_id", "in", campaigns)
    .where("revealed_at", "is not", null)
    .orderBy("campaign_id")
    .execute();
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    salt: r.salt as GoldReveal["salt"],
    answers: r.answers!,
    commitment: r.commitment,
    committedEpoch: r.committed_epoch,
    revealedAt: r.revealed_at!,
  }));
}

/**
 * Extracts the epoch's public features under its MinHash key (with the synonym lexicon, which
 * the caller loads: reading WordNet is I/O), runs every rule on them with the gold sets revealed
 * so far, and stores the outcome; returns the features and the gold reveals (what the TQS
 * dataset publishes) and flag counts.
 */
export async function runQualityFilters(
  database: { db: Db },
  epoch: bigint,
  minhashKey: Uint8Array,
  lexicon: Lexicon,
): Promise<{
  features: SubmissionFeatures[];
  gold: GoldRecord[];
  flags: number;
  byRule: Record<string, number>;
}> {
  const raws = await rawSubmissions(database.db, epoch);
  const gold = await revealedGold(database.db, [...new Set(raws.map((r) => r.campaignId))]);
  const goldTasks = new Map(
    gold.map((g) => [
      g.campaignId,
      { tasks: new Set(Object.keys(g.answers)), revealedAt: g.revealedAt },
    ]),
  );
  const features = extractFeatures(raws, minhashKey, { lexicon, goldTasks });
  return { features, gold, ...(await filterSubmissions(database.db, epoch, features, gold)) };
}
