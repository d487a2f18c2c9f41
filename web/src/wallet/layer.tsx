// The wallet layer, loaded as one lazy chunk (never by the first route): wagmi's config with
// RainbowKit's wallet list, and the scope every wallet island renders in. Injected wallets
// come first; WalletConnect only when config.js names a project id; the test wallet only in
// builds made with VITE_MOCK_WALLET=true.
import type { ReactNode } from "react";
import { createConfig, http, WagmiContext, type Config } from "wagmi";
import { reconnect } from "wagmi/actions";
import { connectorsForWallets, type WalletList } from "@rainbow-me/rainbowkit";
import {
  injectedWallet,
  metaMaskWallet,
  rainbowWallet,
  walletConnectWallet,
} from "@rainbow-me/rainbowkit/wallets";
import { appChain } from "../chain/chain.ts";
import { settings } from "../config/env.ts";

const projectId = settings.walletConnectProjectId ?? "";

const walletList: WalletList = [
  {
    groupName: "Installed",
    wallets: projectId ? [injectedWallet, metaMaskWallet, rainbowWallet] : [injectedWallet],
  },
];
if (projectId) walletList.push({ groupName: "Other", wallets: [walletConnectWallet] });
if (import.meta.env.VITE_MOCK_WALLET === "true") {
  const { testWallet } = await import("./test-wallet.ts");
  walletList.unshift({ groupName: "Development", wallets: [testWallet] });
}

export const wagmiConfig: Config = createConfig({
  chains: [appChain],
  // connectorsForWallets wants a project id even for wallets that never use WalletConnect.
  connectors: connectorsForWallets(walletList, {
    appName: "Mesi Train2Earn",
    projectId: projectId || "walletconnect-disabled",
  }),
  transports: { [appChain.id]: http(settings.rpcUrl) },
  multiInjectedProviderDiscovery: true,
});

// WagmiProvider would run this on mount in every island; the chunk runs it once.
void reconnect(wagmiConfig);

/** What every wallet island renders inside: wagmi's context on the one shared config. */
export function WalletScope({ children }: { children: ReactNode }) {
  return <WagmiContext.Provider value={wagmiConfig}>{children}</WagmiContext.Provider>;
}
