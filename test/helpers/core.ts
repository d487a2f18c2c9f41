// Deploys and wires the core contracts on a fresh Hardhat network and offers the
// actions most tests need: consent + KYC, a final TQS epoch, a campaign.
import type { network } from "hardhat";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { encodeAbiParameters, keccak256, toHex, type Address, type Hex } from "viem";
import {
  LEAF_ENCODING,
  ScoreKind,
  ZERO_SALT,
  accountSubject,
  epochCommitmentTypes,
  leafValues,
  scoreOracleDomain,
  epochCommitmentMessage,
  type EpochCommitment,
} from "../../abi/src/leaf.ts";
import { SCOPES as ABI_SCOPES, SCOPE_NAMES, type ScopeName } from "../../abi/src/scopes.ts";

export type Connection = Awaited<ReturnType<typeof network.create>>;

export const role = (name: string): Hex => keccak256(toHex(name));
export const ROLES = {
  CAMPAIGN_MANAGER: role("CAMPAIGN_MANAGER_ROLE"),
  KYC_ATTESTOR: role("KYC_ATTESTOR_ROLE"),
  ORACLE: role("ORACLE_ROLE"),
  ORACLE_SIGNER: role("ORACLE_SIGNER_ROLE"),
  GUARDIAN: role("GUARDIAN_ROLE"),
  PAUSER: role("PAUSER_ROLE"),
  MINTER: role("MINTER_ROLE"),
  DRAW: role("DRAW_ROLE"),
} as const;

/** ParticipantRegistry's scope bits by upper-case name, from @mesi/abi's one definition. */
export const SCOPES = Object.fromEntries(
  SCOPE_NAMES.map((n) => [n.toUpperCase(), ABI_SCOPES[n]]),
) as { readonly [N in ScopeName as Uppercase<N>]: (typeof ABI_SCOPES)[N] };
export const POLICY: Hex = keccak256(toHex("consent-policy-v1"));
/** The shortest challenge window ScoreOracle accepts (Governance.MIN_CHALLENGE_WINDOW). */
export const CHALLENGE_WINDOW = 3600;
/** What the oracle commits for a secret: keccak256(abi.encode(secret)). */
export const commitmentOf = (secret: Hex): Hex =>
  keccak256(encodeAbiParameters([{ type: "bytes32" }], [secret]));
export const DAY = 86_400;

export async function deployCore(conn: Connection) {
  const { viem } = conn;
  const wallets = await viem.getWalletClients();
  const wallet = (i: number) => {
    const w = wallets[i];
    if (!w) throw new Error(`the test network has no account #${i}`);
    return w;
  };
  const admin = wallet(0);
  const oracle = wallet(1);
  const signers = [wallet(2), wallet(3), wallet(4)];
  const guardian = wallet(5);
  const kyc = wallet(6);
  const users = wallets.slice(7);
  const publicClient = await viem.getPublicClient();
  const chainId = BigInt(await publicClient.getChainId());

  const token = await viem.deployContract("MesiToken", [admin.account.address, 10n ** 27n]);
  const registry = await viem.deployContract("ParticipantRegistry", [admin.account.address]);
  const scoreOracle = await viem.deployContract("ScoreOracle", [
    admin.account.address,
    2,
    CHALLENGE_WINDOW,
  ]);
  const randomness = await viem.deployContract("CommitRevealRandomness", [admin.account.address]);
  const ticket = await viem.deployContract("Ticket", [
    admin.account.address,
    admin.account.address,
    500n,
  ]);
  const campaigns = await viem.deployContract("CampaignManager", [
    admin.account.address,
    registry.address,
    scoreOracle.address,
    randomness.address,
    ticket.address,
  ]);

  await registry.write.grantRole([ROLES.KYC_ATTESTOR, kyc.account.address]);
  await registry.write.grantRole([ROLES.ORACLE, oracle.account.address]);
  await registry.write.grantRole([ROLES.PAUSER, admin.account.address]);
  await campaigns.write.grantRole([ROLES.PAUSER, admin.account.address]);
  for (const s of signers)
    await scoreOracle.write.grantRole([ROLES.ORACLE_SIGNER, s.account.address]);
  await scoreOracle.write.grantRole([ROLES.GUARDIAN, guardian.account.address]);
  await randomness.write.grantRole([ROLES.ORACLE, oracle.account.address]);
  await ticket.write.grantRole([ROLES.MINTER, campaigns.address]);
  await campaigns.write.grantRole([ROLES.CAMPAIGN_MANAGER, admin.account.address]);
  await campaigns.write.grantRole([ROLES.ORACLE, oracle.account.address]);

  let nextEpoch = 1n;

  const now = async (): Promise<number> => Number((await publicClient.getBlock()).timestamp);

  /** Signs a commitment with `by` (sorted by address) as the M-of-N signers would. */
  async function signCommitment(c: Commitment, by = signers.slice(0, 2)): Promise<Hex[]> {
    const sorted = [...by].sort((a, b) =>
      BigInt(a.account.address) < BigInt(b.account.address) ? -1 : 1,
    );
    return Promise.all(
      sorted.map((s) =>
        s.signTypedData({
          domain: scoreOracleDomain(chainId, scoreOracle.address),
          types: epochCommitmentTypes,
          primaryType: "EpochCommitment",
          message: epochCommitmentMessage(c),
        }),
      ),
    );
  }

  /** A TQS tree over `scores` for `epoch` (StandardMerkleTree, the project's leaf encoding). */
  function tqsTree(epoch: bigint, scores: readonly { account: Address; tqs: bigint }[]) {
    const values = scores.map((s) => [
      ...leafValues({
        chainId,
        scoreOracle: scoreOracle.address,
        kind: ScoreKind.TQS,
        epoch,
        subject: accountSubject(s.account),
        score: s.tqs,
        salt: ZERO_SALT,
      }),
    ]);
    const tree = StandardMerkleTree.of(values, [...LEAF_ENCODING]);
    const proofOf = (account: Address): Hex[] => {
      for (const [i, v] of tree.entries())
        if (v[4] === accountSubject(account)) return tree.getProof(i) as Hex[];
      throw new Error(`no leaf for ${account}`);
    };
    return { tree, proofOf, root: tree.root as Hex };
  }

  /** Publishes and finalizes a TQS epoch; returns proofs. */
  async function publishFinalTqs(scores: readonly { account: Address; tqs: bigint }[]) {
    const epoch = nextEpoch++;
    const t = tqsTree(epoch, scores);
    const c = commitment(ScoreKind.TQS, epoch, t.root, BigInt(scores.length));
    await scoreOracle.write.publish([c, await signCommitment(c)]);
    await conn.networkHelpers.time.increase(CHALLENGE_WINDOW);
    await scoreOracle.write.finalize([ScoreKind.TQS, epoch]);
    return { epoch, ...t };
  }

  /** The oracle commits to `secret` for `key` (consumers need the set closed first). */
  async function commitSeed(key: Hex, secret: Hex) {
    await randomness.write.commit([key, commitmentOf(secret)], { account: oracle.account });
  }

  /** Reveals `secret` once its entropy block (the block after the commit) is mined. */
  async function revealSeed(key: Hex, secret: Hex) {
    await conn.networkHelpers.mine();
    await randomness.write.reveal([key, secret]);
  }

  /** Consent to all scopes and a KYC valid for a year. */
  async function onboard(user: (typeof users)[number], scopes = 63) {
    await registry.write.optIn([scopes, POLICY], { account: user.account });
    await registry.write.attestKyc(
      [user.account.address, (await now()) + 365 * DAY, role("kyc-ref")],
      {
        account: kyc.account,
      },
    );
  }

  /** A campaign opening now; overrides change any field. */
  async function createCampaign(
    overrides: Partial<CampaignConfig> = {},
    tiers: RewardTier[] = [defaultTier],
  ) {
    const t = await now();
    const config = campaignConfig(t, overrides);
    const before = await campaigns.read.campaignCount();
    await campaigns.write.createCampaign([config, tiers]);
    return { id: before + 1n, config };
  }

  return {
    conn,
    viem,
    publicClient,
    chainId,
    admin,
    oracle,
    signers,
    guardian,
    kyc,
    users,
    token,
    registry,
    scoreOracle,
    randomness,
    ticket,
    campaigns,
    now,
    signCommitment,
    tqsTree,
    publishFinalTqs,
    commitSeed,
    revealSeed,
    onboard,
    createCampaign,
  };
}

