// The epoch pipeline end to end on a real Hardhat node: filter → score → commit → publish →
// exclusions, and a second run (a restart) that publishes nothing twice.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { keccak256, toHex, type Address } from "viem";
import { ScoreKind, scoreOracleAbi } from "@mesi/abi";
import { openDatabase, type Database } from "../src/db/database.ts";
import { DatasetStore } from "../src/dataset/store.ts";
import { runEpoch } from "../src/pipeline/run-epoch.ts";
import { ENGAGEMENT_WEIGHTS } from "../src/scoring/weights.ts";
import {
  creatorAccount,
  deployEpochContracts,
  deployGalleries,
  storeSimulatedEpoch,
} from "./support/epoch-fixture.ts";
import { startHardhatNode, type LocalChain } from "../../test/support/chain.ts";

let chain: LocalChain;
let database: Database;
before(async () => {
  chain = await startHardhatNode();
  database = await openDatabase();
});
after(async () => {
  await database.close();
  chain.stop();
});

test("an epoch runs filter → score → commit → publish → exclusions, and a re-run doubles nothing", async () => {
  const { publicClient, wallet, scoreOracle, registry, signers, excluded } =
    await deployEpochContracts(chain, 1, 1);
  // Inputs: a simulated day of submissions (every abuse kind) and views of 3 creators' NFTs.
  const galleries = await deployGalleries(chain, ["a", "b", "c"].map(creatorAccount), 6);
  const sim = await storeSimulatedEpoch(
    database,
    1n,
    { seed: 7, users: 60, abuse: 0.15 },
    galleries,
  );

  const deps = {
    database,
    chain: { publicClient, wallet },
    signers,
    contracts: { scoreOracle, registry, galleries: galleries.collection },
    store: new DatasetStore(await mkdtemp(path.join(os.tmpdir(), "mesi-epoch-"))),
    weights: ENGAGEMENT_WEIGHTS,
    saltSecret: keccak256(toHex("salt secret")),
    datasetBaseUri: "http://127.0.0.1:8787/v1/datasets/",
  };
  const first = await runEpoch(1n, deps);
  for (const k of ["TQS", "USER", "NFT", "GALLERY"] as const)
    assert.equal(first.publications[k].status, "published", k);
  assert.equal(first.engagement.leaves.GALLERY, 3);
  assert.ok((first.flags["near-duplicate@2"] ?? 0) > 0);
  const info = await publicClient.readContract({
    address: scoreOracle,
    abi: scoreOracleAbi,
    functionName: "epochInfo",
    args: [ScoreKind.GALLERY, 1n],
  });
  assert.equal(info.root, first.engagement.roots.GALLERY);
  assert.equal(info.datasetHash, first.engagement.datasetHash);

  // Copy-pasters, bots and uploaders fell below the TQS threshold and are excluded on chain.
  const copyPasters = [...sim.labels]
    .filter(([, b]) => ["paraphraser", "classic-bot", "sustained-uploader"].includes(b))
    .map(([a]) => a as Address);
  assert.ok(first.exclusionTxs > 0);
  for (const a of copyPasters) assert.equal(await excluded(a), true, `${a} excluded`);
  const honest = [...sim.labels].find(([, b]) => b === "honest")![0] as Address;
  assert.equal(await excluded(honest), false);

  // A restart runs the epoch again: same dataset and root, nothing sent twice.
  const again = await runEpoch(1n, deps);
  assert.deepEqual(again.publications.GALLERY, { status: "already-published" });
  assert.deepEqual(again.publications.TQS, { status: "already-published" });
  assert.equal(again.exclusionTxs, 0);
  assert.deepEqual(again.engagement.roots, first.engagement.roots);
  assert.equal(again.tqs.root, first.tqs.root);
  assert.equal(again.engagement.datasetHash, first.engagement.datasetHash);
});
