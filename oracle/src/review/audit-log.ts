// The append-only, hash-chained audit log of every review decision and appeal:
//   hash_n = keccak256(hash_{n-1} ‖ canonical JSON {seq, at, actor, action, body}), hash_0 = 0x00…0
// The database refuses UPDATE and DELETE on it (migration 006); each TQS dataset anchors the
// head (seq, hash), so rewriting history after publication breaks the chain the chain names.
// Free text (an appeal's reason, a reviewer's note) never enters a body: the body carries its
// commitment keccak256(salt ‖ text) under `<field>Commitment`, the text and salt are kept in
// audit_texts for the account concerned and for auditors. So the public log is checkable by
// anyone and says nothing a fan wrote.
import { sql } from "kysely";
import { bytesToHex, concat, keccak256, stringToHex, zeroHash, type Hex } from "viem";
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

/** The commitment a public entry carries for a free text. */
export const textCommitment = (salt: Hex, text: string): Hex =>
  keccak256(concat([salt, stringToHex(text)]));

/**
 * Appends one entry inside the caller's transaction (so the decision and its log entry land
 * together). Concurrent appenders are serialised by a table lock on a real server. `texts`
 * (non-empty ones) enter the body only as salted commitments; `account` is whom they concern.
 */
export async function appendAudit(
  tx: Db,
  entry: {
    actor: string;
    action: string;
    body: Record<string, unknown>;
    at?: Date;
    account?: string;
    texts?: Record<string, string | undefined>;
  },
): Promise<AuditEntry> {
  await sql`LOCK TABLE audit_log IN EXCLUSIVE MODE`.execute(tx);
  const head = await auditHead(tx);
  const seq = (BigInt(head.seq) + 1n).toString();
  const at = (entry.at ?? new Date()).toISOString();
  const body: Record<string, unknown> = { ...entry.body };
  const opened: { field: string; salt: Hex; text: string }[] = [];
  for (const [field, text] of Object.entries(entry.texts ?? {})) {
    if (!text) {
      body[`${field}Commitment`] = null;
      continue;
    }
    const salt = bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
    body[`${field}Commitment`] = textCommitment(salt, text);
    opened.push({ field, salt, text });
  }
  const hash = entryHash(head.hash, { seq, at, actor: entry.actor, action: entry.action, body });
  await tx
    .insertInto("audit_log")
    .values({
      seq,
      at,
      actor: entry.actor,
      action: entry.action,
      body: canonicalJson(body),
      prev_hash: head.hash,
      hash,
    })
    .execute();
  if (opened.length)
    await tx
      .insertInto("audit_texts")
      .values(
        opened.map((o) => ({
          seq,
          field: o.field,
          account: entry.account ?? "",
          salt: o.salt,
          text: o.text,
        })),
      )
      .execute();
  return { seq, at, actor: entry.actor, action: entry.action, body, prevHash: head.hash, hash };
}

export interface AuditText {
  seq: string;
  field: string;
  account: string;
  text: string;
  salt: Hex;
  /** What the entry's body carries: keccak256(salt ‖ text). */
  commitment: Hex;
}

/** The texts behind entries' commitments (of one account, or all), seq in (after, after + limit]. */
export async function auditTexts(
  db: Db,
  opts: { account?: string; after?: bigint; limit?: number } = {},
): Promise<AuditText[]> {
  let q = db
    .selectFrom("audit_texts")
    .selectAll()
    .where("seq", ">", (opts.after ?? 0n).toString());
  if (opts.account) q = q.where("account", "=", opts.account.toLowerCase());
  const rows = await q
    .orderBy("seq")
    .orderBy("field")
    .limit(opts.limit ?? 1000)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    field: r.field,
    account: r.account,
    text: r.text,
    salt: r.salt as Hex,
    commitment: textCommitment(r.salt as Hex, r.text),
  }));
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
