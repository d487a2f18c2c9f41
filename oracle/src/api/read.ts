// The read API. TQS datasets are public; engagement datasets (USER, NFT, GALLERY) only go to
// auditors (x-mesi-auditor-key), and a creator's own GALLERY proof only to that creator, who
// proves it with a wallet signature over a short-lived message (EIP-4361 style), because
// engagement ratings are not public.
import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { isAddress, verifyMessage, type Address, type Hex } from "viem";
import { accountSubject } from "@mesi/abi";
import type { Database } from "../db/database.ts";
import { leavesOf, parseDataset } from "../dataset/gallery-dataset.ts";
import type { DatasetStore } from "../dataset/store.ts";
import { buildScoreTree } from "../merkle/score-tree.ts";

export const PROOF_REQUEST_TTL_MS = 5 * 60_000;

/** The message a creator signs to read its own proof. */
export const proofRequestMessage = (creator: Address, epoch: bigint, issuedAt: string): string =>
  `Mesi wants you to read your Gallery Score proof.\nAccount: ${creator.toLowerCase()}\nEpoch: ${epoch}\nIssued At: ${issuedAt}`;

export interface ReadDeps {
  database: Database;
  store: DatasetStore;
  auditorKeys: readonly string[];
  now?: () => number;
}

const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function readRoutes(deps: ReadDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? Date.now;
  const isAuditor = (key: string | undefined) =>
    key !== undefined && deps.auditorKeys.some((k) => sameSecret(k, key));

  app.get("/v1/datasets/:hash", async (c) => {
    const hash = c.req.param("hash");
    if (!/^0x[0-9a-f]{64}$/.test(hash))
      return c.json({ error: "hash: must be a 0x-prefixed lowercase keccak256" }, 400);
    const row = await deps.database.db
      .selectFrom("datasets")
      .select("kind")
      .where("hash", "=", hash)
      .executeTakeFirst();
    if (!row) return c.json({ error: "no dataset with this hash" }, 404);
    if (row.kind !== "TQS" && !isAuditor(c.req.header("x-mesi-auditor-key"))) {
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

  app.get("/v1/proofs/gallery/:epoch/:creator", async (c) => {
    const { epoch: epochText, creator } = c.req.param();
    if (!/^\d{1,20}$/.test(epochText))
      return c.json({ error: "epoch: must be a decimal integer" }, 400);
    if (!isAddress(creator, { strict: false }))
      return c.json({ error: "creator: must be a 0x address" }, 400);
    const issuedAt = c.req.header("x-mesi-issued-at") ?? "";
    const signature = c.req.header("x-mesi-signature") ?? "";
    const issued = Date.parse(issuedAt);
    if (!Number.isFinite(issued) || Math.abs(now() - issued) > PROOF_REQUEST_TTL_MS) {
      return c.json({ error: "x-mesi-issued-at: must be an ISO time within 5 minutes" }, 401);
    }
    if (!/^0x[0-9a-fA-F]{130}$/.test(signature))
      return c.json({ error: "x-mesi-signature: must be a 65-byte hex signature" }, 401);
    const epoch = BigInt(epochText);
    const ok = await verifyMessage({
      address: creator,
      message: proofRequestMessage(creator, epoch, issuedAt),
      signature: signature as Hex,
    }).catch(() => false);
    if (!ok) return c.json({ error: "the signature is not the creator's" }, 403);

    const row = await deps.database.db
      .selectFrom("datasets")
      .select(["hash", "root"])
      .where("kind", "=", "GALLERY")
      .where("epoch", "=", epoch.toString())
      .executeTakeFirst();
    const text = row && (await deps.store.get(row.hash));
    if (!row || !text) return c.json({ error: `no GALLERY dataset for epoch ${epoch}` }, 404);
    const leaves = leavesOf(parseDataset(text));
    const index = leaves.findIndex((l) => l.subject === accountSubject(creator));
    if (index < 0) return c.json({ error: "no Gallery Score for this creator in this epoch" }, 404);
    const tree = buildScoreTree(leaves);
    const leaf = leaves[index]!;
    return c.json({
      epoch: epoch.toString(),
      creator: creator.toLowerCase(),
      score: leaf.score.toString(),
      salt: leaf.salt,
      proof: tree.proof(index),
      root: tree.root,
    });
  });
  return app;
}
