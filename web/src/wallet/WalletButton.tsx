// The header's wallet button without the wallet code: a plain button until the wallet chunk
// is wanted (a click, or an idle prefetch), then RainbowKit's own button in its place.
import { useState } from "react";
import { Island, lazyWallet, useWalletLoaded, walletRuntime } from "./lazy.tsx";
import { openConnectModal } from "./connect-bridge.ts";

const WalletMenu = lazyWallet(() => import("./WalletMenu.tsx"));

export function WalletButton() {
  const loaded = useWalletLoaded();
  const [wanted, setWanted] = useState(false);
  if (loaded || wanted)
    return (
      <div className="wallet-slot">
        <Island label="wallet" minHeight="2.5rem">
          <WalletMenu />
        </Island>
      </div>
    );
  return (
    <div className="wallet-slot">
      <button
        type="button"
        onClick={() => {
          setWanted(true);
          void walletRuntime();
          openConnectModal();
        }}
      >
        Connect wallet
      </button>
    </div>
  );
}
