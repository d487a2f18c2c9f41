// The one chain the app works on, with the RPC URL from config.js (viem's bare http() would
// reach a public RPC: every transport here names its URL).
import { defineChain, type Chain } from "viem";
import { settings } from "../config/env.ts";

export const appChain: Chain = defineChain({
  id: settings.chainId,
  name: settings.chainId === 31337 ? "Hardhat (local)" : `Chain ${settings.chainId}`,
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [settings.rpcUrl] } },
});
