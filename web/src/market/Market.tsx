// Tickets for sale (live listings from the indexer), each with a buy action once the wallet
// chunk is there, and a signed listing shared as a link when one is in the address bar.
import { useState } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { DataState } from "../ui/DataState.tsx";
import { isEth, type Listing } from "../data/queries.ts";
import { WalletIsland } from "../wallet/WalletIsland.tsx";
import { lazyWallet } from "../wallet/lazy.tsx";
import { fmtAmount } from "./format.ts";
import { SignedListingCard } from "./SignedListingCard.tsx";

const BuyListing = lazyWallet(() => import("./BuyListing.tsx"));

export function Market({ query }: { query: UseQueryResult<Listing[]> }) {
  // A bought ticket's row leaves the live list at once: the confirmation stays here instead.
  const [bought, setBought] = useState<bigint[]>([]);
  return (
    <section aria-labelledby="market-heading">
      <h2 id="market-heading">Tickets for sale</h2>
      {bought.map((id) => (
        <p key={String(id)} className="tx-status ok" role="status" data-testid="bought">
          You bought ticket #{String(id)}: it is in My tickets.
        </p>
      ))}
      <SignedListingCard />
      <DataState
        loading={query.isPending}
        error={query.error}
        empty={query.data?.length === 0}
        emptyText="No ticket is for sale right now."
        minHeight="8rem"
      >
        <div className="table-wrap">
          <table>
            <caption className="muted" style={{ textAlign: "left" }}>
              Active tickets listed by their owners; prices include the platform fee and royalty.
            </caption>
            <thead>
              <tr>
                <th scope="col">Ticket</th>
                <th scope="col">Campaign</th>
                <th scope="col">Seller</th>
                <th scope="col">Price</th>
                <th scope="col">Buy</th>
              </tr>
            </thead>
            <tbody>
              {query.data?.map((l) => (
                <tr key={`${l.collection}-${l.token_id}`} data-testid={`listing-${l.token_id}`}>
                  <td>#{String(l.token_id)}</td>
                  <td>
                    {l.campaign_id !== undefined && l.campaign_id !== null
                      ? `#${l.campaign_id}`
                      : "–"}
                  </td>
                  <td>
                    <code>{`${l.seller.slice(0, 6)}…${l.seller.slice(-4)}`}</code>
                  </td>
                  <td>{fmtAmount(l.price, isEth(l) ? "ETH" : "MESI")}</td>
                  <td>
                    <WalletIsland label="the buy button" minHeight="2.5rem">
                      <BuyListing
                        listing={l}
                        onBought={() => setBought((b) => [...b, l.token_id])}
                      />
                    </WalletIsland>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </DataState>
    </section>
  );
}
