// Reads that only the account itself may make (its User/NFT/Gallery proofs, its receipt):
// the wallet signs the oracle's own request message (built by the oracle's wallet-auth module,
// shared, so the two can never disagree) and the request carries the signature.
import type { Address } from "viem";
import type * as z from "zod/mini";
import {
  APPEAL_ACTION,
  RECEIPT_ACTION,
  appealFields,
  proofAction,
  walletRequestMessage,
} from "@mesi/oracle/src/api/wallet-auth.ts";
import { settings } from "../config/env.ts";
import { getJson } from "./http.ts";

export type SignMessage = (message: string) => Promise<`0x${string}`>;

/** What each request asks the wallet to sign (the oracle's own action texts). */
export const ACTIONS = {
  GALLERY: proofAction("GALLERY"),
  NFT: proofAction("NFT"),
  USER: proofAction("USER"),
  RECEIPT: RECEIPT_ACTION,
} as const;

export async function signedGet<T>(
  path: string,
  action: string,
  fields: readonly (readonly [string, string])[],
  account: Address,
  sign: SignMessage,
  schema: z.ZodMiniType<T>,
): Promise<T> {
  const issuedAt = new Date().toISOString();
  const signature = await sign(walletRequestMessage(action, account, fields, issuedAt));
  return getJson("oracle", `${settings.oracleUrl}${path}`, schema, {
    headers: {
      "x-mesi-account": account,
      "x-mesi-issued-at": issuedAt,
      "x-mesi-signature": signature,
    },
  });
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
  const issuedAt = new Date().toISOString();
  const signature = await sign(
    walletRequestMessage(APPEAL_ACTION, account, appealFields(appeal), issuedAt),
  );
  return getJson("oracle", `${settings.oracleUrl}/v1/appeals`, schema, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...appeal, account, issuedAt, signature }),
  });
}
