// The deployed system seen from a test or a benchmark: typed contracts on a local node, the
// node's unlocked accounts in their Ignition roles, and the few multi-step actions every
// driver needs (publish a co-signed epoch, onboard participants, move the clock).
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  createPublicClient,
  createWalletClient,
  encodeAbiParameters,
  getContract,
  http,
  keccak256,
  toHex,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  ALL_SCOPES,
  LEAF_ENCODING,
  ScoreKind,
  ZERO_SALT,
  accountSubject,
  campaignManagerAbi,
  commitRevealRandomnessAbi,
  epochCommitmentMessage,
  epochCommitmentTypes,
  galleryCollectionAbi,
  leafValues,
  mesiTimelockAbi,
  mesiTokenAbi,
  participantRegistryAbi,
  prizeDrawAbi,
  revenueDistributorAbi,
  scoreOracleAbi,
  scoreOracleDomain,
  summaryKey,
  totalScoreOf,
  ticketAbi,
  ticketMarketplaceAbi,
  vestingVaultAbi,
  type EpochCommitment,
} from "@mesi/abi";
import { DEV_KEYS, increaseTime, mine, rpc } from "./chain.ts";
import type { SystemDeployment } from "./deploy.ts";

export const DAY = 86_400;
export const POLICY: Hex = keccak256(toHex("consent-policy-v1"));
export { ALL_SCOPES };

/** A campaign's windows opening at `t`: enrolment a day, tasks, quality verdicts, then the draw. */
export const campaignWindows = (t: number) => ({
  joinStart: t,
  joinEnd: t + DAY,
  taskEnd: t + 2 * DAY,
  qualityEnd: t + 3 * DAY,
  drawAt: t + 4 * DAY,
});

/** Commitment to a randomness secret, as CommitRevealRandomness checks it. */
export const commitmentOf = (secret: Hex): Hex =>
  keccak256(encodeAbiParameters([{ type: "bytes32" }], [secret]));

export type System = Awaited<ReturnType<typeof connectSystem>>;

