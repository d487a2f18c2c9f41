// SIGKILL the oracle's `epoch` command during publication — once with a commitment sent but
// not yet mined, once in the middle of the exclusions — and restart it on the same database:
// every commitment lands exactly once, every exclusion once, and the roots are the ones an
// uninterrupted computation of the same inputs gives.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getAbiItem, keccak256, toHex, type Address, type Hex } from "viem";
import { ScoreKind, participantRegistryAbi, scoreOracleAbi } from "@mesi/abi";
import { openDatabase, type Database } from "../src/db/database.ts";
import { runQualityFilters } from "../src/quality/run.ts";
import { minhashKey } from "../src/quality/features.ts";
import { computeTqs } from "../src/scoring/tqs.ts";
import { buildTqsDataset } from "../src/dataset/tqs-dataset.ts";
import { buildEngagementDataset } from "../src/dataset/engagement-dataset.ts";
import { leavesOf, type KindName } from "../src/dataset/lines.ts";
import { buildScoreTree } from "../src/merkle/score-tree.ts";
import { GENESIS_HASH } from "../src/review/audit-log.ts";
import { ENGAGEMENT_WEIGHTS } from "../src/scoring/weights.ts";
import { DEV_KEYS, startHardhatNode, type LocalChain } from "../../test/support/chain.ts";
import {
  creatorAccount,
  deployEpochContracts,
  deployGalleries,
  storeSimulatedEpoch,
  type Galleries,
} from "./support/epoch-fixture.ts";
import { chainGalleryReader, snapshotGalleries } from "../src/snapshot/galleries.ts";
import { rpc as rpcAt, runEpochCli } from "./support/epoch-cli.ts";
import { wordnetLexicon } from "../src/quality/text/wordnet.ts";

const SALT = keccak256(toHex("crash salt"));

let chain: LocalChain;
before(async () => {
  chain = await startHardhatNode();
});
after(() => chain.stop());

const ingest = (database: Database, galleries: Galleries) =>
  storeSimulatedEpoch(database, 1n, { seed: 5, users: 60, abuse: 0.15 }, galleries);

const rpc = (method: string, params: unknown[] = []) => rpcAt(chain.url, method, params);

