// One epoch, read top to bottom: the epoch's inputs are already ingested; then
//   filter  → quality flags (runQualityFilters)
//   score   → TQS and engagement ratings (SQL)
//   commit  → the GALLERY dataset, its hash and its tree
//   publish → the commitment to ScoreOracle (M-of-N), then exclusions of low-TQS accounts.
// Every step is idempotent, so re-running an epoch after a crash resumes without doubling.
import type { Account, Address, Hex } from "viem";
import { ScoreKind, summaryKey } from "@mesi/abi";
import type { Database } from "../db/database.ts";
import { runQualityFilters } from "../quality/run.ts";
import { computeTqs } from "../scoring/tqs.ts";
import type { EngagementWeights } from "../scoring/weights.ts";
import { buildGalleryDataset, leavesOf, serializeDataset } from "../dataset/gallery-dataset.ts";
import type { DatasetStore } from "../dataset/store.ts";
import { buildScoreTree } from "../merkle/score-tree.ts";
import { publishEpoch, type PublishOutcome } from "./../publish/publish-epoch.ts";
import { publishExclusions, type Chainside } from "../publish/tickets.ts";

export interface EpochDeps {
  database: Database;
  chain: Chainside;
  signers: readonly Account[];
  contracts: { scoreOracle: Address; registry: Address };
  store: DatasetStore;
  weights: EngagementWeights;
  saltSecret: Hex;
  /** Public base under which datasets are served by hash, e.g. https://oracle.example/v1/datasets/ */
  datasetBaseUri: string;
  log?: (step: string, detail: Record<string, unknown>) => void;
}

export interface EpochResult {
  flags: Record<string, number>;
  galleries: number;
  datasetHash: Hex;
  root: Hex;
  publication: PublishOutcome;
  exclusionTxs: number;
}

const EXCLUSION_REASON = summaryKey("tqs-below-threshold");

export async function runEpoch(epoch: bigint, d: EpochDeps): Promise<EpochResult> {
  const log = d.log ?? (() => undefined);
  const { db } = d.database;

  const quality = await runQualityFilters(d.database, epoch);
  log("filter", { epoch: epoch.toString(), ...quality.byRule });

  await computeTqs(db, epoch);
  const lines = await buildGalleryDataset(db, {
    epoch,
    chainId: BigInt(await d.chain.publicClient.getChainId()),
    scoreOracle: d.contracts.scoreOracle,
    weights: d.weights,
    saltSecret: d.saltSecret,
  });
  const leaves = leavesOf(lines);
  log("score", { galleries: leaves.length });
  if (leaves.length === 0) throw new Error(`epoch ${epoch} has no Gallery Score to publish`);

  const text = serializeDataset(lines);
  const datasetHash = await d.store.save(text);
  const tree = buildScoreTree(leaves);
  await db
    .insertInto("datasets")
    .values({ kind: "GALLERY", epoch, hash: datasetHash, root: tree.root })
    .onConflict((oc) => oc.columns(["kind", "epoch"]).doNothing())
    .execute();
  const stored = await db
    .selectFrom("datasets")
    .select(["hash", "root"])
    .where("kind", "=", "GALLERY")
    .where("epoch", "=", epoch.toString())
    .executeTakeFirstOrThrow();
  if (stored.hash !== datasetHash) {
    throw new Error(
      `epoch ${epoch} was committed before with dataset ${stored.hash}; its inputs changed since`,
    );
  }
  log("commit", { datasetHash, root: tree.root });

  const publication = await publishEpoch({
    publicClient: d.chain.publicClient,
    relayer: d.chain.wallet,
    signers: d.signers,
    scoreOracle: d.contracts.scoreOracle,
    commitment: {
      kind: ScoreKind.GALLERY,
      epoch,
      root: tree.root,
      datasetHash,
      datasetURI: `${d.datasetBaseUri}${datasetHash}`,
      leafCount: BigInt(leaves.length),
      summaryKeys: Object.keys(quality.byRule).sort().map(summaryKey),
      summaryValues: Object.keys(quality.byRule)
        .sort()
        .map((k) => BigInt(quality.byRule[k]!)),
    },
  });
  log("publish", { ...publication });

  const excluded = await db
    .selectFrom("tqs_scores")
    .select("account")
    .where("epoch", "=", epoch.toString())
    .where("excluded", "=", true)
    .orderBy("account")
    .execute();
  const exclusionTxs = await publishExclusions(
    d.chain,
    d.contracts.registry,
    excluded.map((r) => r.account as Address),
    true,
    EXCLUSION_REASON,
  );
  log("exclusions", { accounts: excluded.length, txs: exclusionTxs.length });

  return {
    flags: quality.byRule,
    galleries: leaves.length,
    datasetHash,
    root: tree.root,
    publication,
    exclusionTxs: exclusionTxs.length,
  };
}
