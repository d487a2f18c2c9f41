// Wallet-signed requests (EIP-4361 style): the account asks the server for a nonce, signs a
// short message naming what it asks for, the nonce and when, and sends the signature along.
// The server checks the signature, then consumes the nonce: a signed request works once, so a
// captured one cannot be replayed. Used for what only the account itself may read or do: its
// proofs, its receipt, its audit texts, its appeals.
import { Hono } from "hono";
import { sql } from "kysely";
import { bytesToHex, isAddress, verifyMessage, type Address, type Hex } from "viem";
import type { Db } from "../db/database.ts";
import { RateLimiter } from "../ingest/rate-limit.ts";
import { NONCE_PATH, REQUEST_TTL_MS, walletRequestMessage } from "@mesi/abi";

// The message and action texts are @mesi/abi's wallet-message.ts: the web app signs them.

export type WalletCheck =
  { ok: true; account: Address } | { ok: false; status: 400 | 401 | 403; error: string };

const NONCE = /^[0-9a-f]{32}$/;

/** A fresh single-use nonce, stored until it expires or is used. */
export async function issueNonce(
  db: Db,
  now = Date.now(),
): Promise<{ nonce: string; expiresAt: string }> {
  const nonce = bytesToHex(crypto.getRandomValues(new Uint8Array(16))).slice(2);
  const expiresAt = new Date(now + REQUEST_TTL_MS);
  await db.insertInto("auth_nonces").values({ nonce, expires_at: expiresAt }).execute();
  return { nonce, expiresAt: expiresAt.toISOString() };
}

/** Uses `nonce` up: true once for a live nonce, false ever after (and for unknown or expired ones). */
async function consumeNonce(db: Db, nonce: string, now: number): Promise<boolean> {
  const r = await sql`
    DELETE FROM auth_nonces WHERE nonce = ${nonce} AND expires_at > ${new Date(now)}`.execute(db);
  return Number(r.numAffectedRows ?? 0n) === 1;
}

/**
 * Checks `signature` by `account` over the message for `action`, `fields`, `nonce` and
 * `issuedAt`; on success the nonce is used up.
 */
export async function checkWalletRequest(args: {
  db: Db;
  action: string;
  account: string | undefined;
  fields: readonly (readonly [string, string])[];
  issuedAt: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  now: number;
}): Promise<WalletCheck> {
  if (!args.signature)
    return {
      ok: false,
      status: 401,
      error:
        "signature (x-mesi-signature): required; only the account itself (wallet-signed) or an auditor may read this",
    };
  if (!args.account || !isAddress(args.account, { strict: false }))
    return { ok: false, status: 400, error: "account: must be a 0x address" };
  const issued = Date.parse(args.issuedAt ?? "");
  if (!Number.isFinite(issued) || Math.abs(args.now - issued) > REQUEST_TTL_MS)
    return {
      ok: false,
      status: 401,
      error: "issuedAt (x-mesi-issued-at): must be an ISO time within 5 minutes",
    };
  if (!NONCE.test(args.nonce ?? ""))
    return {
      ok: false,
      status: 401,
      error: "nonce (x-mesi-nonce): required, from GET /v1/auth/nonce",
    };
  if (!/^0x[0-9a-fA-F]{130}$/.test(args.signature ?? ""))
    return {
      ok: false,
      status: 401,
      error: "signature (x-mesi-signature): must be a 65-byte hex signature",
    };
  const account = args.account.toLowerCase() as Address;
  const signed = await verifyMessage({
    address: account,
    message: walletRequestMessage(args.action, account, args.fields, args.issuedAt!, args.nonce!),
    signature: args.signature as Hex,
  }).catch(() => false);
  if (!signed) return { ok: false, status: 403, error: "the signature is not the account's" };
  if (!(await consumeNonce(args.db, args.nonce!, args.now)))
    return {
      ok: false,
      status: 401,
      error: "nonce: unknown, expired or already used; get a new one from GET /v1/auth/nonce",
    };
  return { ok: true, account };
}

/**
 * GET /v1/auth/nonce. Issuing is rate-limited (a flood cannot grow the table without bound:
 * at most `ratePerSecond` × the TTL live nonces) and sweeps expired ones now and then.
 */
export function nonceRoutes(
  db: Db,
  opts: { now?: () => number; ratePerSecond?: number; burst?: number } = {},
): Hono {
  const app = new Hono();
  const now = opts.now ?? Date.now;
  const limiter = new RateLimiter();
  let issued = 0;
  app.get(NONCE_PATH, async (c) => {
    const wait = limiter.take("nonce", opts.ratePerSecond ?? 100, opts.burst ?? 1_000, now());
    if (wait) {
      c.header("Retry-After", String(wait));
      return c.json({ error: "too many nonce requests: retry shortly" }, 429);
    }
    if (++issued % 100 === 0)
      await db.deleteFrom("auth_nonces").where("expires_at", "<=", new Date(now())).execute();
    c.header("Cache-Control", "no-store");
    return c.json(await issueNonce(db, now()), 201);
  });
  return app;
}
