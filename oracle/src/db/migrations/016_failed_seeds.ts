// A seed can fail (issue 19, point 4): a missed reveal nobody settled within 8,191 blocks of its
// deadline never gets a seed (CommitRevealRandomness.SeedFailed). The seed job records it as
// settled with outcome 'failed' and no seed, so it never tries the key again.
export default `
ALTER TABLE randomness_seeds DROP CONSTRAINT randomness_seeds_outcome_check;
ALTER TABLE randomness_seeds ADD CONSTRAINT randomness_seeds_outcome_check
  CHECK (outcome IN ('revealed', 'missed', 'foreign', 'failed'));
`;
