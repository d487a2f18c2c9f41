// Applies oracle/src/db/migrations/NNN_name.sql in order, each once, each in a
// transaction, recording it in schema_migrations (restart-safe, idempotent).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import type { Database } from "./database.ts";

const DIR = path.join(import.meta.dirname, "migrations");

export async function migrate(database: Database): Promise<string[]> {
  await database.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  const done = new Set(
    (await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(database.db)).rows.map(
      (r) => r.name,
    ),
  );
  const files = (await readdir(DIR)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const script = await readFile(path.join(DIR, file), "utf8");
    const escaped = file.replace(/'/g, "''");
    try {
      await database.exec(
        `BEGIN;\n${script}\nINSERT INTO schema_migrations(name) VALUES ('${escaped}');\nCOMMIT;`,
      );
    } catch (err) {
      await database.exec("ROLLBACK").catch(() => undefined);
      throw new Error(`migration ${file} failed: ${(err as Error).message}`, { cause: err });
    }
    applied.push(file);
  }
  return applied;
}
