// Commits an epoch's dataset once: the first run builds it, saves the text under its hash
// and records (kind, epoch, hash, root) for every kind it serves in one transaction; every
// later run (a restart, a re-publication) loads that same text instead of recomputing, so
// decisions taken since can never change what an epoch committed to.
// Lines stream from the builder to the store (and back from the store on a re-run); only the
// header, the leaves and the lines `keep` asks for stay in memory, so an epoch of ten million
// events commits in bounded memory.
import { zeroHash, type Hex } from "viem";
import { totalScoreOf } from "@mesi/abi";
import type { Db } from "../db/database.ts";
import { buildScoreTree } from "../merkle/score-tree.ts";
import type { DatasetStore } from "./store.ts";
import { DatasetError, JsonText, leafLinesOf, leavesOf, type KindName } from "./lines.ts";

export interface Committed<L> {
  /** The header, every leaf, and the other lines `keep` kept, in dataset order. */
  lines: L[];
  hash: Hex;
  roots: Partial<Record<KindName, Hex>>;
  /** Leaves per kind (what each commitment's leafCount says). */
  leafCounts: Partial<Record<KindName, number>>;
  /** Σ of the leaves' scores per kind (what each commitment's totalScore says). */
  totals: Partial<Record<KindName, bigint>>;
  /** False when an earlier run had committed it. */
  fresh: boolean;
  /** The dataset's size in bytes. */
  bytes: number;
}

type Line = { type: string };

export async function commitOnce<L extends Line>(
  db: Db,
  store: DatasetStore,
  epoch: bigint,
  kinds: readonly KindName[],
  build: () => Promise<{
    /** The lines; those already written as JSON (JsonText) stream to the store, never held. */
    lines: AsyncIterable<L | JsonText> | Iterable<L | JsonText>;
    onCommit?: (tx: Db) => Promise<void>;
  }>,
  keep: (line: L) => boolean = () => true,
): Promise<Committed<L>> {
  const held = (line: L) => line.type === "header" || line.type === "leaf" || keep(line);
  const rows = await db
    .selectFrom("datasets")
    .select(["kind", "hash", "root"])
    .where("epoch", "=", epoch.toString())
    .where("kind", "in", [...kinds])
    .execute();
  if (rows.length === kinds.length) {
    const hash = rows[0]!.hash as Hex;
    const stored = await store.lines(hash);
    if (stored === undefined)
      throw new Error(`epoch ${epoch}: committed dataset ${hash} is missing from the store`);
    const lines: L[] = [];
    let n = 0;
    for await (const text of stored) {
      n++;
      let line: L;
      try {
        line = JSON.parse(text) as L;
      } catch {
        throw new DatasetError(n, "not JSON");
      }
      if (held(line)) lines.push(line);
    }
    return {
      lines,
      hash,
      roots: Object.fromEntries(rows.map((r) => [r.kind, r.root as Hex])),
      leafCounts: countLeaves(lines, kinds),
      totals: sumScores(lines, kinds),
      fresh: false,
      bytes: await store.size(hash),
    };
  }
  const { lines: source, onCommit } = await build();
  const lines: L[] = [];
  const { hash, bytes } = await store.saveLines(
    (async function* () {
      for await (const line of source) {
        if (!(line instanceof JsonText) && held(line)) lines.push(line);
        yield line;
      }
    })(),
  );
  const roots: Partial<Record<KindName, Hex>> = {};
  for (const kind of kinds) {
    const leaves = leavesOf(lines, kind);
    roots[kind] = leaves.length ? buildScoreTree(leaves).root : zeroHash;
  }
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("datasets")
      .values(kinds.map((kind) => ({ kind, epoch, hash, root: roots[kind]! })))
      .execute();
    await onCommit?.(tx);
  });
  return {
    lines,
    hash,
    roots,
    leafCounts: countLeaves(lines, kinds),
    totals: sumScores(lines, kinds),
    fresh: true,
    bytes,
  };
}

const countLeaves = (lines: readonly Line[], kinds: readonly KindName[]) =>
  Object.fromEntries(kinds.map((k) => [k, leafLinesOf(lines, k).length]));

/** Σ of the scores of the leaves the tree is built from, per kind: the signed total. */
const sumScores = (lines: readonly Line[], kinds: readonly KindName[]) =>
  Object.fromEntries(
    kinds.map((k) => [k, totalScoreOf(leafLinesOf(lines, k).map((l) => BigInt(l.score)))]),
  );
