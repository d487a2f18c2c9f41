// The oracle's seed job on a real Hardhat node with the real CommitRevealRandomness,
// CampaignManager and PrizeDraw: nothing is committed before a draw closes; after it closes the
// job commits once and reveals after the entropy block, even when it is SIGKILLed with the
// commit still in flight and again between commit and reveal; the draw then resolves with that
// seed. A reveal missed past its 200-block window is settled as a fault, so the draw still runs;
// one nobody settled within 8,191 blocks fails, and its draw is abandoned without a retry loop.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getAbiItem, keccak256, toHex, type AbiEvent, type Hex } from "viem";
import {
  campaignManagerAbi,
  commitRevealRandomnessAbi,
  mesiTokenAbi,
  prizeDrawAbi,
  ticketAbi,
} from "@mesi/abi";
import { openDatabase } from "../src/db/database.ts";
import { seedCommitment, seedKey, seedSecret } from "../src/pipeline/seeds.ts";
import { DEV_KEYS, startHardhatNode, type LocalChain } from "../../test/support/chain.ts";
import { rpc as rpcAt, runOracleCli, type LogLine } from "./support/epoch-cli.ts";
import { deployEpochContracts } from "./support/epoch-fixture.ts";

const SALT = keccak256(toHex("seed job salt"));
const role = (name: string) => keccak256(toHex(name));

let chain: LocalChain;
before(async () => {
  chain = await startHardhatNode();
});
after(() => chain.stop());

const rpc = (method: string, params: unknown[] = []) => rpcAt(chain.url, method, params);

async function deploySeedContracts() {
  const c = await deployEpochContracts(chain, 1, 1);
  const { send, deploy, wallet, scoreOracle, registry } = c;
  const admin = c.accounts[0]!.address;
  const randomness = await deploy(
    "core/CommitRevealRandomness.sol",
    "CommitRevealRandomness",
    commitRevealRandomnessAbi,
    [admin],
  );
  const token = await deploy("core/MesiToken.sol", "MesiToken", mesiTokenAbi, [admin, 10n ** 24n]);
  const ticket = await deploy("core/Ticket.sol", "Ticket", ticketAbi, [admin, admin, 500]);
  const campaigns = await deploy(
    "core/CampaignManager.sol",
    "CampaignManager",
    campaignManagerAbi,
    [admin, registry, scoreOracle, randomness, ticket],
  );
  // The draw's vault and revenue pool are never touched by a draw without entries.
  const prizeDraw = await deploy("economy/PrizeDraw.sol", "PrizeDraw", prizeDrawAbi, [
    admin,
    token,
    campaigns,
    ticket,
    scoreOracle,
    randomness,
    admin,
    admin,
    30 * 86_400,
  ]);
  await send(
    wallet.writeContract({
      address: randomness,
      abi: commitRevealRandomnessAbi,
      functionName: "grantRole",
      args: [role("ORACLE_ROLE"), admin],
    }),
  );
  await send(
    wallet.writeContract({
      address: campaigns,
      abi: campaignManagerAbi,
      functionName: "grantRole",
      args: [role("CAMPAIGN_MANAGER_ROLE"), admin],
    }),
  );
  /** A campaign whose draw is `drawIn` seconds from the node's now. */
  const createCampaign = async (drawIn: number): Promise<bigint> => {
    const now = Number((await c.publicClient.getBlock()).timestamp);
    await send(
      wallet.writeContract({
        address: campaigns,
        abi: campaignManagerAbi,
        functionName: "createCampaign",
        args: [
          {
            metadataURI: "ipfs://campaign",
            requiredScopes: 1,
            minTqs: 0,
            capacity: 10,
            joinCap: 10,
            joinStart: now,
            joinEnd: now + 60,
            taskEnd: now + 120,
            qualityEnd: now + 180,
            drawAt: now + drawIn,
          },
          [],
        ],
      }),
    );
    return c.publicClient.readContract({
      address: campaigns,
      abi: campaignManagerAbi,
      functionName: "campaignCount",
    });
  };
  return { ...c, randomness, campaigns, prizeDraw, createCampaign };
}

