// Inputs and outputs of the engagement ratings (oracle/src/scoring). Every score is an
// integer so PGlite, a PostgreSQL server and the auditor's 'verify' agree to the unit.
export default `
-- On-chain holdings of each account at epoch close: what the User Score reads.
CREATE TABLE holdings_snapshot (
  epoch       bigint NOT NULL,
  account     text NOT NULL,
  tickets     integer NOT NULL DEFAULT 0 CHECK (tickets >= 0),
  mesi_wei    numeric(78, 0) NOT NULL DEFAULT 0 CHECK (mesi_wei >= 0),
  votes_wei   numeric(78, 0) NOT NULL DEFAULT 0 CHECK (votes_wei >= 0),   -- delegated voting power
  locked_wei  numeric(78, 0) NOT NULL DEFAULT 0 CHECK (locked_wei >= 0),  -- self-locks in VestingVault
  PRIMARY KEY (epoch, account)
);

CREATE TABLE user_scores (
  epoch    bigint NOT NULL,
  account  text NOT NULL,
  score    numeric(78, 0) NOT NULL,
  PRIMARY KEY (epoch, account)
);

CREATE TABLE nft_scores (
  epoch       bigint NOT NULL,
  collection  text NOT NULL,
  token_id    numeric(78, 0) NOT NULL,
  creator     text,
  score       numeric(78, 0) NOT NULL,
  PRIMARY KEY (epoch, collection, token_id)
);

CREATE TABLE gallery_scores (
  epoch    bigint NOT NULL,
  creator  text NOT NULL,
  score    numeric(78, 0) NOT NULL,
  PRIMARY KEY (epoch, creator)
);
`;
