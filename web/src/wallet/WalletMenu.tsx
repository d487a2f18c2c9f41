// The header's wallet button: RainbowKit's connect button and modal (the one RainbowKit
// provider of the app), plus the wrong-network notice with a one-click switch.
import "@rainbow-me/rainbowkit/styles.css";
import { useEffect } from "react";
import { ConnectButton, RainbowKitProvider, useConnectModal } from "@rainbow-me/rainbowkit";
import { appChain } from "../chain/chain.ts";
import { setConnectOpener } from "./connect-bridge.ts";

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
    <RainbowKitProvider initialChain={appChain} modalSize="compact">
      <RegisterOpener />
      <ConnectButton chainStatus="icon" showBalance={false} accountStatus="address" />
    </RainbowKitProvider>
  );
}
