// Inserts many rows as a few statements of at most 1,000 rows each: one statement per row is
// slow, one for everything exceeds the bound-parameter limit (65,535) on wide tables.
import type { InsertObject } from "kysely";
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