export type Commitment = EpochCommitment;

export const commitment = (
  kind: number,
  epoch: bigint,
  root: Hex,
  leafCount: bigint,
  totalScore = 0n,
): Commitment => ({
  kind,
  epoch,
  root,
  datasetHash: keccak256(toHex(`dataset-${kind}-${epoch}`)),
  datasetURI: `mesi://datasets/${kind}/${epoch}`,
  leafCount,
  totalScore,
  summaryKeys: [],
  summaryValues: [],
});

/** A campaign whose enrolment opens at `t` and whose phases last a day each; overrides change any field. */
export const campaignConfig = (
  t: number,
  overrides: Partial<CampaignConfig> = {},
): CampaignConfig => ({
  metadataURI: "ipfs://campaign",
  requiredScopes: SCOPES.AI_PROMPTS | SCOPES.POLLS,
  minTqs: 5000,
  capacity: 3,
  joinCap: 10,
  joinStart: t,
  joinEnd: t + DAY,
  taskEnd: t + 2 * DAY,
  qualityEnd: t + 3 * DAY,
  drawAt: t + 4 * DAY,
  ...overrides,
});

export interface CampaignConfig {
  metadataURI: string;
  requiredScopes: number;
  minTqs: number;
  capacity: number;
  joinCap: number;
  joinStart: number;
  joinEnd: number;
  taskEnd: number;
  qualityEnd: number;
  drawAt: number;
}

export interface RewardTier {
  kind: number;
  winners: number;
  amount: bigint;
  immediateBps: number;
  cliff: number;
  duration: number;
  ref: Hex;
}

export const defaultTier: RewardTier = {
  kind: 0,
  winners: 1,
  amount: 10n ** 21n,
  immediateBps: 2500,
  cliff: 30 * DAY,
  duration: 365 * DAY,
  ref: ZERO_SALT,
};

export type Core = Awaited<ReturnType<typeof deployCore>>;

/** An EIP-2612 permit for $MESI signed by `owner`, split into (v, r, s). */
export async function signPermit(
  owner: Core["users"][number],
  token: Address,
  chainId: bigint,
  message: { spender: Address; value: bigint; nonce: bigint; deadline: bigint },
): Promise<{ v: number; r: Hex; s: Hex }> {
  const signature = await owner.signTypedData({
    domain: { name: "Mesi", version: "1", chainId, verifyingContract: token },
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner: owner.account.address, ...message },
  });
  return {
    r: `0x${signature.slice(2, 66)}`,
    s: `0x${signature.slice(66, 130)}`,
    v: Number.parseInt(signature.slice(130, 132), 16),
  };
}
