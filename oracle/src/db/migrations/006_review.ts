// Human review (oracle/src/review): the queue of sampled and flagged submissions and of
// appeals, reinstatements granted on appeal, per-user anomaly scores, and the append-only,
// hash-chained audit log of every decision, whose head each TQS dataset anchors.
export default `
CREATE TABLE review_items (
  id             bigserial PRIMARY KEY,
  epoch          bigint NOT NULL,                -- the epoch the item concerns (appeals: when filed)
  kind           text NOT NULL CHECK (kind IN ('flag', 'sample', 'appeal')),
  account        text NOT NULL,
  flag_id        bigint REFERENCES flags (id),
  submission_id  text REFERENCES submissions (id),
  appeal_target  text CHECK (appeal_target IN ('flag', 'ticket', 'exclusion')),
  ticket_id      numeric(78, 0),
  reason         text NOT NULL DEFAULT '',
  deadline       timestamptz,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'decided')),
  decision       text CHECK (decision IN ('approve', 'flag', 'remove', 'grant', 'deny')),
  reviewer       text,
  note           text,
  decided_at     timestamptz,
  decision_seq   bigint,                         -- the audit log entry of the decision
  applied_epoch  bigint,                         -- the first TQS epoch that reflects it
  created_at     timestamptz NOT NULL DEFAULT now()
);
-- Re-queueing an epoch never doubles an item; one open appeal per target.
CREATE UNIQUE INDEX review_items_flag ON review_items (flag_id) WHERE kind = 'flag';
CREATE UNIQUE INDEX review_items_sample ON review_items (submission_id) WHERE kind = 'sample';
CREATE UNIQUE INDEX review_items_open_appeal
  ON review_items (account, appeal_target, coalesce(flag_id, 0), coalesce(ticket_id, 0))
  WHERE kind = 'appeal' AND status = 'pending';
CREATE INDEX review_items_status ON review_items (status, id);
CREATE INDEX review_items_account ON review_items (account, id);

-- Granted exclusion appeals: the account's previous TQS is raised to 'floor' once.
CREATE TABLE reinstatements (
  review_item    bigint PRIMARY KEY REFERENCES review_items (id),
  account        text NOT NULL,
  floor          integer NOT NULL,
  applied_epoch  bigint
);

CREATE TABLE anomaly_scores (
  epoch     bigint NOT NULL,
  account   text NOT NULL,
  score     numeric(10, 4) NOT NULL,
  features  jsonb NOT NULL,
  PRIMARY KEY (epoch, account)
);

-- seq 1, 2, 3… without gaps; hash = keccak256(prev_hash ‖ canonical JSON of the entry).
CREATE TABLE audit_log (
  seq        bigint PRIMARY KEY,
  at         text NOT NULL,
  actor      text NOT NULL,
  action     text NOT NULL,
  body       jsonb NOT NULL,
  prev_hash  text NOT NULL,
  hash       text NOT NULL UNIQUE
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
`;
