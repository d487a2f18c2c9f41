// Proofs out of committed datasets: the dataset text comes from the content-addressed store
// by the hash the datasets table (and the chain) names; trees are cached per dataset and kind
// because building one costs far more than answering from it.
import type { Hex } from "viem";
import type { Db } from "../db/database.ts";
import type { DatasetStore } from "./store.ts";
import { buildScoreTree, type ScoreTree } from "../merkle/score-tree.ts";
import { leafLinesOf, leavesOf, type KindName, type LeafLine } from "./lines.ts";

export interface Proof {
  kind: KindName;
  epoch: string;
  id: string;
  subject: Hex;
  score: string;
  salt: Hex;
  proof: Hex[];
  root: Hex;
  datasetHash: Hex;
}

interface Indexed {
  tree: ScoreTree;
  lines: LeafLine[];
  bySubject: Map<string, number>;
}

export class ProofService {
  readonly #db: Db;
  readonly #store: DatasetStore;
  readonly #cache = new Map<string, Indexed>();
  readonly #max: number;

  constructor(db: Db, store: DatasetStore, maxCached = 8) {
    this.#db = db;
    this.#store = store;
    this.#max = maxCached;
  }

  /** The dataset hash of (kind, epoch), if committed. */
  async datasetOf(kind: KindName, epoch: bigint): Promise<Hex | undefined> {
    const row = await this.#db
      .selectFrom("datasets")
      .select("hash")
      .where("kind", "=", kind)
      .where("epoch", "=", epoch.toString())
      .executeTakeFirst();
    return row?.hash as Hex | undefined;
  }

  async #indexed(kind: KindName, hash: Hex): Promise<Indexed | undefined> {
    const key = `${kind}:${hash}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const stored = await this.#store.lines(hash);
    if (stored === undefined) return undefined;
    // The header and this kind's leaves; an epoch's events (millions of lines) are skipped
    // unparsed: every line is written by JSON.stringify, so its type opens it.
    const all: { type: string }[] = [];
    for await (const text of stored)
      if (all.length === 0 || text.startsWith('{"type":"leaf"')) {
        const line = JSON.parse(text) as { type: string; kind?: string };
        if (line.type === "header" || line.kind === kind) all.push(line);
      }
    const leaves = leavesOf(all, kind);
    if (!leaves.length) return undefined;
    const lines = leafLinesOf(all, kind);
    const indexed = {
      tree: buildScoreTree(leaves),
      lines,
      bySubject: new Map(lines.map((l, i) => [l.subject, i])),
    };
    if (this.#cache.size >= this.#max) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(key, indexed);
    return indexed;
  }

  /** The proof of `subject` in (kind, epoch), or why there is none. */
  async proof(kind: KindName, epoch: bigint, subject: Hex): Promise<Proof | { missing: string }> {
    const hash = await this.datasetOf(kind, epoch);
    if (!hash) return { missing: `no ${kind} dataset for epoch ${epoch}` };
    const ix = await this.#indexed(kind, hash);
    if (!ix) return { missing: `the ${kind} dataset of epoch ${epoch} is missing or empty` };
    const i = ix.bySubject.get(subject);
    if (i === undefined) return { missing: `no ${kind} score for this subject in epoch ${epoch}` };
    const line = ix.lines[i]!;
    return {
      kind,
      epoch: epoch.toString(),
      id: line.id,
      subject: line.subject,
      score: line.score,
      salt: line.salt,
      proof: ix.tree.proof(i),
      root: ix.tree.root,
      datasetHash: hash,
    };
  }
}
