// The append-only, hash-chained audit log of every review decision and appeal:
//   hash_n = keccak256(hash_{n-1} ‖ canonical JSON {seq, at, actor, action, body}), hash_0 = 0x00…0
// The database refuses UPDATE and DELETE on it (migration 006); each TQS dataset anchors the
// head (seq, hash), so rewriting history after publication breaks the chain the chain names.
import { sql } from "kysely";
import { keccak256, stringToHex, zeroHash, type Hex } from "viem";
import type { Db } from "../db/database.ts";
import { canonicalJson } from "../util/canonical-json.ts";

export const GENESIS_HASH: Hex = zeroHash;

export interface AuditEntry {
  seq: string;
  at: string;
  actor: string;
  action: string;
  body: unknown;
  prevHash: Hex;
  hash: Hex;
}

export interface AuditHead {
  seq: string;
  hash: Hex;
}

export const entryHash = (prevHash: Hex, e: Omit<AuditEntry, "prevHash" | "hash">): Hex =>
  keccak256(
    `${prevHash}${stringToHex(
      canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, body: e.body }),
    ).slice(2)}`,
  );

/**
 * Appends one entry inside the caller's transaction (so the decision and its log entry land
 * together). Concurrent appenders are serialised by a table lock on a real server.
 */
export async function appendAudit(
  tx: Db,
  entry: { actor: string; action: string; body: unknown; at?: Date },
): Promise<AuditEntry> {
  await sql`LOCK TABLE audit_log IN EXCLUSIVE MODE`.execute(tx);
  const head = await auditHead(tx);
  const seq = (BigInt(head.seq) + 1n).toString();
  const at = (entry.at ?? new Date()).toISOString();
  const hash = entryHash(head.hash, {
    seq,
    at,
    actor: entry.actor,
    action: entry.action,
    body: entry.body,
  });
  await tx
    .insertInto("audit_log")
    .values({
      seq,
      at,
      actor: entry.actor,
      action: entry.action,
      body: canonicalJson(entry.body),
      prev_hash: head.hash,
      hash,
    })
    .execute();
  return {
    seq,
    at,
    actor: entry.actor,
    action: entry.action,
    body: entry.body,
    prevHash: head.hash,
    hash,
  };
}

export async function auditHead(db: Db): Promise<AuditHead> {
  const row = await db
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: row.seq, hash: row.hash as Hex } : { seq: "0", hash: GENESIS_HASH };
}

/** Entries with seq in (after, after + limit], oldest first. */
export async function auditEntries(db: Db, after = 0n, limit = 1000): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom("audit_log")
    .selectAll()
    .where("seq", ">", after.toString())
    .orderBy("seq")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    body: r.body,
    prevHash: r.prev_hash as Hex,
    hash: r.hash as Hex,
  }));
}

/**
 * Checks a log from its first entry: consecutive seqs, each prevHash the previous hash, each
 * hash recomputed; and, if given, that the head it reaches at `anchor.seq` is `anchor.hash`.
 */
export function verifyAuditChain(
  entries: readonly AuditEntry[],
  anchor?: AuditHead,
): { ok: boolean; problem?: string } {
  let prev = GENESIS_HASH;
  for (const [i, e] of entries.entries()) {
    if (e.seq !== String(i + 1)) return { ok: false, problem: `entry ${i + 1} has seq ${e.seq}` };
    if (e.prevHash !== prev)
      return { ok: false, problem: `entry ${e.seq}: prevHash does not chain` };
    if (entryHash(prev, e) !== e.hash)
      return { ok: false, problem: `entry ${e.seq}: hash does not match its content` };
    prev = e.hash;
    if (anchor && e.seq === anchor.seq && e.hash !== anchor.hash)
      return { ok: false, problem: `entry ${e.seq} differs from the anchored head` };
  }
  if (anchor && anchor.seq !== "0" && BigInt(anchor.seq) > BigInt(entries.length))
    return { ok: false, problem: `the log ends before the anchored seq ${anchor.seq}` };
  return { ok: true };
}
