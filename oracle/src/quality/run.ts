// Runs the quality rules over an epoch's submissions and stores their flags. Re-running an
// epoch never doubles a flag (unique index), and never touches a reviewer's status.
import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import { detectFlags } from "./rules.ts";

export async function runQualityFilters(
  database: Database,
  epoch: bigint,
): Promise<{ flags: number; byRule: Record<string, number> }> {
  const rows = await database.db
    .selectFrom("submissions")
    .select(["id", "account", "answer", "started_at", "submitted_at"])
    .where("epoch", "=", epoch.toString())
    .execute();
  const flags = detectFlags(
    rows.map((r) => ({
      id: r.id,
      account: r.account,
      answer: r.answer,
      startedAt: r.started_at,
      submittedAt: r.submitted_at,
    })),
  );
  const byRule: Record<string, number> = {};
  for (const f of flags)
    byRule[`${f.ruleId}@${f.ruleVersion}`] = (byRule[`${f.ruleId}@${f.ruleVersion}`] ?? 0) + 1;
  for (let i = 0; i < flags.length; i += 1000) {
    const chunk = flags.slice(i, i + 1000);
    await sql`
      INSERT INTO flags (epoch, account, submission_id, rule_id, rule_version, severity, detail)
      SELECT * FROM unnest(
        ${chunk.map(() => epoch.toString())}::bigint[], ${chunk.map((f) => f.account)}::text[],
        ${chunk.map((f) => f.submissionId)}::text[], ${chunk.map((f) => f.ruleId)}::text[],
        ${chunk.map((f) => f.ruleVersion)}::int[], ${chunk.map((f) => f.severity)}::numeric[],
        ${chunk.map((f) => JSON.stringify(f.detail))}::jsonb[])
      ON CONFLICT DO NOTHING`.execute(database.db);
  }
  return { flags: flags.length, byRule };
}
