// Retries for calls to the chain's node: an RPC hiccup is tried again with backoff; a revert,
// which another try cannot change, is not.
import { BaseError, ContractFunctionRevertedError } from "viem";

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
      if (i + 1 >= attempts || err instanceof RevertedError || reverts(err)) throw err;
      const wait = (o.baseMs ?? 250) * 2 ** i;
      o.log?.("retry", { what, attempt: i + 1, waitMs: wait, error: (err as Error).message });
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export class RevertedError extends Error {}

/** The call itself reverts (in the gas estimate): trying again changes nothing. */
const reverts = (err: unknown) =>
  err instanceof BaseError && err.walk((e) => e instanceof ContractFunctionRevertedError) !== null;
