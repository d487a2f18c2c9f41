// An account's receipt for one epoch: its proofs and what changed its scores and why — the
// TQS terms, every flag with its rule and status, its anomaly score, the review decisions
// that reached this epoch, its appeals (with the ticket a granted appeal re-issued on chain),
// and its engagement scores.
import type { Address } from "viem";
import { accountSubject } from "@mesi/abi";
import type { Db } from "../db/database.ts";
import { TQS_PARAMS } from "../scoring/tqs.ts";
import type { ProofService, Proof } from "../dataset/proofs.ts";

export interface Receipt {
  epoch: string;
  account: Address;
  tqs: {
    score: number;
    previous: number;
    gained: number;
    penalty: number;
    decay: number;
    excluded: boolean;
    proof: Proof | null;
  } | null;
  flags: {
    id: string;
    epoch: string;
    ruleId: string;
    ruleVersion: number;
    severity: string;
    status: string;
    submissionId: string | null;
    detail: unknown;
  }[];
  anomaly: { score: string; features: unknown } | null;
  decisionsApplied: { item: string; kind: string; decision: string | null; note: string | null }[];
  appeals: {
    item: string;
    target: string | null;
    /** The account's own words (never public: the audit log carries a commitment). */
    reason: string;
    status: string;
    decision: string | null;
    deadline: string | null;
    /** The appealed ticket (ticket appeals). */
    ticketId: string | null;
    /** A granted ticket appeal: re-issued on chain as `reissuedAs`, or why there was nothing to revive. */
    reissue: { outcome: "reissued" | "not-void" | "not-yours"; reissuedAs: string | null } | null;
  }[];
  user: Proof | null;
  gallery: Proof | null;
  explanation: string[];
}

const orNull = (p: Proof | { missing: string }) => ("missing" in p ? null : p);

export async function buildReceipt(
  db: Db,
  proofs: ProofService,
  epoch: bigint,
  account: Address,
): Promise<Receipt | undefined> {
  if (!(await proofs.datasetOf("TQS", epoch))) return undefined;
  const e = epoch.toString();
  const params = TQS_PARAMS;
  const [tqs, flags, anomaly, decided, appeals, tqsProof, user, gallery] = await Promise.all([
    db
      .selectFrom("tqs_scores")
      .selectAll()
      .where("epoch", "=", e)
      .where("account", "=", account)
      .executeTakeFirst(),
    db
      .selectFrom("flags")
      .selectAll()
      .where("account", "=", account)
      .where("epoch", "=", e)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("anomaly_scores")
      .selectAll()
      .where("epoch", "=", e)
      .where("account", "=", account)
      .executeTakeFirst(),
    db
      .selectFrom("review_items")
      .selectAll()
      .where("account", "=", account)
      .where("applied_epoch", "=", e)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("review_items as i")
      .leftJoin("ticket_reissues as r", "r.review_item", "i.id")
      .selectAll("i")
      .select(["r.outcome", "r.new_id"])
      .where("i.account", "=", account)
      .where("i.kind", "=", "appeal")
      .orderBy("i.id")
      .execute(),
    proofs.proof("TQS", epoch, accountSubject(account)),
    proofs.proof("USER", epoch, accountSubject(account)),
    proofs.proof("GALLERY", epoch, accountSubject(account)),
  ]);
  const explanation: string[] = [];
  if (tqs) {
    const gained = tqs.clean * params.reward;
    explanation.push(
      `TQS ${tqs.previous} → ${tqs.score}: +${gained} for ${tqs.clean} clean submission(s), −${tqs.penalty} for flags this epoch, −${tqs.decay} for flags in earlier epochs`,
    );
    if (tqs.excluded)
      explanation.push(
        `below ${params.excludeBelow}: excluded on chain until a review reinstates you; you may appeal`,
      );
  } else {
    explanation.push("no TQS this epoch: no submissions and no earlier score");
  }
  for (const f of flags)
    explanation.push(
      `flag ${f.id} (${f.rule_id}@${f.rule_version}, severity ${f.severity}): ${f.status}`,
    );
  for (const d of decided)
    explanation.push(
      `review item ${d.id} (${d.kind}) decided "${d.decision}" applies from this epoch`,
    );
  for (const a of appeals) {
    if (a.appeal_target !== "ticket" || a.decision !== "grant") continue;
    explanation.push(
      a.outcome === "reissued"
        ? `appeal ${a.id} granted: voided ticket #${a.ticket_id} was re-issued on chain as ticket #${a.new_id}`
        : a.outcome
          ? `appeal ${a.id} granted: ticket #${a.ticket_id} ${a.outcome === "not-void" ? "is not voided" : "was not yours"}, nothing to re-issue`
          : `appeal ${a.id} granted: voided ticket #${a.ticket_id} will be re-issued on chain (waits while the account is excluded)`,
    );
  }
  return {
    epoch: e,
    account,
    tqs: tqs
      ? {
          score: tqs.score,
          previous: tqs.previous,
          gained: tqs.clean * params.reward,
          penalty: tqs.penalty,
          decay: tqs.decay,
          excluded: tqs.excluded,
          proof: orNull(tqsProof),
        }
      : null,
    flags: flags.map((f) => ({
      id: f.id,
      epoch: f.epoch,
      ruleId: f.rule_id,
      ruleVersion: f.rule_version,
      severity: f.severity,
      status: f.status,
      submissionId: f.submission_id,
      detail: f.detail,
    })),
    anomaly: anomaly ? { score: anomaly.score, features: anomaly.features } : null,
    decisionsApplied: decided.map((d) => ({
      item: d.id,
      kind: d.kind,
      decision: d.decision,
      note: d.note,
    })),
    appeals: appeals.map((a) => ({
      item: a.id,
      target: a.appeal_target,
      reason: a.reason,
      status: a.status,
      decision: a.decision,
      deadline: a.deadline?.toISOString() ?? null,
      ticketId: a.ticket_id,
      reissue: a.outcome ? { outcome: a.outcome, reissuedAs: a.new_id } : null,
    })),
    user: orNull(user),
    gallery: orNull(gallery),
    explanation,
  };
}
