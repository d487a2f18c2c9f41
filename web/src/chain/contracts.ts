// Typed contract handles in the scaffold-eth-2 `deployedContracts` spirit: every address comes
// from @mesi/abi's deployments (written by the deploy script), every ABI from its generated
// `as const` ABIs, so wagmi and viem infer argument and result types. Nothing is hand-written.
import type { Address } from "viem";
import { deploymentOn } from "@mesi/abi";
import { settings } from "../config/env.ts";
import { appAbis, type AppContract } from "./abis.ts";

export type { AppContract };

/** `{ address, abi }` of a Mesi contract on the app's chain, ready for wagmi/viem calls. */
export function contract<N extends AppContract>(
  name: N,
): { address: Address; abi: (typeof appAbis)[N] } {
  const address = deploymentOn(settings.chainId)?.contracts[name];
  if (!address)
    throw new Error(
      `${name} is not deployed on chain ${settings.chainId}: deploy the contracts (npm run deploy) and rebuild the app`,
    );
  return { address, abi: appAbis[name] };
}
