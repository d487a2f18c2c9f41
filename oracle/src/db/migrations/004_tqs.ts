// Training Quality Score per account and epoch, with the terms that produced it (the
// receipt's "what changed your score and why").
export default `
CREATE TABLE tqs_scores (
  epoch      bigint NOT NULL,
  account    text NOT NULL,
  previous   integer NOT NULL,
  clean      integer NOT NULL,      -- submissions without a standing flag
  penalty    integer NOT NULL,      -- from the severity of standing flags
  decay      integer NOT NULL,      -- from flags in earlier epochs (repeat offenders)
  score      integer NOT NULL CHECK (score BETWEEN 0 AND 10000),
  excluded   boolean NOT NULL,
  PRIMARY KEY (epoch, account)
);
`;
