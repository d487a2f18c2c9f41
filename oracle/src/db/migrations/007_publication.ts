// The publication journal (oracle/src/publish/journal.ts): every transaction the oracle sent
// for an epoch, by step, with its hash as soon as the node accepted it, then its outcome.
// A restart reads it to wait for what is still in flight before deciding what to send.
export default `
CREATE TABLE publication_journal (
  id          bigserial PRIMARY KEY,
  epoch       bigint NOT NULL,
  step        text NOT NULL,                 -- e.g. publish:TQS, exclusions:set, exclusions:lift
  tx_hash     text NOT NULL UNIQUE,
  status      text NOT NULL CHECK (status IN ('sent', 'confirmed', 'reverted', 'dropped')),
  sent_at     timestamptz NOT NULL DEFAULT now(),
  settled_at  timestamptz
);
CREATE INDEX publication_journal_open ON publication_journal (status) WHERE status = 'sent';

-- Epochs the pipeline finished (published everything); the scheduler resumes after the last.
CREATE TABLE epoch_runs (
  epoch        bigint PRIMARY KEY,
  finished_at  timestamptz NOT NULL DEFAULT now(),
  result       jsonb NOT NULL
);
`;