test("a SIGKILL during publication neither loses nor doubles a commitment or an exclusion, and the roots are unchanged", async () => {
  const { publicClient, scoreOracle, registry } = await deployEpochContracts(chain, 2, 2);
  const galleries = await deployGalleries(chain, ["x", "y", "z"].map(creatorAccount), 6);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mesi-crash-publish-"));
  const database = await openDatabase({ dataDir });
  await ingest(database, galleries);
  await database.close();
  const env = {
    ORACLE_DATA_DIR: dataDir,
    ORACLE_DATASET_DIR: path.join(dataDir, "datasets"),
    RPC_URL: chain.url,
    ORACLE_SIGNER_KEYS: [DEV_KEYS[1], DEV_KEYS[2]].join(","),
    ORACLE_RELAYER_KEY: DEV_KEYS[0]!,
    ORACLE_SALT_SECRET: SALT,
    MESI_SCORE_ORACLE: scoreOracle,
    MESI_REGISTRY: registry,
    MESI_GALLERY_COLLECTION: galleries.collection,
    ORACLE_PUBLIC_URL: "http://127.0.0.1:8787",
  };

  // Kill 1: the TQS commitment is sent but not mined (mining paused), the process dies.
  await rpc("evm_setAutomine", [false]);
  const first = runEpochCli(1n, env, (l) => l.msg === "tx sent" && l.step === "publish:TQS");
  const r1 = await first.done;
  assert.equal(r1.signal, "SIGKILL", r1.stderr);
  const pendingTx = first.lines.find((l) => l.msg === "tx sent")!.tx as Hex;

  // Restart while it is still pending; then mining resumes. Kill 2: in the middle of exclusions.
  const second = runEpochCli(1n, env, (l) => l.msg === "tx sent" && l.step === "exclusions:set");
  await second.waitFor((l) => l.msg === "epoch start", "it started");
  await rpc("evm_setAutomine", [true]);
  await rpc("evm_mine");
  const r2 = await second.done;
  assert.equal(r2.signal, "SIGKILL", `${r2.stderr}\n${JSON.stringify(second.lines.slice(-5))}`);
  assert.ok(
    second.lines.some((l) => l.msg === "tx settled" && l.tx === pendingTx),
    "the restart waited for the in-flight commitment",
  );

  // Restart 2 finishes.
  const third = runEpochCli(1n, env);
  const r3 = await third.done;
  assert.equal(r3.code, 0, r3.stderr);
  // And a fourth run (an operator re-running a finished epoch) sends nothing.
  const fourth = runEpochCli(1n, env);
  assert.equal((await fourth.done).code, 0);
  assert.ok(!fourth.lines.some((l) => l.msg === "tx sent"), "nothing sent on a finished epoch");

  // Each kind published exactly once.
  const published = await publicClient.getLogs({
    address: scoreOracle,
    event: getAbiItem({ abi: scoreOracleAbi, name: "EpochPublished" }),
    fromBlock: 0n,
  });
  assert.deepEqual(published.map((l) => Number(l.args.kind)).sort(), [0, 1, 2, 3]);
  // Each account excluded exactly once.
  const exclusions = await publicClient.getLogs({
    address: registry,
    event: getAbiItem({ abi: participantRegistryAbi, name: "ExclusionSet" }),
    fromBlock: 0n,
  });
  const excludedAccounts = exclusions.map((l) => l.args.account!.toLowerCase());
  assert.ok(excludedAccounts.length > 0);
  assert.equal(new Set(excludedAccounts).size, excludedAccounts.length, "no exclusion twice");

  // The roots on chain are those of an uninterrupted computation of the same inputs.
  const reference = await openDatabase();
  try {
    await ingest(reference, galleries);
    await snapshotGalleries(
      reference.db,
      chainGalleryReader(publicClient, galleries.collection),
      1n,
      galleries.collection,
    );
    const { features, gold } = await runQualityFilters(
      reference,
      1n,
      minhashKey(SALT, 1n),
      wordnetLexicon(),
    );
    await computeTqs(reference.db, 1n);
    const chainId = BigInt(await publicClient.getChainId());
    const tqs = await buildTqsDataset(reference.db, {
      epoch: 1n,
      chainId,
      scoreOracle,
      auditHead: { seq: "0", hash: GENESIS_HASH },
      features,
      gold,
    });
    const engagement = await buildEngagementDataset(reference.db, {
      epoch: 1n,
      chainId,
      scoreOracle,
      weights: ENGAGEMENT_WEIGHTS,
      galleryCollection: galleries.collection,
      saltSecret: SALT,
    });
    for (const kind of ["TQS", "USER", "NFT", "GALLERY"] as KindName[]) {
      const info = await publicClient.readContract({
        address: scoreOracle,
        abi: scoreOracleAbi,
        functionName: "epochInfo",
        args: [ScoreKind[kind], 1n],
      });
      const expected = buildScoreTree(leavesOf(kind === "TQS" ? tqs : engagement, kind)).root;
      assert.equal(info.root, expected, kind);
    }
    const excludedExpected = (
      await reference.db
        .selectFrom("tqs_scores")
        .select("account")
        .where("excluded", "=", true)
        .orderBy("account")
        .execute()
    ).map((r) => r.account);
    assert.deepEqual([...excludedAccounts].sort(), excludedExpected);
  } finally {
    await reference.close();
  }

  // The journal holds every transaction, none left in flight.
  const journal = await openDatabase({ dataDir });
  try {
    const rows = await journal.db
      .selectFrom("publication_journal")
      .select(["step", "status"])
      .orderBy("id")
      .execute();
    assert.ok(
      rows.every((r) => r.status === "confirmed"),
      JSON.stringify(rows),
    );
    assert.equal(rows.filter((r) => r.step.startsWith("publish:")).length, 4);
    for (const a of excludedAccounts as Address[]) assert.ok(a);
  } finally {
    await journal.close();
  }
});
