// The auditor's recomputation of a TQS epoch: load the dataset's submissions into an
// in-memory PGlite, rerun the quality rules (the same pure functions), apply the review
// decisions and the carried history the dataset lists, run the same TQS SQL, and compare
// every score and the rebuilt root with the chain's. The anchored audit log head is checked
// against the log when one is given.
import type { Hex } from "viem";
import { sql } from "kysely";
import { openDatabase } from "../db/database.ts";
import { insertChunked } from "../db/insert-chunked.ts";
import { filterSubmissions } from "../quality/run.ts";
import { computeTqs } from "../scoring/tqs.ts";
import { headerOf } from "../dataset/lines.ts";
import {
  isReviewRule,
  type CarryLine,
  type ReviewLine,
  type SubmissionLine,
  type TqsHeader,
  type TqsLine,
} from "../dataset/tqs-dataset.ts";
import { verifyAuditChain, type AuditEntry } from "../review/audit-log.ts";
import { compareLeaves, type KindReport } from "./compare.ts";

export interface TqsVerifyReport extends KindReport {
  epoch: bigint;
  /** Review lines on automatic flags that the rules did not raise. */
  unknownReviews: ReviewLine[];
  audit: { checked: boolean; ok: boolean; problem?: string };
}

export async function verifyTqsDataset(
  lines: readonly TqsLine[],
  onChainRoot: Hex,
  opts: { auditLog?: readonly AuditEntry[]; progress?: (msg: string) => void } = {},
): Promise<TqsVerifyReport> {
  const progress = opts.progress ?? (() => undefined);
  const header = headerOf<TqsHeader>(lines);
  if (header.dataset !== "TQS") throw new Error("not a TQS dataset");
  const epoch = BigInt(header.epoch);
  const database = await openDatabase();
  const { db } = database;
  try {
    const subs = lines.filter((l): l is SubmissionLine => l.type === "submission");
    await insertChunked(
      db,
      "submissions",
      subs.map((s) => ({
        id: s.id,
        client_id: "dataset",
        epoch,
        account: s.account,
        campaign_id: 0n,
        task_id: "",
        task_type: "dataset",
        answer: s.answer,
        started_at: new Date(s.startedAt),
        submitted_at: new Date(s.submittedAt),
        payload_hash: "dataset",
      })),
    );
    progress(`rerunning the quality rules over ${subs.length} submissions`);
    await filterSubmissions(
      db,
      epoch,
      subs.map((s) => ({
        id: s.id,
        account: s.account,
        answer: s.answer,
        startedAt: new Date(s.startedAt),
        submittedAt: new Date(s.submittedAt),
      })),
    );

    const unknownReviews: ReviewLine[] = [];
    for (const r of lines.filter((l): l is ReviewLine => l.type === "review")) {
      if (isReviewRule(r.ruleId)) {
        await db
          .insertInto("flags")
          .values({
            epoch,
            account: r.account,
            submission_id: r.submissionId,
            rule_id: r.ruleId,
            rule_version: r.ruleVersion,
            severity: r.severity,
            detail: "{}",
            status: r.status,
          })
          .execute();
        continue;
      }
      const updated = await sql`
        UPDATE flags SET status = ${r.status}
        WHERE epoch = ${epoch} AND rule_id = ${r.ruleId} AND rule_version = ${r.ruleVersion}
          AND account = ${r.account} AND coalesce(submission_id, '') = ${r.submissionId ?? ""}`.execute(
        db,
      );
      if (!updated.numAffectedRows) unknownReviews.push(r);
    }

    for (const c of lines.filter((l): l is CarryLine => l.type === "carry")) {
      await db
        .insertInto("tqs_scores")
        .values({
          epoch: epoch - 1n,
          account: c.account,
          previous: 0,
          clean: 0,
          penalty: 0,
          decay: 0,
          score: c.previous,
          excluded: false,
        })
        .execute();
      for (const fe of c.flaggedEpochs) {
        await db
          .insertInto("flags")
          .values({
            epoch: fe,
            account: c.account,
            submission_id: null,
            rule_id: "carried",
            rule_version: 1,
            severity: 0,
            detail: "{}",
            status: "upheld",
          })
          .execute();
      }
    }
    progress("recomputing TQS");
    await computeTqs(db, epoch, header.tqs);
    const recomputed = new Map(
      (
        await db
          .selectFrom("tqs_scores")
          .select(["account", "score"])
          .where("epoch", "=", epoch.toString())
          .execute()
      ).map((t) => [t.account, String(t.score)]),
    );
    const report = compareLeaves(lines, "TQS", recomputed, onChainRoot);
    const audit = opts.auditLog
      ? { checked: true, ...verifyAuditChain(opts.auditLog, header.auditHead) }
      : { checked: false, ok: true };
    return {
      ...report,
      ok: report.ok && unknownReviews.length === 0 && audit.ok,
      epoch,
      unknownReviews,
      audit,
    };
  } finally {
    await database.close();
  }
}
