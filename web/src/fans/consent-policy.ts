// The consent policy fans accept, one scope per use, in plain words. Its hash is what the
// registry records with a consent, so a consent always names the exact text that was shown.
import { keccak256, stringToHex } from "viem";
import { CONSENT_SCOPES, SCOPE_NAMES, type ConsentScope } from "@mesi/abi";

/** ParticipantRegistry's SCOPE_* bits, explained (the texts live in @mesi/abi). */
export const SCOPES: readonly ConsentScope[] = SCOPE_NAMES.map((n) => CONSENT_SCOPES[n]);

export const POLICY_VERSION = "Mesi Train2Earn consent policy v1";
export const POLICY_TEXT = [
  POLICY_VERSION,
  ...SCOPES.map((s) => `${s.title}: ${s.explanation}`),
  "You can withdraw all consent at any time; withdrawing stops new work and completions.",
  "Raw answers are never published; on chain only commitments and your consent bitmap are public.",
].join("\n");
export const POLICY_HASH = keccak256(stringToHex(POLICY_TEXT));
