import { parseArgs } from "node:util";
import { openDatabase } from "../../db/database.ts";
import { migrate } from "../../db/migrate.ts";
import type { Command } from "../command.ts";

export const command: Command = {
  name: "migrate",
  summary: "apply pending database migrations",
  help: `Usage: mesi-oracle migrate [--data-dir DIR]

Applies the pending migrations of oracle/src/db/migrations, each once.
Uses DATABASE_URL (a PostgreSQL server) when set, else embedded PGlite in DIR
(default: .data/oracle).`,
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { "data-dir": { type: "string" } } });
    const database = await openDatabase({
      url: process.env.DATABASE_URL,
      dataDir: values["data-dir"] ?? ".data/oracle",
      migrate: false,
    });
    try {
      const applied = await migrate(database);
      console.log(applied.length ? `applied ${applied.join(", ")}` : "database is up to date");
      return 0;
    } finally {
      await database.close();
    }
  },
};
