// Ticket completions, quality verdicts and exclusions go on chain in batches sized below the
// chain's per-transaction gas cap. Each call first reads the chain and sends only what is not
// there yet, so a restart after a crash (or a second run) never double-sends and loses nothing.
import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from "viem";
import { campaignManagerAbi, participantRegistryAbi, ticketAbi } from "@mesi/abi";

export interface Chainside {
  publicClient: PublicClient;
  wallet: WalletClient<Transport, Chain, Account>;
}

/** Batch sizes keep each transaction far below the 16,777,216-gas cap (measured per item in bench:gas). */
export const BATCH = { completions: 150, activations: 1_000, voids: 200, exclusions: 500 } as const;

const chunks = <T>(xs: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

async function send(c: Chainside, tx: Promise<Hex>): Promise<Hex> {
  const hash = await tx;
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return hash;
}

/** Records completions for accounts whose completion is not on chain yet; returns the txs sent. */
export async function publishCompletions(
  c: Chainside,
  manager: Address,
  campaignId: bigint,
  accounts: readonly Address[],
): Promise<Hex[]> {
  const pending: Address[] = [];
  for (const account of accounts) {
    const m = await c.publicClient.readContract({
      address: manager,
      abi: campaignManagerAbi,
      functionName: "membership",
      args: [campaignId, account],
    });
    if (!m.completed) pending.push(account);
  }
  const txs: Hex[] = [];
  for (const batch of chunks(pending, BATCH.completions)) {
    txs.push(
      await send(
        c,
        c.wallet.writeContract({
          address: manager,
          abi: campaignManagerAbi,
          functionName: "recordCompletions",
          args: [campaignId, batch],
        }),
      ),
    );
  }
  return txs;
}

/** Activates or voids the given tickets that are still placeholders; returns the txs sent. */
export async function publishVerdicts(
  c: Chainside,
  manager: Address,
  ticket: Address,
  campaignId: bigint,
  verdicts: { activate: readonly bigint[]; void: readonly bigint[] },
): Promise<Hex[]> {
  const PLACEHOLDER = 1;
  const stillPlaceholder = async (ids: readonly bigint[]) => {
    const out: bigint[] = [];
    for (const id of ids) {
      if (
        (await c.publicClient.readContract({
          address: ticket,
          abi: ticketAbi,
          functionName: "stateOf",
          args: [id],
        })) === PLACEHOLDER
      )
        out.push(id);
    }
    return out;
  };
  const txs: Hex[] = [];
  for (const batch of chunks(await stillPlaceholder(verdicts.activate), BATCH.activations)) {
    txs.push(
      await send(
        c,
        c.wallet.writeContract({
          address: manager,
          abi: campaignManagerAbi,
          functionName: "recordVerdicts",
          args: [campaignId, batch, []],
        }),
      ),
    );
  }
  for (const batch of chunks(await stillPlaceholder(verdicts.void), BATCH.voids)) {
    txs.push(
      await send(
        c,
        c.wallet.writeContract({
          address: manager,
          abi: campaignManagerAbi,
          functionName: "recordVerdicts",
          args: [campaignId, [], batch],
        }),
      ),
    );
  }
  return txs;
}

/** Sets exclusion for accounts whose on-chain flag differs; returns the txs sent. */
export async function publishExclusions(
  c: Chainside,
  registry: Address,
  accounts: readonly Address[],
  excluded: boolean,
  reason: Hex,
): Promise<Hex[]> {
  const pending: Address[] = [];
  for (const account of accounts) {
    const p = await c.publicClient.readContract({
      address: registry,
      abi: participantRegistryAbi,
      functionName: "participant",
      args: [account],
    });
    if (p.excluded !== excluded) pending.push(account);
  }
  const txs: Hex[] = [];
  for (const batch of chunks(pending, BATCH.exclusions)) {
    txs.push(
      await send(
        c,
        c.wallet.writeContract({
          address: registry,
          abi: participantRegistryAbi,
          functionName: "setExclusions",
          args: [batch, excluded, reason],
        }),
      ),
    );
  }
  return txs;
}
