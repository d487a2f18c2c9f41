// The epoch pipeline end to end on a real Hardhat node: filter → score → commit → publish →
// exclusions, and a second run (a restart) that publishes nothing twice.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { keccak256, toHex, type Address } from "viem";
import { ScoreKind, participantRegistryAbi, scoreOracleAbi } from "@mesi/abi";
import { openDatabase, type Database } from "../src/db/database.ts";
import { DatasetStore } from "../src/dataset/store.ts";
import { runEpoch } from "../src/pipeline/run-epoch.ts";
import { ENGAGEMENT_WEIGHTS_V1 } from "../src/scoring/weights.ts";
import { simulate } from "../src/sim/simulate.ts";
import { payloadHash, storeEvents, storeSubmissions } from "../src/ingest/store.ts";
import { connect, startHardhatNode, type LocalChain } from "./support/chain.ts";

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
  const { accounts, publicClient, wallet, send, deploy } = connect(chain);
  const [admin, s1] = accounts;

  const scoreOracle = await deploy("core/ScoreOracle.sol", "ScoreOracle", scoreOracleAbi, [
    admin!.address,
    1,
    0,
  ]);
  const registry = await deploy(
    "core/ParticipantRegistry.sol",
    "ParticipantRegistry",
    participantRegistryAbi,
    [admin!.address],
  );
  await send(
    wallet.writeContract({
      address: scoreOracle,
      abi: scoreOracleAbi,
      functionName: "grantRole",
      args: [keccak256(toHex("ORACLE_SIGNER_ROLE")), s1!.address],
    }),
  );
  await send(
    wallet.writeContract({
      address: registry,
      abi: participantRegistryAbi,
      functionName: "grantRole",
      args: [keccak256(toHex("ORACLE_ROLE")), admin!.address],
    }),
  );

  // Inputs: a simulated day of submissions (with copy-pasters) and some gallery views.
  const sim = simulate({
    seed: 7,
    users: 60,
    bots: 0.05,
    copyPasters: 0.05,
    massUploaders: 0.05,
    start: Date.UTC(2026, 10, 23),
  });
  const subs = sim.submissions.map((s) => ({
    id: s.id,
    account: s.account,
    campaignId: 1n,
    taskId: "t",
    taskType: "prompt_answer" as const,
    answer: s.answer ?? undefined,
    startedAt: s.startedAt,
    submittedAt: s.submittedAt,
  }));
  await storeSubmissions(
    database.db,
    "sim",
    1n,
    subs.map((s) => ({ ...s, hash: payloadHash(s) })),
  );
  const events = Array.from({ length: 30 }, (_, i) => ({
    id: `v${i}`,
    kind: "view" as const,
    actor: `0x${((i % 9) + 1).toString(16).padStart(40, "0")}`,
    collection: "0x00000000000000000000000000000000000000e1",
    tokenId: BigInt(i % 6),
    creator: `0x${(0xc0 + ((i % 6) % 3)).toString(16).padStart(40, "0")}`, // an NFT belongs to one creator
    durationMs: 60_000 * (1 + (i % 4)),
    amountWei: 0n,
    occurredAt: new Date(Date.UTC(2026, 10, 23, 10)),
  }));
  await storeEvents(
    database.db,
    "sim",
    1n,
    events.map((e) => ({ ...e, hash: payloadHash(e) })),
  );

  const deps = {
    database,
    chain: { publicClient, wallet },
    signers: [s1!],
    contracts: { scoreOracle, registry },
    store: new DatasetStore(await mkdtemp(path.join(os.tmpdir(), "mesi-epoch-"))),
    weights: ENGAGEMENT_WEIGHTS_V1,
    saltSecret: keccak256(toHex("salt secret")),
    datasetBaseUri: "http://127.0.0.1:8787/v1/datasets/",
  };
  const first = await runEpoch(1n, deps);
  for (const k of ["TQS", "USER", "NFT", "GALLERY"] as const)
    assert.equal(first.publications[k].status, "published", k);
  assert.equal(first.engagement.leaves.GALLERY, 3);
  assert.ok((first.flags["near-duplicate@1"] ?? 0) > 0);
  const info = await publicClient.readContract({
    address: scoreOracle,
    abi: scoreOracleAbi,
    functionName: "epochInfo",
    args: [ScoreKind.GALLERY, 1n],
  });
  assert.equal(info.root, first.engagement.roots.GALLERY);
  assert.equal(info.datasetHash, first.engagement.datasetHash);

  // Copy-pasters fell below the TQS threshold and are excluded on chain.
  const copyPasters = [...sim.labels]
    .filter(([, b]) => b === "copy-paster")
    .map(([a]) => a as Address);
  assert.ok(first.exclusionTxs > 0);
  for (const a of copyPasters) {
    const p = await publicClient.readContract({
      address: registry,
      abi: participantRegistryAbi,
      functionName: "participant",
      args: [a],
    });
    assert.equal(p.excluded, true, `${a} excluded`);
  }
  const honest = [...sim.labels].find(([, b]) => b === "honest")![0] as Address;
  assert.equal(
    (
      await publicClient.readContract({
        address: registry,
        abi: participantRegistryAbi,
        functionName: "participant",
        args: [honest],
      })
    ).excluded,
    false,
  );

  // A restart runs the epoch again: same dataset and root, nothing sent twice.
  const again = await runEpoch(1n, deps);
  assert.deepEqual(again.publications.GALLERY, { status: "already-published" });
  assert.deepEqual(again.publications.TQS, { status: "already-published" });
  assert.equal(again.exclusionTxs, 0);
  assert.deepEqual(again.engagement.roots, first.engagement.roots);
  assert.equal(again.tqs.root, first.tqs.root);
  assert.equal(again.engagement.datasetHash, first.engagement.datasetHash);
});
