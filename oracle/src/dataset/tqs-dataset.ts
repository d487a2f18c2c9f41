// The published dataset of a TQS epoch (public): everything an auditor needs to rerun the
// quality rules and the TQS SQL unchanged, as JSON Lines in a deterministic order:
//   {"type":"header","dataset":"TQS",...}   parameters of both, and the audit log head it anchors
//   {"type":"submission",...}               every submission of the epoch, by id: its public
//                                           features (quality/features.ts), never the answer
//   {"type":"gold-commitment",...}          gold-set commitments registered this epoch
//   {"type":"gold",...}                     gold sets revealed (with their commitments) the rules used
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
import { TQS_PARAMS, type TqsParams } from "../scoring/tqs.ts";
import type { GoldRecord } from "../quality/run.ts";
import { bytes32, goldRevealSchema } from "../quality/gold.ts";
import type { AuditHead } from "../review/audit-log.ts";
import { sql } from "kysely";
import { lowerAddress as address } from "../util/fields.ts";
import { z } from "zod";
import {
  accountLeafSubject,
  DATASET_FORMAT,
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

/** A campaign's gold-set commitment, published in the epoch it was registered. */
export interface GoldCommitmentLine {
  type: "gold-commitment";
  campaignId: string;
  commitment: string;
}

/** A revealed gold set the rules used, with the commitment it must match. */
export interface GoldLine {
  type: "gold";
  campaignId: string;
  commitment: string;
  committedEpoch: string;
  salt: string;
  answers: Record<string, string[]>;
}

export type TqsLine =
  TqsHeader | SubmissionLine | GoldCommitmentLine | GoldLine | ReviewLine | CarryLine | LeafLine;

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
    gold?: readonly GoldRecord[];
    params?: TqsParams;
  },
): Promise<TqsLine[]> {
  const p = opts.params ?? TQS_PARAMS;
  const e = opts.epoch.toString();
  const [committed, reviewed, scores, carried] = await Promise.all([
    db
      .selectFrom("campaign_gold")
      .select(["campaign_id", "commitment"])
      .where("committed_epoch", "=", e)
      .orderBy("campaign_id")
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
    ...committed.map((c): GoldCommitmentLine => ({
      type: "gold-commitment",
      campaignId: c.campaign_id,
      commitment: c.commitment,
    })),
    ...(opts.gold ?? []).map((g): GoldLine => ({
      type: "gold",
      campaignId: g.campaignId,
      commitment: g.commitment,
      committedEpoch: g.committedEpoch,
      salt: g.salt,
      answers: g.answers,
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

// --- reading a published TQS dataset (the auditor's verify): every line validated.

const epochString = z.string().regex(/^\d{1,19}$/, "must be a decimal epoch");
const int = (min: number, max: number) => z.number().int().min(min).max(max);

const tqsHeaderSchema = z.strictObject({
  ...headerBaseShape,
  dataset: z.literal("TQS"),
  tqs: z.strictObject({
    version: z.literal(TQS_PARAMS.version, {
      error: `must be ${TQS_PARAMS.version} (the TQS SQL this verifier runs)`,
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

const goldCommitmentLineSchema = z.strictObject({
  type: z.literal("gold-commitment"),
  campaignId: z.string().regex(/^\d{1,78}$/, "must be a decimal integer string"),
  commitment: bytes32,
});

const goldLineSchema = goldRevealSchema.extend({
  type: z.literal("gold"),
  commitment: bytes32,
  committedEpoch: epochString,
});

/** A published TQS dataset, validated, in the shapes verify reruns. */
export interface ParsedTqsDataset {
  header: TqsHeader;
  submissions: SubmissionFeatures[];
  goldCommitments: GoldCommitmentLine[];
  gold: GoldLine[];
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
      "gold-commitment": goldCommitmentLineSchema,
      gold: goldLineSchema,
      review: reviewLineSchema,
      carry: carryLineSchema,
    }),
    {
      submission: (l: SubmissionFeatures) => l.id,
      "gold-commitment": (l: GoldCommitmentLine) => l.campaignId,
      gold: (l: GoldLine) => l.campaignId,
      review: (r: ReviewLine) =>
        `${r.ruleId}@${r.ruleVersion} ${r.account} ${r.submissionId ?? ""}`,
      carry: (l: CarryLine) => l.account,
    },
  );
  return {
    header,
    submissions: of<SubmissionFeatures>("submission"),
    goldCommitments: of<GoldCommitmentLine>("gold-commitment"),
    gold: of<GoldLine>("gold"),
    reviews: of<ReviewLine>("review"),
    carries: of<CarryLine>("carry"),
    leaves: of<LeafLine>("leaf"),
  };
}
