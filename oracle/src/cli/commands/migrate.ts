import { openDatabase } from "../../db/database.ts";
import { migrate } from "../../db/migrate.ts";
import { defineCommand, type Command } from "../command.ts";

export const command: Command = defineCommand({
  name: "migrate",
  summary: "apply pending database migrations",
  usage: "mesi-oracle migrate [--data-dir DIR]",
  description: `Applies the pending migrations of oracle/src/db/migrations, each once.
Uses DATABASE_URL (a PostgreSQL server) when set, else embedded PGlite in DIR.`,
  options: {
    "data-dir": {
      type: "string",
      value: "DIR",
      help: "the embedded database's directory",
      default: ".data/oracle",
    },
  },
  async run(values) {
    const database = await openDatabase({
      url: process.env.DATABASE_URL,
      dataDir: values["data-dir"],
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
});
