// The oracle's copy of the chain's consent: it follows ParticipantRegistry's ConsentGiven and
// ConsentRevoked into consent_events (with each block's time), and answers two questions from
// it: may this submission be accepted (ingestion), and which stored submissions were made after
// their account revoked or narrowed its consent (the re-check before an epoch is scored).
//
// Lag bound (docs/PRIVACY.md): `serve` reads the chain every `pollMs` (2 s by default), and a
// batch that would be refused makes it read the chain once more first, so an opt-in counts at
// once and a revocation reaches ingestion within pollMs plus one RPC round trip. Whatever slips
// through in that window is caught before scoring: the epoch re-check reads the chain up to its
// head (past the epoch's close) and removes every submission made after a revocation.
import { getAbiItem, type Address, type PublicClient } from "viem";
import { participantRegistryAbi, scopeNames, SCOPES, type ScopeName } from "@mesi/abi";
import type { Insertable } from "kysely";
import type { Db } from "../db/database.ts";
import type { ConsentEventsTable } from "../db/schema.ts";
import { appendAudit } from "../review/audit-log.ts";
import { scopesAt, TASK_SCOPE, type ConsentChange } from "./scopes.ts";

const CONSENT_EVENTS = [
  getAbiItem({ abi: participantRegistryAbi, name: "ConsentGiven" }),
  getAbiItem({ abi: participantRegistryAbi, name: "ConsentRevoked" }),
];

/** A submission the consent rule looks at. */
export interface ConsentSubject {
  id: string;
  account: string;
  taskType: keyof typeof TASK_SCOPE;
  submittedAt: Date;
}

/** Why one submission may not be accepted (or scored). */
export interface ConsentRefusal {
  id: string;
  account: string;
  taskType: string;
  missingScope: ScopeName;
  submittedAt: string;
  /** The scopes in force at submittedAt (none = nothing recorded on chain by then). */
  scopesThen: ScopeName[] | null;
}

export interface ConsentLedgerOptions {
  db: Db;
  client: PublicClient;
  registry: Address;
  /** First block to read on a fresh database (the registry's deployment block; default 0). */
  fromBlock?: bigint;
  /** Blocks per getLogs call (default 5,000). */
  chunk?: bigint;
  /** Blocks behind the head to stay, on chains that reorganise (default 0). */
  confirmations?: bigint;
  log?: (entry: Record<string, unknown>) => void;
}

export interface SyncState {
  block: bigint;
  time: Date;
}

export class ConsentLedger {
  readonly registry: Address;
  private readonly o: ConsentLedgerOptions;
  private running: Promise<SyncState> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(o: ConsentLedgerOptions) {
    this.o = o;
    this.registry = o.registry.toLowerCase() as Address;
  }

