// ParticipantRegistry's consent scopes (its SCOPE_* constants; oracle/test/data-rights.test.ts
// checks every bit against the deployed contract), each with the one human text the consent
// policy shows. The policy's hash is what the registry records with a consent, so these texts
// are part of the protocol: changing one changes the policy a consent names.

/** One consent scope: its registry bit and the words the consent policy uses for it. */
export interface ConsentScope {
  bit: number;
  title: string;
  explanation: string;
}

/** Scope name → bit and text, in bit order. */
export const CONSENT_SCOPES = {
  ai_prompts: {
    bit: 1 << 0,
    title: "Answer the AI's prompts",
    explanation:
      "You reply to message-style prompts; your answers help train Mesi's AI and are never published.",
  },
  picture_rating: {
    bit: 1 << 1,
    title: "Rate pictures",
    explanation: "You score pictures; the ratings train the AI's sense of quality.",
  },
  mood_rating: {
    bit: 1 << 2,
    title: "Rate the mood of pictures",
    explanation: "You say which mood a picture conveys.",
  },
  questionnaires: {
    bit: 1 << 3,
    title: "Short questionnaires",
    explanation: "You fill in a few questions about your taste and use of Mesi.",
  },
  polls: { bit: 1 << 4, title: "Polls", explanation: "You vote in short polls." },
  engagement_tracking: {
    bit: 1 << 5,
    title: "Engagement tracking",
    explanation:
      "Mesi measures how long you view NFTs and profiles, to rate creators' galleries; your likes, shares, purchases and tips count without it, as part of the service. Only commitments go on chain.",
  },
} as const satisfies Record<string, ConsentScope>;

export type ScopeName = keyof typeof CONSENT_SCOPES;

/** Every scope name, in bit order. */
export const SCOPE_NAMES = Object.keys(CONSENT_SCOPES) as ScopeName[];

/** Scope name → bit. */
export const SCOPES = Object.fromEntries(SCOPE_NAMES.map((n) => [n, CONSENT_SCOPES[n].bit])) as {
  readonly [N in ScopeName]: (typeof CONSENT_SCOPES)[N]["bit"];
};

/** Every scope's bit together. */
export const ALL_SCOPES = SCOPE_NAMES.reduce((bits, n) => bits | SCOPES[n], 0);

/** The scope names a bitmap holds, in bit order. */
export const scopeNames = (bits: number): ScopeName[] =>
  SCOPE_NAMES.filter((n) => (bits & SCOPES[n]) !== 0);

/** The titles of the scopes a bitmap holds, for "needs …" messages. */
export const scopeTitles = (bits: number): string[] =>
  scopeNames(bits).map((n) => CONSENT_SCOPES[n].title);
