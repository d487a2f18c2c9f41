// Wallet-signed requests (EIP-4361 style): the account signs a short message naming what it
// asks for and when; the server checks the signature and that the message is fresh. Used for
// what only the account itself may read or do: its proofs, its receipt, its appeals.
import { isAddress, verifyMessage, type Address, type Hex } from "viem";

export const REQUEST_TTL_MS = 5 * 60_000;

// What each wallet-signed request asks for, in the words the wallet shows. Here (browser-safe)
// so the web app signs exactly the text this server checks.
/** The action text a wallet signs to read a proof of `kind`. */
export const proofAction = (kind: "USER" | "NFT" | "GALLERY") =>
  `read your ${kind === "USER" ? "User" : kind === "NFT" ? "NFT" : "Gallery"} Score proof`;
export const RECEIPT_ACTION = "read your epoch receipt";
export const APPEAL_ACTION = "appeal a decision";

/** The fields an appeal's signature covers, in order. */
export const appealFields = (a: {
  target: string;
  flagId?: string | undefined;
  ticketId?: string | undefined;
  reason: string;
}) =>
  [
    ["Target", a.target],
    ["Flag", a.flagId ?? "-"],
    ["Ticket", a.ticketId ?? "-"],
    ["Reason", a.reason],
  ] as const;

/** The exact text the wallet signs; `fields` in the given order. */
export const walletRequestMessage = (
  action: string,
  account: Address,
  fields: readonly (readonly [string, string])[],
  issuedAt: string,
): string =>
  [
    `Mesi wants you to ${action}.`,
    `Account: ${account.toLowerCase()}`,
    ...fields.map(([k, v]) => `${k}: ${v}`),
    `Issued At: ${issuedAt}`,
  ].join("\n");

export type WalletCheck =
  { ok: true; account: Address } | { ok: false; status: 400 | 401 | 403; error: string };

/** Checks `signature` by `account` over the message for `action` and `fields`, issued at `issuedAt`. */
export async function checkWalletRequest(args: {
  action: string;
  account: string | undefined;
  fields: readonly (readonly [string, string])[];
  issuedAt: string | undefined;
  signature: string | undefined;
  now: number;
}): Promise<WalletCheck> {
  if (!args.account || !isAddress(args.account, { strict: false }))
    return { ok: false, status: 400, error: "account: must be a 0x address" };
  const issued = Date.parse(args.issuedAt ?? "");
  if (!Number.isFinite(issued) || Math.abs(args.now - issued) > REQUEST_TTL_MS)
    return {
      ok: false,
      status: 401,
      error: "issuedAt (x-mesi-issued-at): must be an ISO time within 5 minutes",
    };
  if (!/^0x[0-9a-fA-F]{130}$/.test(args.signature ?? ""))
    return {
      ok: false,
      status: 401,
      error: "signature (x-mesi-signature): must be a 65-byte hex signature",
    };
  const account = args.account.toLowerCase() as Address;
  const ok = await verifyMessage({
    address: account,
    message: walletRequestMessage(args.action, account, args.fields, args.issuedAt!),
    signature: args.signature as Hex,
  }).catch(() => false);
  return ok
    ? { ok: true, account }
    : { ok: false, status: 403, error: "the signature is not the account's" };
}
