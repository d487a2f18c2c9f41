// The human review (HITL) queue. Flagged submissions and a deterministic sample of clean
// ones wait for a reviewer's decision (approve, flag, remove); appeals of a flag, a voided
// ticket or an exclusion wait for grant or deny before their deadline (an appeal nobody
// decided in time is granted: the burden is on the platform). Every decision and appeal is
// one audit log entry written in the same transaction as its effect. Effects reach scores in
// the next TQS epoch computed after the decision; that epoch's dataset anchors the log head.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { TQS_PARAMS } from "../scoring/tqs.ts";
import { appendAudit, type AuditEntry } from "./audit-log.ts";

export const REVIEW_PARAMS = {
  /** Share of clean submissions sampled for review, by a hash of id and epoch. */
  sampleRate: 0.02,
  /** Time a reviewer has to decide an appeal. */
  appealDeadlineMs: 72 * 3_600_000,
  /** Severity of a reviewer's "flag" and "remove" on a submission. */
  flagSeverity: 0.5,
  removeSeverity: 1,
} as const;

export type ItemKind = "flag" | "sample" | "appeal";
export type Decision = "approve" | "flag" | "remove" | "grant" | "deny";
export type AppealTarget = "flag" | "ticket" | "exclusion";

export class ReviewError extends Error {
  readonly status: 400 | 403 | 404 | 409;
  constructor(status: 400 | 403 | 404 | 409, message: string) {
    super(message);
    this.status = status;
  }
}

/** Queues the epoch's open automatic flags and its sample; re-running adds nothing twice. */
export async function enqueueEpoch(
  db: Db,
  epoch: bigint,
  sampleRate: number = REVIEW_PARAMS.sampleRate,
): Promise<{ flagged: number; sampled: number }> {
  const flagged = await sql`
    INSERT INTO review_items (epoch, kind, account, flag_id, submission_id)
    SELECT f.epoch, 'flag', f.account, f.id, f.submission_id FROM flags f
    WHERE f.epoch = ${epoch} AND f.status = 'open' AND f.rule_id NOT LIKE 'review%'
    ORDER BY f.id
    ON CONFLICT DO NOTHING`.execute(db);
  // A hash of (id, epoch) picks the sample: anyone can check which submissions it picks.
  const threshold = Math.floor(sampleRate * 2 ** 31);
  const sampled = await sql`
    INSERT INTO review_items (epoch, kind, account, submission_id)
    SELECT s.epoch, 'sample', s.account, s.id FROM submissions s
    WHERE s.epoch = ${epoch}
      AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.submission_id = s.id)
      AND ('x' || substr(md5(s.id || ':' || s.epoch::text), 1, 8))::bit(32)::int & 2147483647 < ${threshold}
    ORDER BY s.id
    ON CONFLICT DO NOTHING`.execute(db);
  return {
    flagged: Number(flagged.numAffectedRows ?? 0n),
    sampled: Number(sampled.numAffectedRows ?? 0n),
  };
}

export interface ReviewItem {
  id: string;
  epoch: string;
  kind: ItemKind;
  account: string;
  flagId: string | null;
  submissionId: string | null;
  appealTarget: AppealTarget | null;
  ticketId: string | null;
  reason: string;
  deadline: string | null;
  status: "pending" | "decided";
  decision: Decision | null;
  reviewer: string | null;
  note: string | null;
  decidedAt: string | null;
  appliedEpoch: string | null;
  /** The flag under review, if any. */
  flag?: { ruleId: string; ruleVersion: number; severity: string; status: string; detail: unknown };
  /** The submission under review, if any. */
  answer?: string | null;
}

type ItemRow = {
  id: string;
  epoch: string;
  kind: ItemKind;
  account: string;
  flag_id: string | null;
  submission_id: string | null;
  appeal_target: AppealTarget | null;
  ticket_id: string | null;
  reason: string;
  deadline: Date | null;
  status: "pending" | "decided";
  decision: Decision | null;
  reviewer: string | null;
  note: string | null;
  decided_at: Date | null;
  applied_epoch: string | null;
};

const toItem = (r: ItemRow): ReviewItem => ({
  id: r.id,
  epoch: r.epoch,
  kind: r.kind,
  account: r.account,
  flagId: r.flag_id,
  submissionId: r.submission_id,
  appealTarget: r.appeal_target,
  ticketId: r.ticket_id,
  reason: r.reason,
  deadline: r.deadline?.toISOString() ?? null,
  status: r.status,
  decision: r.decision,
  reviewer: r.reviewer,
  note: r.note,
  decidedAt: r.decided_at?.toISOString() ?? null,
  appliedEpoch: r.applied_epoch,
});

