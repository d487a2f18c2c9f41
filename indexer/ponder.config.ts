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
import { chainConfig, databaseConfig, onChain } from "./lib/ponder-base.ts";
import { loadSettings } from "./lib/settings.ts";

const s = loadSettings();
const on = (address: `0x${string}`) => onChain(s, address);
const c = s.deployment.contracts;

export default createConfig({
  ordering: "omnichain",
  database: databaseConfig(s),
  chains: { mesi: chainConfig(s) },
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
