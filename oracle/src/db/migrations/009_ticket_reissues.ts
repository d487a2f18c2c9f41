// What became of each granted appeal of a voided ticket (oracle/src/pipeline/ticket-reissues.ts):
// re-issued on chain as a new ticket, or nothing to revive. Written once the chain says so;
// an appeal without a row here is still to be sent (or waits while its holder is excluded).
export default `
CREATE TABLE ticket_reissues (
  review_item  bigint PRIMARY KEY REFERENCES review_items (id),
  voided_id    numeric(78, 0) NOT NULL,
  outcome      text NOT NULL CHECK (outcome IN ('reissued', 'not-void', 'not-yours')),
  new_id       numeric(78, 0),                 -- the re-issued ticket (outcome 'reissued')
  epoch        bigint NOT NULL                 -- the epoch run that settled it
);
`;
