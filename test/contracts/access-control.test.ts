// The access-control matrix: every restricted function, called by an account without
// its role, reverts with AccessControlUnauthorizedAccount naming that role.
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, toHex, zeroHash, type Hex } from "viem";
import { ROLES, commitment, defaultTier, deployCore } from "../helpers/core.ts";

const conn = await network.create();
const { viem } = conn;
const ADMIN: Hex = zeroHash;

describe("Access-control matrix", async () => {
  const f = await deployCore(conn);
  const outsider = f.users[9]!;
  const who = outsider.account.address;
  const as = { account: outsider.account };
  const config = {
    metadataURI: "x",
    requiredScopes: 1,
    minTqs: 0,
    capacity: 1,
    joinCap: 1,
    joinStart: 0,
    joinEnd: 2 ** 39,
    taskEnd: 2 ** 39,
    qualityEnd: 2 ** 39,
    drawAt: 2 ** 39,
  };
  const c = commitment(0, 1n, keccak256(toHex("r")), 1n);

  const matrix: [string, Hex, () => Promise<unknown>, { abi: readonly unknown[]; address: Hex }][] =
    [
      [
        "ParticipantRegistry.attestKyc",
        ROLES.KYC_ATTESTOR,
        () => f.registry.write.attestKyc([who, 2 ** 39, zeroHash], as),
        f.registry,
      ],
      [
        "ParticipantRegistry.attestKycBatch",
        ROLES.KYC_ATTESTOR,
        () => f.registry.write.attestKycBatch([[], [], []], as),
        f.registry,
      ],
      [
        "ParticipantRegistry.revokeKyc",
        ROLES.KYC_ATTESTOR,
        () => f.registry.write.revokeKyc([who], as),
        f.registry,
      ],
      [
        "ParticipantRegistry.setExclusions",
        ROLES.ORACLE,
        () => f.registry.write.setExclusions([[who], true, zeroHash], as),
        f.registry,
      ],
      ["ParticipantRegistry.pause", ROLES.PAUSER, () => f.registry.write.pause(as), f.registry],
      ["ParticipantRegistry.unpause", ROLES.PAUSER, () => f.registry.write.unpause(as), f.registry],
      [
        "ParticipantRegistry.grantRole",
        ADMIN,
        () => f.registry.write.grantRole([ROLES.ORACLE, who], as),
        f.registry,
      ],
      [
        "ScoreOracle.reject",
        ROLES.GUARDIAN,
        () => f.scoreOracle.write.reject([0, 1n, "x"], as),
        f.scoreOracle,
      ],
      [
        "ScoreOracle.setThreshold",
        ADMIN,
        () => f.scoreOracle.write.setThreshold([1], as),
        f.scoreOracle,
      ],
      [
        "ScoreOracle.setChallengeWindow",
        ADMIN,
        () => f.scoreOracle.write.setChallengeWindow([1], as),
        f.scoreOracle,
      ],
      [
        "ScoreOracle.grantRole",
        ADMIN,
        () => f.scoreOracle.write.grantRole([ROLES.ORACLE_SIGNER, who], as),
        f.scoreOracle,
      ],
      [
        "CommitRevealRandomness.commit",
        ROLES.ORACLE,
        () => f.randomness.write.commit([zeroHash, zeroHash], as),
        f.randomness,
      ],
      [
        "Ticket.mintPlaceholders",
        ROLES.MINTER,
        () => f.ticket.write.mintPlaceholders([1n, [who]], as),
        f.ticket,
      ],
      ["Ticket.activate", ROLES.MINTER, () => f.ticket.write.activate([1n, [1n]], as), f.ticket],
      [
        "Ticket.voidTickets",
        ROLES.MINTER,
        () => f.ticket.write.voidTickets([1n, [1n]], as),
        f.ticket,
      ],
      ["Ticket.reissue", ROLES.MINTER, () => f.ticket.write.reissue([1n, [1n]], as), f.ticket],
      ["Ticket.setEntered", ROLES.DRAW, () => f.ticket.write.setEntered([1n, true], as), f.ticket],
      ["Ticket.setRoyalty", ADMIN, () => f.ticket.write.setRoyalty([who, 1n], as), f.ticket],
      [
        "CampaignManager.createCampaign",
        ROLES.CAMPAIGN_MANAGER,
        () => f.campaigns.write.createCampaign([config, [defaultTier]], as),
        f.campaigns,
      ],
      [
        "CampaignManager.recordCompletions",
        ROLES.ORACLE,
        () => f.campaigns.write.recordCompletions([1n, [who]], as),
        f.campaigns,
      ],
      [
        "CampaignManager.recordVerdicts",
        ROLES.ORACLE,
        () => f.campaigns.write.recordVerdicts([1n, [1n], []], as),
        f.campaigns,
      ],
      [
        "CampaignManager.reissueVoided",
        ROLES.ORACLE,
        () => f.campaigns.write.reissueVoided([1n, [1n]], as),
        f.campaigns,
      ],
      ["CampaignManager.pause", ROLES.PAUSER, () => f.campaigns.write.pause(as), f.campaigns],
      ["CampaignManager.unpause", ROLES.PAUSER, () => f.campaigns.write.unpause(as), f.campaigns],
    ];

  for (const [name, role, call, contract] of matrix) {
    it(`${name} needs its role`, async () => {
      await viem.assertions.revertWithCustomErrorWithArgs(
        call() as Promise<Hex>,
        contract as typeof f.registry,
        "AccessControlUnauthorizedAccount",
        [who, role],
      );
    });
  }

  it("publishing needs signer signatures, not a role: an outsider may relay a valid one", async () => {
    await f.scoreOracle.write.publish([c, await f.signCommitment(c)], as);
  });
});
