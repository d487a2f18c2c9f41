// Where `serve` and `epoch` follow consent from: the chain at RPC_URL and its ParticipantRegistry
// (MESI_REGISTRY, or @mesi/abi's deployment for the chain), read from its deployment block.
// Validated like config.ts: a bad value stops the process naming the variable and the rule.
import { createPublicClient, http, type Address, type PublicClient } from "viem";
import { deploymentOn } from "@mesi/abi";
import type { Db } from "../db/database.ts";
import { ConsentLedger } from "./consent.ts";
import { chainIdAt, configError, consentEnv, parseEnv } from "../config.ts";

export async function consentLedgerFromEnv(
  env: Record<string, string | undefined>,
  db: Db,
  log: (entry: Record<string, unknown>) => void,
): Promise<ConsentLedger> {
  const e = parseEnv(consentEnv, env, "consent");
  const client = createPublicClient({ transport: http(e.RPC_URL) }) as PublicClient;
  const chainId = await chainIdAt(
    client,
    e.RPC_URL,
    "the oracle follows consent from ParticipantRegistry there (set ORACLE_CONSENT=off only for tests without a chain)",
  );
  const deployment = deploymentOn(chainId);
  const registry = (e.MESI_REGISTRY ?? deployment?.contracts.ParticipantRegistry) as
    Address | undefined;
  if (!registry)
    throw configError(
      "consent",
      `MESI_REGISTRY: required (ParticipantRegistry is not deployed on chain ${chainId})`,
    );
  if ((await client.getCode({ address: registry })) === undefined)
    throw configError(
      "consent",
      `no contract at ${registry} on chain ${chainId} (a stale deployment? run npm run deploy)`,
    );
  const fromBlock =
    e.ORACLE_CONSENT_FROM_BLOCK ??
    (e.MESI_REGISTRY === undefined && deployment ? deployment.startBlock : 0);
  return new ConsentLedger({
    db,
    client,
    registry,
    fromBlock: BigInt(fromBlock),
    confirmations: BigInt(e.ORACLE_CONSENT_CONFIRMATIONS),
    log,
  });
}
