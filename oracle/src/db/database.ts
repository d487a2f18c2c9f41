// One data layer (Kysely over PostgreSQL): embedded PGlite in a directory by
// default, a real server when DATABASE_URL is set. Both run the same SQL.
import { mkdir } from "node:fs/promises";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { migrate } from "./migrate.ts";
import { openPglite } from "./pglite.ts";
import type { Tables } from "./schema.ts";

export type Db = Kysely<Tables>;

export interface Database {
  db: Db;
  /** "pglite" or "postgres": which engine is behind `db`. */
  engine: "pglite" | "postgres";
  /** Runs a script of several statements (migrations, scoring SQL files). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for a real server; otherwise PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; omitted means in-memory (tests, `verify`). */
  dataDir?: string | undefined;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
}

// NUMERIC(78,0) holds uint256 values exactly: read them as strings, never floats.
pg.types.setTypeParser(1700, (v) => v);
pg.types.setTypeParser(20, (v) => v);

export async function openDatabase(opts: DatabaseOptions = {}): Promise<Database> {
  if (!opts.url) {
    // PGlite creates only the last directory of the path; a fresh clone has no .data/ yet.
    if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
    return openPglite(opts);
  }
  const pool = new pg.Pool({ connectionString: opts.url, max: 8 });
  const database: Database = {
    db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }),
    engine: "postgres",
    async exec(script) {
      const client = await pool.connect();
      try {
        await client.query(script);
      } finally {
        client.release();
      }
    },
    async close() {
      await database.db.destroy();
    },
  };
  if (opts.migrate !== false) await migrate(database);
  return database;
}

/** True when the connection answers a trivial query (health checks). */
export async function isHealthy(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
