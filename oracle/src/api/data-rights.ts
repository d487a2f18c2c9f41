// An account's rights over what the oracle holds about it (docs/PRIVACY.md), each by a
// single-use wallet signature of the account itself (wallet-auth.ts), never an operator key:
//   GET  /v1/accounts/:account/export   → the mesi-export@1 document (privacy/export.ts)
//   POST /v1/accounts/:account/erasure  → erases its personal data (privacy/erasure.ts)
// Both sign the action text with no fields; the signer must be the account the path names.
import { Hono, type Context } from "hono";
import type { Database } from "../db/database.ts";
import type { DatasetStore } from "../dataset/store.ts";
import { buildExport } from "../privacy/export.ts";
import { eraseAccount } from "../privacy/erasure.ts";
import { ERASURE_ACTION, EXPORT_ACTION } from "@mesi/abi";
import { ProofService } from "../dataset/proofs.ts";
import { addressParam } from "./params.ts";
import { checkWalletRequest } from "./wallet-auth.ts";

export interface DataRightsDeps {
  database: Database;
  store: DatasetStore;
  now?: () => number;
  log?: (entry: Record<string, unknown>) => void;
}

export function dataRightsRoutes(deps: DataRightsDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? Date.now;
  const { db } = deps.database;
  const proofs = new ProofService(db, deps.store);

  /** The path's account, if the request is signed by it for `action`; else the error response. */
  const signedBy = async (c: Context, action: string) => {
    const account = addressParam("account", c.req.param("account"));
    if (!account.ok) return c.json({ error: account.error }, 400);
    const claimed = c.req.header("x-mesi-account");
    if (claimed !== undefined && claimed.toLowerCase() !== account.value)
      return c.json({ error: "x-mesi-account: must be the account the path names" }, 403);
    const check = await checkWalletRequest({
      db,
      action,
      account: account.value,
      fields: [],
      issuedAt: c.req.header("x-mesi-issued-at"),
      nonce: c.req.header("x-mesi-nonce"),
      signature: c.req.header("x-mesi-signature"),
      now: now(),
    });
    return check.ok ? check.account : c.json({ error: check.error }, check.status);
  };

  app.get("/v1/accounts/:account/export", async (c) => {
    const account = await signedBy(c, EXPORT_ACTION);
    if (account instanceof Response) return account;
    const doc = await buildExport(db, proofs, account, new Date(now()));
    c.header("Cache-Control", "no-store");
    c.header("Content-Disposition", `attachment; filename="mesi-export-${account}.json"`);
    return c.json(doc);
  });

  app.post("/v1/accounts/:account/erasure", async (c) => {
    const account = await signedBy(c, ERASURE_ACTION);
    if (account instanceof Response) return account;
    const { audit, ...counts } = await eraseAccount(deps.database, account, new Date(now()));
    deps.log?.({ level: "info", msg: "erasure", auditSeq: audit.seq, ...counts });
    return c.json({ account, erased: counts, audit: { seq: audit.seq, hash: audit.hash } }, 200);
  });
  return app;
}
