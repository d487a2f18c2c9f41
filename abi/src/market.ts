// The marketplace's EIP-712 signed listing, shared by the web app (which asks sellers to sign
// it) and the tests; TicketMarketplace.hashListing is its Solidity twin (a test compares them).
import type { Address } from "viem";

/** EIP-712 domain of TicketMarketplace. */
export const marketplaceDomain = (chainId: bigint, verifyingContract: Address) =>
  ({ name: "MesiMarketplace", version: "1", chainId, verifyingContract }) as const;

/** `version` is the token's trade version (IMarketCollection.tradeVersion) when signed: the
 * listing is void once the token moves or a ticket enters a draw, even if it comes back. */
export const signedListingTypes = {
  Listing: [
    { name: "seller", type: "address" },
    { name: "collection", type: "address" },
    { name: "tokenId", type: "uint256" },
    { name: "version", type: "uint256" },
    { name: "mesi", type: "bool" },
    { name: "price", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "counter", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** A signed listing as TicketMarketplace.buySigned takes it. */
export interface SignedListing {
  seller: Address;
  collection: Address;
  tokenId: bigint;
  version: bigint;
  mesi: boolean;
  price: bigint;
  nonce: bigint;
  counter: bigint;
  deadline: bigint;
}
