// $MESI offers (escrow-free bids): a holder sees the open offers on a ticket and accepts one at
// its stated amount; anyone may bid on a listed ticket (the bid needs the $MESI allowance to stay).
import { useId, useState } from "react";
import { useAccount, useConfig, useReadContract } from "wagmi";
import { contract } from "../chain/contracts.ts";
import type { Offer, Ticket } from "../data/queries.ts";
import { useTx } from "../wallet/useTx.ts";
import { chainNow } from "../wallet/chain-time.ts";
import { TxStatus } from "../ui/TxStatus.tsx";
import { Problem } from "../ui/Problem.tsx";
import { fmtAmount } from "./format.ts";
import { parsePrice } from "./SellTicket.tsx";

export function OffersOn({
  ticket,
  offers,
  approved,
  onSold,
}: {
  ticket: Ticket;
  offers: Offer[];
  /** The marketplace may move the holder's tickets (accepting hands the ticket over). */
  approved: boolean;
  /** Told once an accepted offer is confirmed (the ticket leaves the holder's list right after). */
  onSold?: (offer: Offer) => void;
}) {
  const tx = useTx();
  const market = contract("TicketMarketplace");
  if (offers.length === 0) return null;
  return (
    <div>
      <h4 style={{ margin: "0.5rem 0 0.25rem" }}>Offers</h4>
      {!approved && (
        <p className="muted">To accept an offer, first allow the Mesi marketplace (above).</p>
      )}
      <ul>
        {offers.map((o) => (
          <li key={o.bidder}>
            {fmtAmount(o.amount, "MESI")} from <code>{`${o.bidder.slice(0, 8)}…`}</code> until{" "}
            {new Date(o.expiry * 1000).toLocaleString()}{" "}
            <button
              type="button"
              className="secondary"
              disabled={tx.busy || !approved}
              onClick={() =>
                void tx
                  .run(`Accept the offer on #${ticket.id}`, {
                    ...market,
                    functionName: "acceptOffer",
                    args: [o.collection, o.token_id, o.bidder, o.amount],
                  })
                  .then((ok) => ok && onSold?.(o))
              }
            >
              Accept {fmtAmount(o.amount, "MESI")}
            </button>
          </li>
        ))}
      </ul>
      <TxStatus state={tx.state} />
    </div>
  );
}

/** A bid on a ticket: approve the amount once, then make (or change) the offer for some days. */
export function MakeOffer({ collection, tokenId }: { collection: `0x${string}`; tokenId: bigint }) {
  const id = useId();
  const { address } = useAccount();
  const config = useConfig();
  const token = contract("MesiToken");
  const market = contract("TicketMarketplace");
  const [amount, setAmount] = useState("");
  const [problem, setProblem] = useState<string>();
  const tx = useTx();
  const allowance = useReadContract({
    ...token,
    functionName: "allowance",
    args: [address!, market.address],
    query: { enabled: !!address },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const p = parsePrice(amount);
    if (!p.ok) return setProblem(p.error.replace("Price", "Offer"));
    setProblem(undefined);
    if ((allowance.data ?? 0n) < p.wei)
      void tx.run("Allow the marketplace to take your offer", {
        ...token,
        functionName: "approve",
        args: [market.address, p.wei],
      });
    else
      void tx.run(`Offer on #${tokenId}`, async () => ({
        ...market,
        functionName: "makeOffer" as const,
        args: [collection, tokenId, p.wei, (await chainNow(config)) + 7 * 86_400] as const,
      }));
  };
  return (
    <form onSubmit={submit} className="form-row" aria-label={`Make an offer on ticket #${tokenId}`}>
      <div>
        <label htmlFor={`${id}-offer`}>Your offer ($MESI)</label>
        <input
          id={`${id}-offer`}
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
      </div>
      <button type="submit" className="secondary" disabled={tx.busy}>
        Offer (7 days)
      </button>
      <Problem>{problem}</Problem>
      <TxStatus state={tx.state} />
    </form>
  );
}
