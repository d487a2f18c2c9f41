// What the chain's gallery collection says about the NFTs and creators an epoch's events name
// (snapshot/galleries.ts): the source of an NFT's gallery and creator for its scores, never the
// event itself. A null creator or gallery means the chain has none (the events are left out).
export default `
CREATE TABLE nft_creators (
  epoch       bigint NOT NULL,
  collection  text NOT NULL,
  token_id    numeric(78, 0) NOT NULL,
  gallery_id  numeric(78, 0),                  -- null: no such token on chain
  creator     text,
  PRIMARY KEY (epoch, collection, token_id)
);

CREATE TABLE gallery_creators (
  epoch       bigint NOT NULL,
  creator     text NOT NULL,
  gallery_id  numeric(78, 0),                  -- null: the address has no gallery
  PRIMARY KEY (epoch, creator)
);
`;
