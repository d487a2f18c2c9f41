// The read API. TQS datasets, TQS proofs and the review audit log (commitments, no free text)
// are public; engagement datasets (USER, NFT, GALLERY) go only to auditors
// (x-mesi-auditor-key); an account's own USER or GALLERY proof, an NFT's proof for its
// creator, an account's receipt and the texts of its audit entries go only to that account,
// proved by a single-use wallet signature (wallet-auth.ts), because engagement ratings and free
// texts are not public. A score that does not exist and one the requester may not read answer
// alike (404), so probing learns nothing. Datasets are served by the hash the chain names.
import { Hono, type Context } from "hono";
import type { Address } from "viem";
import { accountSubject } from "@mesi/abi";
import type { Database } from "../db/database.ts";
import { sameSecret } from "../util/same-secret.ts";
import type { DatasetStore } from "../dataset/store.ts";
import { nftId } from "../dataset/engagement-dataset.ts";
import { auditEntries, auditTexts } from "../review/audit-log.ts";
import { ProofService } from "../dataset/proofs.ts";
import { checkWalletRequest } from "./wallet-auth.ts";
import { AUDIT_TEXTS_ACTION, proofAction, RECEIPT_ACTION, WALLET_HEADERS } from "@mesi/abi";
import { buildReceipt } from "../privacy/receipt.ts";
import { addressParam, bigintParam, limitParam, uint256Param, type Checked } from "./params.ts";

export interface ReadDeps {
  database: Database;
  store: DatasetStore;
  auditorKeys: readonly string[];
  now?: () => number;
}

/** The first failed check of a route's parameters, as a 400. */
const firstError = (c: Context, ...checks: Checked<unknown>[]) => {
  const bad = checks.find((x) => !x.ok) as { ok: false; error: string } | undefined;
  return bad ? c.json({ error: bad.error }, 400) : undefined;
};

