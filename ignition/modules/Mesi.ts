// Deploys every Mesi contract and wires their roles. Parameters (all optional):
// admin, treasury, oracle, signers, guardian, kycAttestor, signatureThreshold,
// challengeWindow, royaltyBps, supply. `scripts/deploy.ts` fills them per network.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { keccak256, toHex } from "viem";

const role = (name: string) => keccak256(toHex(name));

export default buildModule("Mesi", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const treasury = m.getParameter("treasury", deployer);
  const oracle = m.getParameter("oracle", m.getAccount(1));
  const guardian = m.getParameter("guardian", m.getAccount(5));
  const kycAttestor = m.getParameter("kycAttestor", m.getAccount(6));
  const signer1 = m.getParameter("signer1", m.getAccount(2));
  const signer2 = m.getParameter("signer2", m.getAccount(3));
  const signer3 = m.getParameter("signer3", m.getAccount(4));
  const threshold = m.getParameter("signatureThreshold", 2);
  const challengeWindow = m.getParameter("challengeWindow", 3600);
  const royaltyBps = m.getParameter("royaltyBps", 500n);
  const supply = m.getParameter("supply", 10n ** 27n);
  const marketFeeBps = m.getParameter("marketFeeBps", 250);
  const directPayoutMax = m.getParameter("directPayoutMax", 10n ** 20n);
  const revenueCliff = m.getParameter("revenueVestingCliff", 7 * 86_400);
  const revenueDuration = m.getParameter("revenueVestingDuration", 90 * 86_400);
  const claimPeriod = m.getParameter("claimPeriod", 30 * 86_400);

  // The deployer wires roles, then hands admin over (if `admin` is another account).
  const token = m.contract("MesiToken", [treasury, supply]);
  const registry = m.contract("ParticipantRegistry", [deployer]);
  const scoreOracle = m.contract("ScoreOracle", [deployer, threshold, challengeWindow]);
  const randomness = m.contract("CommitRevealRandomness", [deployer]);
  const ticket = m.contract("Ticket", [deployer, treasury, royaltyBps]);
  const campaigns = m.contract("CampaignManager", [
    deployer,
    registry,
    scoreOracle,
    randomness,
    ticket,
  ]);

  // The economy: revocations claw back to the treasury; fees and expired funds go to the pools.
  const vault = m.contract("VestingVault", [deployer, token, registry, treasury]);
  const distributor = m.contract("RevenueDistributor", [
    deployer,
    token,
    scoreOracle,
    vault,
    directPayoutMax,
    revenueCliff,
    revenueDuration,
    claimPeriod,
  ]);
  const prizeDraw = m.contract("PrizeDraw", [
    deployer,
    token,
    campaigns,
    ticket,
    scoreOracle,
    randomness,
    vault,
    distributor,
    claimPeriod,
  ]);
  const marketplace = m.contract("TicketMarketplace", [
    deployer,
    token,
    ticket,
    distributor,
    treasury,
    marketFeeBps,
  ]);
  const gallery = m.contract("GalleryCollection", []);

  m.call(registry, "grantRole", [role("KYC_ATTESTOR_ROLE"), kycAttestor], { id: "registry_kyc" });
  m.call(registry, "grantRole", [role("ORACLE_ROLE"), oracle], { id: "registry_oracle" });
  m.call(scoreOracle, "grantRole", [role("ORACLE_SIGNER_ROLE"), signer1], { id: "oracle_signer1" });
  m.call(scoreOracle, "grantRole", [role("ORACLE_SIGNER_ROLE"), signer2], { id: "oracle_signer2" });
  m.call(scoreOracle, "grantRole", [role("ORACLE_SIGNER_ROLE"), signer3], { id: "oracle_signer3" });
  m.call(scoreOracle, "grantRole", [role("GUARDIAN_ROLE"), guardian], { id: "oracle_guardian" });
  m.call(randomness, "grantRole", [role("ORACLE_ROLE"), oracle], { id: "randomness_oracle" });
  m.call(ticket, "grantRole", [role("MINTER_ROLE"), campaigns], { id: "ticket_minter" });
  m.call(campaigns, "grantRole", [role("CAMPAIGN_MANAGER_ROLE"), admin], {
    id: "campaigns_manager",
  });
  m.call(campaigns, "grantRole", [role("ORACLE_ROLE"), oracle], { id: "campaigns_oracle" });
  m.call(ticket, "grantRole", [role("DRAW_ROLE"), prizeDraw], { id: "ticket_draw" });
  m.call(vault, "grantRole", [role("GRANTOR_ROLE"), prizeDraw], { id: "vault_grantor_draw" });
  m.call(vault, "grantRole", [role("GRANTOR_ROLE"), distributor], {
    id: "vault_grantor_distributor",
  });
  m.call(vault, "grantRole", [role("GRANTOR_ROLE"), admin], { id: "vault_grantor_admin" });
  m.call(vault, "grantRole", [role("REVOKER_ROLE"), admin], { id: "vault_revoker_admin" });
  m.call(distributor, "grantRole", [role("ORACLE_ROLE"), oracle], { id: "distributor_oracle" });
  m.call(prizeDraw, "grantRole", [role("CAMPAIGN_MANAGER_ROLE"), admin], { id: "draw_manager" });
  m.call(marketplace, "setCollectionAllowed", [ticket, true], { id: "market_allow_tickets" });
  m.call(marketplace, "setCollectionAllowed", [gallery, true], { id: "market_allow_gallery" });
  for (const [name, c] of [
    ["registry", registry],
    ["scoreOracle", scoreOracle],
    ["randomness", randomness],
    ["ticket", ticket],
    ["campaigns", campaigns],
    ["vault", vault],
    ["distributor", distributor],
    ["prizeDraw", prizeDraw],
    ["marketplace", marketplace],
  ] as const) {
    m.call(c, "grantRole", ["0x" + "00".repeat(32), admin], { id: `${name}_admin` });
  }

  return {
    token,
    registry,
    scoreOracle,
    randomness,
    ticket,
    campaigns,
    vault,
    distributor,
    prizeDraw,
    marketplace,
    gallery,
  };
});
