// The platform's ingestion routes: POST /v1/events and /v1/submissions take one item or a batch
// ({ events: [...] } / { submissions: [...] }), all-or-nothing; POST /v1/campaigns registers a
// campaign's tasks and gold commitment, /v1/campaigns/gold reveals a closed campaign's gold set.
// Every request is HMAC-signed per client (ingest/auth.ts), rate-limited per client, and read
// with the route's body limit (api/guards.ts) before it is parsed.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { Database } from "../db/database.ts";
import { authenticate, type ApiClient } from "../ingest/auth.ts";
import {
  campaignTasksSchema,
  registerCampaignTasks,
  revealCampaignGold,
} from "../ingest/campaigns.ts";
import { goldRevealSchema, type GoldReveal } from "../quality/gold.ts";
import { RateLimiter } from "../ingest/rate-limit.ts";
import { fastEventBatch } from "../ingest/fast-events.ts";
import { readBody } from "./guards.ts";
import {
  ConsentRefused,
  ConsentUnavailable,
  requireConsent,
  type ConsentLedger,
} from "../privacy/consent.ts";
import {
  activityEventSchema,
  describeIssues,
  NOT_JSON,
  eventBatchSchema,
  submissionBatchSchema,
  submissionSchema,
} from "../ingest/schemas.ts";
import {
  ConflictError,
  canonical,
  hashed,
  storeEvents,
  storeSubmissions,
  type Hashed,
  type IngestResult,
} from "../ingest/store.ts";

export interface IngestionDeps {
  database: Database;
  clients: readonly ApiClient[];
  /** The epoch an item accepted now belongs to. */
  currentEpoch: () => bigint;
  /** Largest accepted body, bytes. */
  maxBodyBytes: number;
  /** A submission is accepted only if its account's consent covered it; omitted = unchecked. */
  consent?: ConsentLedger;
  log: (entry: Record<string, unknown>) => void;
}

type Env = { Variables: { client: ApiClient; body: unknown } };

