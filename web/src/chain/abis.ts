// The ABIs of the contracts the app (and its tests) talk to, by deployment name.
import {
  campaignManagerAbi,
  galleryCollectionAbi,
  mesiTokenAbi,
  participantRegistryAbi,
  prizeDrawAbi,
  revenueDistributorAbi,
  scoreOracleAbi,
  ticketAbi,
  ticketMarketplaceAbi,
  vestingVaultAbi,
} from "@mesi/abi";

export const appAbis = {
  MesiToken: mesiTokenAbi,
  ParticipantRegistry: participantRegistryAbi,
  ScoreOracle: scoreOracleAbi,
  CampaignManager: campaignManagerAbi,
  Ticket: ticketAbi,
  TicketMarketplace: ticketMarketplaceAbi,
  PrizeDraw: prizeDrawAbi,
  VestingVault: vestingVaultAbi,
  RevenueDistributor: revenueDistributorAbi,
  GalleryCollection: galleryCollectionAbi,
} as const;

export type AppContract = keyof typeof appAbis;
