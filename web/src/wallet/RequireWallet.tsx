// Shows its children only to a connected wallet on the app's network; otherwise says what is
// missing and offers the one action that fixes it.
import type { ReactNode } from "react";
import { useAccount, useSwitchChain } from "wagmi";
import { appChain } from "../chain/chain.ts";
import { explainError } from "../chain/errors.ts";
import { openConnectModal } from "./connect-bridge.ts";

export function RequireWallet({ children, purpose }: { children: ReactNode; purpose: string }) {
  const account = useAccount();
  const switcher = useSwitchChain();
  if (!account.isConnected)
    return (
      <div className="notice">
        <p>Connect a wallet to {purpose}.</p>
        <button type="button" onClick={() => openConnectModal()}>
          Connect wallet
        </button>
      </div>
    );
  if (account.chainId !== appChain.id)
    return (
      <div className="notice warning" role="alert">
        <p>
          Wrong network: your wallet is on chain {account.chainId ?? "unknown"}; Mesi runs on{" "}
          {appChain.name} (chain {appChain.id}).
        </p>
        <button
          type="button"
          disabled={switcher.isPending}
          onClick={() => switcher.switchChain({ chainId: appChain.id })}
        >
          {switcher.isPending ? "Switching…" : `Switch to ${appChain.name}`}
        </button>
        {switcher.error && <p role="alert">{explainError(switcher.error).message}</p>}
      </div>
    );
  return <>{children}</>;
}
