// Everything the oracle holds about one account, as one JSON document (format mesi-export@1,
// docs/PRIVACY.md "Export"): consent history, submissions with their content, activity events
// it made, flags, review items and appeals with their texts, audit entries and texts about it,
// TQS, anomaly, holdings and engagement scores, and a receipt per scored epoch. Nothing about
// another account: a near-duplicate flag names the other submission only when it is the
// account's own.
import { sql } from "kysely";
import type { Address } from "viem";
import type { Db } from "../db/database.ts";
import { auditTexts, type AuditEntry, type AuditText } from "../review/audit-log.ts";
import { buildReceipt, type Receipt } from "./receipt.ts";
import type { ProofService } from "../dataset/proofs.ts";
import { scopeNames, type ScopeName } from "@mesi/abi";
import { EXPORT_FORMAT } from "./scopes.ts";

export interface AccountExport {
  format: typeof EXPORT_FORMAT;
  account: Address;
  generatedAt: string;
  consent: { block: string; at: string; scopes: ScopeName[]; policyHash: string | null }[];
  submissions: {
    id: string;
    epoch: string;
    campaignId: string;
    taskId: string;
    taskType: string;
    answer: string | null;
    rating: number | null;
    choice: string | null;
    startedAt: string;
    submittedAt: string;
    receivedAt: string;
    erased: { reason: string; at: string } | null;
  }[];
  activity: {
    id: string;
    epoch: string;
    kind: string;
    collection: string | null;
    tokenId: string | null;
    creator: string | null;
    durationMs: string;
    amountWei: string;
    occurredAt: string;
    receivedAt: string;
  }[];
  flags: {
    id: string;
    epoch: string;
    submissionId: string | null;
    ruleId: string;
    ruleVersion: number;
    severity: string;
    status: string;
    detail: unknown;
    createdAt: string;
  }[];
  reviews: {
    item: string;
    epoch: string;
    kind: string;
    flagId: string | null;
    submissionId: string | null;
    appealTarget: string | null;
    ticketId: string | null;
    /** An appeal's own words ("" once erased). */
    reason: string;
    deadline: string | null;
    status: string;
    decision: string | null;
    note: string | null;
    decidedAt: string | null;
    appliedEpoch: string | null;
    createdAt: string;
    reissue: { outcome: string; newTicketId: string | null; epoch: string } | null;
    reinstatement: { floor: number; appliedEpoch: string | null } | null;
  }[];
  audit: { entries: AuditEntry[]; texts: AuditText[] };
  tqs: {
    epoch: string;
    previous: number;
    clean: number;
    penalty: number;
    decay: number;
    score: number;
    excluded: boolean;
  }[];
  anomaly: { epoch: string; score: string; features: unknown }[];
  holdings: {
    epoch: string;
    tickets: number;
    mesiWei: string;
    votesWei: string;
    lockedWei: string;
  }[];
  engagement: {
    user: { epoch: string; score: string }[];
    gallery: { epoch: string; score: string }[];
    nfts: { epoch: string; collection: string; tokenId: string; score: string }[];
  };
  receipts: Receipt[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A flag's detail without anything about another account's submission. */
function ownDetail(detail: unknown): unknown {
  if (typeof detail !== "object" || detail === null || !("similarTo" in detail)) return detail;
  const d = detail as Record<string, unknown>;
  return d.sameAccount === 1 ? d : { ...d, similarTo: null };
}

export async function buildExport(
  db: Db,
  proofs: ProofService,
  account: Address,
  now = new Date(),
): Promise<AccountExport> {
  const a = account.toLowerCase() as Address;
  const [consent, subs, activity, flags, reviews, entries, texts] = await Promise.all([
    db
      .selectFrom("consent_events")
      .selectAll()
      .where("account", "=", a)
      .orderBy("block_number")
      .orderBy("log_index")
      .execute(),
    db.selectFrom("submissions").selectAll().where("account", "=", a).orderBy("id").execute(),
    db.selectFrom("activity_events").selectAll().where("actor", "=", a).orderBy("id").execute(),
    db.selectFrom("flags").selectAll().where("account", "=", a).orderBy("id").execute(),
    db
      .selectFrom("review_items as i")
      .leftJoin("ticket_reissues as t", "t.review_item", "i.id")
      .leftJoin("reinstatements as r", "r.review_item", "i.id")
      .selectAll("i")
      .select([
        "t.outcome",
        "t.new_id",
        "t.epoch as reissue_epoch",
        "r.floor",
        "r.applied_epoch as reinstated_epoch",
      ])
      .where("i.account", "=", a)
      .orderBy("i.id")
      .execute(),
    // Entries the account made, or that name it (decisions on its items, erasures, withdrawals).
    sql<{
      seq: string;
      at: string;
      actor: string;
      action: string;
      body: unknown;
      prev_hash: `0x${string}`;
      hash: `0x${string}`;
    }>`
      SELECT * FROM audit_log l
      WHERE l.actor = ${a} OR l.body->>'account' = ${a}
        OR l.seq IN (SELECT seq FROM audit_texts WHERE account = ${a})
        OR l.seq IN (SELECT decision_seq FROM review_items WHERE account = ${a} AND decision_seq IS NOT NULL)
      ORDER BY l.seq`.execute(db),
    auditTexts(db, { account: a, limit: 1_000_000 }),
  ]);
  const [tqs, anomaly, holdings, user, gallery, nfts] = await Promise.all([
    db.selectFrom("tqs_scores").selectAll().where("account", "=", a).orderBy("epoch").execute(),
    db.selectFrom("anomaly_scores").selectAll().where("account", "=", a).orderBy("epoch").execute(),
    db
      .selectFrom("holdings_snapshot")
      .selectAll()
      .where("account", "=", a)
      .orderBy("epoch")
      .execute(),
    db.selectFrom("user_scores").selectAll().where("account", "=", a).orderBy("epoch").execute(),
    db.selectFrom("gallery_scores").selectAll().where("creator", "=", a).orderBy("epoch").execute(),
    db
      .selectFrom("nft_scores")
      .selectAll()
      .where("creator", "=", a)
      .orderBy("epoch")
      .orderBy("collection")
      .orderBy("token_id")
      .execute(),
  ]);
  // A receipt for every committed epoch in which the account has a score or a flag.
  const epochs = [
    ...new Set([...tqs, ...user, ...gallery, ...flags].map((r) => BigInt(r.epoch))),
  ].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const receipts: Receipt[] = [];
  for (const e of epochs) {
    const r = await buildReceipt(db, proofs, e, a);
    if (r)
      receipts.push({ ...r, flags: r.flags.map((f) => ({ ...f, detail: ownDetail(f.detail) })) });
  }
  return {
    format: EXPORT_FORMAT,
    account: a,
    generatedAt: now.toISOString(),
    consent: consent.map((c) => ({
      block: c.block_number,
      at: c.block_time.toISOString(),
      scopes: scopeNames(c.scopes),
      policyHash: c.policy_hash,
    })),
    submissions: subs.map((s) => ({
      id: s.id,
      epoch: s.epoch,
      campaignId: s.campaign_id,
      taskId: s.task_id,
      taskType: s.task_type,
      answer: s.answer,
      rating: s.rating,
      choice: s.choice,
      startedAt: s.started_at.toISOString(),
      submittedAt: s.submitted_at.toISOString(),
      receivedAt: s.received_at.toISOString(),
      erased:
        s.content_erased && s.content_erased_at
          ? { reason: s.content_erased, at: s.content_erased_at.toISOString() }
          : null,
    })),
    activity: activity.map((e) => ({
      id: e.id,
      epoch: e.epoch,
      kind: e.kind,
      collection: e.collection,
      tokenId: e.token_id,
      creator: e.creator,
      durationMs: String(e.duration_ms),
      amountWei: e.amount_wei,
      occurredAt: e.occurred_at.toISOString(),
      receivedAt: e.received_at.toISOString(),
    })),
    flags: flags.map((f) => ({
      id: f.id,
      epoch: f.epoch,
      submissionId: f.submission_id,
      ruleId: f.rule_id,
      ruleVersion: f.rule_version,
      severity: f.severity,
      status: f.status,
      detail: ownDetail(f.detail),
      createdAt: f.created_at.toISOString(),
    })),
    reviews: reviews.map((i) => ({
      item: i.id,
      epoch: i.epoch,
      kind: i.kind,
      flagId: i.flag_id,
      submissionId: i.submission_id,
      appealTarget: i.appeal_target,
      ticketId: i.ticket_id,
      reason: i.reason,
      deadline: iso(i.deadline),
      status: i.status,
      decision: i.decision,
      note: i.note,
      decidedAt: iso(i.decided_at),
      appliedEpoch: i.applied_epoch,
      createdAt: i.created_at.toISOString(),
      reissue: i.outcome
        ? { outcome: i.outcome, newTicketId: i.new_id, epoch: i.reissue_epoch! }
        : null,
      reinstatement:
        i.floor === null ? null : { floor: i.floor, appliedEpoch: i.reinstated_epoch ?? null },
    })),
    audit: {
      entries: entries.rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        action: r.action,
        body: r.body,
        prevHash: r.prev_hash,
        hash: r.hash,
      })),
      texts,
    },
    tqs: tqs.map((t) => ({
      epoch: t.epoch,
      previous: t.previous,
      clean: t.clean,
      penalty: t.penalty,
      decay: t.decay,
      score: t.score,
      excluded: t.excluded,
    })),
    anomaly: anomaly.map((x) => ({ epoch: x.epoch, score: x.score, features: x.features })),
    holdings: holdings.map((h) => ({
      epoch: h.epoch,
      tickets: h.tickets,
      mesiWei: h.mesi_wei,
      votesWei: h.votes_wei,
      lockedWei: h.locked_wei,
    })),
    engagement: {
      user: user.map((u) => ({ epoch: u.epoch, score: u.score })),
      gallery: gallery.map((g) => ({ epoch: g.epoch, score: g.score })),
      nfts: nfts.map((n) => ({
        epoch: n.epoch,
        collection: n.collection,
        tokenId: n.token_id,
        score: n.score,
      })),
    },
    receipts,
  };
}
