// Single-use challenges for wallet-signed requests (EIP-4361's nonce), and the free texts of
// the audit log kept out of its public entries: each entry commits to its texts with a salted
// hash; the texts and salts live here, readable by the account they concern and by auditors
// (and erasable without breaking the hash chain).
export default `
CREATE TABLE auth_nonces (
  nonce       text PRIMARY KEY,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX auth_nonces_expiry ON auth_nonces (expires_at);

CREATE TABLE audit_texts (
  seq      bigint NOT NULL REFERENCES audit_log (seq),
  field    text NOT NULL,                 -- the body field whose commitment it opens (reason, note)
  account  text NOT NULL,                 -- the account the entry concerns
  salt     text NOT NULL,                 -- 32 random bytes, hex
  text     text NOT NULL,
  PRIMARY KEY (seq, field)
);
CREATE INDEX audit_texts_account ON audit_texts (account, seq);
`;
