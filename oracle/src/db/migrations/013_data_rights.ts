// Data rights (docs/PRIVACY.md): the chain's consent history as the oracle follows it from
// ParticipantRegistry (ConsentGiven / ConsentRevoked; scopes 0 = revoked), how far it has read,
// and which submissions had their content erased (on request or past the retention period).
export default `
CREATE TABLE consent_events (
  registry      text NOT NULL,             -- the ParticipantRegistry followed (lowercase)
  block_number  bigint NOT NULL,
  log_index     integer NOT NULL,
  account       text NOT NULL,
  block_time    timestamptz NOT NULL,      -- the block's timestamp: the change applies from then
  scopes        integer NOT NULL,          -- the scope bitmap in force from then on; 0 = revoked
  policy_hash   text,                      -- the policy consented to (null for a revocation)
  PRIMARY KEY (registry, block_number, log_index)
);
CREATE INDEX consent_events_account ON consent_events (registry, account, block_number, log_index);

CREATE TABLE consent_sync (
  registry      text PRIMARY KEY,
  chain_id      bigint NOT NULL,
  synced_block  bigint NOT NULL,           -- every event up to this block is in consent_events
  synced_time   timestamptz NOT NULL,      -- that block's timestamp
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- A submission whose content (answer, rating, choice) was erased keeps its row (what an epoch
-- scored and a campaign completion counted), without the content and its payload hash.
ALTER TABLE submissions ADD COLUMN content_erased text CHECK (content_erased IN ('request', 'retention'));
ALTER TABLE submissions ADD COLUMN content_erased_at timestamptz;
CREATE INDEX submissions_retention ON submissions (received_at) WHERE content_erased IS NULL;
`;
