// The header's wallet button: RainbowKit's connect button and modal (the one RainbowKit
// provider of the app), plus the wrong-network notice with a one-click switch.
import "@rainbow-me/rainbowkit/styles.css";
import { useEffect } from "react";
import {
  ConnectButton,
  RainbowKitProvider,
  lightTheme,
  useConnectModal,
} from "@rainbow-me/rainbowkit";
import { appChain } from "../chain/chain.ts";
import { setConnectOpener } from "./connect-bridge.ts";

// The app's accent, dark enough for white text at WCAG AA (RainbowKit's default blue is not).
const theme = lightTheme({ accentColor: "#5b21b6", accentColorForeground: "#ffffff" });

function RegisterOpener() {
  const { openConnectModal } = useConnectModal();
  useEffect(() => {
    setConnectOpener(openConnectModal);
    return () => setConnectOpener(undefined);
  }, [openConnectModal]);
  return null;
}

export default function WalletMenu() {
  return (
    <RainbowKitProvider initialChain={appChain} modalSize="compact" theme={theme}>
      <RegisterOpener />
      <ConnectButton.Custom>
        {({ account, chain, mounted, openAccountModal, openChainModal, openConnectModal }) =>
          // RainbowKit's own button hides itself with aria-hidden while mounting, with a focusable
          // button inside (an axe violation): this one renders nothing focusable until ready.
          !mounted ? (
            <span className="wallet-pending">Wallet…</span>
          ) : !account || !chain ? (
            <button type="button" onClick={openConnectModal}>
              Connect wallet
            </button>
          ) : chain.unsupported ? (
            <button type="button" className="warning" onClick={openChainModal}>
              Wrong network
            </button>
          ) : (
            <button
              type="button"
              className="secondary"
              data-testid="wallet-account"
              onClick={openAccountModal}
              title={account.address}
            >
              <span className="sr-only">Account menu for </span>
              {account.displayName}
            </button>
          )
        }
      </ConnectButton.Custom>
    </RainbowKitProvider>
  );
}
