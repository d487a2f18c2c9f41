// Requests that only the account itself may make (its User/NFT/Gallery proofs, its receipt, its
// appeals): the page gets a single-use nonce from the oracle, the wallet signs the oracle's own
// request message (built by the oracle's browser-safe wallet-message module, shared, so the two
// can never disagree), and the request carries the signature and the nonce. A nonce works once:
// every request asks for a new one.
import type { Address } from "viem";
import * as z from "zod/mini";
import {
  APPEAL_ACTION,
  NONCE_PATH,
  RECEIPT_ACTION,
  WALLET_HEADERS,
  appealFields,
  proofAction,
  walletRequestMessage,
} from "@mesi/abi";
import { settings } from "../config/env.ts";
import { getJson, getText } from "./http.ts";

export type SignMessage = (message: string) => Promise<`0x${string}`>;
type Fields = readonly (readonly [string, string])[];

/** What each request asks the wallet to sign (the oracle's own action texts). */
export const ACTIONS = {
  GALLERY: proofAction("GALLERY"),
  NFT: proofAction("NFT"),
  USER: proofAction("USER"),
  RECEIPT: RECEIPT_ACTION,
} as const;

const Nonce = z.object({ nonce: z.string().check(z.regex(/^[0-9a-f]{32}$/)) });

/** A fresh nonce, the wallet's signature over `action` and `fields`, and when it was signed. */
async function signRequest(action: string, fields: Fields, account: Address, sign: SignMessage) {
  const { nonce } = await getJson("oracle", `${settings.oracleUrl}${NONCE_PATH}`, Nonce, {
    cache: "no-store",
  });
  const issuedAt = new Date().toISOString();
  const signature = await sign(walletRequestMessage(action, account, fields, issuedAt, nonce));
  return { issuedAt, nonce, signature };
}

export async function signedGet<T>(
  path: string,
  action: string,
  fields: Fields,
  account: Address,
  sign: SignMessage,
  schema: z.ZodMiniType<T>,
): Promise<T> {
  return getJson("oracle", `${settings.oracleUrl}${path}`, schema, {
    headers: await signedHeaders(action, fields, account, sign),
  });
}

/** The headers that carry a fresh signature of `action` and `fields` by `account`. */
async function signedHeaders(action: string, fields: Fields, account: Address, sign: SignMessage) {
  const s = await signRequest(action, fields, account, sign);
  return {
    [WALLET_HEADERS.account]: account,
    [WALLET_HEADERS.issuedAt]: s.issuedAt,
    [WALLET_HEADERS.nonce]: s.nonce,
    [WALLET_HEADERS.signature]: s.signature,
  };
}

export interface Appeal {
  target: "flag" | "ticket" | "exclusion";
  flagId?: string;
  ticketId?: string;
  reason: string;
}

/** Files a wallet-signed appeal; resolves with the review item it opened. */
export async function postAppeal(
  appeal: Appeal,
  account: Address,
  sign: SignMessage,
  schema: z.ZodMiniType<{ item: string }>,
): Promise<{ item: string }> {
  const s = await signRequest(APPEAL_ACTION, appealFields(appeal), account, sign);
  return getJson("oracle", `${settings.oracleUrl}/v1/appeals`, schema, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...appeal, account, ...s }),
  });
}

/**
 * A wallet-signed request with no fields (the account's export and erasure), answered as text:
 * the export is saved as the oracle sent it, every field kept.
 */
export async function signedRequest(
  method: "GET" | "POST",
  path: string,
  action: string,
  account: Address,
  sign: SignMessage,
): Promise<string> {
  return getText("oracle", `${settings.oracleUrl}${path}`, {
    method,
    cache: "no-store",
    // Erasure rewrites the oracle's tables: give it longer than a read.
    timeoutMs: 120_000,
    headers: await signedHeaders(action, [], account, sign),
  });
}
