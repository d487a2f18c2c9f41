// Deploys every Mesi contract, wires their roles and hands administration to MesiTimelock.
// Parameters (all optional): admin, treasury, oracle, signer1..3, guardian, kycAttestor,
// signatureThreshold, challengeWindow, timelockDelay, royaltyBps, supply, marketFeeBps,
// directPayoutMax, revenueVestingCliff, revenueVestingDuration, claimPeriod.
// `scripts/deploy.ts` fills them per network.
//
// The deployer is a temporary admin: it grants the roles of the table in docs/CONTRACTS.md,
// makes the timelock DEFAULT_ADMIN_ROLE of every contract and renounces its own admin role,
// so afterwards it holds no role anywhere (test/contracts/deployment.test.ts checks every
// RoleGranted/RoleRevoked of the deployment against that table). From then on every role
// change and security setting is proposed by `admin`, waits out the timelock's delay (longer
// than any challenge window) and is executed by the guardian, who may also cancel it.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { CallableContractFuture, Future } from "@nomicfoundation/ignition-core";
import { keccak256, toHex, zeroHash } from "viem";

const role = (name: string) => keccak256(toHex(name));

/** The node account (index) each account parameter defaults to; #0 is the deployer. */
export const ACCOUNT_DEFAULTS = {
  admin: 0,
  treasury: 0,
  oracle: 1,
  signer1: 2,
  signer2: 3,
  signer3: 4,
  guardian: 5,
  kycAttestor: 6,
} as const;

/**
 * Why these parameters (the file's "Mesi" object; absent ones take ACCOUNT_DEFAULTS from
 * `accounts`) must not be deployed, in one line, or undefined. The module itself only sees
 * the values at deploy time, where MesiTimelock's constructor refuses the same thing
 * (`ProposerIsExecutor`); `scripts/deploy.ts` asks first.
 */
export function parameterProblem(
  parameters: Record<string, unknown> | undefined,
  accounts: readonly string[],
): string | undefined {
  const resolve = (name: "admin" | "guardian") =>
    String(parameters?.[name] ?? accounts[ACCOUNT_DEFAULTS[name]] ?? "").toLowerCase();
  const [admin, guardian] = [resolve("admin"), resolve("guardian")];
  if (admin !== "" && admin === guardian)
    return `parameters "admin" and "guardian" are the same account ${admin}: the admin proposes and the guardian executes, so they must be two different keys`;
  return undefined;
}

export default buildModule("Mesi", (m) => {
  const account = (name: keyof typeof ACCOUNT_DEFAULTS) =>
    m.getParameter(name, m.getAccount(ACCOUNT_DEFAULTS[name]));
  const deployer = m.getAccount(0);
  const admin = account("admin");
  const treasury = account("treasury");
  const oracle = account("oracle");
  const guardian = account("guardian"); // never the admin: MesiTimelock refuses it
  const kycAttestor = account("kycAttestor");
  const signer1 = account("signer1");
  const signer2 = account("signer2");
  const signer3 = account("signer3");
  const threshold = m.getParameter("signatureThreshold", 2);
  // Bounds: challenge window 1 h..1 day (ScoreOracle); timelock delay ≥ 2 days (MesiTimelock).
  const challengeWindow = m.getParameter("challengeWindow", 3600);
  const timelockDelay = m.getParameter("timelockDelay", 2 * 86_400);
  const royaltyBps = m.getParameter("royaltyBps", 500n);
  const supply = m.getParameter("supply", 10n ** 27n);
  const marketFeeBps = m.getParameter("marketFeeBps", 250);
  const directPayoutMax = m.getParameter("directPayoutMax", 10n ** 20n);
  const revenueCliff = m.getParameter("revenueVestingCliff", 7 * 86_400);
  const revenueDuration = m.getParameter("revenueVestingDuration", 90 * 86_400);
  const claimPeriod = m.getParameter("claimPeriod", 30 * 86_400);

  // admin proposes, the guardian executes; both may cancel a waiting operation.
  const timelock = m.contract("MesiTimelock", [timelockDelay, [admin], [guardian], [guardian]]);
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

  // Every call the deployer makes on a contract, so its renouncement comes after them.
  const wiring = new Map<CallableContractFuture<string>, Future[]>();
  const call = (c: CallableContractFuture<string>, fn: string, args: unknown[], id: string) => {
    const f = m.call(c, fn, args as never, { id });
    wiring.set(c, [...(wiring.get(c) ?? []), f]);
  };
  const grant = (c: CallableContractFuture<string>, r: string, who: unknown, id: string) =>
    call(c, "grantRole", [role(r), who], id);

  grant(registry, "KYC_ATTESTOR_ROLE", kycAttestor, "registry_kyc");
  grant(registry, "ORACLE_ROLE", oracle, "registry_oracle");
  grant(registry, "PAUSER_ROLE", admin, "registry_pauser");
  grant(scoreOracle, "ORACLE_SIGNER_ROLE", signer1, "oracle_signer1");
  grant(scoreOracle, "ORACLE_SIGNER_ROLE", signer2, "oracle_signer2");
  grant(scoreOracle, "ORACLE_SIGNER_ROLE", signer3, "oracle_signer3");
  grant(scoreOracle, "GUARDIAN_ROLE", guardian, "oracle_guardian");
  grant(randomness, "ORACLE_ROLE", oracle, "randomness_oracle");
  grant(ticket, "MINTER_ROLE", campaigns, "ticket_minter");
  grant(ticket, "DRAW_ROLE", prizeDraw, "ticket_draw");
  grant(campaigns, "CAMPAIGN_MANAGER_ROLE", admin, "campaigns_manager");
  grant(campaigns, "ORACLE_ROLE", oracle, "campaigns_oracle");
  grant(campaigns, "PAUSER_ROLE", admin, "campaigns_pauser");
  grant(vault, "GRANTOR_ROLE", prizeDraw, "vault_grantor_draw");
  grant(vault, "GRANTOR_ROLE", distributor, "vault_grantor_distributor");
  grant(vault, "GRANTOR_ROLE", admin, "vault_grantor_admin");
  grant(vault, "REVOKER_ROLE", admin, "vault_revoker_admin");
  grant(distributor, "ORACLE_ROLE", oracle, "distributor_oracle");
  grant(prizeDraw, "CAMPAIGN_MANAGER_ROLE", admin, "draw_manager");
  call(marketplace, "setCollectionAllowed", [ticket, true], "market_allow_tickets");
  call(marketplace, "setCollectionAllowed", [gallery, true], "market_allow_gallery");

  // Hand over: the timelock becomes admin of each contract, then the deployer leaves.
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
    const handOver = m.call(c, "grantRole", [zeroHash, timelock], { id: `${name}_admin` });
    m.call(c, "renounceRole", [zeroHash, deployer], {
      id: `${name}_deployer_leaves`,
      after: [handOver, ...(wiring.get(c) ?? [])],
    });
  }

  return {
    timelock,
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
