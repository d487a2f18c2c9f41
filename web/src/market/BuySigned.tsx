// Buying through a seller's signed listing (buySigned): $MESI needs an allowance first (the
// contract takes no permit here), ETH is sent with the call.
import { useAccount, useReadContract } from "wagmi";
import type { Hex } from "viem";
import { contract } from "../chain/contracts.ts";
import { useTx } from "../wallet/useTx.ts";
import { TxStatus } from "../ui/TxStatus.tsx";
import type { SignedListing } from "./signed-listing.ts";

export default function BuySigned({
  listing,
  signature,
}: {
  listing: SignedListing;
  signature: Hex;
}) {
  const { address } = useAccount();
  const market = contract("TicketMarketplace");
  const token = contract("MesiToken");
  // Two flows: once the allowance is done, the buy is a fresh action (not "done" already).
  const approval = useTx();
  const tx = useTx({ currency: listing.mesi ? "MESI" : "ETH" });
  const allowance = useReadContract({
    ...token,
    functionName: "allowance",
    args: [address!, market.address],
    query: { enabled: !!address && listing.mesi },
  });
  if (!address) return <p className="muted">Connect a wallet to buy.</p>;
  const needsApproval = listing.mesi && (allowance.data ?? 0n) < listing.price;
  return (
    <div>
      {needsApproval ? (
        <button
          type="button"
          disabled={approval.busy}
          onClick={() =>
            void approval.run("Allow the marketplace to take the price", {
              ...token,
              functionName: "approve",
              args: [market.address, listing.price],
            })
          }
        >
          Allow the price in $MESI
        </button>
      ) : (
        <button
          type="button"
          disabled={tx.busy || tx.state.status === "done"}
          onClick={() =>
            void tx.run(`Buy ticket #${listing.tokenId}`, {
              ...market,
              functionName: "buySigned",
              args: [listing, signature, listing.price],
              value: listing.mesi ? 0n : listing.price,
            })
          }
        >
          Buy ticket #{String(listing.tokenId)}
        </button>
      )}
      <TxStatus state={approval.state} />
      <TxStatus state={tx.state} />
    </div>
  );
}
