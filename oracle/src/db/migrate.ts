// Applies the migrations of ./migrations in order, each once, each in a transaction, recording
// it in schema_migrations (restart-safe, idempotent). Browser-safe: the SQL is in modules.
// Why not Kysely's Migrator: each migration is a multi-statement SQL script, which PGlite runs
// only through `exec` (its `query`, the path Kysely's driver takes, refuses several statements
// in one call); the Migrator would need each script split into single statements, and every
// existing database's schema_migrations rows mapped to its kysely_migration table.
import { sql } from "kysely";
import type { Database } from "./database.ts";
import { MIGRATIONS } from "./migrations/index.ts";

export async function migrate(database: Database): Promise<string[]> {
  await database.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  const done = new Set(
    (await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(database.db)).rows.map(
      (r) => r.name,
    ),
  );
  const applied: string[] = [];
  for (const { name, sql: script } of MIGRATIONS) {
    if (done.has(name)) continue;
    const escaped = name.replace(/'/g, "''");
    try {
      await database.exec(
        `BEGIN;\n${script}\nINSERT INTO schema_migrations(name) VALUES ('${escaped}');\nCOMMIT;`,
      );
    } catch (err) {
      await database.exec("ROLLBACK").catch(() => undefined);
      throw new Error(`migration ${name} failed: ${(err as Error).message}`, { cause: err });
    }
    applied.push(name);
  }
  return applied;
}
