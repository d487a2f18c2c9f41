// The review API. Reviewers (x-mesi-reviewer-key, one key per named reviewer) list the queue
// and decide items; an account files an appeal with a wallet-signed request. Every decision
// and appeal lands in the hash-chained audit log (GET /v1/audit on the read API).
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { sameSecret } from "../util/same-secret.ts";
import { describeIssues } from "../ingest/schemas.ts";
import { decimalUpTo, freeText } from "../util/fields.ts";
import { readJson } from "./guards.ts";
import { decide, fileAppeal, listItems, ReviewError } from "../review/queue.ts";
import { checkWalletRequest } from "./wallet-auth.ts";
import { APPEAL_ACTION, appealFields } from "@mesi/abi";
import { bigintParam, limitParam } from "./params.ts";

export interface Reviewer {
  name: string;
  key: string;
}

export interface ReviewDeps {
  database: Database;
  reviewers: readonly Reviewer[];
  /** The epoch open now (an appeal is filed in it). */
  currentEpoch: () => bigint;
  now?: () => number;
}

const decisionSchema = z.strictObject({
  decision: z.enum(["approve", "flag", "remove", "grant", "deny"]),
  note: freeText(z.string().max(2_000, "must be at most 2,000 characters")).optional(),
});

export const appealSchema = z.strictObject({
  account: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x address"),
  target: z.enum(["flag", "ticket", "exclusion"]),
  flagId: decimalUpTo(2n ** 63n - 1n, "2^63 − 1").optional(),
  ticketId: decimalUpTo(2n ** 256n - 1n, "2^256 − 1").optional(),
  reason: freeText(
    z.string().min(1, "must say why").max(2_000, "must be at most 2,000 characters"),
  ),
  issuedAt: z.string().max(64),
  nonce: z.string().max(64),
  signature: z.string().max(200),
});
export type AppealRequest = z.infer<typeof appealSchema>;

/** Appeals and decisions are short: a few KiB at most, read with this limit while streaming. */
export const MAX_REVIEW_BODY = 16 * 1024;

const reviewError = (c: Context, err: unknown) => {
  if (err instanceof ReviewError) return c.json({ error: err.message }, err.status);
  throw err;
};

export function reviewRoutes(deps: ReviewDeps): Hono {
  const app = new Hono();
  const { db } = deps.database;
  const now = deps.now ?? Date.now;
  const reviewerOf = (c: Context) => {
    const key = c.req.header("x-mesi-reviewer-key");
    return key === undefined ? undefined : deps.reviewers.find((r) => sameSecret(r.key, key));
  };

  app.get("/v1/review/items", async (c) => {
    if (!reviewerOf(c))
      return c.json({ error: "reviewers only: x-mesi-reviewer-key required" }, 401);
    const status = c.req.query("status") ?? "pending";
    if (status !== "pending" && status !== "decided")
      return c.json({ error: "status: must be pending or decided" }, 400);
    const limit = limitParam("limit", c.req.query("limit"), 100, 1000);
    if (!limit.ok) return c.json({ error: limit.error }, 400);
    const after = bigintParam("after", c.req.query("after") ?? "0");
    if (!after.ok) return c.json({ error: after.error }, 400);
    return c.json({
      items: await listItems(db, { status, limit: limit.value, after: after.value }),
    });
  });

  app.post("/v1/review/items/:id/decision", async (c) => {
    const reviewer = reviewerOf(c);
    if (!reviewer) return c.json({ error: "reviewers only: x-mesi-reviewer-key required" }, 401);
    const id = bigintParam("id", c.req.param("id"));
    if (!id.ok) return c.json({ error: id.error }, 400);
    const body = await readJson(c, MAX_REVIEW_BODY);
    if (!body.ok) return body.res;
    const parsed = decisionSchema.safeParse(body.body);
    if (!parsed.success)
      return c.json({ error: "invalid body", issues: describeIssues(parsed.error) }, 400);
    try {
      const out = await decide(db, {
        itemId: id.value,
        reviewer: reviewer.name,
        decision: parsed.data.decision,
        note: parsed.data.note,
      });
      return c.json({ item: out.item, audit: { seq: out.audit.seq, hash: out.audit.hash } });
    } catch (err) {
      return reviewError(c, err);
    }
  });

  app.post("/v1/appeals", async (c) => {
    const body = await readJson(c, MAX_REVIEW_BODY);
    if (!body.ok) return body.res;
    const parsed = appealSchema.safeParse(body.body);
    if (!parsed.success)
      return c.json({ error: "invalid body", issues: describeIssues(parsed.error) }, 400);
    const a = parsed.data;
    const check = await checkWalletRequest({
      db,
      action: APPEAL_ACTION,
      account: a.account,
      fields: appealFields(a),
      issuedAt: a.issuedAt,
      nonce: a.nonce,
      signature: a.signature,
      now: now(),
    });
    if (!check.ok) return c.json({ error: check.error }, check.status);
    try {
      const out = await fileAppeal(db, {
        account: check.account,
        target: a.target,
        flagId: a.flagId === undefined ? undefined : BigInt(a.flagId),
        ticketId: a.ticketId === undefined ? undefined : BigInt(a.ticketId),
        reason: a.reason,
        epoch: deps.currentEpoch(),
        now: new Date(now()),
      });
      return c.json({ item: out.item, audit: { seq: out.audit.seq, hash: out.audit.hash } }, 201);
    } catch (err) {
      return reviewError(c, err);
    }
  });
  return app;
}
