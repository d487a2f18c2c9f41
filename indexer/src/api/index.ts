// The indexer's HTTP API (Ponder serves it with CORS open to every origin, /health, /ready
// and /status): GraphQL, SQL over HTTP for @ponder/client (with live queries), and /stats.
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";
import { installPgliteTempTableFix } from "./pglite-temp-tables.ts";
import { statsRoutes } from "./stats/index.ts";

installPgliteTempTableFix();

const app = new Hono();

app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));
app.route("/stats", statsRoutes());

export default app;
