// The embedded engine alone: PGlite behind Kysely, in memory or in a data directory. Browser-
// safe (no node: imports, no pg driver), so the auditor's verify opens the very same schema in
// the web app's page; database.ts adds the PostgreSQL server option for the service.
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import { pglitePool } from "./pglite-pool.ts";
import { migrate } from "./migrate.ts";
import type { Database } from "./database.ts";
import type { Tables } from "./schema.ts";

/** Opens PGlite (a directory, or in memory without one) and applies pending migrations. */
export async function openPglite(
  opts: { dataDir?: string | undefined; migrate?: boolean } = {},
): Promise<Database> {
  // NUMERIC and BIGINT come back as exact strings, as the pg driver is set up to give them.
  const parsers = { 20: (v: string) => v, 1700: (v: string) => v };
  const lite = opts.dataDir ? new PGlite(opts.dataDir, { parsers }) : new PGlite({ parsers });
  await lite.waitReady;
  const database: Database = {
    db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool: pglitePool(lite) }) }),
    engine: "pglite",
    async exec(script) {
      await lite.exec(script);
    },
    async close() {
      await database.db.destroy();
      await lite.close();
    },
  };
  if (opts.migrate !== false) await migrate(database);
  return database;
}
