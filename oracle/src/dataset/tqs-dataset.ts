// The published dataset of a TQS epoch (public): everything an auditor needs to rerun the
// quality rules and the TQS SQL unchanged, as JSON Lines in a deterministic order:
//   {"type":"header","dataset":"TQS",...}   parameters of both, and the audit log head it anchors
//   {"type":"submission",...}               every submission of the epoch, by id: its public
//                                           features (quality/features.ts), never the answer
//   {"type":"review",...}                   this epoch's flags a reviewer decided or added
//   {"type":"carry",...}                    each returning account's previous TQS and earlier flagged epochs
//   {"type":"leaf","kind":"TQS",...}        every score, by account
import type { Address } from "viem";
import type { Db } from "../db/database.ts";
import { QUALITY_PARAMS } from "../quality/rules.ts";
import {
  FEATURE_PARAMS,
  isKnownFeatureVersion,
  submissionLineSchema,
  toSubmissionLine,
  type FeatureVersion,
  type FeatureParams,
  type SubmissionFeatures,
  type SubmissionLine,
} from "../quality/features.ts";
import { TQS_PARAMS_V1, type TqsParams } from "../scoring/tqs.ts";
import type { AuditHead } from "../review/audit-log.ts";
import { sql } from "kysely";
import { z } from "zod";
import {
  accountLeafSubject,
  DATASET_FORMAT,
  lowerAddress as address,
  headerBaseShape,
  leafLine,
  validateDataset,
  type HeaderBase,
  type LeafLine,
} from "./lines.ts";

export interface TqsHeader extends HeaderBase {
  dataset: "TQS";
  tqs: TqsParams;
  quality: typeof QUALITY_PARAMS;
  features: FeatureParams;
  auditHead: AuditHead;
}

export type { SubmissionLine };

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

/**
 * The dataset lines of a TQS epoch whose flags and scores are computed; `features` are the
 * epoch's submissions as the rules read them (quality/run.ts).
 */
export async function buildTqsDataset(
  db: Db,
  opts: {
    epoch: bigint;
    chainId: bigint;
    scoreOracle: Address;
    auditHead: AuditHead;
    features: readonly SubmissionFeatures[];
    params?: TqsParams;
  },
): Promise<TqsLine[]> {
  const p = opts.params ?? TQS_PARAMS_V1;
  const e = opts.epoch.toString();
  const [reviewed, scores, carried] = await Promise.all([
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
      format: DATASET_FORMAT,
      dataset: "TQS",
      epoch: e,
      chainId: opts.chainId.toString(),
      scoreOracle: opts.scoreOracle,
      tqs: p,
      quality: QUALITY_PARAMS,
      features: FEATURE_PARAMS,
      auditHead: opts.auditHead,
    },
    ...[...opts.features]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(toSubmissionLine),
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

// --- reading a published TQS dataset (the auditor's verify): every line validated.

const epochString = z.string().regex(/^\d{1,19}$/, "must be a decimal epoch");
const int = (min: number, max: number) => z.number().int().min(min).max(max);

const tqsHeaderSchema = z.strictObject({
  ...headerBaseShape,
  dataset: z.literal("TQS"),
  tqs: z.strictObject({
    version: z.literal(TQS_PARAMS_V1.version, {
      error: `must be ${TQS_PARAMS_V1.version} (the TQS SQL this verifier runs)`,
    }),
    initial: int(0, 10_000),
    reward: int(0, 10_000),
    penalty: int(0, 1_000_000),
    decay: int(0, 10_000),
    window: int(1, 1_000),
    excludeBelow: int(0, 10_000),
  }),
  quality: z.record(z.string(), z.unknown()),
  features: z
    .looseObject({ version: z.string() })
    .refine(
      (f) => isKnownFeatureVersion(f.version),
      "version: a feature version this verifier knows",
    ),
  auditHead: z.strictObject({
    seq: z.string().regex(/^\d{1,19}$/, "must be a decimal sequence number"),
    hash: z.string().regex(/^0x[0-9a-f]{64}$/, "must be 32 bytes of lowercase 0x hex"),
  }),
});

const reviewLineSchema = z.strictObject({
  type: z.literal("review"),
  ruleId: z.string().min(1).max(64),
  ruleVersion: int(0, 1_000_000),
  account: address,
  submissionId: z.string().min(1).max(128).nullable(),
  severity: z.string().regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, "must be a decimal from 0 to 1"),
  status: z.enum(["upheld", "dismissed"]),
});

const carryLineSchema = z.strictObject({
  type: z.literal("carry"),
  account: address,
  previous: int(0, 10_000),
  flaggedEpochs: z.array(epochString).max(1_000),
  reinstated: z.boolean(),
});

/** A published TQS dataset, validated, in the shapes verify reruns. */
export interface ParsedTqsDataset {
  header: TqsHeader;
  submissions: SubmissionFeatures[];
  reviews: ReviewLine[];
  carries: CarryLine[];
  leaves: LeafLine[];
}

/** Parses a TQS dataset's text; a malformed line is a DatasetError naming it. */
export function parseTqsDataset(text: string): ParsedTqsDataset {
  const { header, of } = validateDataset<TqsHeader>(
    text,
    tqsHeaderSchema as unknown as z.ZodType<TqsHeader>,
    (h) => ({
      submission: submissionLineSchema(h.features.version as FeatureVersion),
      review: reviewLineSchema,
      carry: carryLineSchema,
    }),
    {
      submission: (l: SubmissionFeatures) => l.id,
      review: (r: ReviewLine) =>
        `${r.ruleId}@${r.ruleVersion} ${r.account} ${r.submissionId ?? ""}`,
      carry: (l: CarryLine) => l.account,
    },
  );
  return {
    header,
    submissions: of<SubmissionFeatures>("submission"),
    reviews: of<ReviewLine>("review"),
    carries: of<CarryLine>("carry"),
    leaves: of<LeafLine>("leaf"),
  };
}
