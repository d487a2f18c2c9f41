// A fan's tickets (indexer, live) with what each state allows: a placeholder waits for its
// quality verdict; an active ticket can be listed, re-priced, withdrawn, offered by signature
// or entered in its campaign's draw; an entered one waits for the draw, then claims or exits.
import { useState } from "react";
import { useAccount, useBlock, useReadContract } from "wagmi";
import {
  useTicketsOf,
  useDrawEntriesOf,
  useCampaigns,
  useOffersFor,
  type Offer,
  type Ticket,
} from "../data/queries.ts";
import { OffersOn } from "../market/Offers.tsx";
import { DataState } from "../ui/DataState.tsx";
import { WalletSection } from "../wallet/WalletSection.tsx";
import { contract } from "../chain/contracts.ts";
import { SellTicket } from "../market/SellTicket.tsx";
import { DrawActions } from "./DrawActions.tsx";
import { fmtAmount } from "../market/format.ts";

const when = (s: number | null | undefined) => (s ? new Date(s * 1000).toLocaleString() : "");

function stateOf(t: Ticket): { label: string; className: string } {
  if (t.state === "void")
    return t.reissued_as
      ? { label: `Void, re-issued as #${t.reissued_as}`, className: "reissued" }
      : { label: "Void", className: "void" };
  if (t.state === "placeholder") return { label: "Placeholder", className: "placeholder" };
  if (t.entered) return { label: "Entered in draw", className: "entered" };
  if (t.reissued_from)
    return { label: `Re-issued (for void #${t.reissued_from})`, className: "reissued" };
  return { label: "Active", className: "active" };
}

function Tickets() {
  const { address } = useAccount();
  const tickets = useTicketsOf(address);
  const entries = useDrawEntriesOf(address);
  const campaigns = useCampaigns();
  const offers = useOffersFor(address);
  // A sold ticket leaves this list at once: the confirmation stays here instead.
  const [sold, setSold] = useState<(Offer & { ticket: bigint })[]>([]);
  const block = useBlock({ watch: true });
  const market = contract("TicketMarketplace");
  const ticket = contract("Ticket");
  const approved = useReadContract({
    ...ticket,
    functionName: "isApprovedForAll",
    args: [address!, market.address],
    query: { enabled: !!address },
  });
  const now = Number(block.data?.timestamp ?? BigInt(Math.floor(Date.now() / 1000)));
  return (
    <>
      {sold.map((o) => (
        <p key={String(o.ticket)} className="tx-status ok" role="status" data-testid="sold">
          You sold ticket #{String(o.ticket)} for {fmtAmount(o.amount, "MESI")} (an accepted offer).
        </p>
      ))}
      <DataState
        loading={tickets.isPending}
        error={tickets.error}
        empty={tickets.data?.length === 0}
        emptyText="You hold no ticket yet: join a campaign and complete its tasks."
        minHeight="8rem"
      >
        <ul style={{ listStyle: "none", padding: 0 }}>
          {tickets.data?.map((t) => {
            const s = stateOf(t);
            const campaign = campaigns.data?.find((c) => c.id === t.campaign_id);
            const entry = entries.data?.find((e) => e.ticket_id === t.id);
            return (
              <li key={String(t.id)} className="card" data-testid={`ticket-${t.id}`}>
                <h3>
                  Ticket #{String(t.id)} · campaign #{String(t.campaign_id)}{" "}
                  <span className={`badge ${s.className}`} data-testid="ticket-state">
                    {s.label}
                  </span>
                </h3>
                <p className="muted">
                  Received as a placeholder {when(t.minted_at)}
                  {t.activated_at ? `; activated after quality checks ${when(t.activated_at)}` : ""}
                  {t.voided_at ? `; voided after quality checks ${when(t.voided_at)}` : ""}.
                </p>
                {t.state === "placeholder" && (
                  <p>Waiting for the quality verdict on your work; it cannot be sold until then.</p>
                )}
                {t.state === "void" && (
                  <p>
                    Your work did not pass the quality checks. You can appeal the decision below.
                  </p>
                )}
                {t.state === "active" && !t.entered && (
                  <SellTicket
                    ticket={t}
                    approved={approved.data === true}
                    listed={
                      t.listing_price !== undefined && t.listing_price !== null
                        ? {
                            price: t.listing_price,
                            currency: t.listing_currency?.toLowerCase() === "eth" ? "ETH" : "MESI",
                          }
                        : undefined
                    }
                  />
                )}
                {t.listing_price !== undefined && t.listing_price !== null && (
                  <p data-testid="listed-at">
                    Listed at{" "}
                    {fmtAmount(
                      t.listing_price,
                      t.listing_currency?.toLowerCase() === "eth" ? "ETH" : "MESI",
                    )}
                    .
                  </p>
                )}
                {t.state === "active" && !t.entered && (
                  <OffersOn
                    ticket={t}
                    approved={approved.data === true}
                    onSold={(o) => setSold((prev) => [...prev, { ...o, ticket: t.id }])}
                    offers={(offers.data ?? []).filter(
                      (o) => o.token_id === t.id && o.bidder !== address?.toLowerCase(),
                    )}
                  />
                )}
                {campaign && t.state === "active" && (
                  <DrawActions ticket={t} campaign={campaign} entry={entry} now={now} />
                )}
              </li>
            );
          })}
        </ul>
      </DataState>
    </>
  );
}

export default function TicketsPanel() {
  return (
    <WalletSection title="Your tickets" purpose="see and trade your tickets">
      <Tickets />
    </WalletSection>
  );
}
