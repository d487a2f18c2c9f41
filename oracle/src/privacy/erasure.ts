// Erasure of personal data, on an account's request or past the retention period of raw
// answers, and the storage compaction that makes it physical. What is erased: the content of
// submissions (answer, rating, choice, and the payload hash that could confirm a guess of them),
// appeal texts and reviewers' notes, and the account's audit texts (the public log keeps only
// salted commitments, which say nothing without the text and salt). Work of epochs not scored
// yet is withdrawn whole (it could not be scored without its content). Committed datasets hold
// features, never text (issue "Oracle hardening"), so every earlier epoch still verifies.
import { sql } from "kysely";
import type { Database, Db } from "../db/database.ts";
import { appendAudit, type AuditEntry } from "../review/audit-log.ts";

export type ErasureReason = "request" | "retention";

/** The payload hash an erased submission keeps: a retry of its id is a conflict, never re-stored. */
export const ERASED_HASH = "erased";

/** Blanks the content of the given submissions (erased ones stay as they are). */
async function eraseContent(tx: Db, ids: readonly string[], reason: ErasureReason, now: Date) {
  if (!ids.length) return 0;
  const r = await tx
    .updateTable("submissions")
    .set({
      answer: null,
      rating: null,
      choice: null,
      payload_hash: ERASED_HASH,
      content_erased: reason,
      content_erased_at: now,
    })
    .where("id", "in", ids)
    .where("content_erased", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Removes submissions of an epoch not committed yet, with the pending queue items and flags a
 * crashed run may have left on them; one a reviewer already decided on keeps its row, without
 * content. Returns how many rows were removed and how many only lost their content.
 */
export async function withdrawSubmissions(
  tx: Db,
  ids: readonly string[],
  reason: ErasureReason,
  now: Date,
): Promise<{ removed: number; blanked: number }> {
  if (!ids.length) return { removed: 0, blanked: 0 };
  const list = sql`${[...ids]}::text[]`;
  await sql`
    DELETE FROM review_items WHERE status = 'pending' AND kind <> 'appeal'
      AND (submission_id = ANY(${list})
        OR flag_id IN (SELECT id FROM flags WHERE submission_id = ANY(${list})))`.execute(tx);
  await sql`
    DELETE FROM flags f WHERE f.submission_id = ANY(${list})
      AND NOT EXISTS (SELECT 1 FROM review_items i WHERE i.flag_id = f.id)`.execute(tx);
  const removed = await sql<{ id: string }>`
    DELETE FROM submissions s WHERE s.id = ANY(${list})
      AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.submission_id = s.id)
      AND NOT EXISTS (SELECT 1 FROM review_items i WHERE i.submission_id = s.id)
    RETURNING s.id`.execute(tx);
  const gone = new Set(removed.rows.map((r) => r.id));
  const blanked = await eraseContent(
    tx,
    ids.filter((id) => !gone.has(id)),
    reason,
    now,
  );
  return { removed: gone.size, blanked };
}

export interface ErasureOutcome {
  /** Submissions of scored epochs whose content was erased. */
  submissionsErased: number;
  /** Submissions of epochs not scored yet, withdrawn whole. */
  submissionsWithdrawn: number;
  appealTexts: number;
  reviewerNotes: number;
  auditTexts: number;
  audit: AuditEntry;
}

/** Erases `account`'s personal data and records it (counts only) in the audit log. */
export async function eraseAccount(
  database: Database,
  account: string,
  now = new Date(),
): Promise<ErasureOutcome> {
  const a = account.toLowerCase();
  const outcome = await database.db.transaction().execute(async (tx) => {
    const subs = await tx
      .selectFrom("submissions as s")
      .leftJoin("datasets as d", (j) => j.onRef("d.epoch", "=", "s.epoch").on("d.kind", "=", "TQS"))
      .select(["s.id", "d.hash"])
      .where("s.account", "=", a)
      .execute();
    const withdrawn = await withdrawSubmissions(
      tx,
      subs.filter((s) => s.hash === null).map((s) => s.id),
      "request",
      now,
    );
    const erased = await eraseContent(
      tx,
      subs.filter((s) => s.hash !== null).map((s) => s.id),
      "request",
      now,
    );
    const appeals = await tx
      .updateTable("review_items")
      .set({ reason: "" })
      .where("account", "=", a)
      .where("reason", "<>", "")
      .executeTakeFirst();
    const notes = await tx
      .updateTable("review_items")
      .set({ note: null })
      .where("account", "=", a)
      .where("note", "is not", null)
      .executeTakeFirst();
    const texts = await tx.deleteFrom("audit_texts").where("account", "=", a).executeTakeFirst();
    const counts = {
      submissionsErased: erased + withdrawn.blanked,
      submissionsWithdrawn: withdrawn.removed,
      appealTexts: Number(appeals.numUpdatedRows),
      reviewerNotes: Number(notes.numUpdatedRows),
      auditTexts: Number(texts.numDeletedRows),
    };
    const audit = await appendAudit(tx, {
      actor: a,
      action: "erasure",
      at: now,
      body: { account: a, ...counts },
    });
    return { ...counts, audit };
  });
  await compactStorage(database);
  return outcome;
}

/**
 * Erases the content of submissions received more than `retentionMs` ago whose epoch is
 * committed (work waiting to be scored or reviewed keeps it until then); records the purge in
 * the audit log. Returns how many were purged.
 */
export async function purgeExpiredAnswers(
  database: Database,
  retentionMs: number,
  now = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - retentionMs);
  const purged = await database.db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom("submissions")
      .select("id")
      .where("content_erased", "is", null)
      .where("received_at", "<", before)
      .where("epoch", "in", (eb) =>
        eb.selectFrom("datasets").select("epoch").where("kind", "=", "TQS"),
      )
      .execute();
    const n = await eraseContent(
      tx,
      due.map((d) => d.id),
      "retention",
      now,
    );
    if (n)
      await appendAudit(tx, {
        actor: "oracle",
        action: "retention-purge",
        at: now,
        body: { receivedBefore: before.toISOString(), submissions: n },
      });
    return n;
  });
  if (purged) await compactStorage(database);
  return purged;
}

