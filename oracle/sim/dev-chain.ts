// A development chain (Hardhat's node) as the simulator drives it: any account can be
// impersonated and funded, so simulated creators and fans act on chain under their own address.
import { createPublicClient, createWalletClient, http, type Address, type Hex } from "viem";

export function devChain(rpcUrl: string) {
  const publicClient = createPublicClient({ transport: http(rpcUrl) });
  const rpc = (method: string, params: unknown[]) =>
    publicClient.request({ method, params } as never);
  let chainId: number | undefined;
  /** A wallet acting as `account`, impersonated and funded on the node. */
  const impersonate = async (account: Address) => {
    chainId ??= await publicClient.getChainId();
    await rpc("hardhat_impersonateAccount", [account]);
    await rpc("hardhat_setBalance", [account, "0x56BC75E2D63100000"]);
    return createWalletClient({
      account,
      chain: {
        id: chainId,
        name: "dev",
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: [rpcUrl] } },
      },
      transport: http(rpcUrl),
    });
  };
  const send = async (p: Promise<Hex>) => publicClient.waitForTransactionReceipt({ hash: await p });
  return { publicClient, impersonate, send };
}
