// The on-chain holdings the User Score reads, snapshotted once per epoch for every account
// active in it: tickets held, $MESI balance, delegated votes, self-locked $MESI. The first
// snapshot of an epoch is kept (a re-run reads the same inputs, so the dataset is stable).
import { sql } from "kysely";
import type { Address, PublicClient } from "viem";
import { mesiTokenAbi, ticketAbi, vestingVaultAbi } from "@mesi/abi";
import type { Db } from "../db/database.ts";
import { insertChunked } from "../db/insert-chunked.ts";
import { withRetry } from "../util/retry.ts";
import { RANGES } from "../ingest/schemas.ts";

const MAX_TICKETS = 2n ** 31n - 1n;

export interface HoldingSources {
  ticket: Address;
  token: Address;
  vault?: Address;
}

/** Accounts with activity, submissions or galleries in the epoch, sorted. */
async function activeAccounts(db: Db, epoch: bigint): Promise<string[]> {
  const r = await sql<{ account: string }>`
    SELECT actor AS account FROM activity_events WHERE epoch = ${epoch}
    UNION SELECT creator FROM activity_events WHERE epoch = ${epoch} AND creator IS NOT NULL
    UNION SELECT account FROM submissions WHERE epoch = ${epoch}
    ORDER BY 1`.execute(db);
  return r.rows.map((x) => x.account);
}

/** Reads and stores the holdings of the epoch's accounts; returns how many were new. */
export async function snapshotHoldings(
  db: Db,
  client: PublicClient,
  epoch: bigint,
  src: HoldingSources,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<number> {
  const done = await db
    .selectFrom("holdings_snapshot")
    .select(sql<string>`count(*)`.as("n"))
    .where("epoch", "=", epoch.toString())
    .executeTakeFirst();
  if (Number(done?.n ?? 0) > 0) return 0;
  const accounts = await activeAccounts(db, epoch);
  const rows: {
    epoch: bigint;
    account: string;
    tickets: number;
    mesi_wei: bigint;
    votes_wei: bigint;
    locked_wei: bigint;
  }[] = [];
  const CHUNK = 50;
  for (let i = 0; i < accounts.length; i += CHUNK) {
    const chunk = accounts.slice(i, i + CHUNK);
    rows.push(
      ...(await Promise.all(
        chunk.map(async (account) => {
          const a = account as Address;
          const read = <T>(what: string, f: () => Promise<T>) => withRetry(what, f);
          const [tickets, mesi, votes, locked] = await Promise.all([
            read("ticket balance", () =>
              client.readContract({
                address: src.ticket,
                abi: ticketAbi,
                functionName: "balanceOf",
                args: [a],
              }),
            ),
            read("mesi balance", () =>
              client.readContract({
                address: src.token,
                abi: mesiTokenAbi,
                functionName: "balanceOf",
                args: [a],
              }),
            ),
            read("votes", () =>
              client.readContract({
                address: src.token,
                abi: mesiTokenAbi,
                functionName: "getVotes",
                args: [a],
              }),
            ),
            src.vault
              ? read("locked", () =>
                  client.readContract({
                    address: src.vault!,
                    abi: vestingVaultAbi,
                    functionName: "lockedOf",
                    args: [a],
                  }),
                )
              : Promise.resolve(0n),
          ]);
          // Within the documented ranges (docs/SCORES.md) whatever the contracts answer: the
          // token caps its supply at 2^96 − 1, and no account holds 2^31 tickets.
          const wei = (v: bigint) => (v > RANGES.amountWei.max ? RANGES.amountWei.max : v);
          return {
            epoch,
            account,
            tickets: Number(tickets > MAX_TICKETS ? MAX_TICKETS : tickets),
            mesi_wei: wei(mesi),
            votes_wei: wei(votes),
            locked_wei: wei(locked),
          };
        }),
      )),
    );
    progress(Math.min(i + CHUNK, accounts.length), accounts.length);
  }
  // One transaction: a crash mid-snapshot leaves none, and the next run reads again.
  await db
    .transaction()
    .execute((tx) => insertChunked(tx, "holdings_snapshot", rows, { skipConflicts: true }));
  return rows.length;
}
