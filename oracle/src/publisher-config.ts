// What the epoch pipeline needs beyond the API's configuration: the chain, the signers who
// co-sign commitments, the relayer that sends them, the contracts, and the salt secret.
// Validated like config.ts: a bad value stops the process naming the variable and the rule.
import {
  createPublicClient,
  createWalletClient,
  http,
  type Account,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { deploymentOn, type ContractName } from "@mesi/abi";
import { chainIdAt, configError, parseEnv, publisherEnv } from "./config.ts";
import type { Chainside } from "./publish/tickets.ts";
import type { HoldingSources } from "./snapshot/holdings.ts";

export interface PublisherConfig {
  chain: Chainside;
  signers: Account[];
  saltSecret: Hex;
  contracts: {
    scoreOracle: Address;
    registry: Address;
    holdings?: HoldingSources;
    tickets?: { campaigns: Address; ticket: Address };
    galleries?: Address;
    /** Whose selection and draw seeds the seed job commits and reveals. */
    seeds?: { campaigns: Address; prizeDraw: Address };
    /** Where the revenue pool job opens pools of final GALLERY epochs. */
    distributor?: Address;
  };
  datasetBaseUri: string;
}

export async function loadPublisherConfig(
  env: Record<string, string | undefined>,
  apiUrl: string,
): Promise<PublisherConfig> {
  const e = parseEnv(publisherEnv, env, "publisher");
  const publicClient = createPublicClient({ transport: http(e.RPC_URL) }) as PublicClient;
  const chainId = await chainIdAt(
    publicClient,
    e.RPC_URL,
    "the publisher (ORACLE_SIGNER_KEYS) commits epochs there; start the chain or unset ORACLE_SIGNER_KEYS",
  );
  // An explicit ScoreOracle means an explicit deployment: nothing is mixed in from @mesi/abi's.
  const deployed = e.MESI_SCORE_ORACLE ? {} : (deploymentOn(chainId)?.contracts ?? {});
  const pick = (override: string | undefined, name: ContractName, envName: string): Address => {
    const a = (override ?? deployed[name]) as Address | undefined;
    if (!a)
      throw configError(
        "publisher",
        `${envName}: required (${name} is not deployed on chain ${chainId})`,
      );
    return a;
  };
  const signers = e.ORACLE_SIGNER_KEYS.map((k) => privateKeyToAccount(k as Hex));
  const relayer = e.ORACLE_RELAYER_KEY
    ? privateKeyToAccount(e.ORACLE_RELAYER_KEY as Hex)
    : signers[0]!;
  const wallet = createWalletClient({
    account: relayer,
    chain: {
      id: chainId,
      name: `chain ${chainId}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [e.RPC_URL] } },
    },
    transport: http(e.RPC_URL),
  });
  const ticket = e.MESI_TICKET ?? deployed.Ticket;
  const token = e.MESI_TOKEN ?? deployed.MesiToken;
  const vault = e.MESI_VESTING_VAULT ?? deployed.VestingVault;
  const manager = e.MESI_CAMPAIGN_MANAGER ?? deployed.CampaignManager;
  const galleries = e.MESI_GALLERY_COLLECTION ?? deployed.GalleryCollection;
  const prizeDraw = e.MESI_PRIZE_DRAW ?? deployed.PrizeDraw;
  const distributor = e.MESI_REVENUE_DISTRIBUTOR ?? deployed.RevenueDistributor;
  const contracts = {
    scoreOracle: pick(e.MESI_SCORE_ORACLE, "ScoreOracle", "MESI_SCORE_ORACLE"),
    registry: pick(e.MESI_REGISTRY, "ParticipantRegistry", "MESI_REGISTRY"),
    ...(ticket && token
      ? {
          holdings: {
            ticket: ticket as Address,
            token: token as Address,
            ...(vault ? { vault: vault as Address } : {}),
          },
        }
      : {}),
    ...(manager && ticket
      ? { tickets: { campaigns: manager as Address, ticket: ticket as Address } }
      : {}),
    ...(galleries ? { galleries: galleries as Address } : {}),
    ...(manager && prizeDraw
      ? { seeds: { campaigns: manager as Address, prizeDraw: prizeDraw as Address } }
      : {}),
    ...(distributor ? { distributor: distributor as Address } : {}),
  };
  for (const a of [
    contracts.scoreOracle,
    contracts.registry,
    ticket,
    token,
    vault,
    manager,
    galleries,
    prizeDraw,
    distributor,
  ]) {
    if (a && (await publicClient.getCode({ address: a as Address })) === undefined)
      throw configError(
        "publisher",
        `no contract at ${a} on chain ${chainId} (a stale deployment? run npm run deploy)`,
      );
  }
  return {
    chain: { publicClient, wallet },
    signers,
    saltSecret: e.ORACLE_SALT_SECRET as Hex,
    contracts,
    datasetBaseUri: `${(e.ORACLE_PUBLIC_URL ?? apiUrl).replace(/\/$/, "")}/v1/datasets/`,
  };
}
