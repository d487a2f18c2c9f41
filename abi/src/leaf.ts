/**
 * The encodings that ScoreOracle (Solidity) and the oracle/auditor (TypeScript)
 * must agree on, documented once in docs/CONTRACTS.md ("Leaf encoding").
 *
 * A score leaf is OpenZeppelin StandardMerkleTree-compatible (double-hashed):
 *   leaf = keccak256(bytes.concat(keccak256(abi.encode(
 *            uint256 chainId, address scoreOracle, uint8 kind, uint64 epoch,
 *            bytes32 subject, uint256 score, bytes32 salt))))
 * Binding chain id, contract, kind and epoch into every leaf means a proof is
 * accepted for exactly one commitment. Non-public kinds (USER, NFT, GALLERY)
 * carry a random per-leaf salt so a published proof reveals nothing about a
 * neighbour's score; TQS is public and its salt is zero.
 */
import { encodeAbiParameters, keccak256, pad, stringToHex, type Address, type Hex } from "viem";

export const ScoreKind = { TQS: 0, USER: 1, NFT: 2, GALLERY: 3 } as const;
export type ScoreKind = (typeof ScoreKind)[keyof typeof ScoreKind];
export const scoreKindNames = ["TQS", "USER", "NFT", "GALLERY"] as const;
export type ScoreKindName = (typeof scoreKindNames)[number];
/** The kinds an ENGAGEMENT dataset commits (one dataset, three roots). */
export const engagementKinds = ["USER", "NFT", "GALLERY"] as const;
export type EngagementKind = (typeof engagementKinds)[number];

/** Whether leaves of this kind must carry a non-zero per-leaf salt. */
export const isSaltedKind = (kind: ScoreKind): boolean => kind !== ScoreKind.TQS;

/** ABI types of a leaf's values, in order (StandardMerkleTree's `leafEncoding`). */
export const LEAF_ENCODING = [
  "uint256",
  "address",
  "uint8",
  "uint64",
  "bytes32",
  "uint256",
  "bytes32",
] as const;

const LEAF_PARAMS = LEAF_ENCODING.map((type) => ({ type }));

export interface ScoreLeaf {
  chainId: bigint;
  scoreOracle: Address;
  kind: ScoreKind;
  epoch: bigint;
  subject: Hex;
  score: bigint;
  salt: Hex;
}

export const ZERO_SALT: Hex = `0x${"0".repeat(64)}`;

/** Subject of a TQS, USER or GALLERY leaf: the account, left-padded to 32 bytes. */
export const accountSubject = (account: Address): Hex =>
  pad(account.toLowerCase() as Hex, { size: 32 });

/** Subject of an NFT leaf: keccak256(abi.encode(collection, tokenId)). */
export const nftSubject = (collection: Address, tokenId: bigint): Hex =>
  keccak256(encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [collection, tokenId]));

/** The leaf's values as StandardMerkleTree takes them. */
export const leafValues = (
  l: ScoreLeaf,
): readonly [bigint, Address, number, bigint, Hex, bigint, Hex] => [
  l.chainId,
  l.scoreOracle,
  l.kind,
  l.epoch,
  l.subject,
  l.score,
  l.salt,
];

/** The double-hashed leaf, exactly as ScoreOracle.leafHash computes it. */
export const leafHash = (l: ScoreLeaf): Hex =>
  keccak256(keccak256(encodeAbiParameters(LEAF_PARAMS, leafValues(l))));

/** Rule ids and other summary keys are short ASCII strings stored as bytes32. */
export const summaryKey = (id: string): Hex => {
  if (id.length > 32) throw new Error(`summary key "${id}" is longer than 32 bytes`);
  return stringToHex(id, { size: 32 });
};

/** keccak256(abi.encode(bytes32[] keys, uint256[] values)): what the signers sign for a summary. */
export const summaryHash = (keys: readonly Hex[], values: readonly bigint[]): Hex =>
  keccak256(encodeAbiParameters([{ type: "bytes32[]" }, { type: "uint256[]" }], [keys, values]));

/** The largest signed total ScoreOracle stores (2^104 − 1, the room left in an epoch's packed slot). */
export const MAX_TOTAL_SCORE = 2n ** 104n - 1n;

/** Σ of the scores a commitment's leaves hold: what its `totalScore` says. */
export const totalScoreOf = (scores: Iterable<bigint>): bigint => {
  let total = 0n;
  for (const s of scores) total += s;
  return total;
};

/** EIP-712 domain and type of an epoch commitment that M-of-N oracle signers co-sign. */
export const scoreOracleDomain = (chainId: bigint, verifyingContract: Address) =>
  ({ name: "MesiScoreOracle", version: "1", chainId, verifyingContract }) as const;

export const epochCommitmentTypes = {
  EpochCommitment: [
    { name: "kind", type: "uint8" },
    { name: "epoch", type: "uint64" },
    { name: "root", type: "bytes32" },
    { name: "datasetHash", type: "bytes32" },
    { name: "datasetUriHash", type: "bytes32" },
    { name: "leafCount", type: "uint64" },
    { name: "totalScore", type: "uint256" },
    { name: "summaryHash", type: "bytes32" },
  ],
} as const;

/** An epoch commitment as ScoreOracle.publish takes it. */
export interface EpochCommitment {
  kind: number;
  epoch: bigint;
  root: Hex;
  datasetHash: Hex;
  datasetURI: string;
  leafCount: bigint;
  /** Σ of the leaves' scores, signed with the root (at most MAX_TOTAL_SCORE); a GALLERY pool divides by it. */
  totalScore: bigint;
  summaryKeys: Hex[];
  summaryValues: bigint[];
}

/** The EIP-712 message the signers sign for a commitment (URI and summary hashed). */
export const epochCommitmentMessage = (c: EpochCommitment) => ({
  kind: c.kind,
  epoch: c.epoch,
  root: c.root,
  datasetHash: c.datasetHash,
  datasetUriHash: keccak256(stringToHex(c.datasetURI)),
  leafCount: c.leafCount,
  totalScore: c.totalScore,
  summaryHash: summaryHash(c.summaryKeys, c.summaryValues),
});
