// The draw and selection seeds the oracle's seed job settled (pipeline/seeds.ts): one row per
// randomness key once the chain holds its seed, revealed by the oracle or settled as a missed
// reveal (a fault). The secret is never stored: it is derived from the salt secret and the key,
// so a crash between commit and reveal still reveals. The transactions are in
// publication_journal (steps seed:commit:…, seed:reveal:…, seed:missed:…).
export default `
CREATE TABLE randomness_seeds (
  key          text PRIMARY KEY,               -- the consumer's key (selectionKey / drawKey)
  purpose      text NOT NULL CHECK (purpose IN ('selection', 'draw')),
  campaign_id  numeric(78, 0) NOT NULL,
  commitment   text NOT NULL,
  outcome      text NOT NULL CHECK (outcome IN ('revealed', 'missed', 'foreign')),
  seed         text,
  settled_at   timestamptz NOT NULL DEFAULT now()
);
`;
