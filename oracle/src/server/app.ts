// The oracle's HTTP API (Hono), composed: ingestion (api/ingestion.ts), the read, review, auth
// and data-rights routes (api/). Every route reads its body with its own limit while streaming
// and refuses what it does not take (api/guards.ts); a burst beyond what the server holds in
// flight gets 429 with Retry-After. GET /health reports "degraded" with the reasons (a failing epoch) while
// ingestion goes on.
import { Hono } from "hono";
import { cors } from "hono/cors";
import { isHealthy, type Database } from "../db/database.ts";
import { readRoutes, type ReadDeps } from "../api/read.ts";
import { reviewRoutes, type ReviewDeps } from "../api/review.ts";
import { nonceRoutes } from "../api/wallet-auth.ts";
import { ingestionRoutes } from "../api/ingestion.ts";
import type { ApiClient } from "../ingest/auth.ts";
import { inFlightLimit, noBody } from "../api/guards.ts";
import type { ConsentLedger } from "../privacy/consent.ts";
import { dataRightsRoutes, type DataRightsDeps } from "../api/data-rights.ts";

export interface AppOptions {
  database: Database;
  clients: readonly ApiClient[];
  /** The epoch an item accepted now belongs to. */
  currentEpoch: () => bigint;
  /** Largest accepted ingestion body, bytes (default 8 MiB). */
  maxBodyBytes?: number;
  /** Requests with a body in flight at once (default 8); more get 429 without being read. */
  maxBodiesInFlight?: number;
  /** Requests of any kind in flight at once (default 512). */
  maxInFlight?: number;
  /** Origins the browser may call the read, review and auth routes from (default: any). */
  corsOrigins?: readonly string[];
  /** Why the service is degraded (e.g. a failing epoch), for GET /health; none = ok. */
  health?: () => { reasons: string[]; detail?: Record<string, unknown> };
  log?: (entry: Record<string, unknown>) => void;
  /** The read API (datasets, proofs); omitted = ingestion only. */
  read?: Omit<ReadDeps, "database">;
  /** The review queue and appeals; omitted = none. */
  review?: Omit<ReviewDeps, "database" | "currentEpoch">;
  /**
   * The chain's consent (privacy/consent.ts): a submission is accepted only if its account's
   * consent covered its task's scope when it was made. Omitted = not checked (tests of
   * ingestion alone); `serve` always passes one unless ORACLE_CONSENT=off.
   */
  consent?: ConsentLedger;
  /** Export and erasure for accounts (wallet-signed); omitted = none. */
  dataRights?: Omit<DataRightsDeps, "database">;
}

export function createApp(opts: AppOptions): Hono {
  const log = opts.log ?? (() => undefined);
  const app = new Hono();

  app.onError((err, c) => {
    log({ level: "error", msg: "unhandled", error: err.message, path: c.req.path });
    return c.json({ error: "internal error" }, 500);
  });

  // Health first: it answers even when every other slot is taken.
  app.get("/health", async (c) => {
    if (!(await isHealthy(opts.database)))
      return c.json({ ok: false, status: "down", reasons: ["the database does not answer"] }, 503);
    const h = opts.health?.() ?? { reasons: [] };
    return c.json({
      ok: true,
      status: h.reasons.length ? "degraded" : "ok",
      reasons: h.reasons,
      ...h.detail,
    });
  });
  app.use("*", inFlightLimit(opts.maxInFlight ?? 512));
  app.on(["GET", "HEAD"], "*", noBody);
  const bodies = inFlightLimit(opts.maxBodiesInFlight ?? 8);
  app.on(["POST", "PUT", "PATCH", "DELETE"], "*", bodies);
  // The browser (the web app) reads scores and receipts and files appeals; ingestion stays
  // server to server.
  const browser = cors({
    origin: opts.corsOrigins?.length ? [...opts.corsOrigins] : "*",
    allowHeaders: [
      "content-type",
      "x-mesi-account",
      "x-mesi-issued-at",
      "x-mesi-nonce",
      "x-mesi-signature",
      "x-mesi-auditor-key",
      "x-mesi-reviewer-key",
    ],
    exposeHeaders: ["Retry-After"],
  });
  for (const path of [
    "/v1/datasets/*",
    "/v1/proofs/*",
    "/v1/receipts/*",
    "/v1/audit",
    "/v1/audit/*",
    "/v1/auth/*",
    "/v1/appeals",
    "/v1/review/*",
    "/v1/accounts/*",
  ])
    app.use(path, browser);
  app.route("/", nonceRoutes(opts.database.db, { now: opts.read?.now }));
  if (opts.read) app.route("/", readRoutes({ ...opts.read, database: opts.database }));
  if (opts.dataRights)
    app.route("/", dataRightsRoutes({ ...opts.dataRights, database: opts.database }));
  if (opts.review)
    app.route(
      "/",
      reviewRoutes({ ...opts.review, database: opts.database, currentEpoch: opts.currentEpoch }),
    );

  app.route(
    "/",
    ingestionRoutes({
      database: opts.database,
      clients: opts.clients,
      currentEpoch: opts.currentEpoch,
      maxBodyBytes: opts.maxBodyBytes ?? 8 * 1024 * 1024,
      log,
      ...(opts.consent ? { consent: opts.consent } : {}),
    }),
  );
  return app;
}