export function ingestionRoutes(opts: IngestionDeps): Hono<Env> {
  const clients = new Map(opts.clients.map((c) => [c.id, c]));
  const limiter = new RateLimiter();
  const maxBody = opts.maxBodyBytes;
  const log = opts.log;
  const app = new Hono<Env>();
  // Authentication, rate limit and JSON parsing for every ingestion route (reads have their own rules).
  const ingestionGate: MiddlewareHandler<Env> = async (c, next) => {
    const read = await readBody(c, maxBody);
    if (!read.ok) return read.res;
    const raw = read.text;
    const auth = authenticate(
      clients,
      {
        client: c.req.header("x-mesi-client"),
        timestamp: c.req.header("x-mesi-timestamp"),
        signature: c.req.header("x-mesi-signature"),
      },
      c.req.method,
      c.req.path,
      raw,
    );
    if (!auth.ok) return c.json({ error: auth.reason }, auth.status);
    const wait = limiter.take(auth.client.id, auth.client.ratePerSecond, auth.client.burst);
    if (wait) {
      c.header("Retry-After", String(wait));
      return c.json({ error: "rate limit exceeded: slow down and retry" }, 429);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return c.json(NOT_JSON, 400);
    }
    c.set("client", auth.client);
    c.set("body", body);
    await next();
  };
  app.use("/v1/events", ingestionGate);
  app.use("/v1/submissions", ingestionGate);
  app.use("/v1/campaigns", ingestionGate);
  app.use("/v1/campaigns/gold", ingestionGate);

  const ingest =
    <T extends { id: string }>(
      single: z.ZodType<T>,
      batch: z.ZodType<Record<string, T[]>>,
      key: string,
      store: (clientId: string, epoch: bigint, items: Hashed<T>[]) => Promise<IngestResult>,
      /**
       * A batch checked by hand, as the schema would give it, with each item's canonical body;
       * undefined: the schema decides.
       */
      fast: (body: unknown) => { item: T; canonical: string }[] | undefined = () => undefined,
    ) =>
    async (c: Context<Env>) => {
      const body = c.get("body");
      const isBatch =
        typeof body === "object" && body !== null && !Array.isArray(body) && key in body;
      let items = isBatch ? fast(body) : undefined;
      if (!items) {
        const parsed = isBatch ? batch.safeParse(body) : single.safeParse(body);
        if (!parsed.success)
          return c.json({ error: "invalid body", issues: describeIssues(parsed.error) }, 400);
        const checked = isBatch ? (parsed.data as Record<string, T[]>)[key]! : [parsed.data as T];
        items = checked.map((item) => ({ item, canonical: canonical(item) }));
      }
      // The same id twice in one request must carry the same body.
      const byId = new Map<string, string>();
      const unique: Hashed<T>[] = [];
      for (const { item, canonical: text } of items) {
        const h = hashed(item, text);
        const prev = byId.get(item.id);
        if (prev === undefined) {
          byId.set(item.id, h.hash);
          unique.push(h);
        } else if (prev !== h.hash) {
          return c.json({ error: "the same id twice with different bodies", ids: [item.id] }, 409);
        }
      }
      const client = c.get("client");
      try {
        const result = await store(client.id, opts.currentEpoch(), unique);
        log({
          level: "info",
          msg: "ingested",
          client: client.id,
          route: key,
          ...result,
          conflicts: undefined,
        });
        return c.json(
          { accepted: result.accepted, duplicates: result.duplicates },
          result.accepted ? 201 : 200,
        );
      } catch (err) {
        if (err instanceof ConsentUnavailable) {
          c.header("Retry-After", "5");
          return c.json({ error: err.message }, 503);
        }
        if (err instanceof ConsentRefused)
          return c.json(
            {
              error: err.message,
              refusals: err.refusals.slice(0, 20),
              refused: err.refusals.length,
            },
            403,
          );
        if (err instanceof ConflictError) {
          return c.json(
            { error: err.message, ids: err.ids.slice(0, 20), conflicting: err.ids.length },
            409,
          );
        }
        throw err;
      }
    };

  app.post(
    "/v1/events",
    ingest(
      activityEventSchema,
      eventBatchSchema,
      "events",
      (client, epoch, items) => storeEvents(opts.database.db, client, epoch, items),
      fastEventBatch,
    ),
  );
  app.post(
    "/v1/submissions",
    ingest(submissionSchema, submissionBatchSchema, "submissions", async (client, epoch, items) => {
      if (opts.consent) await requireConsent(opts.consent, items);
      return storeSubmissions(opts.database.db, client, epoch, items);
    }),
  );
  app.post("/v1/campaigns", async (c) => {
    const parsed = campaignTasksSchema.safeParse(c.get("body"));
    if (!parsed.success)
      return c.json({ error: "invalid body", issues: describeIssues(parsed.error) }, 400);
    const r = await registerCampaignTasks(
      opts.database.db,
      c.get("client").id,
      parsed.data,
      opts.currentEpoch(),
    );
    if (r.status === "conflict")
      return c.json(
        { error: "the campaign is registered with other tasks or gold commitment", tasks: r.tasks },
        409,
      );
    return c.json(
      { campaignId: parsed.data.campaignId, tasks: r.tasks },
      r.status === "created" ? 201 : 200,
    );
  });
  // A closed campaign's gold set, revealed against the commitment registered with its tasks.
  app.post("/v1/campaigns/gold", async (c) => {
    const parsed = goldRevealSchema.safeParse(c.get("body"));
    if (!parsed.success)
      return c.json({ error: "invalid body", issues: describeIssues(parsed.error) }, 400);
    const r = await revealCampaignGold(
      opts.database.db,
      parsed.data as GoldReveal,
      opts.currentEpoch(),
    );
    if (r.status === "refused") return c.json({ error: r.reason }, 409);
    return c.json({ campaignId: parsed.data.campaignId }, r.status === "revealed" ? 201 : 200);
  });
  return app;
}
