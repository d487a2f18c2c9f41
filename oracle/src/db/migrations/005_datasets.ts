// Datasets the oracle committed, by kind and epoch; the text itself lives in the
// content-addressed store (oracle/src/dataset/store.ts) under its hash.
export default `
CREATE TABLE datasets (
  kind        text NOT NULL,           -- TQS | USER | NFT | GALLERY
  epoch       bigint NOT NULL,
  hash        text NOT NULL,           -- keccak256 of the JSON Lines text (the on-chain datasetHash)
  root        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, epoch)
);
`;
