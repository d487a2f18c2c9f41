// Commits an epoch's dataset once: the first run builds it, saves the text under its hash
// and records (kind, epoch, hash, root) for every kind it serves in one transaction; every
// later run (a restart, a re-publication) loads that same text instead of recomputing, so
// decisions taken since can never change what an epoch committed to.
import { zeroHash, type Hex } from "viem";
import type { Db } from "../db/database.ts";
import { buildScoreTree } from "../merkle/score-tree.ts";
import type { DatasetStore } from "./store.ts";
import { leafLinesOf, leavesOf, parseLines, serializeDataset, type KindName } from "./lines.ts";

export interface Committed<L> {
  lines: L[];
  hash: Hex;
  roots: Partial<Record<KindName, Hex>>;
  /** Leaves per kind (what each commitment's leafCount says). */
  leafCounts: Partial<Record<KindName, number>>;
  /** False when an earlier run had committed it. */
  fresh: boolean;
}

export async function commitOnce<L extends { type: string }>(
  db: Db,
  store: DatasetStore,
  epoch: bigint,
  kinds: readonly KindName[],
  build: () => Promise<{ lines: L[]; onCommit?: (tx: Db) => Promise<void> }>,
): Promise<Committed<L>> {
  const rows = await db
    .selectFrom("datasets")
    .select(["kind", "hash", "root"])
    .where("epoch", "=", epoch.toString())
    .where("kind", "in", [...kinds])
    .execute();
  if (rows.length === kinds.length) {
    const hash = rows[0]!.hash as Hex;
    const text = await store.get(hash);
    if (text === undefined)
      throw new Error(`epoch ${epoch}: committed dataset ${hash} is missing from the store`);
    const lines = parseLines<L>(text);
    return {
      lines,
      hash,
      roots: Object.fromEntries(rows.map((r) => [r.kind, r.root as Hex])),
      leafCounts: countLeaves(lines, kinds),
      fresh: false,
    };
  }
  const { lines, onCommit } = await build();
  const hash = await store.save(serializeDataset(lines));
  const roots: Partial<Record<KindName, Hex>> = {};
  const leafCounts: Partial<Record<KindName, number>> = {};
  for (const kind of kinds) {
    const leaves = leavesOf(lines, kind);
    leafCounts[kind] = leaves.length;
    roots[kind] = leaves.length ? buildScoreTree(leaves).root : zeroHash;
  }
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("datasets")
      .values(kinds.map((kind) => ({ kind, epoch, hash, root: roots[kind]! })))
      .execute();
    await onCommit?.(tx);
  });
  return { lines, hash, roots, leafCounts, fresh: true };
}

const countLeaves = (lines: readonly { type: string }[], kinds: readonly KindName[]) =>
  Object.fromEntries(kinds.map((k) => [k, leafLinesOf(lines, k).length]));
