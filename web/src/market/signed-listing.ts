// A gasless listing: the seller signs an EIP-712 Listing (@mesi/abi's signedListingTypes) and
// shares it as a link; whoever opens the link can buy through buySigned. The link carries the
// listing and signature, nothing else; the listing names the token's trade version, so it dies
// for good once the ticket moves or enters a draw.
import * as z from "zod/mini";
import type { Address, Hex } from "viem";
import type { SignedListing } from "@mesi/abi";

export type { SignedListing };

const addr = z.string().check(z.regex(/^0x[0-9a-fA-F]{40}$/));
const uint = z.string().check(z.regex(/^\d{1,78}$/));
const Wire = z.object({
  seller: addr,
  collection: addr,
  tokenId: uint,
  version: uint,
  mesi: z.boolean(),
  price: uint,
  nonce: uint,
  counter: uint,
  deadline: uint,
  signature: z.string().check(z.regex(/^0x[0-9a-fA-F]{130}$/)),
});

const b64url = (s: string) => btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const unb64url = (s: string) => atob(s.replace(/-/g, "+").replace(/_/g, "/"));

export function encodeSignedListing(l: SignedListing, signature: Hex): string {
  return b64url(
    JSON.stringify({
      ...l,
      tokenId: String(l.tokenId),
      version: String(l.version),
      price: String(l.price),
      nonce: String(l.nonce),
      counter: String(l.counter),
      deadline: String(l.deadline),
      signature,
    }),
  );
}

/** The listing in a shared link, or an error naming what is wrong with it. */
export function decodeSignedListing(
  param: string,
): { ok: true; listing: SignedListing; signature: Hex } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(unb64url(param));
  } catch {
    return { ok: false, error: "This signed-listing link is damaged: it is not readable." };
  }
  const parsed = Wire.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `This signed-listing link is damaged (${issue?.path.join(".")}).` };
  }
  const w = parsed.data;
  return {
    ok: true,
    signature: w.signature as Hex,
    listing: {
      seller: w.seller as Address,
      collection: w.collection as Address,
      tokenId: BigInt(w.tokenId),
      version: BigInt(w.version),
      mesi: w.mesi,
      price: BigInt(w.price),
      nonce: BigInt(w.nonce),
      counter: BigInt(w.counter),
      deadline: BigInt(w.deadline),
    },
  };
}
