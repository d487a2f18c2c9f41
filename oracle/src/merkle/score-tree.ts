// A score tree byte-for-byte compatible with OpenZeppelin's StandardMerkleTree over the
// project's leaf encoding (abi/src/leaf.ts): same double-hashed leaves, same sorted layout,
// same root and proofs, so ScoreOracle and any OpenZeppelin tooling verify them. It works on
// bytes end to end (no hex round-trips per node) with keccak in WebAssembly, which is what
// makes it fast: an epoch of a million users is a few million hashes.
import { bytesToHex, hexToBytes, type Hex } from "viem";
import type { ScoreLeaf } from "@mesi/abi";
import { keccakBytes } from "../util/keccak.ts";

const WORD = 32;
const LEAF_WORDS = 7;

const writeUint = (buf: Uint8Array, offset: number, value: bigint): void => {
  let v = value;
  for (let i = WORD - 1; i >= 0; i--) {
    buf[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
};

const writeHex = (buf: Uint8Array, offset: number, hex: Hex, size: number): void => {
  buf.set(hexToBytes(hex), offset + WORD - size);
};

/** abi.encode of the leaf's seven static values. */
export function encodeLeaf(l: ScoreLeaf): Uint8Array {
  const buf = new Uint8Array(LEAF_WORDS * WORD);
  writeUint(buf, 0, l.chainId);
  writeHex(buf, WORD, l.scoreOracle, 20);
  writeUint(buf, 2 * WORD, BigInt(l.kind));
  writeUint(buf, 3 * WORD, l.epoch);
  writeHex(buf, 4 * WORD, l.subject, 32);
  writeUint(buf, 5 * WORD, l.score);
  writeHex(buf, 6 * WORD, l.salt, 32);
  return buf;
}

const hash = keccakBytes;

const compare = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < WORD; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
};

const pair = new Uint8Array(2 * WORD);
const hashPair = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const [lo, hi] = compare(a, b) <= 0 ? [a, b] : [b, a];
  pair.set(lo, 0);
  pair.set(hi, WORD);
  return hash(pair);
};

export interface ScoreTree {
  root: Hex;
  /** Leaf hashes, in the order the leaves were given. */
  leafHashes: Hex[];
  /** The proof of the leaf given at `index`. */
  proof(index: number): Hex[];
  /** Every leaf's proof, in the order the leaves were given. */
  allProofs(): Hex[][];
}

/** Builds the tree; `onProgress` is called while hashing (for long builds). */
export function buildScoreTree(
  leaves: readonly ScoreLeaf[],
  onProgress?: (done: number, total: number) => void,
): ScoreTree {
  if (leaves.length === 0) throw new Error("a score tree needs at least one leaf");
  const n = leaves.length;
  const hashed = leaves.map((l, i) => {
    if (onProgress && i % 10_000 === 0) onProgress(i, n);
    return { index: i, hash: hash(hash(encodeLeaf(l))) };
  });
  const sorted = [...hashed].sort((a, b) => compare(a.hash, b.hash));
  const tree: Uint8Array[] = new Array(2 * n - 1);
  // Same layout as StandardMerkleTree: sorted leaves from the end of the array backwards.
  const position = new Array<number>(n);
  sorted.forEach((h, i) => {
    tree[tree.length - 1 - i] = h.hash;
    position[h.index] = tree.length - 1 - i;
  });
  for (let i = tree.length - 1 - n; i >= 0; i--)
    tree[i] = hashPair(tree[2 * i + 1]!, tree[2 * i + 2]!);

  const proofAt = (treeIndex: number): Hex[] => {
    const out: Hex[] = [];
    for (let i = treeIndex; i > 0; i = Math.floor((i - 1) / 2))
      out.push(bytesToHex(tree[i % 2 === 1 ? i + 1 : i - 1]!));
    return out;
  };
  return {
    root: bytesToHex(tree[0]!),
    leafHashes: hashed.map((h) => bytesToHex(h.hash)),
    proof: (index) => {
      const p = position[index];
      if (p === undefined) throw new Error(`no leaf at index ${index}`);
      return proofAt(p);
    },
    allProofs: () => position.map(proofAt),
  };
}
