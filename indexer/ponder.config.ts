// Every product contract of the deployment, on one chain. ABIs and addresses come from
// @mesi/abi; chain, node, start block and database from the environment (lib/settings.ts).
import { createConfig } from "ponder";
import {
  campaignManagerAbi,
  commitRevealRandomnessAbi,
  galleryCollectionAbi,
  mesiTimelockAbi,
  mesiTokenAbi,
  participantRegistryAbi,
  prizeDrawAbi,
  revenueDistributorAbi,
  scoreOracleAbi,
  ticketAbi,
  ticketMarketplaceAbi,
  vestingVaultAbi,
} from "@mesi/abi";
import { loadSettings } from "./lib/settings.ts";

const s = loadSettings();
const on = (address: `0x${string}`) =>
  ({ chain: "mesi", address, startBlock: s.startBlock }) as const;
const c = s.deployment.contracts;

export default createConfig({
  ordering: "omnichain",
  database:
    s.database.kind === "postgres"
      ? { kind: "postgres", connectionString: s.database.connectionString }
      : { kind: "pglite", directory: s.database.directory },
  chains: {
    mesi: {
      id: s.chainId,
      // Ponder 0.16 limits each endpoint on its own (maxRequestsPerSecond is ignored): the
      // same node listed once per lane lets a local node serve a cold sync at full speed.
      rpc: Array.from({ length: s.rpcLanes }, () => s.rpcUrl),
      pollingInterval: s.pollingInterval,
    },
  },
  contracts: {
    MesiTimelock: { abi: mesiTimelockAbi, ...on(c.MesiTimelock) },
    MesiToken: { abi: mesiTokenAbi, ...on(c.MesiToken) },
    ParticipantRegistry: { abi: participantRegistryAbi, ...on(c.ParticipantRegistry) },
    ScoreOracle: { abi: scoreOracleAbi, ...on(c.ScoreOracle) },
    CommitRevealRandomness: { abi: commitRevealRandomnessAbi, ...on(c.CommitRevealRandomness) },
    CampaignManager: { abi: campaignManagerAbi, ...on(c.CampaignManager) },
    Ticket: { abi: ticketAbi, ...on(c.Ticket) },
    TicketMarketplace: { abi: ticketMarketplaceAbi, ...on(c.TicketMarketplace) },
    PrizeDraw: { abi: prizeDrawAbi, ...on(c.PrizeDraw) },
    VestingVault: { abi: vestingVaultAbi, ...on(c.VestingVault) },
    RevenueDistributor: { abi: revenueDistributorAbi, ...on(c.RevenueDistributor) },
    GalleryCollection: { abi: galleryCollectionAbi, ...on(c.GalleryCollection) },
  },
});
