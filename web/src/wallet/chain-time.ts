// Deadlines and unlock times are judged by the chain's clock (block.timestamp), not the
// browser's: a permit or signed listing dated by a skewed laptop clock would be void on arrival.
import { getBlock } from "wagmi/actions";
import type { Config } from "wagmi";
import { appChain } from "../chain/chain.ts";

/** The latest block's timestamp, unix seconds. */
export const chainNow = async (config: Config): Promise<number> =>
  Number((await getBlock(config, { chainId: appChain.id })).timestamp);
