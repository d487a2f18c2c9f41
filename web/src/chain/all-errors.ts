// Every custom error of every Mesi contract in one ABI, so a revert that bubbles up from a
// contract the call did not name (the token under the marketplace, the vault under the
// distributor) still decodes to its name and words.
import type { Abi } from "viem";
import { appAbis } from "./abis.ts";

export const allErrorsAbi: Abi = Object.values(appAbis).flatMap((abi) =>
  (abi as Abi).filter((item) => item.type === "error"),
);
