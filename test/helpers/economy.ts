// Deploys the economy contracts on top of the core fixture and wires their roles, plus
// helpers to get Active tickets and final GALLERY epochs.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { keccak256, toHex, type Address, type Hex } from "viem";
import {
  LEAF_ENCODING,
  ScoreKind,
  accountSubject,
  leafValues,
  totalScoreOf,
} from "../../abi/src/leaf.ts";
import {
  CHALLENGE_WINDOW,
  DAY,
  ROLES,
  commitment,
  deployCore,
  role,
  type Connection,
  type Core,
} from "./core.ts";

export const ECONOMY_ROLES = {
  GRANTOR: role("GRANTOR_ROLE"),
  REVOKER: role("REVOKER_ROLE"),
} as const;
export const CLAIM_PERIOD = 30 * DAY;
export const FEE_BPS = 250;

export async function deployEconomy(conn: Connection) {
  const core = await deployCore(conn);
  const { viem } = conn;
  const admin = core.admin.account.address;
  const treasury = core.users[12]!;
  const vault = await viem.deployContract("VestingVault", [
    admin,
    core.token.address,
    core.registry.address,
    treasury.account.address,
  ]);
  const distributor = await viem.deployContract("RevenueDistributor", [
    admin,
    core.token.address,
    core.scoreOracle.address,
    vault.address,
    10n ** 20n, // payouts up to 100 MESI are paid directly
    7 * DAY,
    90 * DAY,
    CLAIM_PERIOD,
  ]);
  const draw = await viem.deployContract("PrizeDraw", [
    admin,
    core.token.address,
    core.campaigns.address,
    core.ticket.address,
    core.scoreOracle.address,
    core.randomness.address,
    vault.address,
    distributor.address,
    CLAIM_PERIOD,
  ]);
  const market = await viem.deployContract("TicketMarketplace", [
    admin,
    core.token.address,
    core.ticket.address,
    distributor.address,
    treasury.account.address,
    FEE_BPS,
  ]);
  const gallery = await viem.deployContract("GalleryCollection", []);

  await vault.write.grantRole([ECONOMY_ROLES.GRANTOR, admin]);
  await vault.write.grantRole([ECONOMY_ROLES.GRANTOR, distributor.address]);
  await vault.write.grantRole([ECONOMY_ROLES.GRANTOR, draw.address]);
  await vault.write.grantRole([ECONOMY_ROLES.REVOKER, admin]);
  await distributor.write.grantRole([ROLES.ORACLE, core.oracle.account.address]);
  await draw.write.grantRole([ROLES.CAMPAIGN_MANAGER, admin]);
  await core.ticket.write.grantRole([ROLES.DRAW, draw.address]);
  await market.write.setCollectionAllowed([core.ticket.address, true]);
  await market.write.setCollectionAllowed([gallery.address, true]);

  /**
   * Users `holders` complete a fresh campaign and get Active tickets; returns the campaign,
   * its ticket ids (in the holders' order) and the TQS proofs of the final TQS epoch.
   */
  async function activeTickets(
    holders: Core["users"],
    tqs: bigint[] = holders.map(() => 8000n),
    overrides: Parameters<Core["createCampaign"]>[0] = {},
    tiers?: Parameters<Core["createCampaign"]>[1],
  ) {
    for (const h of holders) await core.onboard(h);
    const t = await core.publishFinalTqs(
      holders.map((h, i) => ({ account: h.account.address, tqs: tqs[i]! })),
    );
    const { id, config } = await core.createCampaign(
      { capacity: holders.length, joinCap: holders.length, minTqs: 0, ...overrides },
      tiers,
    );
    for (const [i, h] of holders.entries()) {
      await core.campaigns.write.join([id, tqs[i]!, t.proofOf(h.account.address)], {
        account: h.account,
      });
    }
    const first = await core.ticket.read.nextTokenId();
    await core.campaigns.write.recordCompletions([id, holders.map((h) => h.account.address)], {
      account: core.oracle.account,
    });
    const ids = holders.map((_, i) => first + BigInt(i));
    await core.campaigns.write.recordVerdicts([id, ids, []], { account: core.oracle.account });
    return { campaignId: id, config, ids, tqsProof: t.proofOf, tqsEpoch: t.epoch };
  }

  /**
   * Publishes and finalizes a salted GALLERY epoch whose signers sign Σ scores (or `signedTotal`,
   * to model signers that signed a wrong one); returns each creator's salt and proof.
   */
  async function publishGallery(
    scores: readonly { creator: Address; score: bigint }[],
    signedTotal?: bigint,
  ) {
    const epoch = (await core.scoreOracle.read.lastPublishedEpoch([ScoreKind.GALLERY])) + 1n;
    const salts = scores.map((s) => keccak256(toHex(`salt-${s.creator}-${epoch}`)));
    const values = scores.map((s, i) => [
      ...leafValues({
        chainId: core.chainId,
        scoreOracle: core.scoreOracle.address,
        kind: ScoreKind.GALLERY,
        epoch,
        subject: accountSubject(s.creator),
        score: s.score,
        salt: salts[i]!,
      }),
    ]);
    const tree = StandardMerkleTree.of(values, [...LEAF_ENCODING]);
    const total = signedTotal ?? totalScoreOf(scores.map((s) => s.score));
    const c = commitment(ScoreKind.GALLERY, epoch, tree.root as Hex, BigInt(scores.length), total);
    await core.scoreOracle.write.publish([c, await core.signCommitment(c)]);
    await conn.networkHelpers.time.increase(CHALLENGE_WINDOW);
    await core.scoreOracle.write.finalize([ScoreKind.GALLERY, epoch]);
    const proofOf = (i: number) => ({ salt: salts[i]!, proof: tree.getProof(i) as Hex[] });
    return { epoch, proofOf, total };
  }

  return {
    ...core,
    core,
    treasury,
    vault,
    distributor,
    draw,
    market,
    gallery,
    activeTickets,
    publishGallery,
  };
}

export type Economy = Awaited<ReturnType<typeof deployEconomy>>;
