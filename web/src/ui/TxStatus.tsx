// What an action is doing, in words: waiting for the wallet, confirming in a block, done, or
// why it failed. Errors are announced (role=alert); progress politely (role=status).
import type { TxState } from "../wallet/useTx.ts";
import { shortHash } from "../chain/errors.ts";

export function TxStatus({ state }: { state: TxState }) {
  switch (state.status) {
    case "idle":
      return <p className="tx-status" aria-live="polite" />;
    case "signing":
      return (
        <p className="tx-status pending" role="status">
          {state.label}: confirm in your wallet…
        </p>
      );
    case "confirming":
      return (
        <p className="tx-status pending" role="status">
          {state.label}: waiting for the block ({shortHash(state.hash)})…
        </p>
      );
    case "done":
      return (
        <p className="tx-status ok" role="status">
          {state.label}: done ({shortHash(state.hash)}).
        </p>
      );
    case "error":
      return (
        <p className="tx-status error" role="alert" data-error={state.errorName}>
          {state.label} failed: {state.message}
        </p>
      );
  }
}
