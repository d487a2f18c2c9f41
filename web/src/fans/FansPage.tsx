// The first route: open campaigns and tickets for sale, straight from the indexer (live). It
// loads no wallet code; once its data is on screen the wallet chunk is fetched in idle time,
// and each campaign and listing gets its wallet actions.
import { useEffect } from "react";
import { prefetchWalletWhenIdle } from "../wallet/lazy.tsx";
import { CampaignList } from "./CampaignList.tsx";
import { Market } from "../market/Market.tsx";
import { useCampaigns, useLiveListings } from "../data/queries.ts";

export function FansPage() {
  const campaigns = useCampaigns();
  const listings = useLiveListings();
  const hasData = campaigns.isSuccess || listings.isSuccess;
  useEffect(() => {
    if (hasData) prefetchWalletWhenIdle();
  }, [hasData]);
  return (
    <>
      <h1>Campaigns and the ticket market</h1>
      <p className="muted">
        Help train Mesi's AI in campaigns; work that passes quality checks becomes a tradeable
        ticket that enters the campaign's prize draw.
      </p>
      <CampaignList query={campaigns} />
      <Market query={listings} />
    </>
  );
}
