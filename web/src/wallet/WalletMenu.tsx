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
      <ConnectButton chainStatus="icon" showBalance={false} accountStatus="address" />
    </RainbowKitProvider>
  );
}
