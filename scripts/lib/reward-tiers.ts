// A campaign's prize tiers with one of every reward type: a vested $MESI pack, promo credits, a
// real-world item and a promo slot. The local stack's demo campaign and the whole-stack story
// test create their campaigns with them.
import { keccak256, parseEther, toHex, type ContractFunctionArgs } from "viem";
import type { campaignManagerAbi } from "@mesi/abi";

/** A tier as CampaignManager.createCampaign takes it. */
export type RewardTier = ContractFunctionArgs<
  typeof campaignManagerAbi,
  "nonpayable",
  "createCampaign"
>[1][number];

/** The $MESI the pack tier pays out: the draw's budget to fund. */
export const PACK_AMOUNT = parseEther("500");

const ref = (s: string) => keccak256(toHex(s));
const offChain = (kind: number, winners: number, amount: bigint, what: string): RewardTier => ({
  kind,
  winners,
  amount,
  immediateBps: 0,
  cliff: 0,
  duration: 0,
  ref: ref(what),
});

/** One tier of each kind; `credits` promo-credit winners. */
export const everyRewardType = (credits = 3): RewardTier[] => [
  // 20% now, the rest vested over 90 days.
  {
    kind: 0,
    winners: 1,
    amount: PACK_AMOUNT,
    immediateBps: 2_000,
    cliff: 0,
    duration: 90 * 86_400,
    ref: ref("pack"),
  },
  offChain(1, credits, 1_000n, "credits"),
  offChain(2, 1, 1n, "signed print"),
  offChain(3, 1, 1n, "homepage slot"),
];
