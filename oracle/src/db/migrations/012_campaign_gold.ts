// Gold sets of campaigns: the commitment registered with the campaign's tasks, and the reveal
// (salt and accepted answers) once the campaign closed. quality/gold.ts explains the scheme.
export default `
CREATE TABLE campaign_gold (
  campaign_id      numeric(78, 0) PRIMARY KEY,
  client_id        text NOT NULL,
  commitment       text NOT NULL,             -- keccak256 of the canonical reveal
  committed_epoch  bigint NOT NULL,           -- the open epoch when it was registered
  revealed_epoch   bigint,                    -- the open epoch when the reveal was accepted
  revealed_at      timestamptz,               -- gold answers received after it do not count
  salt             text,
  answers          jsonb,
  CHECK ((revealed_at IS NULL) = (answers IS NULL))
);
`;
