// Idempotent writes of validated inputs. An id seen before with the same body is a harmless
// duplicate (a client retrying); with another body it is a conflict that loses nothing
// already accepted. A batch is all-or-nothing: one transaction.
import { hash } from "node:crypto";
import { sql } from "kysely";
import { jsonRecordsetInsert, type JsonColumn } from "../db/insert-chunked.ts";
import type { Db } from "../db/database.ts";
import type { ActivityEvent, Submission } from "./schemas.ts";

export interface IngestResult {
  accepted: number;
  duplicates: number;
  conflicts: string[];
}

const canonicalReplacer = (_k: string, v: unknown): unknown =>
  typeof v === "bigint" ? v.toString() : v instanceof Date ? v.toISOString() : v;

/**
 * The canonical body an item's payload hash covers: JSON of the validated item (its keys in
 * schema order), uint256 values as decimal strings, dates as ISO-8601. Items are flat plain
 * objects: a hand-rolled writer gives the very bytes `JSON.stringify` with the replacer gives
 * (hashes stored earlier still match) without a call into JS per key; anything else (nested
 * values, other prototypes) takes the replacer.
 */
export function canonical(value: unknown): string {
  if (
    typeof value !== "object" ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype ||
    "toJSON" in value
  )
    return JSON.stringify(value, canonicalReplacer);
  const item = value as Record<string, unknown>;
  let out = "{";
  for (const key in item) {
    if (!Object.hasOwn(item, key)) continue;
    const v = item[key];
    let json: string;
    if (typeof v === "string") json = JSON.stringify(v);
    else if (typeof v === "number") json = Number.isFinite(v) ? JSON.stringify(v) : "null";
    else if (typeof v === "bigint") json = `"${v}"`;
    else if (typeof v === "boolean") json = v ? "true" : "false";
    else if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    else if (v === null) json = "null";
    else if (v instanceof Date) json = JSON.stringify(v.toJSON());
    else return JSON.stringify(value, canonicalReplacer);
    out += (out.length === 1 ? "" : ",") + JSON.stringify(key) + ":" + json;
  }
  return out + "}";
}

/** sha256 (hex) of the canonical body: the same id with another hash is a conflict. */
export const payloadHash = (value: unknown): string => hash("sha256", canonical(value), "hex");

type RawTable = "activity_events" | "submissions";

type Column = JsonColumn;
type Row = Record<string, string | number | null> & { id: string; payload_hash: string };

/**
 * Inserts rows whose ids are new, in one transaction; ids seen before must carry the same
 * payload hash, else the whole request rolls back with a ConflictError.
 *
 * The batch travels as ONE json parameter (jsonRecordsetInsert). No RETURNING: when every row was inserted (the usual case) the row count
 * says so; otherwise one lookup of the batch's ids finds stored hashes that differ.
 */
async function insertOnce(
  db: Db,
  table: RawTable,
  clientId: string,
  epoch: bigint,
  columns: readonly Column[],
  rows: readonly Row[],
): Promise<IngestResult> {
  const insert = jsonRecordsetInsert(table, columns, rows, {
    fixed: [
      ["client_id", "text"],
      ["epoch", "bigint"],
    ],
    fixedValues: [clientId, epoch.toString()],
    skipConflicts: true,
  });
  return db.transaction().execute(async (tx) => {
    const res = await tx.executeQuery(insert);
    if (res.numAffectedRows === undefined) throw new Error(`no row count from INSERT ${table}`);
    const accepted = Number(res.numAffectedRows);
    const conflicts: string[] = [];
    if (accepted < rows.length) {
      // Every id of the batch is stored now (ours or an earlier one): a stored hash that
      // differs from ours is a conflict.
      const existing = await sql<{ id: string; payload_hash: string }>`
        SELECT id, payload_hash FROM ${sql.table(table)}
        WHERE id = ANY(${rows.map((r) => r.id)}::text[])`.execute(tx);
      const hashOf = new Map(existing.rows.map((e) => [e.id, e.payload_hash]));
      for (const r of rows) if (hashOf.get(r.id) !== r.payload_hash) conflicts.push(r.id);
    }
    if (conflicts.length) throw new ConflictError(conflicts);
    return { accepted, duplicates: rows.length - accepted, conflicts };
  });
}

/** An item with its payload hash, computed once per request. */
export type Hashed<T> = T & { hash: string };

const EVENT_COLUMNS: readonly Column[] = [
  ["id", "text"],
  ["kind", "text"],
  ["actor", "text"],
  ["collection", "text"],
  ["token_id", "numeric"],
  ["creator", "text"],
  ["duration_ms", "bigint"],
  ["amount_wei", "numeric"],
  ["occurred_at", "timestamptz"],
  ["payload_hash", "text"],
];

export async function storeEvents(
  db: Db,
  clientId: string,
  epoch: bigint,
  events: readonly Hashed<ActivityEvent>[],
): Promise<IngestResult> {
  const rows = events.map((e) => ({
    id: e.id,
    kind: e.kind,
    actor: e.actor,
    collection: e.collection ?? null,
    token_id: e.tokenId === undefined ? null : e.tokenId.toString(),
    creator: e.creator ?? null,
    duration_ms: e.durationMs,
    amount_wei: e.amountWei.toString(),
    occurred_at: e.occurredAt.toISOString(),
    payload_hash: e.hash,
  }));
  return insertOnce(db, "activity_events", clientId, epoch, EVENT_COLUMNS, rows);
}

const SUBMISSION_COLUMNS: readonly Column[] = [
  ["id", "text"],
  ["account", "text"],
  ["campaign_id", "numeric"],
  ["task_id", "text"],
  ["task_type", "text"],
  ["answer", "text"],
  ["rating", "integer"],
  ["choice", "text"],
  ["started_at", "timestamptz"],
  ["submitted_at", "timestamptz"],
  ["payload_hash", "text"],
];

export async function storeSubmissions(
  db: Db,
  clientId: string,
  epoch: bigint,
  subs: readonly Hashed<Submission>[],
): Promise<IngestResult> {
  const rows = subs.map((s) => ({
    id: s.id,
    account: s.account,
    campaign_id: s.campaignId.toString(),
    task_id: s.taskId,
    task_type: s.taskType,
    answer: s.answer ?? null,
    rating: s.rating ?? null,
    choice: s.choice ?? null,
    started_at: s.startedAt.toISOString(),
    submitted_at: s.submittedAt.toISOString(),
    payload_hash: s.hash,
  }));
  return insertOnce(db, "submissions", clientId, epoch, SUBMISSION_COLUMNS, rows);
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
