// Reads that only the account itself may make (its User/NFT/Gallery proofs, its receipt):
// the wallet signs the oracle's own request message (built by the oracle's wallet-auth module,
// shared, so the two can never disagree) and the request carries the signature.
import type { Address } from "viem";
import type * as z from "zod/mini";
import { walletRequestMessage } from "@mesi/oracle/src/api/wallet-auth.ts";
import { settings } from "../config/env.ts";
import { getJson } from "./http.ts";

export type SignMessage = (message: string) => Promise<`0x${string}`>;

/** What each read asks the wallet to sign (the oracle's action texts). */
export const ACTIONS = {
  GALLERY: "read your Gallery Score proof",
  NFT: "read your NFT Score proof",
  USER: "read your User Score proof",
  RECEIPT: "read your epoch receipt",
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
