// The auditor's recomputation of a TQS epoch: load the dataset's submission features into an
// in-memory PGlite, rerun the quality rules (the same pure functions, on the same public
// features), apply the review decisions and the carried history the dataset lists, run the
// same TQS SQL, and compare every score and the rebuilt root with the chain's. The anchored
// audit log head is checked against the log when one is given. Each gold set the rules used
// must match the commitment registered for it (quality/gold.ts). Browser-safe.
import type { Hex } from "viem";
import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import { openPglite } from "../db/pglite.ts";
import { insertChunked } from "../db/insert-chunked.ts";
import { filterSubmissions } from "../quality/run.ts";
import { QUALITY_PARAMS } from "../quality/rules.ts";
import { FEATURE_PARAMS } from "../quality/features.ts";
import { goldCommitment, type GoldReveal } from "../quality/gold.ts";
import { computeTqs } from "../scoring/tqs.ts";
import { accountLeafSubject } from "../dataset/lines.ts";
import { isReviewRule, type ParsedTqsDataset, type ReviewLine } from "../dataset/tqs-dataset.ts";
import { verifyAuditChain, type AuditEntry } from "../review/audit-log.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import { compareLeaves, type KindReport, type OnChainCommitment } from "./compare.ts";

export interface TqsVerifyReport extends KindReport {
  epoch: bigint;
  /** Parameters the dataset names that this verifier does not run (then nothing is recomputed). */
  unsupported: string[];
  /** Review lines on automatic flags that the rules did not raise. */
  unknownReviews: ReviewLine[];
  /** Gold reveals that do not match their commitment (or were committed after this epoch). */
  goldProblems: string[];
  audit: { checked: boolean; ok: boolean; problem?: string };
}

export interface VerifyOptions {
  /** Opens the scratch database; default an in-memory PGlite (Node or browser). */
  open?: () => Promise<Database>;
  progress?: (msg: string) => void;
}

export async function verifyTqsDataset(
  dataset: ParsedTqsDataset,
  onChain: OnChainCommitment,
  opts: VerifyOptions & { auditLog?: readonly AuditEntry[] } = {},
): Promise<TqsVerifyReport> {
  const progress = opts.progress ?? (() => undefined);
  const { header } = dataset;
  const epoch = BigInt(header.epoch);
  const audit = opts.auditLog
    ? { checked: true, ...verifyAuditChain(opts.auditLog, header.auditHead) }
    : { checked: false, ok: true };
  const subjectOf = (id: string) =>
    /^0x[0-9a-f]{40}$/.test(id) ? accountLeafSubject(id) : undefined;

  // The rules are code: a dataset scored under other parameters is not this verifier's to judge.
  const unsupported: string[] = [];
  if (canonicalJson(header.quality) !== canonicalJson(QUALITY_PARAMS))
    unsupported.push("quality: the dataset's rule parameters are not this verifier's");
  if (canonicalJson(header.features) !== canonicalJson(FEATURE_PARAMS))
    unsupported.push(
      `features: ${header.features.version} with other parameters than this verifier's`,
    );
  const otherKinds = dataset.leaves.filter((l) => l.kind !== "TQS");
  if (unsupported.length) {
    const report = compareLeaves(header, dataset.leaves, "TQS", new Map(), onChain, subjectOf);
    return {
      ...report,
      ok: false,
      epoch,
      unsupported,
      unknownReviews: [],
      goldProblems: [],
      audit,
    };
  }

  const database = await (opts.open ?? (() => openPglite()))();
  const { db } = database;
  try {
    const subs = dataset.submissions;
    await insertChunked(
      db,
      "submissions",
      subs.map((s) => ({
        id: s.id,
        client_id: "dataset",
        epoch,
        account: s.account,
        campaign_id: s.campaignId,
        task_id: s.taskId,
        task_type: s.taskType,
        answer: null,
        started_at: s.startedAt,
        submitted_at: s.submittedAt,
        payload_hash: "dataset",
      })),
    );
    const gold: GoldReveal[] = dataset.gold.map((g) => ({
      campaignId: g.campaignId,
      salt: g.salt as Hex,
      answers: g.answers,
    }));
    const goldProblems = dataset.gold.flatMap((g, i) =>
      goldCommitment(gold[i]!) !== g.commitment
        ? [`campaign ${g.campaignId}: the revealed gold set does not match its commitment`]
        : BigInt(g.committedEpoch) > epoch
          ? [`campaign ${g.campaignId}: committed in epoch ${g.committedEpoch}, after this one`]
          : [],
    );
    progress(`rerunning the quality rules over ${subs.length} submissions`);
    await filterSubmissions(db, epoch, subs, gold);

    const unknownReviews: ReviewLine[] = [];
    for (const r of dataset.reviews) {
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

    // Each returning account's previous score and its earlier flagged epochs, as rows the TQS
    // SQL reads (a "carried" flag per flagged epoch).
    await insertChunked(
      db,
      "tqs_scores",
      dataset.carries.map((c) => ({
        epoch: epoch - 1n,
        account: c.account,
        previous: 0,
        clean: 0,
        penalty: 0,
        decay: 0,
        score: c.previous,
        excluded: false,
      })),
    );
    await insertChunked(
      db,
      "flags",
      dataset.carries.flatMap((c) =>
        c.flaggedEpochs.map((fe) => ({
          epoch: fe,
          account: c.account,
          submission_id: null,
          rule_id: "carried",
          rule_version: 1,
          severity: 0,
          detail: "{}",
          status: "upheld" as const,
        })),
      ),
    );
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
    const report = compareLeaves(header, dataset.leaves, "TQS", recomputed, onChain, subjectOf);
    for (const l of otherKinds)
      report.badLeaves.push({ id: l.id, problem: `a ${l.kind} leaf in a TQS dataset` });
    return {
      ...report,
      ok:
        report.ok &&
        otherKinds.length === 0 &&
        unknownReviews.length === 0 &&
        goldProblems.length === 0 &&
        audit.ok,
      epoch,
      unsupported,
      unknownReviews,
      goldProblems,
      audit,
    };
  } finally {
    await database.close();
  }
}