export function readRoutes(deps: ReadDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? Date.now;
  const { db } = deps.database;
  const proofs = new ProofService(db, deps.store);
  const isAuditor = (c: Context) => {
    const key = c.req.header("x-mesi-auditor-key");
    return key !== undefined && deps.auditorKeys.some((k) => sameSecret(k, key));
  };
  /**
   * Who asks: an auditor, or the wallet that signed `action` with `fields` (its nonce is used
   * up). `claimed` is the account when the request does not name one in x-mesi-account.
   */
  const requester = async (
    c: Context,
    action: string,
    fields: readonly (readonly [string, string])[],
    claimed?: string,
  ): Promise<{ auditor: true } | { account: Address } | Response> => {
    if (isAuditor(c)) return { auditor: true };
    const check = await checkWalletRequest({
      db,
      action,
      account: c.req.header(WALLET_HEADERS.account) ?? claimed,
      fields,
      issuedAt: c.req.header(WALLET_HEADERS.issuedAt),
      nonce: c.req.header(WALLET_HEADERS.nonce),
      signature: c.req.header(WALLET_HEADERS.signature),
      now: now(),
    });
    return check.ok ? { account: check.account } : c.json({ error: check.error }, check.status);
  };
  /** The proof, or one 404 for "no such score" and "not yours" alike. */
  const answer = (
    c: Context,
    allowed: boolean,
    p: Awaited<ReturnType<ProofService["proof"]>> | undefined,
    kind: string,
    epoch: bigint,
  ) =>
    allowed && p && !("missing" in p)
      ? c.json(p)
      : c.json({ error: `no ${kind} score you may read for this subject in epoch ${epoch}` }, 404);

  app.get("/v1/datasets/:hash", async (c) => {
    const hash = c.req.param("hash");
    if (!/^0x[0-9a-f]{64}$/.test(hash))
      return c.json({ error: "hash: must be a 0x-prefixed lowercase keccak256" }, 400);
    const rows = await db.selectFrom("datasets").select("kind").where("hash", "=", hash).execute();
    if (!rows.length) return c.json({ error: "no dataset with this hash" }, 404);
    if (!rows.some((r) => r.kind === "TQS") && !isAuditor(c)) {
      return c.json(
        { error: "engagement datasets are for auditors: x-mesi-auditor-key required" },
        401,
      );
    }
    const size = await deps.store.size(hash);
    if (!size) return c.json({ error: "dataset is registered but missing from the store" }, 500);
    // Streamed from the file: an epoch's dataset can be gigabytes.
    return c.body(deps.store.stream(hash), 200, {
      "content-type": "application/x-ndjson",
      "content-length": String(size),
    });
  });

  app.get("/v1/proofs/tqs/:epoch/:account", async (c) => {
    const epoch = bigintParam("epoch", c.req.param("epoch"));
    const account = addressParam("account", c.req.param("account"));
    if (!epoch.ok || !account.ok) return firstError(c, epoch, account)!;
    const p = await proofs.proof("TQS", epoch.value, accountSubject(account.value));
    return "missing" in p ? c.json({ error: p.missing }, 404) : c.json(p);
  });

  for (const kind of ["USER", "GALLERY"] as const) {
    app.get(`/v1/proofs/${kind.toLowerCase()}/:epoch/:account`, async (c) => {
      const epoch = bigintParam("epoch", c.req.param("epoch"));
      const account = addressParam("account", c.req.param("account"));
      if (!epoch.ok || !account.ok) return firstError(c, epoch, account)!;
      const who = await requester(
        c,
        proofAction(kind),
        [["Epoch", String(epoch.value)]],
        account.value,
      );
      if (who instanceof Response) return who;
      const allowed = "auditor" in who || who.account === account.value;
      const p = allowed
        ? await proofs.proof(kind, epoch.value, accountSubject(account.value))
        : undefined;
      return answer(c, allowed, p, kind, epoch.value);
    });
  }

  // The creator signs (x-mesi-account: the creator); the token's creator is looked up only
  // after the signature, so the route says nothing about tokens to whoever cannot read them.
  app.get("/v1/proofs/nft/:epoch/:collection/:tokenId", async (c) => {
    const epoch = bigintParam("epoch", c.req.param("epoch"));
    const collection = addressParam("collection", c.req.param("collection"));
    const tokenId = uint256Param("tokenId", c.req.param("tokenId"));
    if (!epoch.ok || !collection.ok || !tokenId.ok)
      return firstError(c, epoch, collection, tokenId)!;
    const who = await requester(c, proofAction("NFT"), [["Epoch", String(epoch.value)]]);
    if (who instanceof Response) return who;
    const row = await db
      .selectFrom("nft_scores")
      .select("creator")
      .where("epoch", "=", epoch.value.toString())
      .where("collection", "=", collection.value)
      .where("token_id", "=", tokenId.value.toString())
      .executeTakeFirst();
    const allowed = !!row && ("auditor" in who || who.account === row.creator);
    const p = allowed
      ? await proofs.proof(
          "NFT",
          epoch.value,
          nftId(collection.value, tokenId.value.toString()).subject,
        )
      : undefined;
    return answer(c, allowed, p, "NFT", epoch.value);
  });

  app.get("/v1/receipts/:epoch/:account", async (c) => {
    const epoch = bigintParam("epoch", c.req.param("epoch"));
    const account = addressParam("account", c.req.param("account"));
    if (!epoch.ok || !account.ok) return firstError(c, epoch, account)!;
    const who = await requester(c, RECEIPT_ACTION, [["Epoch", String(epoch.value)]], account.value);
    if (who instanceof Response) return who;
    const allowed = "auditor" in who || who.account === account.value;
    const receipt = allowed
      ? await buildReceipt(db, proofs, epoch.value, account.value)
      : undefined;
    return receipt
      ? c.json(receipt)
      : c.json({ error: `no receipt you may read for this account in epoch ${epoch.value}` }, 404);
  });

  app.get("/v1/audit", async (c) => {
    const after = bigintParam("after", c.req.query("after") ?? "0");
    const limit = limitParam("limit", c.req.query("limit"), 1000, 5000);
    if (!after.ok || !limit.ok) return firstError(c, after, limit)!;
    return c.json({ entries: await auditEntries(db, after.value, limit.value) });
  });

  // The texts behind the public entries' commitments: an account's own (wallet-signed), or
  // anyone's for an auditor key (all, or ?account=).
  app.get("/v1/audit/texts", async (c) => {
    const after = bigintParam("after", c.req.query("after") ?? "0");
    const limit = limitParam("limit", c.req.query("limit"), 1000, 5000);
    const account =
      c.req.query("account") === undefined
        ? ({ ok: true, value: undefined } as const)
        : addressParam("account", c.req.query("account"));
    if (!after.ok || !limit.ok || !account.ok) return firstError(c, after, limit, account)!;
    const who = await requester(c, AUDIT_TEXTS_ACTION, [], account.value);
    if (who instanceof Response) return who;
    const whose = "auditor" in who ? account.value : who.account;
    return c.json({
      texts: await auditTexts(db, { account: whose, after: after.value, limit: limit.value }),
    });
  });
  return app;
}
