/**
 * @mesi/abi: the contracts' typed ABIs (generated from the Hardhat artifacts),
 * deployed addresses per chain (written by the deploy script), and the shared
 * encodings that the contracts and the off-chain parts must agree on.
 */
export * from "./generated/abis.ts";
export * from "./deployments.ts";
export * from "./draw.ts";
export * from "./leaf.ts";
export * from "./market.ts";
export * from "./scopes.ts";
export * from "./wallet-message.ts";
