// Ticket completions, quality verdicts and exclusions go on chain in batches sized below the
// chain's per-transaction gas cap. Each call first reads the chain and sends only what is not
// there yet, so a restart after a crash (or a second run) never double-sends and loses nothing.
import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from "viem";
import { campaignManagerAbi, participantRegistryAbi, ticketAbi } from "@mesi/abi";
import { contractCall, plainSender, type SendTx, type TxCall } from "./journal.ts";

export interface Chainside {
  publicClient: PublicClient;
  wallet: WalletClient<Transport, Chain, Account>;
  /** How transactions go out; default: send and wait, no journal. */
  send?: SendTx;
}

/** Batch sizes keep each transaction far below the 16,777,216-gas cap (measured per item in bench:gas). */
export const BATCH = {
  completions: 150,
  activations: 1_000,
  voids: 200,
  exclusions: 500,
  reissues: 100,
} as const;

const PLACEHOLDER = 1;

/** The items for which `pending` answers true, read one by one from the chain. */
async function stillPending<T>(
  items: readonly T[],
  pending: (item: T) => Promise<boolean>,
): Promise<T[]> {
  const out: T[] = [];
  for (const item of items) if (await pending(item)) out.push(item);
  return out;
}

/** Sends `call(batch)` per batch of `items`, waiting for each receipt; returns the tx hashes. */
async function sendInBatches<T>(
  c: Chainside,
  step: string,
  items: readonly T[],
  size: number,
  call: (batch: T[]) => TxCall,
): Promise<Hex[]> {
  const send = c.send ?? plainSender(c);
  const txs: Hex[] = [];
  for (let i = 0; i < items.length; i += size)
    txs.push(await send(step, call(items.slice(i, i + size))));
  return txs;
}

/** The fields of a campaign that decide when its selected group is known. */
export interface SelectionFields {
  capacity: number;
  joinCap: number;
  joinEnd: number | bigint;
  joined: number;
  selected: number;
}

/**
 * Why completions of a campaign must wait, or undefined when they can go out. CampaignManager
 * refuses them (EnrolmentOpen) while enrolment is open and joins could still exceed the
 * capacity, and skips every member the selection has not drawn: sending earlier would revert
 * or mint nothing, epoch after epoch, so the oracle waits for enrolment to close and, over
 * capacity, for the selection to be complete.
 */
export function completionsWait(c: SelectionFields, now: bigint): string | undefined {
  if (c.joinCap > c.capacity && now < BigInt(c.joinEnd)) return "enrolment open";
  if (c.joined > c.capacity && c.selected < c.capacity) return "selection not drawn";
  return undefined;
}

/** Records completions for accounts whose completion is not on chain yet. */
export async function publishCompletions(
  c: Chainside,
  manager: Address,
  campaignId: bigint,
  accounts: readonly Address[],
): Promise<Hex[]> {
  const pending = await stillPending(accounts, async (account) => {
    const m = await c.publicClient.readContract({
      address: manager,
      abi: campaignManagerAbi,
      functionName: "membership",
      args: [campaignId, account],
    });
    return !m.completed;
  });
  return sendInBatches(c, `completions:${campaignId}`, pending, BATCH.completions, (batch) =>
    contractCall(manager, campaignManagerAbi, "recordCompletions", [campaignId, batch]),
  );
}

/** Activates or voids the given tickets that are still placeholders. */
export async function publishVerdicts(
  c: Chainside,
  manager: Address,
  ticket: Address,
  campaignId: bigint,
  verdicts: { activate: readonly bigint[]; void: readonly bigint[] },
): Promise<Hex[]> {
  const isPlaceholder = async (id: bigint) =>
    (await c.publicClient.readContract({
      address: ticket,
      abi: ticketAbi,
      functionName: "stateOf",
      args: [id],
    })) === PLACEHOLDER;
  const record = (activate: bigint[], voidIds: bigint[]) =>
    contractCall(manager, campaignManagerAbi, "recordVerdicts", [campaignId, activate, voidIds]);
  return [
    ...(await sendInBatches(
      c,
      `activations:${campaignId}`,
      await stillPending(verdicts.activate, isPlaceholder),
      BATCH.activations,
      (b) => record(b, []),
    )),
    ...(await sendInBatches(
      c,
      `voids:${campaignId}`,
      await stillPending(verdicts.void, isPlaceholder),
      BATCH.voids,
      (b) => record([], b),
    )),
  ];
}

/** Re-issues voided tickets of one campaign that are not re-issued yet (a granted appeal). */
export async function publishReissues(
  c: Chainside,
  manager: Address,
  ticket: Address,
  campaignId: bigint,
  voidedIds: readonly bigint[],
): Promise<Hex[]> {
  const pending = await stillPending(
    [...new Set(voidedIds)],
    async (id) =>
      (await c.publicClient.readContract({
        address: ticket,
        abi: ticketAbi,
        functionName: "reissuedAs",
        args: [id],
      })) === 0n,
  );
  return sendInBatches(c, `reissues:${campaignId}`, pending, BATCH.reissues, (batch) =>
    contractCall(manager, campaignManagerAbi, "reissueVoided", [campaignId, batch]),
  );
}

/** Sets exclusion for accounts whose on-chain flag differs. */
export async function publishExclusions(
  c: Chainside,
  registry: Address,
  accounts: readonly Address[],
  excluded: boolean,
  reason: Hex,
): Promise<Hex[]> {
  const pending = await stillPending(accounts, async (account) => {
    const p = await c.publicClient.readContract({
      address: registry,
      abi: participantRegistryAbi,
      functionName: "participant",
      args: [account],
    });
    return p.excluded !== excluded;
  });
  return sendInBatches(
    c,
    excluded ? "exclusions:set" : "exclusions:lift",
    pending,
    BATCH.exclusions,
    (batch) =>
      contractCall(registry, participantRegistryAbi, "setExclusions", [batch, excluded, reason]),
  );
}
