// Campaign tickets on a real Hardhat node with the real CampaignManager and Ticket: users who
// answered every registered task get a placeholder; clean work is activated, work with an
// open serious flag waits for review, and an upheld flag voids the ticket in the next epoch;
// a granted appeal of the voided ticket re-issues it on chain once, crash or not.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getAbiItem, keccak256, parseEther, toHex, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  ScoreKind,
  accountSubject,
  campaignManagerAbi,
  commitRevealRandomnessAbi,
  participantRegistryAbi,
  scoreOracleAbi,
  ticketAbi,
} from "@mesi/abi";
import { openDatabase, type Database } from "../src/db/database.ts";
import { DatasetStore } from "../src/dataset/store.ts";
import { runEpoch, type EpochDeps } from "../src/pipeline/run-epoch.ts";
import { ENGAGEMENT_WEIGHTS } from "../src/scoring/weights.ts";
import { hashed, storeSubmissions } from "../src/ingest/store.ts";
import { registerCampaignTasks } from "../src/ingest/campaigns.ts";
import { ProofService } from "../src/dataset/proofs.ts";
import { decide, fileAppeal, listItems } from "../src/review/queue.ts";
import { buildReceipt } from "../src/privacy/receipt.ts";
import { DEV_KEYS, startHardhatNode, type LocalChain } from "../../test/support/chain.ts";
import { rpc, runEpochCli } from "./support/epoch-cli.ts";
import { deployEpochContracts, passChallengeWindow } from "./support/epoch-fixture.ts";

let chain: LocalChain;
let database: Database;
let dataDir: string;
before(async () => {
  chain = await startHardhatNode();
  dataDir = await mkdtemp(path.join(os.tmpdir(), "mesi-tickets-db-"));
  database = await openDatabase({ dataDir });
});
after(async () => {
  await database.close();
  chain.stop();
});

const role = (name: string) => keccak256(toHex(name));
const keyOf = (n: string) => privateKeyToAccount(keccak256(toHex(n)));
const A = keyOf("honest");
const B = keyOf("copier");
const C = keyOf("quitter");
const ANSWERS = [
  "the quiet river at sunset reminds me of long summer evenings with my grandmother",
  "a portrait with cold blue light that feels lonely yet hopeful in the same moment",
  "bright city streets after rain make every window look like a small golden story",
];

async function submit(
  epoch: bigint,
  account: Address,
  campaignId: bigint,
  taskId: string,
  answer: string,
  minute: number,
) {
  const s = {
    id: `${account}-${campaignId}-${taskId}-${epoch}`,
    account: account.toLowerCase(),
    campaignId,
    taskId,
    taskType: "prompt_answer" as const,
    answer,
    startedAt: new Date(Date.UTC(2026, 10, 23, 9, minute)),
    submittedAt: new Date(Date.UTC(2026, 10, 23, 9, minute, 45)),
  };
  await storeSubmissions(database.db, "platform", epoch, [hashed(s)]);
}

