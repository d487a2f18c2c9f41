// End to end on a real Hardhat node: ingest over the API, score, publish to ScoreOracle with
// 2-of-3 signatures, then the auditor's `verify` recomputes the epoch from the dataset.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { keccak256, toHex } from "viem";
import { ScoreKind, scoreOracleAbi } from "@mesi/abi";
import { openDatabase, type Database } from "../src/db/database.ts";
import { createApp } from "../src/server/app.ts";
import {
  buildGalleryDataset,
  datasetHash,
  leavesOf,
  parseDataset,
  serializeDataset,
} from "../src/dataset/gallery-dataset.ts";
import { buildScoreTree } from "../src/merkle/score-tree.ts";
import { publishEpoch } from "../src/publish/publish-epoch.ts";
import { verifyGalleryDataset } from "../src/verify/verify-gallery.ts";
import { ENGAGEMENT_WEIGHTS_V1 } from "../src/scoring/weights.ts";
import { CLIENT, post } from "./support/client.ts";
import { connect, startHardhatNode, type LocalChain } from "./support/chain.ts";

const run = promisify(execFile);
const SIGNER_ROLE = keccak256(toHex("ORACLE_SIGNER_ROLE"));
const CREATORS = [
  "0x00000000000000000000000000000000000000c1",
  "0x00000000000000000000000000000000000000c2",
];
const NFT = "0x00000000000000000000000000000000000000e1";

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

test("a GALLERY epoch is ingested, scored, published with 2-of-3 signatures and verified by the CLI", async () => {
  const { accounts, publicClient, wallet, send, deploy } = connect(chain);
  const [admin, s1, s2] = accounts;
  const scoreOracle = await deploy("core/ScoreOracle.sol", "ScoreOracle", scoreOracleAbi, [
    admin!.address,
    2,
    0,
  ]);

  for (const s of [s1!, s2!]) {
    await send(
      wallet.writeContract({
        address: scoreOracle,
        abi: scoreOracleAbi,
        functionName: "grantRole",
        args: [SIGNER_ROLE, s.address],
      }),
    );
  }

  // Ingest: fans view two creators' NFTs and one creator's profile.
  const app = createApp({ database, clients: [CLIENT], currentEpoch: () => 1n });
  const fetcher = (p: string, init: RequestInit) => Promise.resolve(app.request(p, init));
  const events = Array.from({ length: 40 }, (_, i) => ({
    id: `e2e-${i}`,
    kind: i % 5 === 0 ? "like" : "view",
    actor: `0x${(0xf0 + (i % 7)).toString(16).padStart(40, "0")}`,
    collection: NFT,
    tokenId: String(i % 4),
    creator: CREATORS[i % 2],
    durationMs: i % 5 === 0 ? 0 : 30_000 * (1 + (i % 3)),
    occurredAt: "2026-11-24T10:00:00Z",
  }));
  assert.equal((await post(fetcher, "/v1/events", { events })).status, 201);

  const chainId = BigInt(await publicClient.getChainId());
  const lines = await buildGalleryDataset(database.db, {
    epoch: 1n,
    chainId,
    scoreOracle,
    weights: ENGAGEMENT_WEIGHTS_V1,
    saltSecret: keccak256(toHex("oracle salt secret")),
  });
  const text = serializeDataset(lines);
  const tree = buildScoreTree(leavesOf(lines));
  const commitment = {
    kind: ScoreKind.GALLERY,
    epoch: 1n,
    root: tree.root,
    datasetHash: datasetHash(text),
    datasetURI: `mesi://datasets/${datasetHash(text)}`,
    leafCount: BigInt(leavesOf(lines).length),
    summaryKeys: [],
    summaryValues: [],
  };
  const args = { publicClient, relayer: wallet, signers: [s2!, s1!], scoreOracle, commitment };
  assert.equal((await publishEpoch(args)).status, "published");
  // A restart re-running the publication sends nothing twice.
  assert.deepEqual(await publishEpoch(args), { status: "already-published" });
  await assert.rejects(
    publishEpoch({ ...args, commitment: { ...commitment, root: keccak256(toHex("other")) } }),
    /on chain with root/,
  );
  const h = await wallet.writeContract({
    address: scoreOracle,
    abi: scoreOracleAbi,
    functionName: "finalize",
    args: [ScoreKind.GALLERY, 1n],
  });
  await publicClient.waitForTransactionReceipt({ hash: h });

  // A creator's proof verifies on chain.
  const leaf = leavesOf(lines)[0]!;
  assert.equal(
    await publicClient.readContract({
      address: scoreOracle,
      abi: scoreOracleAbi,
      functionName: "verifyScore",
      args: [leaf.kind, leaf.epoch, leaf.subject, leaf.score, leaf.salt, tree.proof(0)],
    }),
    true,
  );

  // The auditor: the function, then the CLI on the dataset file.
  const report = await verifyGalleryDataset(parseDataset(text), tree.root);
  assert.equal(report.ok, true, JSON.stringify(report.mismatches));
  const dir = await mkdtemp(path.join(os.tmpdir(), "mesi-dataset-"));
  const file = path.join(dir, "gallery-1.jsonl");
  await writeFile(file, text);
  const cli = path.resolve(import.meta.dirname, "..", "src", "cli", "main.ts");
  const ok = await run(process.execPath, [
    cli,
    "verify",
    "--dataset",
    file,
    "--score-oracle",
    scoreOracle,
    "--rpc",
    chain.url,
  ]);
  assert.match(ok.stdout, /PASS/);

  // `prove` prints a proof that ScoreOracle accepts.
  const proved = JSON.parse(
    (await run(process.execPath, [cli, "prove", "--dataset", file, "--creator", CREATORS[1]!]))
      .stdout,
  ) as {
    subject: `0x${string}`;
    score: string;
    salt: `0x${string}`;
    proof: `0x${string}`[];
  };
  assert.equal(
    await publicClient.readContract({
      address: scoreOracle,
      abi: scoreOracleAbi,
      functionName: "verifyScore",
      args: [
        ScoreKind.GALLERY,
        1n,
        proved.subject,
        BigInt(proved.score),
        proved.salt,
        proved.proof,
      ],
    }),
    true,
  );

  // A dataset whose inputs were altered after publication fails.
  const tampered = text.replace('"durationMs":"30000"', '"durationMs":"3000000"');
  assert.notEqual(tampered, text);
  await writeFile(file, tampered);
  await assert.rejects(
    run(process.execPath, [
      cli,
      "verify",
      "--dataset",
      file,
      "--score-oracle",
      scoreOracle,
      "--rpc",
      chain.url,
    ]),
    (err: { code?: number; stdout?: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stdout ?? "", /FAIL/);
      return true;
    },
  );
});
