// What both verifiers end with: every published leaf of a kind against the recomputed score,
// the recomputed subjects the dataset left out, and the rebuilt root against the chain's.
import { zeroHash, type Hex } from "viem";
import { buildScoreTree } from "../merkle/score-tree.ts";
import { leafLinesOf, leavesOf, type KindName } from "../dataset/lines.ts";

export interface KindReport {
  kind: KindName;
  ok: boolean;
  leaves: number;
  recomputedRoot: Hex;
  onChainRoot: Hex;
  mismatches: { id: string; published: string; recomputed: string | undefined }[];
}

export function compareLeaves(
  lines: readonly { type: string }[],
  kind: KindName,
  recomputed: ReadonlyMap<string, string>,
  onChainRoot: Hex,
): KindReport {
  const leafLines = leafLinesOf(lines, kind);
  const published = new Set(leafLines.map((l) => l.id));
  const mismatches: KindReport["mismatches"] = leafLines
    .filter((l) => recomputed.get(l.id) !== l.score)
    .map((l) => ({ id: l.id, published: l.score, recomputed: recomputed.get(l.id) }));
  for (const [id, score] of recomputed)
    if (!published.has(id)) mismatches.push({ id, published: "(missing)", recomputed: score });
  const recomputedRoot =
    leafLines.length === 0
      ? zeroHash
      : buildScoreTree(
          leavesOf(lines, kind).map((leaf, i) => ({
            ...leaf,
            score: BigInt(recomputed.get(leafLines[i]!.id) ?? "0"),
          })),
        ).root;
  return {
    kind,
    ok: mismatches.length === 0 && recomputedRoot === onChainRoot,
    leaves: leafLines.length,
    recomputedRoot,
    onChainRoot,
    mismatches,
  };
}
