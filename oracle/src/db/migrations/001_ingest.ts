// Raw inputs as the platform sent them. Everything an epoch used stays here so
// the epoch can be republished and audited. Addresses are lowercase 0x hex;
// uint256 amounts are NUMERIC(78,0); every row carries the epoch it was ingested into.
export default `
CREATE TABLE activity_events (
  id            text PRIMARY KEY,          -- the client's event id: the idempotency key
  client_id     text NOT NULL,
  epoch         bigint NOT NULL,           -- the open epoch when the event was accepted
  kind          text NOT NULL,             -- view | like | share | comment | reply | purchase | tip | bid
                                           -- | profile_view | bio_view | navigation | delegation | contribution
  actor         text NOT NULL,             -- the fan
  collection    text,                      -- NFT targeted (with token_id), if any
  token_id      numeric(78, 0),
  creator       text,                      -- gallery (creator address) targeted, if any
  duration_ms   bigint NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
  amount_wei    numeric(78, 0) NOT NULL DEFAULT 0 CHECK (amount_wei >= 0),
  occurred_at   timestamptz NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  payload_hash  text NOT NULL              -- sha256 of the canonical body: same id + other body = conflict
);
CREATE INDEX activity_events_epoch ON activity_events (epoch);
CREATE INDEX activity_events_actor ON activity_events (actor, occurred_at);

CREATE TABLE submissions (
  id            text PRIMARY KEY,          -- the client's submission id: the idempotency key
  client_id     text NOT NULL,
  epoch         bigint NOT NULL,
  account       text NOT NULL,             -- the participant's wallet
  campaign_id   numeric(78, 0) NOT NULL,
  task_id       text NOT NULL,
  task_type     text NOT NULL,             -- prompt_answer | picture_rating | mood_rating | poll_response | questionnaire
  answer        text,                      -- free text (prompt answers, questionnaires)
  rating        integer,                   -- picture / mood rating
  choice        text,                      -- poll option
  started_at    timestamptz NOT NULL,      -- client timing: task shown
  submitted_at  timestamptz NOT NULL,      -- client timing: answer sent
  received_at   timestamptz NOT NULL DEFAULT now(),
  payload_hash  text NOT NULL,
  CHECK (submitted_at >= started_at)
);
CREATE INDEX submissions_epoch ON submissions (epoch);
CREATE INDEX submissions_account ON submissions (account, submitted_at);
CREATE INDEX submissions_campaign ON submissions (campaign_id, account);
`;
