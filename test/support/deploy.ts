// Deploys the whole system on a test node with the project's Ignition module
// (ignition/modules/Mesi.ts), exactly as `npm run deploy` does, but in memory: no journal
// under ignition/deployments and no write to @mesi/abi's deployments.json, so concurrent
// tests never touch each other's files.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { deploy, type Artifact, type ArtifactResolver } from "@nomicfoundation/ignition-core";
import type { Address, Hex } from "viem";
import { systemContracts, type ContractName, type Deployment } from "@mesi/abi";
import MesiModule from "../../ignition/modules/Mesi.ts";
import { ROOT, rpc } from "./chain.ts";

/** Reads compiled artifacts by contract name from `artifacts/contracts/<dir>/<Name>.sol/`. */
function artifactResolver(): ArtifactResolver {
  let index: Promise<Map<string, string>> | undefined;
  const build = async () => {
    const files = new Map<string, string>();
    const base = path.join(ROOT, "artifacts", "contracts");
    for (const entry of await readdir(base, { recursive: true })) {
      const m = /([^/]+)\.sol\/([^/]+)\.json$/.exec(entry);
      if (m && m[1] === m[2]) files.set(m[2]!, path.join(base, entry));
    }
    return files;
  };
  return {
    async loadArtifact(name) {
      const file = (await (index ??= build())).get(name);
      if (!file) throw new Error(`no artifact for ${name}: run npx hardhat build`);
      return JSON.parse(await readFile(file, "utf8")) as Artifact;
    },
    async getBuildInfo() {
      return undefined;
    },
  };
}

export type Contracts = Record<ContractName, Address>;

/** The name of every contract a system deployment holds, as @mesi/abi records them. */
export const SYSTEM_CONTRACTS = systemContracts;

export interface SystemDeployment extends Deployment {
  contracts: Contracts;
}

/** Deploys and wires every contract with the Ignition module; returns @mesi/abi's shape. */
export async function deploySystem(url: string): Promise<SystemDeployment> {
  const provider = {
    request: ({ method, params }: { method: string; params?: unknown[] }) =>
      rpc(url, method, params ?? []),
  };
  const startBlock = Number(BigInt(await rpc<Hex>(url, "eth_blockNumber")));
  const chainId = Number(BigInt(await rpc<Hex>(url, "eth_chainId")));
  const accounts = await rpc<string[]>(url, "eth_accounts");
  const result = await deploy({
    provider,
    artifactResolver: artifactResolver(),
    ignitionModule: MesiModule,
    deploymentParameters: {},
    accounts,
    // A local node mines each transaction at once; no confirmations to wait for.
    config: { requiredConfirmations: 1 },
  });
  if (result.type !== "SUCCESSFUL_DEPLOYMENT")
    throw new Error(`Ignition deployment failed: ${JSON.stringify(result)}`);
  const contracts = Object.fromEntries(
    systemContracts.map((name) => {
      const c = result.contracts[`Mesi#${name}`];
      if (!c) throw new Error(`the deployment has no ${name}`);
      return [name, c.address as Address];
    }),
  ) as Contracts;
  return { chainId, startBlock, contracts };
}
