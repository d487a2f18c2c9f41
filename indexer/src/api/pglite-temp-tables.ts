// Works around a Ponder 0.16.10 bug on embedded PGlite. When a flush updates more than 20 rows
// of a table, Ponder copies them into a TEMP table named like the real one, updates from it
// and then only TRUNCATEs it. The API shares PGlite's single session, where temp tables come
// first in the search path: from then on every unqualified read of that table (@ponder/client's
// SQL, /stats) sees the empty temp table instead of the data. Dropping the temp table where
// Ponder truncates it ends the shadowing; Ponder re-creates it (IF NOT EXISTS) at its next
// flush. PostgreSQL is not affected: the API reads through connections of its own.

interface PgliteInstance {
  query(sql: string, ...rest: unknown[]): Promise<unknown>;
}

/** Ponder's statement that leaves the temp table behind (exactly as its cache.ts writes it). */
const TEMP_TRUNCATE = /^TRUNCATE TABLE "([A-Za-z0-9_]+)"$/;

export const dropInsteadOfTruncate = (sql: string): string => {
  const m = TEMP_TRUNCATE.exec(sql.trim());
  return m ? `DROP TABLE IF EXISTS pg_temp."${m[1]}"` : sql;
};

/** Installs the workaround on Ponder's PGlite instance (no-op on PostgreSQL). */
export function installPgliteTempTableFix(): void {
  const database = (
    globalThis as {
      PONDER_DATABASE?: { driver?: { dialect?: string; instance?: PgliteInstance } };
    }
  ).PONDER_DATABASE;
  const instance = database?.driver?.dialect === "pglite" ? database.driver.instance : undefined;
  if (!instance) return;
  // Ponder runs PGlite without transactions: every statement goes through `query`.
  const query = instance.query.bind(instance);
  instance.query = (sql, ...rest) =>
    query(typeof sql === "string" ? dropInsteadOfTruncate(sql) : sql, ...rest);
}
