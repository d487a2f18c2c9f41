import { test } from "node:test";
import assert from "node:assert/strict";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import { keccak256, toHex, type Hex } from "viem";
import {
  LEAF_ENCODING,
  ScoreKind,
  accountSubject,
  leafHash,
  leafValues,
  type ScoreLeaf,
} from "@mesi/abi";
import { buildScoreTree } from "../src/merkle/score-tree.ts";

const oracle = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const;
const leavesOf = (scores: bigint[], kind: ScoreKind = ScoreKind.GALLERY): ScoreLeaf[] =>
  scores.map((score, i) => ({
    chainId: 31337n,
    scoreOracle: oracle,
    kind,
    epoch: 7n,
    subject: accountSubject(`0x${keccak256(toHex(i)).slice(26)}` as Hex),
    score,
    salt: keccak256(toHex(`salt-${i}`)),
  }));

test("root, leaf hashes and every proof equal OpenZeppelin StandardMerkleTree's", () => {
  fc.assert(
    fc.property(
      fc.array(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), { minLength: 1, maxLength: 70 }),
      (scores) => {
        const leaves = leavesOf(scores);
        const ours = buildScoreTree(leaves);
        const oz = StandardMerkleTree.of(
          leaves.map((l) => [...leafValues(l)]),
          [...LEAF_ENCODING],
        );
        assert.equal(ours.root, oz.root);
        leaves.forEach((l, i) => {
          assert.equal(ours.leafHashes[i], leafHash(l));
          assert.deepEqual(ours.proof(i), oz.getProof(i));
          assert.ok(
            StandardMerkleTree.verify(
              oz.root,
              [...LEAF_ENCODING],
              [...leafValues(l)],
              ours.proof(i),
            ),
          );
        });
      },
    ),
    { numRuns: 60 },
  );
});

test("an empty tree is refused", () => {
  assert.throws(() => buildScoreTree([]), /at least one leaf/);
});
