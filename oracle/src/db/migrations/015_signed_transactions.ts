// The journal keeps each transaction's signed bytes: a retry, or a restart that finds it never
// reached the chain, re-broadcasts the very same transaction (same nonce, same hash) instead of
// signing a second one that could land beside it.
export default `
ALTER TABLE publication_journal ADD COLUMN raw_tx text;
`;