/** Pending items, appeals with the nearest deadline first, then oldest first. */
export async function listItems(
  db: Db,
  opts: { status?: "pending" | "decided"; account?: string; limit?: number; after?: bigint } = {},
): Promise<ReviewItem[]> {
  let q = db
    .selectFrom("review_items as i")
    .leftJoin("flags as f", "f.id", "i.flag_id")
    .leftJoin("submissions as s", "s.id", "i.submission_id")
    .selectAll("i")
    .select([
      "f.rule_id",
      "f.rule_version",
      "f.severity",
      "f.status as flag_status",
      "f.detail",
      "s.answer",
    ]);
  if (opts.status) q = q.where("i.status", "=", opts.status);
  if (opts.account) q = q.where("i.account", "=", opts.account.toLowerCase());
  if (opts.after !== undefined) q = q.where("i.id", ">", opts.after.toString());
  const rows = await q
    .orderBy(sql`i.deadline`, sql`asc nulls last`)
    .orderBy("i.id")
    .limit(opts.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    ...toItem(r as unknown as ItemRow),
    ...(r.rule_id
      ? {
          flag: {
            ruleId: r.rule_id,
            ruleVersion: r.rule_version!,
            severity: r.severity!,
            status: r.flag_status!,
            detail: r.detail,
          },
        }
      : {}),
    ...(r.submission_id ? { answer: r.answer ?? null } : {}),
  }));
}

/** The first TQS epoch not committed yet: where a reviewer's new flag lands. */
async function nextTqsEpoch(db: Db, itemEpoch: string): Promise<bigint> {
  const row = await db
    .selectFrom("datasets")
    .select(sql<string>`max(epoch)`.as("e"))
    .where("kind", "=", "TQS")
    .executeTakeFirst();
  const committed = row?.e ? BigInt(row.e) : 0n;
  return BigInt(itemEpoch) > committed ? BigInt(itemEpoch) : committed + 1n;
}

