// Inserts many rows as a few statements of at most 1,000 rows each: one statement per row is
// slow, one for everything exceeds the bound-parameter limit (65,535) on wide tables.
import { CompiledQuery, type InsertObject } from "kysely";
import type { Db } from "./database.ts";
import type { Tables } from "./schema.ts";

export const INSERT_CHUNK = 1_000;

export async function insertChunked<T extends keyof Tables & string>(
  db: Db,
  table: T,
  rows: readonly InsertObject<Tables, T>[],
  opts: { skipConflicts?: boolean; progress?: (done: number, total: number) => void } = {},
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const q = db.insertInto(table).values(rows.slice(i, i + INSERT_CHUNK));
    await (opts.skipConflicts ? q.onConflict((oc) => oc.doNothing()) : q).execute();
    opts.progress?.(Math.min(i + INSERT_CHUNK, rows.length), rows.length);
  }
}

/**
 * A column of a JSON-carried batch, its SQL type, and the key that carries it in each row's
 * JSON object (the column's name when omitted).
 */
export type JsonColumn = readonly [name: string, type: string, key?: string];

/** Rows as objects, or already written as a JSON array's text (no second serialisation). */
export type JsonRows = readonly object[] | { json: string };

/** A JSON array's text of rows already written as JSON objects. */
export const jsonRows = (objects: readonly string[]): { json: string } => ({
  json: `[${objects.join(",")}]`,
});

/**
 * One INSERT of a whole batch carried as ONE json parameter expanded by json_to_recordset: a
 * statement with thousands of bound parameters costs far more to build, send and parse (above
 * all in PGlite) than one array. `fixed` are leading columns bound once for every row.
 */
export function jsonRecordsetInsert(
  table: string,
  columns: readonly JsonColumn[],
  rows: JsonRows,
  opts: {
    fixed?: readonly JsonColumn[];
    fixedValues?: readonly unknown[];
    skipConflicts?: boolean;
  } = {},
): CompiledQuery {
  const fixed = opts.fixed ?? [];
  const names = columns.map(([n]) => n).join(", ");
  const keys = columns.map(([n, , k]) => `"${k ?? n}"`).join(", ");
  const record = columns.map(([n, t, k]) => `"${k ?? n}" ${t}`).join(", ");
  const head = fixed.map(([n]) => `${n}, `).join("");
  const values = fixed.map(([, t], i) => `$${i + 1}::${t}, `).join("");
  return CompiledQuery.raw(
    `INSERT INTO ${table} (${head}${names})
     SELECT ${values}${keys} FROM json_to_recordset($${fixed.length + 1}::json) AS r(${record})
     ${opts.skipConflicts ? "ON CONFLICT DO NOTHING" : ""}`,
    [...(opts.fixedValues ?? []), "json" in rows ? rows.json : JSON.stringify(rows)],
  );
}
