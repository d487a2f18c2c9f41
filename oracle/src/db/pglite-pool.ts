// Adapts embedded PGlite to the node-postgres pool shape Kysely's PostgresDialect
// expects, so one data layer serves both PGlite (default) and a real server.
import type { PGlite } from "@electric-sql/pglite";
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";

type Command = PostgresQueryResult<unknown>["command"];
const COMMANDS = new Set<Command>([
  "UPDATE",
  "DELETE",
  "INSERT",
  "SELECT",
  "MERGE",
  "COMMIT",
  "ROLLBACK",
]);

const commandOf = (sql: string): Command => {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql)?.[1]?.toUpperCase() as
    Command | undefined;
  return word && COMMANDS.has(word) ? word : "SELECT";
};

/**
 * PGlite is a single connection: a transaction holds it until release, so other
 * callers queue behind a promise chain instead of interleaving their statements.
 */
export function pglitePool(db: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve();
  return {
    options: {},
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((resolve) => (release = resolve));
      await previous;
      const client = {
        async query<R>(
          sql: string,
          parameters: ReadonlyArray<unknown>,
        ): Promise<PostgresQueryResult<R>> {
          const res = await db.query<R>(sql, parameters as unknown[]);
          const command = commandOf(sql);
          return { command, rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
        },
        release: () => release(),
      };
      return client as unknown as PostgresPoolClient;
    },
    async end() {
      await tail;
    },
  };
}
