// Shows its children to a connected wallet; says what is missing and offers the one action that
// fixes it. On another network the children stay mounted (what the person typed survives the
// switch) and the transaction flow refuses to send until the network is right.
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
  const wrongNetwork = account.chainId !== appChain.id;
  // One shape in both cases (notice slot, then the children) so React keeps the children mounted.
  return (
    <>
      {wrongNetwork ? (
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
      ) : null}
      {children}
    </>
  );
}