/** The tables erasure writes to: rewritten so no old row version keeps the text. */
const ERASED_TABLES = ["submissions", "review_items", "audit_texts", "flags"] as const;

/**
 * Makes an erasure physical. PostgreSQL keeps an updated or deleted row's old version in the
 * table file until VACUUM, copies of column values in pg_statistic (ANALYZE's samples) and in
 * the write-ahead log until its segments are removed. So: rewrite the tables (VACUUM FULL),
 * re-sample and rewrite pg_statistic, then switch to a new WAL segment and checkpoint twice with
 * segment recycling off, so the old segments are deleted rather than kept for reuse. On a
 * PostgreSQL server the steps that need a superuser are skipped when not allowed; its WAL
 * archive and backups follow the operator's retention (docs/PRIVACY.md).
 */
export function compactStorage(database: Database): Promise<void> {
  // Requests that arrive while one runs share the next run: a burst of erasures costs two
  // rewrites of the tables, not one each.
  const state = compactions.get(database) ?? { running: undefined, next: undefined };
  compactions.set(database, state);
  if (!state.running) {
    state.running = compactOnce(database).finally(() => (state.running = undefined));
    return state.running;
  }
  state.next ??= state.running
    .catch(() => undefined)
    .then(() => {
      state.next = undefined;
      return compactStorage(database);
    });
  return state.next;
}

const compactions = new WeakMap<
  Database,
  { running: Promise<void> | undefined; next: Promise<void> | undefined }
>();

async function compactOnce(database: Database): Promise<void> {
  const { db } = database;
  const tables = ERASED_TABLES.join(", ");
  await sql.raw(`VACUUM FULL ${tables}`).execute(db);
  await sql.raw(`ANALYZE ${tables}`).execute(db);
  const privileged = [
    "VACUUM FULL pg_statistic",
    "SET wal_recycle = off",
    "SELECT pg_switch_wal()",
    "CHECKPOINT",
    "SELECT pg_switch_wal()",
    "CHECKPOINT",
    "RESET wal_recycle",
  ];
  for (const step of privileged) {
    try {
      await sql.raw(step).execute(db);
    } catch (err) {
      if (database.engine === "pglite") throw err;
    }
  }
}
