// EIP-2935's block hash history contract for tests. Hardhat's node (EDR) puts a stub at the
// address that reverts ("EIP2935 is not supported in Hardhat yet"), and it makes no system call
// at the start of each block. So a test installs the EIP's own runtime bytecode there and writes,
// for the blocks it needs, what the system call would have stored: the hash of block n in slot
// n % 8191. The contract's range checks (the last 8,191 blocks) then run as on a Prague chain.
import { numberToHex, pad, type Address, type Hex } from "viem";

export const HISTORY_ADDRESS: Address = "0x0000F90827F1C53a10cb7A02335B175320002935";
export const HISTORY_WINDOW = 8191n;

/** The runtime code EIP-2935 deploys (HISTORY_SERVE_WINDOW = 8191). */
export const HISTORY_RUNTIME: Hex =
  "0x3373fffffffffffffffffffffffffffffffffffffffe14604657602036036042575f35600143038111604257611fff81430311604257611fff9006545f5260205ff35b5f5ffd5b5f35611fff60014303065500";

interface Helpers {
  setCode(address: string, code: string): Promise<void>;
  setStorageAt(address: string, index: bigint, value: string): Promise<void>;
}

interface Blocks {
  getBlock(args: { blockNumber: bigint }): Promise<{ hash: Hex | null }>;
}

/** Installs the history contract and records the hashes of `blocks` (already mined) in it. */
export async function installHistory(helpers: Helpers, chain: Blocks, blocks: bigint[] = []) {
  await helpers.setCode(HISTORY_ADDRESS, HISTORY_RUNTIME);
  for (const n of blocks) {
    const { hash } = await chain.getBlock({ blockNumber: n });
    await helpers.setStorageAt(HISTORY_ADDRESS, n % HISTORY_WINDOW, hash!);
  }
}

/** The 32-byte call data asking the history contract for block `n`. */
export const historyQuery = (n: bigint): Hex => pad(numberToHex(n), { size: 32 });