/** Typed contracts and the Ignition roles of the node's unlocked accounts #0..#6. */
export async function connectSystem(url: string, deployment: SystemDeployment) {
  const publicClient = createPublicClient({ chain: hardhat, transport: http(url) });
  const wallet = createWalletClient({ chain: hardhat, transport: http(url) });
  const client = { public: publicClient, wallet };
  const c = deployment.contracts;
  const contracts = {
    timelock: getContract({ address: c.MesiTimelock, abi: mesiTimelockAbi, client }),
    token: getContract({ address: c.MesiToken, abi: mesiTokenAbi, client }),
    registry: getContract({ address: c.ParticipantRegistry, abi: participantRegistryAbi, client }),
    scoreOracle: getContract({ address: c.ScoreOracle, abi: scoreOracleAbi, client }),
    randomness: getContract({
      address: c.CommitRevealRandomness,
      abi: commitRevealRandomnessAbi,
      client,
    }),
    ticket: getContract({ address: c.Ticket, abi: ticketAbi, client }),
    campaigns: getContract({ address: c.CampaignManager, abi: campaignManagerAbi, client }),
    vault: getContract({ address: c.VestingVault, abi: vestingVaultAbi, client }),
    distributor: getContract({
      address: c.RevenueDistributor,
      abi: revenueDistributorAbi,
      client,
    }),
    draw: getContract({ address: c.PrizeDraw, abi: prizeDrawAbi, client }),
    market: getContract({ address: c.TicketMarketplace, abi: ticketMarketplaceAbi, client }),
    gallery: getContract({ address: c.GalleryCollection, abi: galleryCollectionAbi, client }),
  };
  const accounts = await rpc<Address[]>(url, "eth_accounts");
  const at = (i: number): Address => {
    const a = accounts[i];
    if (!a) throw new Error(`the node has no account #${i}`);
    return a;
  };
  // Ignition's defaults (ignition/modules/Mesi.ts): #0 admin and treasury, #1 oracle,
  // #2..#4 signers (2 of 3), #5 guardian, #6 KYC attestor. Signers sign locally (EIP-712).
  const roles = {
    admin: at(0),
    oracle: at(1),
    guardian: at(5),
    kyc: at(6),
    signers: [DEV_KEYS[2]!, DEV_KEYS[3]!].map((k) => privateKeyToAccount(k)),
  };
  const chainId = BigInt(deployment.chainId);

  /** Waits for a sent transaction; throws when it reverted. */
  const mined = async (hash: Promise<Hex>) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success")
      throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return receipt;
  };

  const now = async () => Number((await publicClient.getBlock()).timestamp);

  /** Publishes a commitment co-signed by two signers (sorted by address, as ScoreOracle wants). */
  async function publish(commitment: EpochCommitment) {
    const signers = [...roles.signers].sort((a, b) =>
      BigInt(a.address) < BigInt(b.address) ? -1 : 1,
    );
    const signatures = await Promise.all(
      signers.map((s) =>
        s.signTypedData({
          domain: scoreOracleDomain(chainId, c.ScoreOracle),
          types: epochCommitmentTypes,
          primaryType: "EpochCommitment",
          message: epochCommitmentMessage(commitment),
        }),
      ),
    );
    return mined(
      contracts.scoreOracle.write.publish([commitment, signatures], { account: roles.oracle }),
    );
  }

  /** A score tree of one kind and epoch (salted unless TQS); proofs by account. */
  function scoreTree(
    kind: ScoreKind,
    epoch: bigint,
    scores: readonly { account: Address; score: bigint }[],
  ) {
    const salts = scores.map((s) =>
      kind === ScoreKind.TQS ? ZERO_SALT : keccak256(toHex(`salt-${kind}-${epoch}-${s.account}`)),
    );
    const values = scores.map((s, i) => [
      ...leafValues({
        chainId,
        scoreOracle: c.ScoreOracle,
        kind,
        epoch,
        subject: accountSubject(s.account),
        score: s.score,
        salt: salts[i]!,
      }),
    ]);
    const tree = StandardMerkleTree.of(values, [...LEAF_ENCODING]);
    const index = new Map(scores.map((s, i) => [s.account.toLowerCase(), i]));
    const proofOf = (account: Address) => {
      const i = index.get(account.toLowerCase());
      if (i === undefined) throw new Error(`no leaf for ${account}`);
      return { proof: tree.getProof(i) as Hex[], salt: salts[i]!, score: scores[i]!.score };
    };
    return { root: tree.root as Hex, proofOf, leafCount: BigInt(scores.length) };
  }

  /** Publishes the next epoch of `kind` over `scores`; `summary` is the public per-rule summary. */
  async function publishScores(
    kind: ScoreKind,
    scores: readonly { account: Address; score: bigint }[],
    summary: Record<string, bigint> = {},
  ) {
    const epoch = (await contracts.scoreOracle.read.lastPublishedEpoch([kind])) + 1n;
    const tree = scoreTree(kind, epoch, scores);
    const keys = Object.keys(summary).sort();
    await publish({
      kind,
      epoch,
      root: tree.root,
      datasetHash: keccak256(toHex(`dataset-${kind}-${epoch}`)),
      datasetURI: `mesi://datasets/${kind}/${epoch}`,
      leafCount: tree.leafCount,
      totalScore: totalScoreOf(scores.map((s) => s.score)),
      summaryKeys: keys.map(summaryKey),
      summaryValues: keys.map((k) => summary[k]!),
    });
    return { epoch, ...tree };
  }

  /** Waits out the challenge window and records finality on chain. */
  async function finalize(kind: ScoreKind, epoch: bigint) {
    await increaseTime(url, await contracts.scoreOracle.read.challengeWindow());
    await mined(contracts.scoreOracle.write.finalize([kind, epoch], { account: roles.oracle }));
  }

  /** The oracle commits to `secret` for `key`; the entropy block is the next one. */
  const commit = (key: Hex, secret: Hex) =>
    mined(
      contracts.randomness.write.commit([key, commitmentOf(secret)], { account: roles.oracle }),
    );

  /** The oracle commits to `secret` for `key`, waits for the entropy block, and reveals. */
  async function commitAndReveal(key: Hex, secret: Hex) {
    await commit(key, secret);
    await mine(url);
    await mined(contracts.randomness.write.reveal([key, secret], { account: roles.oracle }));
  }

  /** The oracle commits but never reveals; after the deadline anyone settles the fallback. */
  async function commitAndMiss(key: Hex, secret: Hex) {
    await commit(key, secret);
    const info = await contracts.randomness.read.seedInfo([key]);
    const head = await publicClient.getBlockNumber({ cacheTime: 0 });
    await mine(url, Number(info.fallbackBlock - head) + 1);
    await mined(contracts.randomness.write.settleMissedReveal([key], { account: roles.oracle }));
  }

  /**
   * The admin proposes a call through the timelock (the admin of every contract); returns what
   * the guardian needs to execute it after the delay, or anyone with the role to cancel it.
   */
  async function schedule(target: Address, data: Hex, salt: Hex = keccak256(data)) {
    const delay = await contracts.timelock.read.getMinDelay();
    const predecessor = `0x${"00".repeat(32)}` as Hex;
    await mined(
      contracts.timelock.write.schedule([target, 0n, data, predecessor, salt, delay], {
        account: roles.admin,
      }),
    );
    const id = await contracts.timelock.read.hashOperation([target, 0n, data, predecessor, salt]);
    return {
      id,
      execute: () =>
        mined(
          contracts.timelock.write.execute([target, 0n, data, predecessor, salt], {
            account: roles.guardian,
          }),
        ),
      cancel: () => mined(contracts.timelock.write.cancel([id], { account: roles.guardian })),
    };
  }

  /** Consent to every scope and a KYC valid for a year, attested in one batch. */
  async function onboard(people: readonly Address[]) {
    for (const p of people)
      await mined(contracts.registry.write.optIn([ALL_SCOPES, POLICY], { account: p }));
    const expiry = (await now()) + 365 * DAY;
    await mined(
      contracts.registry.write.attestKycBatch(
        [people, people.map(() => expiry), people.map((p) => keccak256(toHex(`kyc-${p}`)))],
        { account: roles.kyc },
      ),
    );
  }

  return {
    url,
    deployment,
    publicClient,
    contracts,
    accounts,
    at,
    roles,
    chainId,
    mined,
    now,
    publish,
    scoreTree,
    publishScores,
    finalize,
    commitAndReveal,
    commitAndMiss,
    schedule,
    onboard,
  };
}

export { ScoreKind };
