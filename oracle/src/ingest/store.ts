// Idempotent writes of validated inputs. An id seen before with the same body is a harmless
// duplicate (a client retrying); with another body it is a conflict that loses nothing
// already accepted. A batch is all-or-nothing: one transaction.
import { hash } from "node:crypto";
import { sql } from "kysely";
import { jsonRecordsetInsert, jsonRows, type JsonColumn } from "../db/insert-chunked.ts";
import { EVENT_JSON_COLUMNS } from "../db/event-columns.ts";
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
/** A string JSON.stringify writes as is between quotes (nothing to escape). */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

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
  for (const key of Object.keys(item)) {
    const v = item[key];
    let json: string;
    if (typeof v === "string") json = PLAIN.test(v) ? `"${v}"` : JSON.stringify(v);
    else if (typeof v === "number") json = Number.isFinite(v) ? String(v) : "null";
    else if (typeof v === "bigint") json = `"${v}"`;
    else if (typeof v === "boolean") json = v ? "true" : "false";
    else if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    else if (v === null) json = "null";
    else if (v instanceof Date) {
      const iso = v.toJSON();
      json = iso === null ? "null" : `"${iso}"`;
    } else return JSON.stringify(value, canonicalReplacer);
    out += `${out.length === 1 ? "" : ","}${PLAIN.test(key) ? `"${key}"` : JSON.stringify(key)}:${json}`;
  }
  return out + "}";
}

/** sha256 (hex) of the canonical body: the same id with another hash is a conflict. */
export const payloadHash = (value: unknown): string => hash("sha256", canonical(value), "hex");

/** An item with its canonical body and payload hash, computed once per request. */
export type Hashed<T> = T & { hash: string; canonical: string };

/** The item with its canonical body (given when already written, as the fast path does). */
export function hashed<T>(item: T, body: string = canonical(item)): Hashed<T> {
  return { ...item, hash: hash("sha256", body, "hex"), canonical: body };
}

type RawTable = "activity_events" | "submissions";

/**
 * Inserts items whose ids are new, in one transaction; ids seen before must carry the same
 * payload hash, else the whole request rolls back with a ConflictError.
 *
 * The batch travels as ONE json parameter (jsonRecordsetInsert) whose rows are the items'
 * canonical bodies with their payload hash added: no second serialisation. No RETURNING: when
 * every row was inserted (the usual case) the row count says so; otherwise one lookup of the
 * batch's ids finds stored hashes that differ.
 */
async function insertOnce(
  db: Db,
  table: RawTable,
  clientId: string,
  epoch: bigint,
  columns: readonly JsonColumn[],
  items: readonly Hashed<{ id: string }>[],
): Promise<IngestResult> {
  const rows = jsonRows(items.map((i) => `${i.canonical.slice(0, -1)},"payloadHash":"${i.hash}"}`));
  const insert = jsonRecordsetInsert(table, [...columns, PAYLOAD_HASH], rows, {
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
    if (accepted < items.length) {
      // Every id of the batch is stored now (ours or an earlier one): a stored hash that
      // differs from ours is a conflict.
      const existing = await sql<{ id: string; payload_hash: string }>`
        SELECT id, payload_hash FROM ${sql.table(table)}
        WHERE id = ANY(${items.map((i) => i.id)}::text[])`.execute(tx);
      const hashOf = new Map(existing.rows.map((e) => [e.id, e.payload_hash]));
      for (const i of items) if (hashOf.get(i.id) !== i.hash) conflicts.push(i.id);
    }
    if (conflicts.length) throw new ConflictError(conflicts);
    return { accepted, duplicates: items.length - accepted, conflicts };
  });
}

const PAYLOAD_HASH: JsonColumn = ["payload_hash", "text", "payloadHash"];
const EVENT_COLUMNS: readonly JsonColumn[] = [
  ...EVENT_JSON_COLUMNS,
  ["occurred_at", "timestamptz", "occurredAt"],
];
const SUBMISSION_COLUMNS: readonly JsonColumn[] = [
  ["id", "text"],
  ["account", "text"],
  ["campaign_id", "numeric", "campaignId"],
  ["task_id", "text", "taskId"],
  ["task_type", "text", "taskType"],
  ["answer", "text"],
  ["rating", "integer"],
  ["choice", "text"],
  ["started_at", "timestamptz", "startedAt"],
  ["submitted_at", "timestamptz", "submittedAt"],
];

const COLUMNS: Record<RawTable, readonly JsonColumn[]> = {
  activity_events: EVENT_COLUMNS,
  submissions: SUBMISSION_COLUMNS,
};

/** The writer of one raw table's validated, hashed items (insertOnce). */
const storeInto =
  <T extends { id: string }>(table: RawTable) =>
  (db: Db, clientId: string, epoch: bigint, items: readonly Hashed<T>[]): Promise<IngestResult> =>
    insertOnce(db, table, clientId, epoch, COLUMNS[table], items);

export const storeEvents = storeInto<ActivityEvent>("activity_events");
export const storeSubmissions = storeInto<Submission>("submissions");

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
