// The oracle's revenue pool job on a real Hardhat node with the real ScoreOracle and
// RevenueDistributor: nothing opens while the GALLERY epoch is inside its challenge window or
// while no $MESI is pending; once both hold, the newest final epoch gets a pool of everything
// pending, with the sum of its published Gallery Scores, exactly once (a second pass and a
// restart send nothing); a creator claims its share with the proof from the published dataset.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { keccak256, parseEther, toHex, type Hex } from "viem";
import { accountSubject, mesiTokenAbi, revenueDistributorAbi, vestingVaultAbi } from "@mesi/abi";
import { openDatabase } from "../src/db/database.ts";
import { DatasetStore } from "../src/dataset/store.ts";
import { leafLinesOf, parseLines } from "../src/dataset/lines.ts";
import { runEpoch } from "../src/pipeline/run-epoch.ts";
import { runPoolJob } from "../src/pipeline/revenue-pools.ts";
import { ProofService } from "../src/dataset/proofs.ts";
import { ENGAGEMENT_WEIGHTS } from "../src/scoring/weights.ts";
import { startHardhatNode, type LocalChain } from "../../test/support/chain.ts";
import {
  creatorAccount,
  deployEpochContracts,
  deployGalleries,
  passChallengeWindow,
  storeSimulatedEpoch,
} from "./support/epoch-fixture.ts";

let chain: LocalChain;
before(async () => {
  chain = await startHardhatNode();
});
after(() => chain.stop());

test("a final GALLERY epoch gets a pool of what is pending, once; its creators claim by Gallery Score", async () => {
  const c = await deployEpochContracts(chain, 1, 1);
  const { publicClient, wallet, send, deploy, scoreOracle, registry } = c;
  const admin = c.accounts[0]!.address;
  const creators = ["ana", "ben"].map(creatorAccount);
  const galleries = await deployGalleries(chain, creators, 4);
  const token = await deploy("core/MesiToken.sol", "MesiToken", mesiTokenAbi, [
    admin,
    parseEther("1000000"),
  ]);
  const vault = await deploy("economy/VestingVault.sol", "VestingVault", vestingVaultAbi, [
    admin,
    token,
    registry,
    admin,
  ]);
  const distributor = await deploy(
    "economy/RevenueDistributor.sol",
    "RevenueDistributor",
    revenueDistributorAbi,
    [admin, token, scoreOracle, vault, parseEther("1000000"), 0, 86_400, 30 * 86_400],
  );
  await send(
    wallet.writeContract({
      address: distributor,
      abi: revenueDistributorAbi,
      functionName: "grantRole",
      args: [keccak256(toHex("ORACLE_ROLE")), admin],
    }),
  );

  const database = await openDatabase({
    dataDir: await mkdtemp(path.join(os.tmpdir(), "mesi-pools-")),
  });
  try {
    const store = new DatasetStore(await mkdtemp(path.join(os.tmpdir(), "mesi-pools-data-")));
    await storeSimulatedEpoch(database, 1n, { seed: 3, users: 30, abuse: 0 }, galleries);
    const epoch = await runEpoch(1n, {
      database,
      chain: { publicClient, wallet },
      signers: c.signers,
      contracts: { scoreOracle, registry, galleries: galleries.collection },
      store,
      weights: ENGAGEMENT_WEIGHTS,
      saltSecret: keccak256(toHex("pool salt")),
      datasetBaseUri: "http://127.0.0.1:8787/v1/datasets/",
    });
    const deps = {
      db: database.db,
      chain: { publicClient, wallet },
      contracts: { scoreOracle, distributor },
    };
    const pool = () =>
      publicClient.readContract({
        address: distributor,
        abi: revenueDistributorAbi,
        functionName: "pool",
        args: [1n],
      });

    assert.deepEqual(await runPoolJob(deps), { action: "no final epoch" }, "inside the window");
    await passChallengeWindow(chain);
    assert.deepEqual(await runPoolJob(deps), { action: "no funds", epoch: "1" });
    assert.equal((await pool()).expiresAt, 0, "nothing opened without funds");

    // The treasury funds the distributor: the next pass opens epoch 1's pool with all of it.
    const funds = parseEther("900");
    for (const [functionName, args] of [
      ["approve", [distributor, funds]],
      ["fund", [funds]],
    ] as const)
      await send(
        wallet.writeContract({
          address: functionName === "approve" ? token : distributor,
          abi: functionName === "approve" ? mesiTokenAbi : revenueDistributorAbi,
          functionName,
          args,
        } as never),
      );
    const lines = parseLines((await store.get(epoch.engagement.datasetHash))!);
    const gallery = leafLinesOf(lines, "GALLERY");
    const total = gallery.reduce((s, l) => s + BigInt(l.score), 0n);
    const opened = await runPoolJob(deps);
    assert.deepEqual(opened, {
      action: "opened",
      epoch: "1",
      amount: funds.toString(),
      totalScore: total.toString(),
    });
    assert.deepEqual(await runPoolJob(deps), { action: "open", epoch: "1", pending: "0" });

    // A creator claims its share with its proof.
    const ana = creators[0]!;
    const proof = await new ProofService(database.db, store).proof(
      "GALLERY",
      1n,
      accountSubject(ana.address),
    );
    assert.ok(!("missing" in proof), "ana has a Gallery Score");
    const walletOf = c.walletFor(ana);
    await send(
      walletOf.writeContract({
        address: distributor,
        abi: revenueDistributorAbi,
        functionName: "claim",
        args: [1n, BigInt(proof.score), proof.salt as Hex, proof.proof as Hex[]],
      }),
    );
    const paid = await publicClient.readContract({
      address: token,
      abi: mesiTokenAbi,
      functionName: "balanceOf",
      args: [ana.address],
    });
    assert.equal(paid, (funds * BigInt(proof.score)) / total);

    // Epochs 2 and 3 final; 3 pooled by someone else (another oracle key) and its scores not
    // in this database: pools only move forward, so the job skips its own epoch 2 (final, no
    // pool) instead of sending an openPool that would revert on every pass.
    for (const e of [2n, 3n]) {
      await storeSimulatedEpoch(database, e, { seed: 3, users: 30, abuse: 0 }, galleries);
      await runEpoch(e, {
        database,
        chain: { publicClient, wallet },
        signers: c.signers,
        contracts: { scoreOracle, registry, galleries: galleries.collection },
        store,
        weights: ENGAGEMENT_WEIGHTS,
        saltSecret: keccak256(toHex("pool salt")),
        datasetBaseUri: "http://127.0.0.1:8787/v1/datasets/",
      });
    }
    await passChallengeWindow(chain);
    await database.db.deleteFrom("gallery_scores").where("epoch", "=", "3").execute();
    for (const [functionName, args] of [
      ["approve", [distributor, funds]],
      ["fund", [funds / 2n]],
      ["openPool", [3n]],
      ["fund", [funds / 2n]],
    ] as const)
      await send(
        wallet.writeContract({
          address: functionName === "approve" ? token : distributor,
          abi: functionName === "approve" ? mesiTokenAbi : revenueDistributorAbi,
          functionName,
          args,
        } as never),
      );
    const sent = await publicClient.getTransactionCount({ address: admin });
    assert.deepEqual(await runPoolJob(deps), { action: "behind", epoch: "2", lastPooled: "3" });
    assert.equal(await publicClient.getTransactionCount({ address: admin }), sent, "nothing sent");
  } finally {
    await database.close();
  }
});
