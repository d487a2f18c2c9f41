/**
 * Deployed addresses per chain id, written by `npm run deploy` (scripts/deploy.ts)
 * into generated/deployments.json; consumers import this instead of hand-written addresses.
 */
import type { Address } from "viem";
import deployments from "./generated/deployments.json" with { type: "json" };
import { systemContracts } from "./generated/abis.ts";

/** A contract of the system (generated from the Ignition module by scripts/export-abi.ts). */
export type ContractName = (typeof systemContracts)[number];

export interface Deployment {
  chainId: number;
  startBlock: number;
  contracts: Partial<Record<ContractName, Address>>;
}

const all = deployments as Record<string, Deployment>;

/** The deployment on a chain, or undefined when nothing was deployed there. */
export const deploymentOn = (chainId: number): Deployment | undefined => all[String(chainId)];

/** The address of a contract on a chain; throws naming both when it is not deployed. */
export const addressOf = (chainId: number, name: ContractName): Address => {
  const address = deploymentOn(chainId)?.contracts[name];
  if (!address) throw new Error(`${name} is not deployed on chain ${chainId}: run npm run deploy`);
  return address;
};
