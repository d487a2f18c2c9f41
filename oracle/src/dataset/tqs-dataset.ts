// The published dataset of a TQS epoch (public): everything an auditor needs to rerun the
// quality rules and the TQS SQL unchanged, as JSON Lines in a deterministic order:
//   {"type":"header","dataset":"TQS",...}   parameters of both, and the audit log head it anchors
//   {"type":"submission",...}               every submission of the epoch, by id
//   {"type":"review",...}                   this epoch's flags a reviewer decided or added
//   {"type":"carry",...}                    each returning account's previous TQS and earlier flagged epochs
//   {"type":"leaf","kind":"TQS",...}        every score, by account
import type { Address } from "viem";
import type { Db } from "../db/database.ts";
import { QUALITY_PARAMS } from "../quality/rules.ts";
import { TQS_PARAMS_V1, type TqsParams } from "../scoring/tqs.ts";
import type { AuditHead } from "../review/audit-log.ts";
import { accountLeafSubject, leafLine, type HeaderBase, type LeafLine } from "./lines.ts";
import { sql } from "kysely";

export interface TqsHeader extends HeaderBase {
  dataset: "TQS";
  tqs: TqsParams;
  quality: typeof QUALITY_PARAMS;
  auditHead: AuditHead;
}

export interface SubmissionLine {
  type: "submission";
  id: string;
  account: string;
  answer: string | null;
  startedAt: string;
  submittedAt: string;
}

/** A flag of this epoch as review left it: an automatic one's status, or a reviewer's own. */
export interface ReviewLine {
  type: "review";
  ruleId: string;
  ruleVersion: number;
  account: string;
  submissionId: string | null;
  severity: string;
  status: "upheld" | "dismissed";
}

export interface CarryLine {
  type: "carry";
  account: string;
  previous: number;
  /** Earlier epochs inside the decay window in which the account had a standing flag. */
  flaggedEpochs: string[];
  /** True when a granted exclusion appeal raised `previous` to the threshold. */
  reinstated: boolean;
}

export type TqsLine = TqsHeader | SubmissionLine | ReviewLine | CarryLine | LeafLine;

export const isReviewRule = (ruleId: string) => ruleId.startsWith("review");

/** The dataset lines of a TQS epoch whose flags and scores are computed. */
export async function buildTqsDataset(
  db: Db,
  opts: {
    epoch: bigint;
    chainId: bigint;
    scoreOracle: Address;
    auditHead: AuditHead;
    params?: TqsParams;
  },
): Promise<TqsLine[]> {
  const p = opts.params ?? TQS_PARAMS_V1;
  const e = opts.epoch.toString();
  const [subs, reviewed, scores, carried] = await Promise.all([
    db
      .selectFrom("submissions")
      .select(["id", "account", "answer", "started_at", "submitted_at"])
      .where("epoch", "=", e)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("flags")
      .select(["rule_id", "rule_version", "account", "submission_id", "severity", "status"])
      .where("epoch", "=", e)
      .where((w) => w.or([w("status", "<>", "open"), w("rule_id", "like", "review%")]))
      .orderBy("rule_id")
      .orderBy("rule_version")
      .orderBy("account")
      .orderBy(sql`coalesce(submission_id, '')`)
      .execute(),
    db.selectFrom("tqs_scores").selectAll().where("epoch", "=", e).orderBy("account").execute(),
    sql<{ account: string; latest: number; flagged: string[] | null }>`
      SELECT t.account,
        (SELECT p.score FROM tqs_scores p WHERE p.account = t.account AND p.epoch < ${opts.epoch}
          ORDER BY p.epoch DESC LIMIT 1) AS latest,
        (SELECT array_agg(DISTINCT f.epoch::text ORDER BY f.epoch::text) FROM flags f
          WHERE f.account = t.account AND f.status <> 'dismissed'
            AND f.epoch > ${opts.epoch}::bigint - ${p.window}::int AND f.epoch < ${opts.epoch}) AS flagged
      FROM tqs_scores t
      WHERE t.epoch = ${opts.epoch}
        AND EXISTS (SELECT 1 FROM tqs_scores p WHERE p.account = t.account AND p.epoch < ${opts.epoch})
      ORDER BY t.account`.execute(db),
  ]);
  const previousOf = new Map(scores.map((s) => [s.account, s.previous]));
  return [
    {
      type: "header",
      format: "mesi-dataset@2",
      dataset: "TQS",
      epoch: e,
      chainId: opts.chainId.toString(),
      scoreOracle: opts.scoreOracle,
      tqs: p,
      quality: QUALITY_PARAMS,
      auditHead: opts.auditHead,
    },
    ...subs.map((s): SubmissionLine => ({
      type: "submission",
      id: s.id,
      account: s.account,
      answer: s.answer,
      startedAt: s.started_at.toISOString(),
      submittedAt: s.submitted_at.toISOString(),
    })),
    ...reviewed.map((f): ReviewLine => ({
      type: "review",
      ruleId: f.rule_id,
      ruleVersion: f.rule_version,
      account: f.account,
      submissionId: f.submission_id,
      severity: f.severity,
      status: f.status === "dismissed" ? "dismissed" : "upheld",
    })),
    ...carried.rows.map((c): CarryLine => {
      const previous = previousOf.get(c.account)!;
      return {
        type: "carry",
        account: c.account,
        previous,
        flaggedEpochs: c.flagged ?? [],
        reinstated: previous !== c.latest,
      };
    }),
    ...scores.map((s) =>
      leafLine("TQS", s.account, accountLeafSubject(s.account), String(s.score), opts.epoch, `0x`),
    ),
  ];
}

/** The TQS leaf ids (accounts) a dataset marks excluded, recomputed from its leaves. */
export const excludedIn = (lines: readonly TqsLine[]): string[] => {
  const header = lines[0] as TqsHeader;
  return lines
    .filter((l): l is LeafLine => l.type === "leaf" && l.kind === "TQS")
    .filter((l) => Number(l.score) < header.tqs.excludeBelow)
    .map((l) => l.id);
};
