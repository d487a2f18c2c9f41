// A wallet island on a route that must not load wallet code up front: until the wallet chunk
// is there (idle prefetch, or a click), a same-size invitation to connect stands in its place.
import type { ReactNode } from "react";
import { Island, useWalletLoaded, walletRuntime } from "./lazy.tsx";
import { openConnectModal } from "./connect-bridge.ts";

export function WalletIsland({
  children,
  label,
  minHeight,
}: {
  children: ReactNode;
  label: string;
  minHeight: string;
}) {
  const loaded = useWalletLoaded();
  if (!loaded)
    return (
      <div style={{ minHeight }} className="island-placeholder">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void walletRuntime();
            openConnectModal();
          }}
        >
          Connect a wallet to see {label}
        </button>
      </div>
    );
  return (
    <Island label={label} minHeight={minHeight}>
      {children}
    </Island>
  );
}
