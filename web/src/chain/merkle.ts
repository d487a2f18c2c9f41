// Checking a score proof in the browser: the leaf is rebuilt with @mesi/abi's encoding (the
// one ScoreOracle uses) and folded up the proof with sorted-pair keccak256, as OpenZeppelin's
// MerkleProof does; the result must equal the root the chain holds.
import { concat, hexToBigInt, keccak256, type Hex } from "viem";
import { leafHash, type ScoreLeaf } from "@mesi/abi";

export function processProof(leaf: Hex, proof: readonly Hex[]): Hex {
  let node = leaf;
  for (const sibling of proof)
    node =
      hexToBigInt(node) <= hexToBigInt(sibling)
        ? keccak256(concat([node, sibling]))
        : keccak256(concat([sibling, node]));
  return node;
}

/** The root a score's proof leads to (the leaf binds chain, ScoreOracle, kind and epoch). */
export const rootOfScore = (leaf: ScoreLeaf, proof: readonly Hex[]): Hex =>
  processProof(leafHash(leaf), proof);
