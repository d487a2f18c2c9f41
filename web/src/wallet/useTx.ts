// One write flow for every contract action: check the network, simulate (so a custom error is
// decoded before the wallet is even asked), ask the wallet, wait for the block, refresh what
// the page reads. Each step is a state the page shows; a failure keeps the form's input.
import { useCallback, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import {
  getAccount,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
} from "wagmi/actions";
import type { Abi, ContractFunctionArgs, ContractFunctionName, Hex } from "viem";
import { appChain } from "../chain/chain.ts";
import { explainError } from "../chain/errors.ts";
import { allErrorsAbi } from "../chain/all-errors.ts";

export type TxState =
  | { status: "idle" }
  | { status: "signing"; label: string }
  | { status: "confirming"; label: string; hash: Hex }
  | { status: "done"; label: string; hash: Hex }
  | { status: "error"; label: string; message: string; rejected: boolean; errorName?: string };

export interface TxRequest<
  abi extends Abi,
  fn extends ContractFunctionName<abi, "nonpayable" | "payable">,
> {
  address: `0x${string}`;
  abi: abi;
  functionName: fn;
  args: ContractFunctionArgs<abi, "nonpayable" | "payable", fn>;
  value?: bigint;
}

export class WrongNetworkError extends Error {}

/** A transaction runner with its visible state; `run` resolves true when the block confirmed it. */
export function useTx(options: { currency?: "MESI" | "ETH" } = {}) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ status: "idle" });
  const busy = useRef(false);

  const run = useCallback(
    async <abi extends Abi, fn extends ContractFunctionName<abi, "nonpayable" | "payable">>(
      label: string,
      request: TxRequest<abi, fn> | (() => Promise<TxRequest<abi, fn>>),
    ): Promise<boolean> => {
      if (busy.current) return false;
      busy.current = true;
      setState({ status: "signing", label });
      try {
        const account = getAccount(config);
        if (!account.address) throw new Error("Connect your wallet first.");
        if (account.chainId !== appChain.id)
          throw new WrongNetworkError(
            `Your wallet is on another network: switch to ${appChain.name} and try again.`,
          );
        const req = typeof request === "function" ? await request() : request;
        const { request: prepared } = await simulateContract(config, {
          ...(req as TxRequest<Abi, string>),
          account: account.address,
          chainId: appChain.id,
        } as never);
        const hash = await writeContract(config, prepared as never);
        setState({ status: "confirming", label, hash });
        const receipt = await waitForTransactionReceipt(config, { hash, chainId: appChain.id });
        if (receipt.status !== "success") throw new Error("The transaction was reverted.");
        setState({ status: "done", label, hash });
        // Refresh what the page reads, without holding the next action behind the refetch.
        void queryClient.invalidateQueries();
        return true;
      } catch (error) {
        const explained = explainError(error, {
          currency: options.currency,
          errorAbi: allErrorsAbi,
        });
        setState({ status: "error", label, ...explained });
        return false;
      } finally {
        busy.current = false;
      }
    },
    [config, queryClient, options.currency],
  );

  const reset = useCallback(() => setState({ status: "idle" }), []);
  return { state, run, reset, busy: state.status === "signing" || state.status === "confirming" };
}
