// A read-only chain client for pages without a wallet (auditors): same RPC as the wallet layer.
import { createPublicClient, http } from "viem";
import { appChain } from "./chain.ts";
import { settings } from "../config/env.ts";

export const publicClient = createPublicClient({
  chain: appChain,
  transport: http(settings.rpcUrl),
});
