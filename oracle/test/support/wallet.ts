// Wallet-signed requests as a wallet app makes them: get a nonce, sign the message, send it.
import type { PrivateKeyAccount } from "viem/accounts";
import { walletRequestMessage } from "@mesi/abi";

export type Request = (path: string, init?: RequestInit) => Promise<Response>;

/** A fresh nonce from the oracle. */
export async function nonce(request: Request): Promise<string> {
  const r = await request("/v1/auth/nonce");
  if (r.status !== 201) throw new Error(`GET /v1/auth/nonce: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { nonce: string }).nonce;
}

/** Headers of a signed read of `action`; `as` names the account when the path does not. */
export async function signedHeaders(
  request: Request,
  signer: PrivateKeyAccount,
  action: string,
  fields: readonly (readonly [string, string])[],
  opts: { as?: boolean; issuedAt?: string } = {},
): Promise<Record<string, string>> {
  const n = await nonce(request);
  const issuedAt = opts.issuedAt ?? new Date().toISOString();
  const signature = await signer.signMessage({
    message: walletRequestMessage(action, signer.address, fields, issuedAt, n),
  });
  return {
    ...(opts.as ? { "x-mesi-account": signer.address } : {}),
    "x-mesi-issued-at": issuedAt,
    "x-mesi-nonce": n,
    "x-mesi-signature": signature,
  };
}
