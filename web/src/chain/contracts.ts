// Typed contract handles in the scaffold-eth-2 `deployedContracts` spirit: every address comes
// from @mesi/abi's deployments (written by the deploy script), every ABI from its generated
// `as const` ABIs, so wagmi and viem infer argument and result types. Nothing is hand-written.
import type { Address } from "viem";
import {
  campaignManagerAbi,
  deploymentOn,
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
import { settings } from "../config/env.ts";

const abis = {
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

export type AppContract = keyof typeof abis;

export class NotDeployedError extends Error {}

/** `{ address, abi }` of a Mesi contract on the app's chain, ready for wagmi/viem calls. */
export function contract<N extends AppContract>(
  name: N,
): { address: Address; abi: (typeof abis)[N] } {
  const address = deploymentOn(settings.chainId)?.contracts[name];
  if (!address)
    throw new NotDeployedError(
      `${name} is not deployed on chain ${settings.chainId}: deploy the contracts (npm run deploy) and rebuild the app`,
    );
  return { address, abi: abis[name] };
}

/** The block the deployment started at (indexer and log queries begin there). */
export const deploymentStartBlock = (): bigint =>
  BigInt(deploymentOn(settings.chainId)?.startBlock ?? 0);
