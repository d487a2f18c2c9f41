// Output of the quality pipeline (oracle/src/quality): one row per rule hit.
// The TQS computation (oracle/src/scoring) reads it; reviewer decisions and
// appeals (oracle/src/review) change 'status', never delete a row.
export default `
CREATE TABLE flags (
  id             bigserial PRIMARY KEY,
  epoch          bigint NOT NULL,
  account        text NOT NULL,
  submission_id  text REFERENCES submissions (id),   -- null for account-level rules (anomaly, bursts)
  rule_id        text NOT NULL,                        -- e.g. near-duplicate, bot-timing, mass-upload, anomaly
  rule_version   integer NOT NULL,
  severity       numeric(6, 4) NOT NULL CHECK (severity >= 0 AND severity <= 1),
  detail         jsonb NOT NULL DEFAULT '{}'::jsonb,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
  created_at     timestamptz NOT NULL DEFAULT now()
);
-- Re-running the filters on an epoch never doubles a flag.
CREATE UNIQUE INDEX flags_unique ON flags (epoch, rule_id, rule_version, account, coalesce(submission_id, ''));
CREATE INDEX flags_account ON flags (account, epoch);
`;
