// The read API. TQS datasets, TQS proofs and the review audit log are public; engagement
// datasets (USER, NFT, GALLERY) go only to auditors (x-mesi-auditor-key); an account's own
// USER or GALLERY proof, an NFT's proof for its creator, and an account's receipt go only to
// that account, proved by a wallet signature over a short-lived message (wallet-auth.ts),
// because engagement ratings are not public. Datasets are served by the hash the chain names.
import { Hono, type Context } from "hono";
import { isAddress, type Address } from "viem";
import { accountSubject } from "@mesi/abi";
import type { Database } from "../db/database.ts";
import { sameSecret } from "../util/same-secret.ts";
import type { DatasetStore } from "../dataset/store.ts";
import { nftId } from "../dataset/engagement-dataset.ts";
import { auditEntries } from "../review/audit-log.ts";
import { ProofService } from "./proofs.ts";
import { checkWalletRequest, proofAction, RECEIPT_ACTION } from "./wallet-auth.ts";
import { buildReceipt } from "./receipt.ts";

export interface ReadDeps {
  database: Database;
  store: DatasetStore;
  auditorKeys: readonly string[];
  now?: () => number;
}

export { proofAction, RECEIPT_ACTION } from "./wallet-auth.ts";

const EPOCH = /^\d{1,20}$/;

export function readRoutes(deps: ReadDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? Date.now;
  const { db } = deps.database;
  const proofs = new ProofService(db, deps.store);
  const isAuditor = (c: Context) => {
    const key = c.req.header("x-mesi-auditor-key");
    return key !== undefined && deps.auditorKeys.some((k) => sameSecret(k, key));
  };
  /** Auditor, or the wallet `owner` signing `action` for this epoch. */
  const authorise = async (c: Context, action: string, epoch: string, owner: string) => {
    if (isAuditor(c)) return undefined;
    const check = await checkWalletRequest({
      action,
      account: c.req.header("x-mesi-account") ?? owner,
      fields: [["Epoch", epoch]],
      issuedAt: c.req.header("x-mesi-issued-at"),
      signature: c.req.header("x-mesi-signature"),
      now: now(),
    });
    if (!check.ok) return c.json({ error: check.error }, check.status);
    if (check.account !== owner.toLowerCase())
      return c.json({ error: "only the account itself (or an auditor) may read this" }, 403);
    return undefined;
  };
  const answer = (c: Context, p: Awaited<ReturnType<ProofService["proof"]>>) =>
    "missing" in p ? c.json({ error: p.missing }, 404) : c.json(p);

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
    const text = await deps.store.get(hash);
    if (text === undefined)
      return c.json({ error: "dataset is registered but missing from the store" }, 500);
    return c.body(text, 200, { "content-type": "application/x-ndjson" });
  });

  app.get("/v1/proofs/tqs/:epoch/:account", async (c) => {
    const { epoch, account } = c.req.param();
    if (!EPOCH.test(epoch)) return c.json({ error: "epoch: must be a decimal integer" }, 400);
    if (!isAddress(account, { strict: false }))
      return c.json({ error: "account: must be a 0x address" }, 400);
    return answer(c, await proofs.proof("TQS", BigInt(epoch), accountSubject(account)));
  });

  for (const kind of ["USER", "GALLERY"] as const) {
    app.get(`/v1/proofs/${kind.toLowerCase()}/:epoch/:account`, async (c) => {
      const { epoch, account } = c.req.param();
      if (!EPOCH.test(epoch)) return c.json({ error: "epoch: must be a decimal integer" }, 400);
      if (!isAddress(account, { strict: false }))
        return c.json({ error: "account: must be a 0x address" }, 400);
      const denied = await authorise(c, proofAction(kind), epoch, account);
      if (denied) return denied;
      return answer(c, await proofs.proof(kind, BigInt(epoch), accountSubject(account)));
    });
  }

  app.get("/v1/proofs/nft/:epoch/:collection/:tokenId", async (c) => {
    const { epoch, collection, tokenId } = c.req.param();
    if (!EPOCH.test(epoch)) return c.json({ error: "epoch: must be a decimal integer" }, 400);
    if (!isAddress(collection, { strict: false }))
      return c.json({ error: "collection: must be a 0x address" }, 400);
    if (!/^\d{1,78}$/.test(tokenId))
      return c.json({ error: "tokenId: must be a decimal integer" }, 400);
    const row = await db
      .selectFrom("nft_scores")
      .select("creator")
      .where("epoch", "=", epoch)
      .where("collection", "=", collection.toLowerCase())
      .where("token_id", "=", tokenId)
      .executeTakeFirst();
    if (!row) return c.json({ error: `no NFT score for this token in epoch ${epoch}` }, 404);
    const denied = await authorise(c, proofAction("NFT"), epoch, row.creator ?? "0x0");
    if (denied) return denied;
    return answer(
      c,
      await proofs.proof("NFT", BigInt(epoch), nftId(collection.toLowerCase(), tokenId).subject),
    );
  });

  app.get("/v1/receipts/:epoch/:account", async (c) => {
    const { epoch, account } = c.req.param();
    if (!EPOCH.test(epoch)) return c.json({ error: "epoch: must be a decimal integer" }, 400);
    if (!isAddress(account, { strict: false }))
      return c.json({ error: "account: must be a 0x address" }, 400);
    const denied = await authorise(c, RECEIPT_ACTION, epoch, account);
    if (denied) return denied;
    const receipt = await buildReceipt(db, proofs, BigInt(epoch), account.toLowerCase() as Address);
    return receipt
      ? c.json(receipt)
      : c.json({ error: `epoch ${epoch} is not committed yet` }, 404);
  });

  app.get("/v1/audit", async (c) => {
    const after = c.req.query("after") ?? "0";
    const limit = c.req.query("limit") ?? "1000";
    if (!/^\d{1,20}$/.test(after))
      return c.json({ error: "after: must be a decimal integer" }, 400);
    if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 5000)
      return c.json({ error: "limit: must be an integer from 1 to 5000" }, 400);
    return c.json({ entries: await auditEntries(db, BigInt(after), Number(limit)) });
  });
  return app;
}
