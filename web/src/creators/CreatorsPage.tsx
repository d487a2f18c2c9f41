// Creators: their gallery and items, their provable Gallery and NFT Scores per epoch (fetched from the
// oracle with a wallet signature and checked against the chain), revenue claims, vesting
// with a chart of vested against released, and self-locks of $MESI.
import { Island, lazyWallet } from "../wallet/lazy.tsx";

const GalleryPanel = lazyWallet(() => import("./GalleryPanel.tsx"));
const ScoresPanel = lazyWallet(() => import("./ScoresPanel.tsx"));
const VestingPanel = lazyWallet(() => import("./VestingPanel.tsx"));

export default function CreatorsPage() {
  return (
    <>
      <h1>Creators</h1>
      <Island label="your Gallery and NFT Scores and revenue" minHeight="12rem">
        <ScoresPanel />
      </Island>
      <Island label="your vesting" minHeight="12rem">
        <VestingPanel />
      </Island>
      <Island label="your gallery" minHeight="8rem">
        <GalleryPanel />
      </Island>
    </>
  );
}
