// The auditor's recomputation of a GALLERY epoch: load the published dataset into an
// in-memory PGlite, run the very same scoring SQL with the weights the dataset names,
// rebuild the tree, and compare with the dataset's own leaves and with the chain's root.
import type { Hex } from "viem";
import { openDatabase } from "../db/database.ts";
import { computeEngagement } from "../scoring/engagement.ts";
import { buildScoreTree } from "../merkle/score-tree.ts";
import {
  leavesOf,
  type DatasetLine,
  type EventLine,
  type HoldingLine,
} from "../dataset/gallery-dataset.ts";

export interface VerifyReport {
  ok: boolean;
  epoch: bigint;
  recomputedRoot: Hex;
  publishedRoot: Hex;
  leaves: number;
  mismatches: { creator: string; published: string; recomputed: string | undefined }[];
}

export async function verifyGalleryDataset(
  lines: readonly DatasetLine[],
  publishedRoot: Hex,
): Promise<VerifyReport> {
  const header = lines[0];
  if (!header || header.type !== "header") throw new Error("dataset line 1 must be the header");
  const epoch = BigInt(header.epoch);
  const database = await openDatabase();
  try {
    const holdings = lines.filter((l): l is HoldingLine => l.type === "holding");
    const events = lines.filter((l): l is EventLine => l.type === "event");
    if (holdings.length) {
      await database.db
        .insertInto("holdings_snapshot")
        .values(
          holdings.map((h) => ({
            epoch,
            account: h.account,
            tickets: h.tickets,
            mesi_wei: h.mesiWei,
            votes_wei: h.votesWei,
            locked_wei: h.lockedWei,
          })),
        )
        .execute();
    }
    for (let i = 0; i < events.length; i += 1000) {
      await database.db
        .insertInto("activity_events")
        .values(
          events.slice(i, i + 1000).map((ev) => ({
            id: ev.id,
            client_id: "dataset",
            epoch,
            kind: ev.kind,
            actor: ev.actor,
            collection: ev.collection,
            token_id: ev.tokenId,
            creator: ev.creator,
            duration_ms: ev.durationMs,
            amount_wei: ev.amountWei,
            occurred_at: new Date(0),
            payload_hash: "dataset",
          })),
        )
        .execute();
    }
    await computeEngagement(database.db, epoch, header.weights);
    const recomputed = new Map(
      (await database.db.selectFrom("gallery_scores").select(["creator", "score"]).execute()).map(
        (g) => [g.creator, g.score],
      ),
    );
    const leafLines = lines.filter((l) => l.type === "leaf");
    const mismatches = leafLines
      .filter((l) => recomputed.get(l.creator) !== l.score)
      .map((l) => ({
        creator: l.creator,
        published: l.score,
        recomputed: recomputed.get(l.creator),
      }));
    const extra = [...recomputed.keys()].filter((c) => !leafLines.some((l) => l.creator === c));
    for (const c of extra)
      mismatches.push({ creator: c, published: "(missing)", recomputed: recomputed.get(c) });
    const tree = buildScoreTree(
      leavesOf(lines).map((leaf, i) => ({
        ...leaf,
        score: BigInt(recomputed.get(leafLines[i]!.creator) ?? "0"),
      })),
    );
    return {
      ok: mismatches.length === 0 && tree.root === publishedRoot,
      epoch,
      recomputedRoot: tree.root,
      publishedRoot,
      leaves: leafLines.length,
      mismatches,
    };
  } finally {
    await database.close();
  }
}
