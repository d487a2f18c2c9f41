// The consent policy fans accept, one scope per use, in plain words. Its hash is what the
// registry records with a consent, so a consent always names the exact text that was shown.
import { keccak256, stringToHex } from "viem";

export interface Scope {
  bit: number;
  title: string;
  explanation: string;
}

/** ParticipantRegistry's SCOPE_* bits, explained. */
export const SCOPES: readonly Scope[] = [
  {
    bit: 1 << 0,
    title: "Answer the AI's prompts",
    explanation:
      "You reply to message-style prompts; your answers help train Mesi's AI and are never published.",
  },
  {
    bit: 1 << 1,
    title: "Rate pictures",
    explanation: "You score pictures; the ratings train the AI's sense of quality.",
  },
  {
    bit: 1 << 2,
    title: "Rate the mood of pictures",
    explanation: "You say which mood a picture conveys.",
  },
  {
    bit: 1 << 3,
    title: "Short questionnaires",
    explanation: "You fill in a few questions about your taste and use of Mesi.",
  },
  { bit: 1 << 4, title: "Polls", explanation: "You vote in short polls." },
  {
    bit: 1 << 5,
    title: "Engagement tracking",
    explanation:
      "Mesi measures how long you view NFTs and profiles, to rate creators' galleries; your likes, shares, purchases and tips count without it, as part of the service. Only commitments go on chain.",
  },
];

export const POLICY_VERSION = "Mesi Train2Earn consent policy v1";
export const POLICY_TEXT = [
  POLICY_VERSION,
  ...SCOPES.map((s) => `${s.title}: ${s.explanation}`),
  "You can withdraw all consent at any time; withdrawing stops new work and completions.",
  "Raw answers are never published; on chain only commitments and your consent bitmap are public.",
].join("\n");
export const POLICY_HASH = keccak256(stringToHex(POLICY_TEXT));

/** The titles of the scopes in a bitmap, for "needs …" messages. */
export const scopeTitles = (bits: number) =>
  SCOPES.filter((s) => (bits & s.bit) !== 0).map((s) => s.title);
