// `npm run deploy -- [--network NAME]`: deploys and wires every contract with the Ignition
// module, then records the addresses and start block in @mesi/abi's deployments.json, which
// the oracle, indexer and web app import instead of hand-written addresses.
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { network } from "hardhat";
import MesiModule, { parameterProblem } from "../ignition/modules/Mesi.ts";

const { values } = parseArgs({
  options: {
    network: { type: "string", default: "localhost" },
    parameters: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(`Usage: npm run deploy -- [--network NAME] [--parameters FILE]

Deploys every contract (governance: MesiTimelock; core: MesiToken, ParticipantRegistry,
ScoreOracle, CommitRevealRandomness, Ticket, CampaignManager; economy: VestingVault,
RevenueDistributor, PrizeDraw, TicketMarketplace, GalleryCollection) with
ignition/modules/Mesi.ts, grants every role, hands administration to the timelock (the
deployer keeps no role), and writes the addresses to abi/src/generated/deployments.json.
NAME is a network of hardhat.config.ts (default: localhost, the node started by
\`npm run node\`; l2: MESI_L2_RPC_URL with the deployer key MESI_DEPLOYER_KEY from the Hardhat
keystore or the environment). FILE is an Ignition parameters file ({"Mesi": {"admin": …}}):
the roles' holders and settings of a real deployment (docs/DEPLOY.md); without it every role
goes to the node's development accounts. Compile with --build-profile production first.`);
  process.exit(0);
}

const conn = await network.connect({ network: values.network });
const publicClient = await conn.viem.getPublicClient();
const chainId = await publicClient.getChainId();
const startBlock = Number(await publicClient.getBlockNumber());
console.log(`deploy: network ${values.network} (chain ${chainId}), from block ${startBlock}`);

const parameters = values.parameters
  ? (JSON.parse(await readFile(values.parameters, "utf8")) as Record<string, Record<string, never>>)
  : undefined;
// Refused before anything is sent (MesiTimelock would revert on the same values).
const problem = parameterProblem(
  parameters?.Mesi,
  (await conn.provider.request({ method: "eth_accounts" })) as string[],
);
if (problem) {
  console.error(`deploy: refused: ${problem}`);
  await conn.close();
  process.exit(1);
}

// A local Hardhat chain starts empty every time: an old Ignition journal for it is stale.
if (chainId === 31337) {
  await rm(path.resolve(import.meta.dirname, "..", "ignition", "deployments", "chain-31337"), {
    recursive: true,
    force: true,
  });
}
const deployed = await conn.ignition.deploy(MesiModule, {
  displayUi: false,
  ...(parameters ? { parameters } : {}),
});
// Keyed by contract name, as @mesi/abi records deployments: each result names its contract.
const contracts = Object.fromEntries(
  Object.entries(deployed).map(([key, c]) => [
    MesiModule.results[key as keyof typeof MesiModule.results].contractName,
    c.address,
  ]),
);

const file = path.resolve(import.meta.dirname, "..", "abi", "src", "generated", "deployments.json");
const all = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
all[String(chainId)] = { chainId, startBlock, contracts };
await writeFile(file, JSON.stringify(all, null, 2) + "\n");
for (const [name, address] of Object.entries(contracts))
  console.log(`  ${name.padEnd(24)} ${address}`);
console.log(`deploy: wrote ${path.relative(process.cwd(), file)}`);
await conn.close();
