// Small decodings the handlers and the API share: enum names as the contracts declare them,
// short ASCII ids packed in bytes32 (rule ids, reason codes), the currency of a sale.
import { hexToString, type Hex } from "viem";

/** ICampaignManager.SkipReason, by value. */
export const SKIP_REASONS = [
  "NotSelected",
  "AlreadyCompleted",
  "ConsentWithdrawn",
  "Excluded",
] as const;
/** ICampaignManager.RewardKind, by value. */
export const REWARD_KINDS = ["MesiPack", "PromoCredit", "Item", "PromoSlot"] as const;
/** ScoreOracle kinds, by value (abi/src/leaf.ts ScoreKind). */
export const SCORE_KINDS = ["TQS", "USER", "NFT", "GALLERY"] as const;

/** The ASCII id a bytes32 carries (rule ids, reason codes), or null if it is not one. */
export function asciiId(value: Hex): string | null {
  const text = hexToString(value, { size: 32 }).replace(/\0+$/, "");
  return /^[\x20-\x7e]+$/.test(text) ? text : null;
}

/** Unix seconds → the UTC day, YYYY-MM-DD. */
export const utcDay = (seconds: number): string =>
  new Date(seconds * 1000).toISOString().slice(0, 10);
