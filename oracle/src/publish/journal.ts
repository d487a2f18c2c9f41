// Sends the oracle's transactions so that a crash or a lost reply at any point neither loses nor
// doubles one:
//   - each transaction is signed once; its signed bytes and hash go into the journal before
//     they leave, and every retry re-broadcasts those bytes (a reply lost after the node took
//     the transaction cannot make a second one with the next nonce);
//   - on start, `settle` waits for every journaled transaction still in flight, re-broadcasts
//     one the node never saw, or marks it dropped when its nonce went to another, so the chain
//     reads that decide what to send next see every earlier write;
//   - a reverted transaction is an error, never retried.
// What is already on chain is decided by reading the chain (publish-epoch.ts, tickets.ts).
import {
  BaseError,
  encodeFunctionData,
  getContractError,
  keccak256,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import type { Db } from "../db/database.ts";
import { RevertedError, withRetry, type RetryOptions } from "../util/retry.ts";

// The oracle's transactions leave this process one at a time: the node numbers each by the
// sender's pending count, so two writes in flight at once (the epoch run and the seed job share
// the relayer) could take the same nonce. Only the hand-over is serial; receipts are awaited
// in parallel.
let outbox: Promise<unknown> = Promise.resolve();
export function oneAtATime<T>(write: () => Promise<T>): Promise<T> {
  const sent = outbox.then(write, write);
  outbox = sent.catch(() => undefined);
  return sent;
}

/** A contract call to send: the target and its calldata (the rest names a revert). */
export interface TxCall {
  to: Address;
  data: Hex;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
}

/** `functionName(args)` on `address`, type-checked against `abi`. */
export function contractCall<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(
  address: Address,
  abi: abi,
  functionName: functionName,
  args: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>,
): TxCall {
  return {
    to: address,
    data: encodeFunctionData({ abi, functionName, args } as Parameters<
      typeof encodeFunctionData
    >[0]),
    abi,
    functionName,
    args: args as readonly unknown[],
  };
}

/** Sends one transaction for `step` and returns its hash once it succeeded. */
export type SendTx = (step: string, call: TxCall) => Promise<Hex>;

export type Signer = WalletClient<Transport, Chain, Account>;

/** Signs `call` once, with the nonce the node gives the sender now: the bytes and their hash. */
async function signOnce(
  wallet: Signer,
  call: TxCall,
  retry: RetryOptions,
): Promise<{ raw: Hex; hash: Hex }> {
  const { to, data, abi, functionName, args } = call;
  const request = await withRetry(
    "prepare",
    () =>
      wallet
        .prepareTransactionRequest({ account: wallet.account, chain: wallet.chain, to, data })
        .catch((err: unknown) => {
          // The gas estimate runs the call: a revert comes back named, as writeContract names it.
          throw err instanceof BaseError
            ? getContractError(err, { abi, address: to, functionName, args })
            : err;
        }),
    retry,
  );
  const raw = await wallet.signTransaction(request as Parameters<Signer["signTransaction"]>[0]);
  return { raw, hash: keccak256(raw) };
}

/**
 * Hands the signed bytes to the node, again on every retry: the same transaction each time. A
 * refusal after a lost reply ("already known", "nonce too low") is success when the node has
 * the transaction.
 */
async function broadcast(
  client: PublicClient,
  step: string,
  tx: { raw: Hex; hash: Hex },
  retry: RetryOptions,
): Promise<void> {
  await withRetry(
    step,
    async () => {
      try {
        await client.sendRawTransaction({ serializedTransaction: tx.raw });
      } catch (err) {
        if (await isKnown(client, tx.hash)) return;
        throw err;
      }
    },
    retry,
  );
}

const isKnown = (client: PublicClient, hash: Hex) =>
  client.getTransaction({ hash }).then(
    () => true,
    () => false,
  );

export class TxJournal {
  readonly #db: Db;
  readonly #client: PublicClient;
  readonly #wallet: Signer;
  readonly #epoch: bigint;
  readonly #retry: RetryOptions;
  readonly #log: (msg: string, detail: Record<string, unknown>) => void;

  constructor(
    db: Db,
    chain: { publicClient: PublicClient; wallet: Signer },
    epoch: bigint,
    opts: RetryOptions & { log?: (msg: string, detail: Record<string, unknown>) => void } = {},
  ) {
    this.#db = db;
    this.#client = chain.publicClient;
    this.#wallet = chain.wallet;
    this.#epoch = epoch;
    this.#retry = opts;
    this.#log = opts.log ?? (() => undefined);
  }

  /** Waits for, re-broadcasts or gives up on every journaled transaction still in flight. */
  async settle(): Promise<number> {
    const open = await this.#db
      .selectFrom("publication_journal")
      .select(["tx_hash", "raw_tx", "step"])
      .where("status", "=", "sent")
      .orderBy("id")
      .execute();
    for (const row of open) {
      const hash = row.tx_hash as Hex;
      let known = await withRetry("getTransaction", () => isKnown(this.#client, hash), this.#retry);
      if (!known && row.raw_tx) {
        // Signed and journaled, but the node never had it (a crash before the broadcast, or a
        // node restart): the same bytes again. A nonce another transaction took refuses them.
        known = await this.#client
          .sendRawTransaction({ serializedTransaction: row.raw_tx as Hex })
          .then(
            () => true,
            () => false,
          );
        if (known) this.#log("tx re-broadcast", { step: row.step, tx: hash });
      }
      if (!known) {
        await this.#mark(hash, "dropped");
        this.#log("tx dropped", { step: row.step, tx: hash });
        continue;
      }
      const receipt = await withRetry(
        "receipt",
        () => this.#client.waitForTransactionReceipt({ hash }),
        this.#retry,
      );
      await this.#mark(hash, receipt.status === "success" ? "confirmed" : "reverted");
      this.#log("tx settled", { step: row.step, tx: hash, status: receipt.status });
    }
    return open.length;
  }

  readonly send: SendTx = async (step, call) => {
    // Signed, journaled and handed over one at a time: the next transaction's nonce is only
    // known once the node has this one.
    const hash = await oneAtATime(async () => {
      const tx = await signOnce(this.#wallet, call, this.#retry);
      await this.#db
        .insertInto("publication_journal")
        .values({ epoch: this.#epoch, step, tx_hash: tx.hash, raw_tx: tx.raw, status: "sent" })
        .execute();
      await broadcast(this.#client, step, tx, this.#retry);
      return tx.hash;
    });
    this.#log("tx sent", { step, tx: hash });
    const receipt = await withRetry(
      "receipt",
      () => this.#client.waitForTransactionReceipt({ hash }),
      this.#retry,
    );
    await this.#mark(hash, receipt.status === "success" ? "confirmed" : "reverted");
    if (receipt.status !== "success")
      throw new RevertedError(`${step}: transaction ${hash} reverted`);
    this.#log("tx confirmed", { step, tx: hash, gasUsed: receipt.gasUsed.toString() });
    return hash;
  };

  async #mark(hash: Hex, status: "confirmed" | "reverted" | "dropped") {
    await this.#db
      .updateTable("publication_journal")
      .set({ status, settled_at: new Date() })
      .where("tx_hash", "=", hash)
      .execute();
  }
}

/** A sender without a journal (tests, one-off tools): signs once, sends, checks the receipt. */
export const plainSender =
  (chain: { publicClient: PublicClient; wallet: Signer }): SendTx =>
  async (step, call) => {
    const hash = await oneAtATime(async () => {
      const tx = await signOnce(chain.wallet, call, {});
      await broadcast(chain.publicClient, step, tx, {});
      return tx.hash;
    });
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success")
      throw new RevertedError(`${step}: transaction ${hash} reverted`);
    return hash;
  };
