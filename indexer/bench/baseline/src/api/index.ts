// SQL over HTTP only (the benchmark checks the row count with it), with the indexer's fix for
// Ponder's PGlite temp tables (otherwise the read sees an empty table).
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client } from "ponder";
import { installPgliteTempTableFix } from "../../../../src/api/pglite-temp-tables.ts";

installPgliteTempTableFix();
const app = new Hono();
app.use("/sql/*", client({ db, schema }));
export default app;
