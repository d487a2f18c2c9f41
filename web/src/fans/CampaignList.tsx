// Campaign cards: windows, capacity and requirements in words; with a wallet, whether the fan
// may join and, when not, why.
import type { UseQueryResult } from "@tanstack/react-query";
import { DataState } from "../ui/DataState.tsx";
import type { Campaign } from "../data/queries.ts";
import { scopeTitles } from "@mesi/abi";
import { WalletIsland } from "../wallet/WalletIsland.tsx";
import { lazyWallet } from "../wallet/lazy.tsx";

const JoinCampaign = lazyWallet(() => import("./JoinCampaign.tsx"));
export const when = (s: number) => new Date(s * 1000).toLocaleString();

export function CampaignList({ query }: { query: UseQueryResult<Campaign[]> }) {
  return (
    <section aria-labelledby="campaigns-heading">
      <h2 id="campaigns-heading">Campaigns</h2>
      <DataState
        loading={query.isPending}
        error={query.error}
        empty={query.data?.length === 0}
        emptyText="No campaigns yet."
        minHeight="8rem"
      >
        <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
          {query.data?.map((c) => (
            <li key={String(c.id)} className="card" data-testid={`campaign-${c.id}`}>
              <h3>Campaign #{String(c.id)}</h3>
              <dl>
                <dt>Enrolment</dt>
                <dd>
                  {when(c.join_start)} – {when(c.join_end)}
                </dd>
                <dt>Places</dt>
                <dd>
                  {c.joined} joined of {c.capacity} places (at most {c.join_cap} joins)
                </dd>
                <dt>Needs consent to</dt>
                <dd>{scopeTitles(c.required_scopes).join(", ") || "nothing extra"}</dd>
                <dt>Minimum Training Quality Score</dt>
                <dd>{(c.min_tqs / 100).toFixed(2)}%</dd>
                <dt>Prize draw</dt>
                <dd>{when(c.draw_at)}</dd>
              </dl>
              <WalletIsland label="whether you can join" minHeight="3.5rem">
                <JoinCampaign campaign={c} />
              </WalletIsland>
            </li>
          ))}
        </ul>
      </DataState>
    </section>
  );
}
