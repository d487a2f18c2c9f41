// What both verifiers end with: every published leaf of a kind against the recomputed score,
// the recomputed subjects the dataset left out, the rebuilt root against the chain's, and the
// Σ of the recomputed scores against the total the signers signed (a GALLERY pool divides by it).
// A leaf must also commit to the subject its id names (an account, or an NFT), with a salt
// only where the kind is salted, and name it once: otherwise a proof could pay a subject the
// recomputation never scored.
import { zeroHash, type Hex } from "viem";
import { ScoreKind, isSaltedKind, ZERO_SALT } from "@mesi/abi";
import { buildScoreTree } from "../merkle/score-tree.ts";
import { scoreLeaves, type HeaderBase, type KindName, type LeafLine } from "../dataset/lines.ts";

/** What the chain holds for one kind and epoch and the verifier checks: its root and signed total. */
export interface OnChainCommitment {
  root: Hex;
  totalScore: bigint;
}

export interface KindReport {
  kind: KindName;
  ok: boolean;
  leaves: number;
  recomputedRoot: Hex;
  onChainRoot: Hex;
  /** Σ of the recomputed scores, and the total the commitment's signers signed (decimal). */
  recomputedTotal: string;
  onChainTotal: string;
  mismatches: { id: string; published: string; recomputed: string | undefined }[];
  /** Leaves whose subject, salt or uniqueness is wrong, with the reason. */
  badLeaves: { id: string; problem: string }[];
}

export function compareLeaves(
  header: Pick<HeaderBase, "chainId" | "scoreOracle" | "epoch">,
  allLeaves: readonly LeafLine[],
  kind: KindName,
  recomputed: ReadonlyMap<string, string>,
  onChain: OnChainCommitment,
  subjectOf: (id: string) => Hex | undefined,
): KindReport {
  const onChainRoot = onChain.root;
  const leafLines = allLeaves.filter((l) => l.kind === kind);
  const published = new Set<string>();
  const badLeaves: KindReport["badLeaves"] = [];
  const salted = isSaltedKind(ScoreKind[kind]);
  for (const l of leafLines) {
    if (published.has(l.id)) badLeaves.push({ id: l.id, problem: "listed twice" });
    published.add(l.id);
    if (subjectOf(l.id) !== l.subject)
      badLeaves.push({ id: l.id, problem: `subject ${l.subject} is not the subject of this id` });
    if (salted === (l.salt === ZERO_SALT))
      badLeaves.push({
        id: l.id,
        problem: salted ? "salt missing" : "a public leaf carries a salt",
      });
  }
  const mismatches: KindReport["mismatches"] = leafLines
    .filter((l) => recomputed.get(l.id) !== l.score)
    .map((l) => ({ id: l.id, published: l.score, recomputed: recomputed.get(l.id) }));
  for (const [id, score] of recomputed)
    if (!published.has(id)) mismatches.push({ id, published: "(missing)", recomputed: score });
  const recomputedRoot =
    leafLines.length === 0
      ? zeroHash
      : buildScoreTree(
          scoreLeaves(header, kind, leafLines).map((leaf, i) => ({
            ...leaf,
            score: BigInt(recomputed.get(leafLines[i]!.id) ?? "0"),
          })),
        ).root;
  let recomputedTotal = 0n;
  for (const score of recomputed.values()) recomputedTotal += BigInt(score);
  return {
    kind,
    ok:
      mismatches.length === 0 &&
      badLeaves.length === 0 &&
      recomputedRoot === onChainRoot &&
      recomputedTotal === onChain.totalScore,
    leaves: leafLines.length,
    recomputedRoot,
    onChainRoot,
    recomputedTotal: recomputedTotal.toString(),
    onChainTotal: onChain.totalScore.toString(),
    mismatches,
    badLeaves,
  };
}
