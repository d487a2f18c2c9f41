// A development wallet for browser tests and the local demo (builds with VITE_MOCK_WALLET=true
// only): wagmi's `mock` connector, which has the node sign with its unlocked accounts. Its
// account and behaviour come from localStorage["mesi:test-wallet"], so a test can act as any
// development account or have requests rejected like a person would; window.mesiTestWallet
// moves it to another network the way a person switches networks in their wallet.
import { createConnector } from "wagmi";
import { mock } from "wagmi/connectors";
import { UserRejectedRequestError, getAddress, numberToHex, type Address } from "viem";
import type { Wallet } from "@rainbow-me/rainbowkit";

interface TestWalletSettings {
  account: Address;
  /** RPC methods the "person" rejects, e.g. ["eth_sendTransaction", "personal_sign"]. */
  reject?: string[];
}

const KEY = "mesi:test-wallet";
// Hardhat's development account #0 (public test key; never holds value on a real network).
const FALLBACK: TestWalletSettings = { account: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" };

function readSettings(): TestWalletSettings {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? { ...FALLBACK, ...(JSON.parse(raw) as Partial<TestWalletSettings>) } : FALLBACK;
  } catch {
    return FALLBACK;
  }
}

type Request = (args: { method: string; params?: unknown }) => Promise<unknown>;

declare global {
  interface Window {
    mesiTestWallet?: { switchNetwork(chainId: number): Promise<void> };
  }
}

const ICON =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" rx="6" fill="#334155"/><path d="M7 10h14v9H7z" fill="#f8fafc"/><circle cx="18" cy="14.5" r="1.6" fill="#334155"/></svg>',
  );

export const testWallet = (): Wallet => ({
  id: "mesi-test-wallet",
  name: "Test wallet (development accounts)",
  iconUrl: ICON,
  iconBackground: "#334155",
  installed: true,
  createConnector: (details) =>
    createConnector((config) => {
      const s = readSettings();
      const base = mock({ accounts: [getAddress(s.account)] })(config);
      const rejecting = new Set(s.reject ?? []);
      let wrapped: { request: Request } | undefined;
      return {
        ...base,
        ...details,
        async setup() {
          await base.setup?.();
          // The mock's own switch refuses chains the app does not configure; a real wallet can
          // sit on any network, so this goes through its provider.
          window.mesiTestWallet = {
            switchNetwork: async (chainId) => {
              const provider = (await base.getProvider()) as { request: Request };
              await provider.request({
                method: "wallet_switchEthereumChain",
                params: [{ chainId: numberToHex(chainId) }],
              });
            },
          };
        },
        async getProvider(params) {
          const provider = (await base.getProvider(params)) as { request: Request };
          wrapped ??= {
            ...provider,
            request: async (args) => {
              if (rejecting.has(args.method))
                throw new UserRejectedRequestError(new Error(`${args.method} rejected`));
              return provider.request(args);
            },
          };
          return wrapped as never;
        },
      };
    }),
});
