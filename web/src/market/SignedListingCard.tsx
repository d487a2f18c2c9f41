// A signed listing opened from a shared link (?listing=…): what it offers, until when, and
// the buy action.
import { useSearchParams } from "react-router";
import { WalletIsland } from "../wallet/WalletIsland.tsx";
import { lazyWallet } from "../wallet/lazy.tsx";
import { decodeSignedListing } from "./signed-listing.ts";
import { fmtAmount } from "./format.ts";

const BuySigned = lazyWallet(() => import("./BuySigned.tsx"));

export function SignedListingCard() {
  const [params] = useSearchParams();
  const param = params.get("listing");
  if (!param) return null;
  const decoded = decodeSignedListing(param);
  if (!decoded.ok)
    return (
      <p className="notice warning" role="alert">
        {decoded.error}
      </p>
    );
  const l = decoded.listing;
  return (
    <div className="card" data-testid="signed-listing">
      <h3>Signed offer to sell ticket #{String(l.tokenId)}</h3>
      <p>
        {fmtAmount(l.price, l.mesi ? "MESI" : "ETH")} · valid until{" "}
        {new Date(Number(l.deadline) * 1000).toLocaleString()} · seller <code>{l.seller}</code>
      </p>
      <WalletIsland label="the buy button" minHeight="2.5rem">
        <BuySigned listing={l} signature={decoded.signature} />
      </WalletIsland>
    </div>
  );
}