test("the seed job commits after the draw closes and reveals after the entropy block, across crashes; a missed reveal is settled as a fault", async () => {
  const c = await deploySeedContracts();
  const { publicClient, randomness, prizeDraw } = c;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mesi-seeds-"));
  const env = {
    ORACLE_DATA_DIR: dataDir,
    RPC_URL: chain.url,
    ORACLE_SIGNER_KEYS: DEV_KEYS[1]!,
    ORACLE_RELAYER_KEY: DEV_KEYS[0]!,
    ORACLE_SALT_SECRET: SALT,
    MESI_SCORE_ORACLE: c.scoreOracle,
    MESI_REGISTRY: c.registry,
    MESI_CAMPAIGN_MANAGER: c.campaigns,
    MESI_PRIZE_DRAW: prizeDraw,
    ORACLE_SEED_TICK_MS: "200",
  };
  const chainId = BigInt(await publicClient.getChainId());
  const drawKeyOf = (id: bigint) => seedKey(chainId, prizeDraw, id, "draw");
  const events = async (
    name: "SeedCommitted" | "SeedRevealed" | "RevealMissed" | "SeedFailed",
    key: Hex,
  ) =>
    (
      await publicClient.getLogs({
        address: randomness,
        event: getAbiItem({ abi: commitRevealRandomnessAbi, name }) as AbiEvent,
        fromBlock: 0n,
      })
    )
      .map((l) => l.args as Record<string, unknown>)
      .filter((a) => a.key === key);
  const once = async () => {
    const run = runOracleCli(["seeds", "--once"], env);
    const r = await run.done;
    assert.equal(r.code, 0, r.stderr);
    return run.lines.find((l) => l.msg === "seed pass")!;
  };
  const sent = (step: string) => (l: LogLine) => l.msg === "tx sent" && l.step === step;

  const id = await c.createCampaign(600);
  const key = drawKeyOf(id);
  assert.equal(
    key,
    await publicClient.readContract({
      address: prizeDraw,
      abi: prizeDrawAbi,
      functionName: "drawKey",
      args: [id],
    }),
    "the job computes the consumer's own key",
  );

  // Before the draw time nothing is due: a seed committed now would be refused by the draw.
  assert.equal((await once()).due, 0);
  assert.equal((await events("SeedCommitted", key)).length, 0);

  await rpc("evm_increaseTime", [601]);
  await rpc("evm_mine");

  // Crash 1: the commit is sent but not mined when the process dies.
  await rpc("evm_setAutomine", [false]);
  const first = runOracleCli(["seeds"], env, sent(`seed:commit:draw:${id}`));
  assert.equal((await first.done).signal, "SIGKILL");
  const pending = first.lines.find(sent(`seed:commit:draw:${id}`))!.tx as Hex;

  // Crash 2: the restart waits for the commit in flight, then dies before revealing (the entropy
  // block does not exist yet: nothing is mined after the commit).
  const second = runOracleCli(["seeds"], env, (l) => l.msg === "tx settled" && l.tx === pending);
  await second.waitFor((l) => l.msg === "seed job on", "it started");
  await rpc("evm_setAutomine", [true]);
  await rpc("evm_mine");
  assert.equal((await second.done).signal, "SIGKILL", JSON.stringify(second.lines.slice(-5)));
  const [committed] = await events("SeedCommitted", key);
  assert.ok(committed, "committed once the set had closed");
  assert.equal(committed.commitment, seedCommitment(seedSecret(SALT, key)));
  assert.equal((await events("SeedRevealed", key)).length, 0, "not revealed yet");

  // The entropy block comes; the restarted job reveals the secret it derives again.
  await rpc("evm_mine");
  const third = runOracleCli(["seeds"], env);
  await third.waitFor((l) => l.msg === "seed revealed" && l.key === key, "the reveal");
  third.stop();
  assert.equal((await third.done).code, 0);

  assert.equal((await events("SeedCommitted", key)).length, 1, "one commit across three runs");
  const revealed = await events("SeedRevealed", key);
  assert.equal(revealed.length, 1);
  assert.equal(revealed[0]!.secret, seedSecret(SALT, key));

  // Anyone can now draw with that seed.
  await c.send(
    c.wallet.writeContract({
      address: prizeDraw,
      abi: prizeDrawAbi,
      functionName: "draw",
      args: [id, 10n],
    }),
  );
  const resolved = await publicClient.getLogs({
    address: prizeDraw,
    event: getAbiItem({ abi: prizeDrawAbi, name: "DrawResolved" }),
    args: { campaignId: id },
    fromBlock: 0n,
  });
  assert.equal(resolved[0]?.args.seed, revealed[0]!.seed);

  // A resolved draw is not touched again.
  assert.equal((await once()).due, 0);

  // A second draw: committed, then the oracle is away for more than the 200-block window.
  const late = await c.createCampaign(300);
  const lateKey = drawKeyOf(late);
  await rpc("evm_increaseTime", [301]);
  await rpc("evm_mine");
  assert.deepEqual((await once()).actions, { committed: 1 });
  await rpc("hardhat_mine", [toHex(210)]);
  assert.deepEqual((await once()).actions, { missed: 1 });
  assert.equal((await events("SeedRevealed", lateKey)).length, 0);
  const [missed] = await events("RevealMissed", lateKey);
  assert.ok(missed, "the missed reveal is a recorded fault with its fallback seed");
  await c.send(
    c.wallet.writeContract({
      address: prizeDraw,
      abi: prizeDrawAbi,
      functionName: "draw",
      args: [late, 10n],
    }),
  );

  // A third draw whose fallback nobody settles in time (issue 19, point 4): while the chain
  // cannot give the fallback block's hash (Hardhat's node has no EIP-2935 history) the job sends
  // nothing and waits; past 8,191 blocks it marks the seed failed, abandons the draw, and never
  // tries the key again.
  const failed = await c.createCampaign(300);
  const failedKey = drawKeyOf(failed);
  await rpc("evm_increaseTime", [301]);
  await rpc("evm_mine");
  assert.deepEqual((await once()).actions, { committed: 1 });
  await rpc("hardhat_mine", [toHex(500)]);
  assert.deepEqual((await once()).actions, { waiting: 1 }, "no reverting settlement is sent");
  await rpc("hardhat_mine", [toHex(8191)]);
  assert.deepEqual((await once()).actions, { failed: 1 });
  const [failure] = await events("SeedFailed", failedKey);
  assert.ok(failure, "the failure is public");
  assert.equal((await events("RevealMissed", failedKey)).length, 0, "no fallback seed");
  const abandoned = await publicClient.getLogs({
    address: prizeDraw,
    event: getAbiItem({ abi: prizeDrawAbi, name: "DrawAbandoned" }),
    args: { campaignId: failed },
    fromBlock: 0n,
  });
  assert.equal(abandoned.length, 1, "the failed draw is abandoned at once");
  assert.equal((await once()).due, 0, "a failed seed is not tried again");

  // The journal and the record: every transaction confirmed, none reverted or doubled.
  const database = await openDatabase({ dataDir });
  try {
    const journal = await database.db
      .selectFrom("publication_journal")
      .select(["step", "status"])
      .orderBy("id")
      .execute();
    assert.deepEqual(
      journal.map((r) => `${r.step} ${r.status}`),
      [
        `seed:commit:draw:${id} confirmed`,
        `seed:reveal:draw:${id} confirmed`,
        `seed:commit:draw:${late} confirmed`,
        `seed:missed:draw:${late} confirmed`,
        `seed:commit:draw:${failed} confirmed`,
        `seed:missed:draw:${failed} confirmed`,
        `seed:abandon:draw:${failed} confirmed`,
      ],
    );
    const seeds = await database.db
      .selectFrom("randomness_seeds")
      .select(["key", "purpose", "outcome", "seed"])
      .orderBy("campaign_id")
      .execute();
    assert.deepEqual(seeds, [
      { key, purpose: "draw", outcome: "revealed", seed: revealed[0]!.seed },
      { key: lateKey, purpose: "draw", outcome: "missed", seed: missed.seed },
      { key: failedKey, purpose: "draw", outcome: "failed", seed: null },
    ]);
  } finally {
    await database.close();
  }
});
