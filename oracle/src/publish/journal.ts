// Sends the oracle's transactions so that a crash at any point neither loses nor doubles one:
//   - each hash goes into the journal the moment the node accepts it, before anything else;
//   - on start, `settle` waits for every journaled transaction still in flight (or marks it
//     dropped), so the chain reads that decide what to send next see every earlier write;
//   - RPC calls retry with exponential backoff; a reverted transaction is an error, never retried.
// What is already on chain is decided by reading the chain (publish-epoch.ts, tickets.ts).
import type { Hex, PublicClient } from "viem";
import type { Db } from "../db/database.ts";

export interface RetryOptions {
  attempts?: number;
  baseMs?: number;
  log?: (msg: string, detail: Record<string, unknown>) => void;
}

/** Retries `fn` on thrown errors (RPC hiccups), waiting base·2^i between attempts. */
export async function withRetry<T>(
  what: string,
  fn: () => Promise<T>,
  o: RetryOptions = {},
): Promise<T> {
  const attempts = o.attempts ?? 5;
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i + 1 >= attempts || err instanceof RevertedError) throw err;
      const wait = (o.baseMs ?? 250) * 2 ** i;
      o.log?.("retry", { what, attempt: i + 1, waitMs: wait, error: (err as Error).message });
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export class RevertedError extends Error {}

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

/** Sends one transaction for `step` and returns its hash once it succeeded. */
export type SendTx = (step: string, write: () => Promise<Hex>) => Promise<Hex>;

export class TxJournal {
  readonly #db: Db;
  readonly #client: PublicClient;
  readonly #epoch: bigint;
  readonly #retry: RetryOptions;
  readonly #log: (msg: string, detail: Record<string, unknown>) => void;

  constructor(
    db: Db,
    client: PublicClient,
    epoch: bigint,
    opts: RetryOptions & { log?: (msg: string, detail: Record<string, unknown>) => void } = {},
  ) {
    this.#db = db;
    this.#client = client;
    this.#epoch = epoch;
    this.#retry = opts;
    this.#log = opts.log ?? (() => undefined);
  }

  /** Waits for (or gives up on) every journaled transaction still in flight. */
  async settle(): Promise<number> {
    const open = await this.#db
      .selectFrom("publication_journal")
      .select(["tx_hash", "step"])
      .where("status", "=", "sent")
      .orderBy("id")
      .execute();
    for (const row of open) {
      const hash = row.tx_hash as Hex;
      const pending = await withRetry(
        "getTransaction",
        () => this.#client.getTransaction({ hash }).catch(() => undefined),
        this.#retry,
      );
      if (!pending) {
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

  readonly send: SendTx = async (step, write) => {
    const hash = await withRetry(step, () => oneAtATime(write), this.#retry);
    await this.#db
      .insertInto("publication_journal")
      .values({ epoch: this.#epoch, step, tx_hash: hash, status: "sent" })
      .execute();
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

/** A sender without a journal (tests, one-off tools): sends, waits, checks the receipt. */
export const plainSender =
  (client: PublicClient): SendTx =>
  async (step, write) => {
    const hash = await oneAtATime(write);
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success")
      throw new RevertedError(`${step}: transaction ${hash} reverted`);
    return hash;
  };