test("completions mint placeholders; clean work is activated, flagged work waits for review, an upheld flag voids, a granted appeal re-issues", async () => {
  const c = await deployEpochContracts(chain, 1, 1);
  const { publicClient, wallet, send, deploy, walletFor, scoreOracle, registry } = c;
  const admin = c.accounts[0]!.address;
  const randomness = await deploy(
    "core/CommitRevealRandomness.sol",
    "CommitRevealRandomness",
    commitRevealRandomnessAbi,
    [admin],
  );
  const ticket = await deploy("core/Ticket.sol", "Ticket", ticketAbi, [admin, admin, 500]);
  const manager = await deploy("core/CampaignManager.sol", "CampaignManager", campaignManagerAbi, [
    admin,
    registry,
    scoreOracle,
    randomness,
    ticket,
  ]);
  await send(
    wallet.writeContract({
      address: ticket,
      abi: ticketAbi,
      functionName: "grantRole",
      args: [role("MINTER_ROLE"), manager],
    }),
  );
  for (const r of ["CAMPAIGN_MANAGER_ROLE", "ORACLE_ROLE"])
    await send(
      wallet.writeContract({
        address: manager,
        abi: campaignManagerAbi,
        functionName: "grantRole",
        args: [role(r), admin],
      }),
    );
  await send(
    wallet.writeContract({
      address: registry,
      abi: participantRegistryAbi,
      functionName: "grantRole",
      args: [role("KYC_ATTESTOR_ROLE"), admin],
    }),
  );
  const now = Number((await publicClient.getBlock()).timestamp);
  for (const u of [A, B, C]) {
    await rpc(chain.url, "hardhat_setBalance", [u.address, toHex(parseEther("10"))]);
    await send(
      walletFor(u).writeContract({
        address: registry,
        abi: participantRegistryAbi,
        functionName: "optIn",
        args: [1, keccak256(toHex("policy v1"))],
      }),
    );
    await send(
      wallet.writeContract({
        address: registry,
        abi: participantRegistryAbi,
        functionName: "attestKyc",
        args: [u.address, now + 365 * 86_400, keccak256(toHex("kyc"))],
      }),
    );
  }

  const deps: EpochDeps = {
    database,
    chain: { publicClient, wallet },
    signers: c.signers,
    contracts: { scoreOracle, registry, tickets: { campaigns: manager, ticket } },
    store: new DatasetStore(await mkdtemp(path.join(os.tmpdir(), "mesi-tickets-"))),
    weights: ENGAGEMENT_WEIGHTS,
    saltSecret: keccak256(toHex("salt")),
    datasetBaseUri: "http://127.0.0.1:8787/v1/datasets/",
    epochSeconds: 86_400,
  };

  // Epoch 1 gives everyone a final TQS, which joining needs.
  for (const [i, u] of [A, B, C].entries())
    await submit(1n, u.address, 0n, "warm-up", ANSWERS[i]!, i * 10);
  await runEpoch(1n, deps);
  await passChallengeWindow(chain);
  await send(
    wallet.writeContract({
      address: scoreOracle,
      abi: scoreOracleAbi,
      functionName: "finalize",
      args: [ScoreKind.TQS, 1n],
    }),
  );
  const opened = Number((await publicClient.getBlock()).timestamp);

  await send(
    wallet.writeContract({
      address: manager,
      abi: campaignManagerAbi,
      functionName: "createCampaign",
      args: [
        {
          metadataURI: "ipfs://campaign",
          requiredScopes: 1,
          minTqs: 0,
          capacity: 10,
          joinCap: 10,
          joinStart: opened,
          joinEnd: opened + 3_600,
          taskEnd: opened + 7_200,
          qualityEnd: opened + 30 * 86_400,
          drawAt: opened + 31 * 86_400,
        },
        [],
      ],
    }),
  );
  const campaignId = 1n;
  const proofs = new ProofService(database.db, deps.store);
  for (const u of [A, B, C]) {
    const p = await proofs.proof("TQS", 1n, accountSubject(u.address));
    assert.ok(!("missing" in p));
    await send(
      walletFor(u).writeContract({
        address: manager,
        abi: campaignManagerAbi,
        functionName: "join",
        args: [campaignId, BigInt(p.score), p.proof as Hex[]],
      }),
    );
  }
  assert.equal(
    (
      await registerCampaignTasks(
        database.db,
        "platform",
        { campaignId: "1", tasks: ["t1", "t2"] },
        1n,
      )
    ).status,
    "created",
  );
  assert.equal(
    (
      await registerCampaignTasks(
        database.db,
        "platform",
        { campaignId: "1", tasks: ["t2", "t1"] },
        1n,
      )
    ).status,
    "unchanged",
  );
  assert.equal(
    (await registerCampaignTasks(database.db, "platform", { campaignId: "1", tasks: ["t1"] }, 1n))
      .status,
    "conflict",
  );

  // Epoch 2: A answers both tasks; B copies A's first answer and writes its own second; C stops after one.
  const own =
    "golden light on a tired street makes the evening look hopeful and strangely calm again";
  await submit(2n, A.address, campaignId, "t1", ANSWERS[1]! + " and the clouds", 0);
  await submit(2n, A.address, campaignId, "t2", ANSWERS[2]! + " after midnight", 30);
  await submit(2n, B.address, campaignId, "t1", ANSWERS[1]! + " and the clouds", 50);
  await submit(2n, B.address, campaignId, "t2", own, 70);
  await submit(
    2n,
    C.address,
    campaignId,
    "t1",
    "a dreamy mountain portrait that shows how small and curious we are",
    90,
  );
  // Epoch 2 runs as the CLI and is SIGKILLed right after the completions went out; the
  // restart must neither mint twice nor lose a verdict.
  await database.close();
  const env = {
    ORACLE_DATA_DIR: dataDir,
    ORACLE_DATASET_DIR: deps.store.dir,
    RPC_URL: chain.url,
    ORACLE_SIGNER_KEYS: DEV_KEYS[1]!,
    ORACLE_RELAYER_KEY: DEV_KEYS[0]!,
    ORACLE_SALT_SECRET: deps.saltSecret,
    MESI_SCORE_ORACLE: scoreOracle,
    MESI_REGISTRY: registry,
    MESI_TICKET: ticket,
    MESI_CAMPAIGN_MANAGER: manager,
  };
  const killed = runEpochCli(2n, env, (l) => l.msg === "tx sent" && l.step === "completions:1");
  assert.equal((await killed.done).signal, "SIGKILL");
  const restarted = runEpochCli(2n, env);
  const r = await restarted.done;
  assert.equal(r.code, 0, r.stderr);
  const ticketsLine = restarted.lines.find((l) => l.msg === "tickets")!;
  assert.deepEqual(
    [ticketsLine.completions, ticketsLine.activated, ticketsLine.voided, ticketsLine.waiting],
    [2, 1, 0, 1],
  );
  assert.ok(!restarted.lines.some((l) => l.msg === "tx sent" && l.step === "completions:1"));
  database = await openDatabase({ dataDir });
  deps.database = database;
  const activations = await publicClient.getLogs({
    address: ticket,
    event: getAbiItem({ abi: ticketAbi, name: "TicketsActivated" }),
    fromBlock: 0n,
  });
  assert.equal(activations.flatMap((l) => l.args.ids!).length, 1, "one activation, once");
  const minted = await publicClient.getLogs({
    address: manager,
    event: getAbiItem({ abi: campaignManagerAbi, name: "CompletionsRecorded" }),
    fromBlock: 0n,
  });
  assert.equal(minted.length, 1, "the completions were recorded once");
  const ticketOf = new Map<string, bigint>();
  for (const l of minted)
    l.args.accounts!.forEach((a, i) =>
      ticketOf.set(a.toLowerCase(), l.args.firstTicketId! + BigInt(i)),
    );
  const stateOf = async (u: { address: Address }) =>
    publicClient.readContract({
      address: ticket,
      abi: ticketAbi,
      functionName: "stateOf",
      args: [ticketOf.get(u.address.toLowerCase())!],
    });
  assert.equal(await stateOf(A), 2, "A's clean ticket is Active");
  assert.equal(
    await stateOf(B),
    1,
    "B's ticket waits as a placeholder while its flag is in review",
  );
  assert.equal(ticketOf.has(C.address.toLowerCase()), false, "C did not complete every task");
  assert.equal(
    (
      await publicClient.readContract({
        address: manager,
        abi: campaignManagerAbi,
        functionName: "membership",
        args: [campaignId, C.address],
      })
    ).completed,
    false,
  );

  // A reviewer upholds B's flag; the next epoch voids B's ticket. Re-running sends nothing more.
  const item = (await listItems(database.db, { account: B.address })).find(
    (i) => i.kind === "flag",
  )!;
  await decide(database.db, {
    itemId: BigInt(item.id),
    reviewer: "rita",
    decision: "flag",
    note: "copied",
  });
  const third = await runEpoch(3n, deps);
  assert.equal(third.tickets[0]!.voided, 1);
  assert.equal(await stateOf(B), 3, "B's ticket is Void");
  assert.equal(await stateOf(A), 2);
  const again = await runEpoch(3n, deps);
  assert.equal(again.tickets[0]!.txs, 0, "nothing sent twice");

  // B appeals the voided ticket and a reviewer grants it: epoch 4 re-issues it on chain, once,
  // although the epoch command is SIGKILLed right after sending the re-issue.
  const voidedId = ticketOf.get(B.address.toLowerCase())!;
  const { item: appeal } = await fileAppeal(database.db, {
    account: B.address,
    target: "ticket",
    ticketId: voidedId,
    reason: "the second answer is my own",
    epoch: 3n,
  });
  await decide(database.db, {
    itemId: BigInt(appeal.id),
    reviewer: "rita",
    decision: "grant",
    note: "a shared quote, not copied work",
  });
  await database.close();
  const killed4 = runEpochCli(4n, env, (l) => l.msg === "tx sent" && l.step === "reissues:1");
  assert.equal((await killed4.done).signal, "SIGKILL");
  const restarted4 = runEpochCli(4n, env);
  const r4 = await restarted4.done;
  assert.equal(r4.code, 0, r4.stderr);
  assert.ok(!restarted4.lines.some((l) => l.msg === "tx sent" && l.step === "reissues:1"));
  const reissued = await publicClient.getLogs({
    address: ticket,
    event: getAbiItem({ abi: ticketAbi, name: "TicketReissued" }),
    fromBlock: 0n,
  });
  assert.equal(reissued.length, 1, "re-issued once");
  assert.equal(reissued[0]!.args.voidedId, voidedId);
  assert.equal(reissued[0]!.args.holder!.toLowerCase(), B.address.toLowerCase());
  const newId = reissued[0]!.args.newId!;
  assert.equal(
    await publicClient.readContract({
      address: ticket,
      abi: ticketAbi,
      functionName: "stateOf",
      args: [newId],
    }),
    2,
    "the re-issued ticket is Active",
  );
  database = await openDatabase({ dataDir });
  deps.database = database;
  const again4 = await runEpoch(4n, deps);
  assert.equal(again4.reissues?.txs, 0, "nothing re-issued twice");
  // B's receipt shows the re-issue.
  const receipt = await buildReceipt(
    database.db,
    new ProofService(database.db, deps.store),
    4n,
    B.address.toLowerCase() as Address,
  );
  const shown = receipt!.appeals.find((a) => a.item === appeal.id)!;
  assert.deepEqual(shown.reissue, { outcome: "reissued", reissuedAs: newId.toString() });
  assert.ok(
    receipt!.explanation.some((e) => e.includes(`re-issued on chain as ticket #${newId}`)),
    receipt!.explanation.join("\n"),
  );
});
