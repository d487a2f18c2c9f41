// Buying a listed ticket: $MESI with an EIP-2612 permit signed in the same step (one
// transaction, no separate approval), or ETH. The buyer accepts at most the price shown, so
// a re-price or a sale a moment earlier fails with words, not a charge.
import { useAccount, useConfig } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import { hexToSignature, type Hex } from "viem";
import { contract } from "../chain/contracts.ts";
import { appChain } from "../chain/chain.ts";
import { isEth, type Listing } from "../data/queries.ts";
import { useTx } from "../wallet/useTx.ts";
import { TxStatus } from "../ui/TxStatus.tsx";
import { fmtAmount } from "./format.ts";
import { MakeOffer } from "./Offers.tsx";
import { chainNow } from "../wallet/chain-time.ts";

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** Signs an EIP-2612 permit letting the marketplace take `value` $MESI from `owner`. */
export async function signPermit(
  config: ReturnType<typeof useConfig>,
  owner: `0x${string}`,
  value: bigint,
): Promise<{ deadline: bigint; v: number; r: Hex; s: Hex }> {
  const token = contract("MesiToken");
  const market = contract("TicketMarketplace");
  const nonce = await readContract(config, { ...token, functionName: "nonces", args: [owner] });
  const deadline = BigInt((await chainNow(config)) + 3600);
  const signature = await signTypedData(config, {
    account: owner,
    domain: { name: "Mesi", version: "1", chainId: appChain.id, verifyingContract: token.address },
    types: PERMIT_TYPES,
    primaryType: "Permit",
    message: { owner, spender: market.address, value, nonce, deadline },
  });
  const { v, r, s } = hexToSignature(signature);
  return { deadline, v: Number(v), r, s };
}

export default function BuyListing({
  listing,
  onBought,
}: {
  listing: Listing;
  /** Told once the purchase is confirmed (the row leaves the live list right after). */
  onBought?: () => void;
}) {
  const { address } = useAccount();
  const config = useConfig();
  const eth = isEth(listing);
  const tx = useTx({ currency: eth ? "ETH" : "MESI" });
  const market = contract("TicketMarketplace");
  if (address && address.toLowerCase() === listing.seller)
    return <span className="muted">Your listing</span>;
  const label = `Buy #${listing.token_id} for ${fmtAmount(listing.price, eth ? "ETH" : "MESI")}`;
  return (
    <div>
      <button
        type="button"
        disabled={tx.busy || !address || tx.state.status === "done"}
        onClick={() =>
          void tx
            .run(
              `Buy ticket #${listing.token_id}`,
              eth
                ? {
                    ...market,
                    functionName: "buy",
                    args: [listing.collection, listing.token_id, listing.price],
                    value: listing.price,
                  }
                : async () => {
                    const p = await signPermit(config, address!, listing.price);
                    return {
                      ...market,
                      functionName: "buyWithPermit" as const,
                      args: [
                        listing.collection,
                        listing.token_id,
                        listing.price,
                        p.deadline,
                        p.v,
                        p.r,
                        p.s,
                      ] as const,
                    };
                  },
            )
            .then((ok) => ok && onBought?.())
        }
      >
        {address ? label : "Connect a wallet to buy"}
      </button>
      <TxStatus state={tx.state} />
      {address && !eth && <MakeOffer collection={listing.collection} tokenId={listing.token_id} />}
    </div>
  );
}
