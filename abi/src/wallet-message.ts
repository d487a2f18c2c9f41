// What a wallet signs for a request only its account may make, and how the request carries it:
// the one definition the oracle checks and the web app signs, so the two can never disagree.
// Browser-safe (no server or node: imports): the web app imports this module directly.
import type { Address } from "viem";

/** How long an issued nonce (and a signed request's issuedAt) stays valid. */
export const REQUEST_TTL_MS = 5 * 60_000;

/** Where a signed read carries its parts (an appeal carries them in its JSON body). */
export const WALLET_HEADERS = {
  account: "x-mesi-account",
  issuedAt: "x-mesi-issued-at",
  nonce: "x-mesi-nonce",
  signature: "x-mesi-signature",
} as const;

/** The route that issues a single-use nonce: `201 {nonce, expiresAt}`. */
export const NONCE_PATH = "/v1/auth/nonce";

// What each wallet-signed request asks for, in the words the wallet shows.
/** The action text a wallet signs to read a proof of `kind`. */
export const proofAction = (kind: "USER" | "NFT" | "GALLERY") =>
  `read your ${kind === "USER" ? "User" : kind === "NFT" ? "NFT" : "Gallery"} Score proof`;
export const RECEIPT_ACTION = "read your epoch receipt";
export const AUDIT_TEXTS_ACTION = "read the texts of your audit log entries";
export const APPEAL_ACTION = "appeal a decision";
/** What a wallet signs to download everything the oracle holds about its account. */
export const EXPORT_ACTION = "download everything Mesi's oracle holds about you";
/** What a wallet signs to have its personal data erased. */
export const ERASURE_ACTION = "erase your answers, appeal texts and other personal data";

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
  nonce: string,
): string =>
  [
    `Mesi wants you to ${action}.`,
    `Account: ${account.toLowerCase()}`,
    ...fields.map(([k, v]) => `${k}: ${v}`),
    `Nonce: ${nonce}`,
    `Issued At: ${issuedAt}`,
  ].join("\n");
