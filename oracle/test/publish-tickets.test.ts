// On a real Hardhat node: completions, verdicts and exclusions are published in batches, and
// a second run (a restart) sends nothing twice.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { keccak256, toHex, zeroHash, type Abi } from "viem";
import {
  ScoreKind,
  ZERO_SALT,
  accountSubject,
  campaignManagerAbi,
  commitRevealRandomnessAbi,
  participantRegistryAbi,
  scoreOracleAbi,
  ticketAbi,
} from "@mesi/abi";
import { buildScoreTree } from "../src/merkle/score-tree.ts";
import { publishEpoch } from "../src/publish/publish-epoch.ts";
import {
  completionsWait,
  publishCompletions,
  publishExclusions,
  publishVerdicts,
} from "../src/publish/tickets.ts";
import { connect, startHardhatNode, type LocalChain } from "../../test/support/chain.ts";
import { CHALLENGE_WINDOW, passChallengeWindow } from "./support/epoch-fixture.ts";

const role = (name: string) => keccak256(toHex(name));
let chain: LocalChain;
before(async () => {
  chain = await startHardhatNode();
});
after(() => chain.stop());

test("completions, verdicts and exclusions go out once, however often the oracle runs", async () => {
  const { accounts: dev, publicClient, wallet, walletFor, send, deploy } = connect(chain);
  const [admin, ...userAccounts] = dev;
  const users = userAccounts.slice(0, 3);

  const a = admin!.address;
  const registry = await deploy(
    "core/ParticipantRegistry.sol",
    "ParticipantRegistry",
    participantRegistryAbi,
    [a],
  );
  const oracle = await deploy("core/ScoreOracle.sol", "ScoreOracle", scoreOracleAbi, [
    a,
    1,
    CHALLENGE_WINDOW,
  ]);
  const randomness = await deploy(
    "core/CommitRevealRandomness.sol",
    "CommitRevealRandomness",
    commitRevealRandomnessAbi,
    [a],
  );
  const ticket = await deploy("core/Ticket.sol", "Ticket", ticketAbi, [a, a, 500n]);
  const manager = await deploy("core/CampaignManager.sol", "CampaignManager", campaignManagerAbi, [
    a,
    registry,
    oracle,
    randomness,
    ticket,
  ]);
  for (const [address, abi, r, who] of [
    [registry, participantRegistryAbi, "KYC_ATTESTOR_ROLE", a],
    [registry, participantRegistryAbi, "ORACLE_ROLE", a],
    [oracle, scoreOracleAbi, "ORACLE_SIGNER_ROLE", a],
    [ticket, ticketAbi, "MINTER_ROLE", manager],
    [manager, campaignManagerAbi, "CAMPAIGN_MANAGER_ROLE", a],
    [manager, campaignManagerAbi, "ORACLE_ROLE", a],
  ] as const) {
    await send(
      wallet.writeContract({
        address,
        abi: abi as Abi,
        functionName: "grantRole",
        args: [role(r), who],
      }),
    );
  }

  const chainId = BigInt(await publicClient.getChainId());
  const leaves = users.map((u) => ({
    chainId,
    scoreOracle: oracle,
    kind: ScoreKind.TQS,
    epoch: 1n,
    subject: accountSubject(u.address),
    score: 7000n,
    salt: ZERO_SALT,
  }));
  const tree = buildScoreTree(leaves);
  await publishEpoch({
    publicClient,
    relayer: wallet,
    signers: [admin!],
    scoreOracle: oracle,
    commitment: {
      kind: ScoreKind.TQS,
      epoch: 1n,
      root: tree.root,
      datasetHash: zeroHash,
      datasetURI: "mesi://tqs/1",
      leafCount: 3n,
      totalScore: leaves.reduce((t, l) => t + l.score, 0n),
      summaryKeys: [],
      summaryValues: [],
    },
  });
  await passChallengeWindow(chain);
  await send(
    wallet.writeContract({
      address: oracle,
      abi: scoreOracleAbi,
      functionName: "finalize",
      args: [ScoreKind.TQS, 1n],
    }),
  );
  const now = Number((await publicClient.getBlock()).timestamp);
  const config = {
    metadataURI: "ipfs://c",
    requiredScopes: 1,
    minTqs: 0,
    capacity: 3,
    joinCap: 3,
    joinStart: now,
    joinEnd: now + 3_600,
    taskEnd: now + 7_200,
    qualityEnd: now + 10_800,
    drawAt: now + 14_400,
  };
  await send(
    wallet.writeContract({
      address: manager,
      abi: campaignManagerAbi,
      functionName: "createCampaign",
      args: [config, []],
    }),
  );
  for (const [i, u] of users.entries()) {
    const w = walletFor(u);
    await send(
      w.writeContract({
        address: registry,
        abi: participantRegistryAbi,
        functionName: "optIn",
        args: [1, role("policy")],
      }),
    );
    await send(
      wallet.writeContract({
        address: registry,
        abi: participantRegistryAbi,
        functionName: "attestKyc",
        args: [u.address, now + 86_400, zeroHash],
      }),
    );
    await send(
      w.writeContract({
        address: manager,
        abi: campaignManagerAbi,
        functionName: "join",
        args: [1n, 7000n, tree.proof(i)],
      }),
    );
  }

  const c = { publicClient, wallet };
  const accounts = users.map((u) => u.address);
  assert.equal((await publishCompletions(c, manager, 1n, accounts)).length, 1);
  assert.equal(
    (await publishCompletions(c, manager, 1n, accounts)).length,
    0,
    "a re-run sends nothing",
  );
  for (const u of users)
    assert.equal(
      await publicClient.readContract({
        address: ticket,
        abi: ticketAbi,
        functionName: "balanceOf",
        args: [u.address],
      }),
      1n,
    );

  const verdicts = { activate: [1n, 2n], void: [3n] };
  assert.equal((await publishVerdicts(c, manager, ticket, 1n, verdicts)).length, 2);
  assert.equal((await publishVerdicts(c, manager, ticket, 1n, verdicts)).length, 0, "never twice");
  const states = await Promise.all(
    [1n, 2n, 3n].map((id) =>
      publicClient.readContract({
        address: ticket,
        abi: ticketAbi,
        functionName: "stateOf",
        args: [id],
      }),
    ),
  );
  assert.deepEqual(states, [2, 2, 3]);

  const reason = role("trust-decay");
  assert.equal((await publishExclusions(c, registry, [accounts[2]!], true, reason)).length, 1);
  assert.equal((await publishExclusions(c, registry, [accounts[2]!], true, reason)).length, 0);
  const p = await publicClient.readContract({
    address: registry,
    abi: participantRegistryAbi,
    functionName: "participant",
    args: [accounts[2]!],
  });
  assert.equal(p.excluded, true);
});

test("completions wait for the selected group: enrolment open over capacity, then the selection", () => {
  const c = { capacity: 2, joinCap: 5, joinEnd: 1_000n, joined: 1, selected: 0 };
  assert.equal(completionsWait(c, 999n), "enrolment open", "joins could still exceed capacity");
  assert.equal(completionsWait({ ...c, joinCap: 2 }, 999n), undefined, "joinCap = capacity");
  assert.equal(completionsWait(c, 1_000n), undefined, "closed under capacity: everyone selected");
  assert.equal(completionsWait({ ...c, joined: 5 }, 1_000n), "selection not drawn");
  assert.equal(completionsWait({ ...c, joined: 5, selected: 1 }, 1_000n), "selection not drawn");
  assert.equal(completionsWait({ ...c, joined: 5, selected: 2 }, 1_000n), undefined);
});