  /** Reads every consent event up to the chain's head (one read at a time; callers share it). */
  sync(): Promise<SyncState> {
    if (!this.running)
      this.running = this.readChain().finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Follows the chain every `pollMs` until stop(); a failed read is logged and retried. */
  start(pollMs: number): void {
    const tick = () =>
      this.sync().catch((err: unknown) =>
        this.o.log?.({
          level: "warn",
          msg: "consent sync failed",
          error: (err as Error).message.split("\n")[0],
        }),
      );
    void tick();
    this.timer = setInterval(tick, pollMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async readChain(): Promise<SyncState> {
    const { db, client } = this.o;
    const chainId = BigInt(await client.getChainId());
    const head = (await client.getBlockNumber({ cacheTime: 0 })) - (this.o.confirmations ?? 0n);
    const row = await db
      .selectFrom("consent_sync")
      .selectAll()
      .where("registry", "=", this.registry)
      .executeTakeFirst();
    if (row && BigInt(row.chain_id) !== chainId)
      throw new Error(
        `consent: the database follows ${this.registry} on chain ${row.chain_id}, the RPC serves chain ${chainId}`,
      );
    let state: SyncState = row
      ? { block: BigInt(row.synced_block), time: row.synced_time }
      : { block: (this.o.fromBlock ?? 0n) - 1n, time: new Date(0) };
    const chunk = this.o.chunk ?? 5_000n;
    const times = new Map<bigint, Date>();
    const timeOf = async (blockNumber: bigint) => {
      let t = times.get(blockNumber);
      if (!t) {
        const b = await client.getBlock({ blockNumber });
        t = new Date(Number(b.timestamp) * 1000);
        times.set(blockNumber, t);
      }
      return t;
    };
    while (state.block < head) {
      const from = state.block + 1n;
      const to = from + chunk - 1n < head ? from + chunk - 1n : head;
      const logs = await client.getLogs({
        address: this.registry,
        events: CONSENT_EVENTS,
        fromBlock: from,
        toBlock: to,
      });
      const rows: Insertable<ConsentEventsTable>[] = [];
      for (const l of logs) {
        const args = l.args as { account?: Address; scopes?: number; policyHash?: string };
        rows.push({
          registry: this.registry,
          block_number: l.blockNumber!,
          log_index: l.logIndex!,
          account: args.account!.toLowerCase(),
          block_time: await timeOf(l.blockNumber!),
          scopes: l.eventName === "ConsentGiven" ? Number(args.scopes) : 0,
          policy_hash: l.eventName === "ConsentGiven" ? (args.policyHash ?? null) : null,
        });
      }
      const time = await timeOf(to);
      await db.transaction().execute(async (tx) => {
        if (rows.length)
          await tx
            .insertInto("consent_events")
            .values(rows)
            .onConflict((oc) => oc.doNothing())
            .execute();
        await tx
          .insertInto("consent_sync")
          .values({
            registry: this.registry,
            chain_id: chainId,
            synced_block: to,
            synced_time: time,
          })
          .onConflict((oc) =>
            oc
              .column("registry")
              .doUpdateSet({ synced_block: to, synced_time: time, updated_at: new Date() }),
          )
          .execute();
      });
      if (rows.length)
        this.o.log?.({
          level: "info",
          msg: "consent events",
          count: rows.length,
          block: String(to),
        });
      state = { block: to, time };
    }
    return state;
  }

  /** Each account's consent changes in chain order. */
  async historyOf(accounts: readonly string[]): Promise<Map<string, ConsentChange[]>> {
    const out = new Map<string, ConsentChange[]>();
    if (!accounts.length) return out;
    const rows = await this.o.db
      .selectFrom("consent_events")
      .select(["account", "block_time", "scopes"])
      .where("registry", "=", this.registry)
      .where("account", "in", [...new Set(accounts)])
      .orderBy("account")
      .orderBy("block_number")
      .orderBy("log_index")
      .execute();
    for (const r of rows) {
      const list = out.get(r.account) ?? [];
      list.push({ at: r.block_time.getTime(), scopes: r.scopes });
      out.set(r.account, list);
    }
    return out;
  }

  /**
   * The submissions whose account's consent did not cover their task type's scope when they
   * were made. `unrecorded` decides an account with no consent recorded by then: refused at
   * ingestion ("refuse"); at the re-check only revocations and narrowings are looked for.
   */
  async refusals(
    subs: readonly ConsentSubject[],
    unrecorded: "refuse" | "keep" = "refuse",
  ): Promise<ConsentRefusal[]> {
    const history = await this.historyOf(subs.map((s) => s.account));
    const out: ConsentRefusal[] = [];
    for (const s of subs) {
      const scope = TASK_SCOPE[s.taskType];
      const then = scopesAt(history.get(s.account) ?? [], s.submittedAt.getTime());
      if (then === undefined && unrecorded === "keep") continue;
      if (then !== undefined && (then & SCOPES[scope]) !== 0) continue;
      out.push({
        id: s.id,
        account: s.account,
        taskType: s.taskType,
        missingScope: scope,
        submittedAt: s.submittedAt.toISOString(),
        scopesThen: then === undefined ? null : scopeNames(then),
      });
    }
    return out;
  }

  /**
   * Before an epoch is scored: reads the chain to its head (past the epoch's close), then
   * deletes the epoch's submissions made after their account revoked or narrowed consent, and
   * records per account how many in the audit log (no content). Returns those counts.
   */
  async recheckEpoch(
    epoch: bigint,
  ): Promise<{ synced: SyncState; removed: { account: string; submissions: number }[] }> {
    const synced = await this.sync();
    const { db } = this.o;
    const rows = await db
      .selectFrom("submissions")
      .select(["id", "account", "task_type", "submitted_at"])
      .where("epoch", "=", epoch.toString())
      .where("account", "in", (eb) =>
        eb.selectFrom("consent_events").select("account").where("registry", "=", this.registry),
      )
      .execute();
    const refused = await this.refusals(
      rows.map((r) => ({
        id: r.id,
        account: r.account,
        taskType: r.task_type as ConsentSubject["taskType"],
        submittedAt: r.submitted_at,
      })),
      "keep",
    );
    const byAccount = new Map<string, string[]>();
    for (const r of refused) byAccount.set(r.account, [...(byAccount.get(r.account) ?? []), r.id]);
    const removed = [...byAccount].map(([account, ids]) => ({ account, submissions: ids.length }));
    if (removed.length)
      await db.transaction().execute(async (tx) => {
        for (const [account, ids] of byAccount) {
          // Flags and review items of these submissions do not exist yet: the epoch's rules
          // have not run. Samples are taken after this point too.
          await tx.deleteFrom("submissions").where("id", "in", ids).execute();
          await appendAudit(tx, {
            actor: "oracle",
            action: "consent-withdrawn",
            body: { account, epoch: epoch.toString(), submissions: ids.length },
            account,
          });
        }
      });
    return { synced, removed };
  }
}

/** A batch refused for want of consent: nothing of it is stored. */
export class ConsentRefused extends Error {
  readonly refusals: ConsentRefusal[];
  constructor(refusals: ConsentRefusal[]) {
    const r = refusals[0]!;
    super(
      `consent missing: account ${r.account} had ${r.scopesThen === null ? "not opted in" : r.scopesThen.length ? `consented only to ${r.scopesThen.join(", ")}` : "revoked its consent"} at ${r.submittedAt}, and submission ${r.id} (${r.taskType}) needs the scope "${r.missingScope}"; the whole batch was refused, nothing was stored`,
    );
    this.refusals = refusals;
  }
}

/**
 * The ingestion gate: throws ConsentRefused when any submission lacks consent. Before refusing
 * it reads the chain once more (concurrent refusals share one read; with no new block it is
 * one eth_blockNumber call), so an opt-in made a moment ago counts.
 */
export async function requireConsent(
  ledger: ConsentLedger,
  subs: readonly ConsentSubject[],
): Promise<void> {
  if (!(await ledger.refusals(subs)).length) return;
  try {
    await ledger.sync();
  } catch (err) {
    throw new ConsentUnavailable((err as Error).message.split("\n")[0]!);
  }
  const refusals = await ledger.refusals(subs);
  if (refusals.length) throw new ConsentRefused(refusals);
}

/** The chain could not be read to confirm a refusal: nothing is stored, the client retries. */
export class ConsentUnavailable extends Error {
  constructor(cause: string) {
    super(
      `the chain's consent records cannot be read right now (${cause}); nothing was stored: retry shortly`,
    );
  }
}
