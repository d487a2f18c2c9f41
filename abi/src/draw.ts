/**
 * The TypeScript twin of contracts/libraries/WeightedDraw.sol: the winners a seeded weighted
 * draw without replacement picks from its entries (in order), exactly as the contract does,
 * so anyone can recompute a campaign's selection or a prize draw from chain data (the entries'
 * weights, e.g. `CampaignManager.entryAt` / the entries a PrizeDraw took, and the seed).
 * docs/CONTRACTS.md ("Randomness and the weighted selection") states the algorithm once.
 *
 * Draw j (W = total weight, D = weight drawn before it) is made by rejection while no earlier
 * draw used the tree, j < DRAW_FAST_DRAWS and 2·D ≤ W: attempt a takes
 * r = keccak256(abi.encode(seed, j, a)) mod W and the first entry whose cumulative weight
 * exceeds r, accepted unless drawn before. After DRAW_MAX_ATTEMPTS rejections, or when the
 * conditions fail, the draw and every later one use the tree:
 * r = keccak256(abi.encode(seed, j)) mod (W − D) and the first entry whose remaining prefix
 * sum (drawn entries counting zero) exceeds r.
 */
import { encodeAbiParameters, keccak256, type Hex } from "viem";

/** WeightedDraw.FAST_DRAWS: winners a pool draws by rejection at most. */
export const DRAW_FAST_DRAWS = 16;
/** WeightedDraw.MAX_ATTEMPTS: attempts one draw makes by rejection before the tree. */
export const DRAW_MAX_ATTEMPTS = 4;

/** One winner: its entry's index, how it was drawn, and the attempts rejected before. */
export interface DrawnEntry {
  index: number;
  by: "rejection" | "tree";
  rejected: number;
}

const word = (seed: Hex, ...values: number[]): bigint =>
  BigInt(
    keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, ...values.map(() => ({ type: "uint256" }) as const)],
        [seed, ...values.map(BigInt)],
      ),
    ),
  );

/** The first `k` winners of a draw with `seed` among entries of these weights (all > 0). */
export function weightedDraw(weights: readonly bigint[], seed: Hex, k: number): DrawnEntry[] {
  const n = weights.length;
  if (k > n) throw new Error(`weightedDraw: ${k} winners among ${n} entries`);
  const cumulative: bigint[] = [];
  let total = 0n;
  for (const w of weights) {
    if (w <= 0n) throw new Error("weightedDraw: a weight of zero");
    cumulative.push((total += w));
  }
  const drawn = new Set<number>();
  const out: DrawnEntry[] = [];
  let removed = 0n;
  let inTree = false;
  const search = (r: bigint): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  for (let j = 0; j < k; j++) {
    let pick: DrawnEntry | undefined;
    let rejected = 0;
    if (!inTree && j < DRAW_FAST_DRAWS && 2n * removed <= total) {
      for (let a = 0; a < DRAW_MAX_ATTEMPTS && !pick; a++) {
        const i = search(word(seed, j, a) % total);
        if (drawn.has(i)) rejected++;
        else pick = { index: i, by: "rejection", rejected };
      }
    }
    if (!pick) {
      inTree = true;
      let r = word(seed, j) % (total - removed);
      for (let i = 0; i < n; i++) {
        if (drawn.has(i)) continue;
        if (r < weights[i]!) {
          pick = { index: i, by: "tree", rejected };
          break;
        }
        r -= weights[i]!;
      }
    }
    drawn.add(pick!.index);
    removed += weights[pick!.index]!;
    out.push(pick!);
  }
  return out;
}