async function addReviewFlag(
  tx: Db,
  item: ItemRow,
  ruleId: "review" | "review-removed",
  severity: number,
): Promise<void> {
  const epoch = await nextTqsEpoch(tx, item.epoch);
  // A flag names its submission only within the submission's own epoch (the dataset's inputs).
  const sameEpoch = epoch.toString() === item.epoch;
  await tx
    .insertInto("flags")
    .values({
      epoch,
      account: item.account,
      submission_id: sameEpoch ? item.submission_id : null,
      rule_id: ruleId,
      rule_version: 1,
      severity,
      detail: JSON.stringify({ reviewItem: Number(item.id), submission: item.submission_id ?? "" }),
      status: "upheld",
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

const setFlagStatus = (tx: Db, flagId: string, status: "upheld" | "dismissed") =>
  tx.updateTable("flags").set({ status }).where("id", "=", flagId).execute();

/** Records a reviewer's decision on a pending item and applies it, in one transaction. */
export async function decide(
  db: Db,
  args: { itemId: bigint; reviewer: string; decision: Decision; note?: string; at?: Date },
): Promise<{ item: ReviewItem; audit: AuditEntry }> {
  return db.transaction().execute(async (tx) => {
    const row = (await tx
      .selectFrom("review_items")
      .selectAll()
      .where("id", "=", args.itemId.toString())
      .forUpdate()
      .executeTakeFirst()) as ItemRow | undefined;
    if (!row) throw new ReviewError(404, `review item ${args.itemId} does not exist`);
    if (row.status !== "pending")
      throw new ReviewError(
        409,
        `review item ${args.itemId} was already decided (${row.decision})`,
      );
    const allowed: readonly Decision[] =
      row.kind === "appeal" ? ["grant", "deny"] : ["approve", "flag", "remove"];
    if (!allowed.includes(args.decision))
      throw new ReviewError(
        400,
        `decision: must be one of ${allowed.join(", ")} for a ${row.kind} item`,
      );

    if (row.kind === "flag" && row.flag_id) {
      await setFlagStatus(tx, row.flag_id, args.decision === "approve" ? "dismissed" : "upheld");
      if (args.decision === "remove" && row.submission_id)
        await addReviewFlag(tx, row, "review-removed", REVIEW_PARAMS.removeSeverity);
    } else if (row.kind === "sample") {
      if (args.decision === "flag")
        await addReviewFlag(tx, row, "review", REVIEW_PARAMS.flagSeverity);
      if (args.decision === "remove")
        await addReviewFlag(tx, row, "review-removed", REVIEW_PARAMS.removeSeverity);
    } else if (row.kind === "appeal") {
      await applyAppeal(tx, row, args.decision === "grant");
    }

    const at = args.at ?? new Date();
    const audit = await appendAudit(tx, {
      actor: args.reviewer,
      action: `decide:${row.kind}`,
      at,
      body: {
        item: Number(row.id),
        epoch: row.epoch,
        account: row.account,
        flagId: row.flag_id,
        submissionId: row.submission_id,
        appealTarget: row.appeal_target,
        ticketId: row.ticket_id,
        decision: args.decision,
      },
      account: row.account,
      texts: { note: args.note },
    });
    await tx
      .updateTable("review_items")
      .set({
        status: "decided",
        decision: args.decision,
        reviewer: args.reviewer,
        note: args.note ?? null,
        decided_at: at,
        decision_seq: audit.seq,
      })
      .where("id", "=", row.id)
      .execute();
    const [item] = await listItemsById(tx, row.id);
    return { item: item!, audit };
  });
}

const listItemsById = async (db: Db, id: string) =>
  (await db.selectFrom("review_items").selectAll().where("id", "=", id).execute()).map((r) =>
    toItem(r as unknown as ItemRow),
  );

async function applyAppeal(tx: Db, row: ItemRow, granted: boolean): Promise<void> {
  if (row.appeal_target === "flag" && row.flag_id) {
    await setFlagStatus(tx, row.flag_id, granted ? "dismissed" : "upheld");
  } else if (row.appeal_target === "exclusion" && granted) {
    // The review found the exclusion wrong: the flags behind it stop counting, and the next
    // epoch starts the account at the threshold.
    const latest = await tx
      .selectFrom("tqs_scores")
      .select(sql<string>`max(epoch)`.as("e"))
      .where("account", "=", row.account)
      .executeTakeFirst();
    const last = BigInt(latest?.e ?? row.epoch);
    await tx
      .updateTable("flags")
      .set({ status: "dismissed" })
      .where("account", "=", row.account)
      .where("epoch", ">", (last - BigInt(TQS_PARAMS.window)).toString())
      .execute();
    await tx
      .insertInto("reinstatements")
      .values({ review_item: row.id, account: row.account, floor: TQS_PARAMS.excludeBelow })
      .execute();
  }
  // A granted ticket appeal re-issues the voided ticket on chain in the next epoch run
  // (pipeline/ticket-reissues.ts); receipts show the new ticket.
}

/** Files an appeal by `account` (already authenticated by its wallet signature). */
export async function fileAppeal(
  db: Db,
  args: {
    account: string;
    target: AppealTarget;
    flagId?: bigint;
    ticketId?: bigint;
    reason: string;
    epoch: bigint;
    now?: Date;
  },
): Promise<{ item: ReviewItem; audit: AuditEntry }> {
  const account = args.account.toLowerCase();
  const now = args.now ?? new Date();
  return db.transaction().execute(async (tx) => {
    if (args.target === "flag") {
      if (args.flagId === undefined)
        throw new ReviewError(400, "flagId: required for a flag appeal");
      const flag = await tx
        .selectFrom("flags")
        .select(["account", "status"])
        .where("id", "=", args.flagId.toString())
        .executeTakeFirst();
      if (!flag) throw new ReviewError(404, `flagId: flag ${args.flagId} does not exist`);
      if (flag.account !== account)
        throw new ReviewError(403, "flagId: the flag is not on your account");
      if (flag.status === "dismissed")
        throw new ReviewError(409, "flagId: the flag was already dismissed");
    }
    if (args.target === "ticket" && args.ticketId === undefined)
      throw new ReviewError(400, "ticketId: required for a ticket appeal");
    if (args.target === "exclusion") {
      const latest = await tx
        .selectFrom("tqs_scores")
        .select("excluded")
        .where("account", "=", account)
        .orderBy("epoch", "desc")
        .limit(1)
        .executeTakeFirst();
      if (!latest?.excluded) throw new ReviewError(409, "target: the account is not excluded");
    }
    const inserted = await tx
      .insertInto("review_items")
      .values({
        epoch: args.epoch,
        kind: "appeal",
        account,
        flag_id: args.flagId ?? null,
        appeal_target: args.target,
        ticket_id: args.ticketId ?? null,
        reason: args.reason,
        deadline: new Date(now.getTime() + REVIEW_PARAMS.appealDeadlineMs),
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw new ReviewError(409, "an appeal of this target is already pending");
    const audit = await appendAudit(tx, {
      actor: account,
      action: "appeal",
      at: now,
      body: {
        item: Number(inserted.id),
        target: args.target,
        flagId: args.flagId?.toString() ?? null,
        ticketId: args.ticketId?.toString() ?? null,
      },
      account,
      texts: { reason: args.reason },
    });
    const [item] = await listItemsById(tx, inserted.id);
    return { item: item!, audit };
  });
}

/** Grants every pending appeal whose deadline passed (run before each epoch's TQS). */
export async function expireAppeals(db: Db, now = new Date()): Promise<number> {
  const overdue = await db
    .selectFrom("review_items")
    .select("id")
    .where("kind", "=", "appeal")
    .where("status", "=", "pending")
    .where("deadline", "<", now)
    .orderBy("id")
    .execute();
  for (const { id } of overdue)
    await decide(db, {
      itemId: BigInt(id),
      reviewer: "deadline",
      decision: "grant",
      note: "no decision before the deadline",
      at: now,
    });
  return overdue.length;
}

/** Marks decisions up to the anchored audit entry as applied in `epoch` (at its commit). */
export async function markApplied(db: Db, epoch: bigint, anchorSeq: bigint): Promise<void> {
  await db
    .updateTable("review_items")
    .set({ applied_epoch: epoch })
    .where("status", "=", "decided")
    .where("applied_epoch", "is", null)
    .where("decision_seq", "<=", anchorSeq.toString())
    .execute();
  await sql`
    UPDATE reinstatements r SET applied_epoch = ${epoch}
    FROM review_items i
    WHERE i.id = r.review_item AND r.applied_epoch IS NULL AND i.decision_seq <= ${anchorSeq}`.execute(
    db,
  );
}
