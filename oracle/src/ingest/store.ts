// Idempotent writes of validated inputs. An id seen before with the same body is a harmless
// duplicate (a client retrying); with another body it is a conflict that loses nothing
// already accepted. A batch is all-or-nothing: one transaction.
import { createHash } from "node:crypto";
import { sql, type Insertable, type Kysely } from "kysely";
import type { Db } from "../db/database.ts";
import type { Tables } from "../db/schema.ts";
import type { ActivityEvent, Submission } from "./schemas.ts";

export interface IngestResult {
  accepted: number;
  duplicates: number;
  conflicts: string[];
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    typeof v === "bigint" ? v.toString() : v instanceof Date ? v.toISOString() : v,
  );

export const payloadHash = (value: unknown): string =>
  createHash("sha256").update(canonical(value)).digest("hex");

type RawTable = "activity_events" | "submissions";

/**
 * Inserts rows whose ids are new, in one transaction; ids seen before must carry the same
 * payload hash, else the whole request rolls back with a ConflictError.
 */
async function insertOnce<T extends RawTable>(
  db: Db,
  table: T,
  rows: (Insertable<Tables[T]> & { id: string; payload_hash: string })[],
): Promise<IngestResult> {
  return db.transaction().execute(async (tx) => {
    // Both tables share the id / payload_hash columns this needs; Kysely cannot see that through the union.
    const raw = tx as unknown as Kysely<Pick<Tables, "activity_events">>;
    const inserted = await raw
      .insertInto(table as "activity_events")
      .values(rows as Insertable<Tables["activity_events"]>[])
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .execute();
    const fresh = new Set(inserted.map((r) => r.id));
    const seen = rows.filter((r) => !fresh.has(r.id));
    const conflicts: string[] = [];
    if (seen.length) {
      const existing = await raw
        .selectFrom(table as "activity_events")
        .select(["id", "payload_hash"])
        .where(
          "id",
          "in",
          seen.map((r) => r.id),
        )
        .execute();
      const hashOf = new Map(existing.map((e) => [e.id, e.payload_hash]));
      for (const r of seen) if (hashOf.get(r.id) !== r.payload_hash) conflicts.push(r.id);
    }
    if (conflicts.length) throw new ConflictError(conflicts);
    return { accepted: fresh.size, duplicates: seen.length, conflicts };
  });
}

/** An item with its payload hash, computed once per request. */
export type Hashed<T> = T & { hash: string };

export async function storeEvents(
  db: Db,
  clientId: string,
  epoch: bigint,
  events: readonly Hashed<ActivityEvent>[],
): Promise<IngestResult> {
  const rows = events.map((e) => ({
    id: e.id,
    client_id: clientId,
    epoch,
    kind: e.kind,
    actor: e.actor,
    collection: e.collection ?? null,
    token_id: e.tokenId ?? null,
    creator: e.creator ?? null,
    duration_ms: e.durationMs,
    amount_wei: e.amountWei,
    occurred_at: e.occurredAt,
    payload_hash: e.hash,
  }));
  return insertOnce(db, "activity_events", rows);
}

export async function storeSubmissions(
  db: Db,
  clientId: string,
  epoch: bigint,
  subs: readonly Hashed<Submission>[],
): Promise<IngestResult> {
  const rows = subs.map((s) => ({
    id: s.id,
    client_id: clientId,
    epoch,
    account: s.account,
    campaign_id: s.campaignId,
    task_id: s.taskId,
    task_type: s.taskType,
    answer: s.answer ?? null,
    rating: s.rating ?? null,
    choice: s.choice ?? null,
    started_at: s.startedAt,
    submitted_at: s.submittedAt,
    payload_hash: s.hash,
  }));
  return insertOnce(db, "submissions", rows);
}

/** Ids already accepted with another body: the whole request is rolled back. */
export class ConflictError extends Error {
  readonly ids: string[];
  constructor(ids: string[]) {
    super(`ids already accepted with a different body: ${ids.slice(0, 10).join(", ")}`);
    this.ids = ids;
  }
}

/** Row counts (tests and health checks). */
export async function counts(db: Db): Promise<{ events: number; submissions: number }> {
  const r = await sql<{ events: string; submissions: string }>`
    SELECT (SELECT count(*) FROM activity_events) AS events, (SELECT count(*) FROM submissions) AS submissions`.execute(
    db,
  );
  return { events: Number(r.rows[0]!.events), submissions: Number(r.rows[0]!.submissions) };
}
