// What every published dataset shares: JSON Lines in a deterministic order, a header on line 1,
// score leaves typed by kind, its keccak256 (the datasetHash committed on chain), and the
// per-leaf salts of the non-public kinds. The TQS and engagement datasets add their own inputs.
import { hexToBytes, stringToBytes, type Address, type Hex } from "viem";
import { z } from "zod";
import { decimalUpTo } from "../util/fields.ts";
import { keccakHex } from "../util/keccak.ts";
import { decimalAtMost, exactObject, matches, stringOf, type FieldCheck } from "./fast-check.ts";
import {
  ScoreKind,
  accountSubject,
  isSaltedKind,
  scoreKindNames,
  ZERO_SALT,
  type ScoreKindName,
  type ScoreLeaf,
} from "@mesi/abi";

export type KindName = ScoreKindName;

/** The line format: @3 publishes submission features instead of answers, and the chain's NFT map. */
export const DATASET_FORMAT = "mesi-dataset@3";

/** Fields every header carries; `dataset` says which inputs follow. */
export interface HeaderBase {
  type: "header";
  format: typeof DATASET_FORMAT;
  epoch: string;
  chainId: string;
  scoreOracle: Address;
}

/**
 * One score. `id` names the subject for people: an account, or `collection/tokenId` for an
 * NFT; `subject` is what the leaf commits to (abi/src/leaf.ts).
 */
export interface LeafLine {
  type: "leaf";
  kind: KindName;
  id: string;
  subject: Hex;
  score: string;
  salt: Hex;
}

/** Per-leaf salt: keyed by the oracle's secret, so it is stable across re-runs but unguessable. */
export const saltFor = (secret: Hex, epoch: bigint, subject: Hex): Hex =>
  keccakHex(
    hexToBytes(`0x${secret.slice(2)}${epoch.toString(16).padStart(16, "0")}${subject.slice(2)}`),
  );

/** A leaf line for `kind`, salted when the kind is not public. */
export function leafLine(
  kind: KindName,
  id: string,
  subject: Hex,
  score: string,
  epoch: bigint,
  saltSecret: Hex,
): LeafLine {
  const salted = isSaltedKind(ScoreKind[kind]);
  return {
    type: "leaf",
    kind,
    id,
    subject,
    score,
    salt: salted ? saltFor(saltSecret, epoch, subject) : ZERO_SALT,
  };
}

/**
 * A line already written as JSON (by the database, for the millions of event lines): a store
 * writes its text as it is, exactly the bytes JSON.stringify would give for the line.
 */
export class JsonText {
  readonly type: string;
  readonly text: string;
  constructor(type: string, text: string) {
    this.type = type;
    this.text = text;
  }
}

export const accountLeafSubject = (account: string): Hex => accountSubject(account as Address);

export const serializeDataset = (lines: readonly { type: string }[]): string =>
  lines.map((l) => JSON.stringify(l)).join("\n") + "\n";

export const datasetHash = (text: string): Hex => keccakHex(stringToBytes(text));

/** A dataset that cannot be read: names the line (1-based) and what is wrong with it. */
export class DatasetError extends Error {
  readonly line: number;
  constructor(line: number, problem: string) {
    super(`dataset line ${line}: ${problem}`);
    this.line = line;
  }
}

/** Parses JSON Lines; a line that is not a JSON object with a "type" is a DatasetError naming it. */
export function parseLines<T extends { type: string }>(text: string): T[] {
  const out: T[] = [];
  const rows = text.split("\n");
  rows.forEach((l, i) => {
    if (l.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(l);
    } catch {
      throw new DatasetError(i + 1, "not JSON");
    }
    if (typeof value !== "object" || value === null || typeof (value as T).type !== "string")
      throw new DatasetError(i + 1, 'must be an object with a "type"');
    out.push(value as T);
  });
  return out;
}

export function headerOf<H extends HeaderBase>(lines: readonly { type: string }[]): H {
  const header = lines[0];
  if (!header || header.type !== "header") throw new DatasetError(1, "must be the header");
  return header as H;
}

/** Which dataset a text is (its header's `dataset` and `epoch`), read from line 1 alone. */
export function datasetKindOf(text: string): { dataset: "TQS" | "ENGAGEMENT"; epoch: string } {
  const end = text.indexOf("\n");
  const h = headerOf<HeaderBase & { dataset?: unknown }>(
    parseLines(end < 0 ? text : text.slice(0, end)),
  );
  if (h.dataset !== "TQS" && h.dataset !== "ENGAGEMENT")
    throw new DatasetError(1, 'header: dataset: must be "TQS" or "ENGAGEMENT"');
  if (typeof h.epoch !== "string") throw new DatasetError(1, "header: epoch: must be a string");
  return { dataset: h.dataset, epoch: h.epoch };
}

// --- validation, for readers that do not trust the text (the auditor's verify).

const HEX32_RULE = /^0x[0-9a-f]{64}$/;

const hex32 = z.string().regex(HEX32_RULE, "must be 32 bytes of lowercase 0x hex");
/** An account or contract as datasets write it: lowercase 0x hex. */
export const uint256String = decimalUpTo(2n ** 256n - 1n, "2^256 − 1");

export const headerBaseShape = {
  type: z.literal("header"),
  format: z.literal(DATASET_FORMAT, { error: `must be ${DATASET_FORMAT}` }),
  epoch: decimalUpTo(2n ** 63n - 1n, "2^63 − 1"),
  chainId: uint256String,
  scoreOracle: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x address"),
} as const;

const LEAF_KINDS: ReadonlySet<unknown> = new Set(scoreKindNames);
/** What leafLineSchema passes, checked by hand (fast-check.ts). */
export const leafLineCheck = exactObject({
  type: (v) => v === "leaf",
  kind: (v) => LEAF_KINDS.has(v),
  id: stringOf(1, 200),
  subject: matches(HEX32_RULE),
  score: decimalAtMost(2n ** 256n - 1n),
  salt: matches(HEX32_RULE),
});

export const leafLineSchema = z.strictObject({
  type: z.literal("leaf"),
  kind: z.enum(scoreKindNames),
  id: z.string().min(1).max(200),
  subject: hex32,
  score: uint256String,
  salt: hex32,
});

/**
 * Validates a dataset one line at a time: line 1 by `header`, every other line by the schema
 * its "type" selects (`lineSchemas(header)`, plus the leaves every dataset has); an unknown
 * type, a field that breaks its rule, or a second line with the same key (`keyOf[type]`) is a
 * DatasetError naming the line, the field and the rule. Streams of millions of lines go
 * through it without being held (`validateDataset` holds them). A line its type's `fast` check
 * passes (fast-check.ts: only what the schema passes unchanged) skips the schema.
 */
export class DatasetLineValidator<H> {
  readonly #headerSchema: z.ZodType<H>;
  readonly #lineSchemas: (h: H) => Record<string, z.ZodType>;
  readonly #keys: Record<string, (value: never) => string>;
  readonly #fast: Record<string, FieldCheck>;
  readonly #seen = new Map<string, number>();
  #header: H | undefined;
  #schemas: Record<string, z.ZodType> = {};

  constructor(
    header: z.ZodType<H>,
    lineSchemas: (h: H) => Record<string, z.ZodType>,
    keyOf: Record<string, (value: never) => string> = {},
    fast: Record<string, FieldCheck> = {},
  ) {
    this.#headerSchema = header;
    this.#lineSchemas = lineSchemas;
    this.#keys = { ...keyOf, leaf: (l: LeafLine) => `${l.kind}:${l.id}` };
    this.#fast = { ...fast, leaf: leafLineCheck };
  }

  /** The header, once line 1 was read. */
  get header(): H {
    if (this.#header === undefined) throw new DatasetError(1, "the dataset is empty");
    return this.#header;
  }

  /** Validates line `n` (1-based); returns its type and value, or undefined for the header. */
  line(n: number, row: string): { type: string; value: unknown } | undefined {
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch {
      throw new DatasetError(n, "not JSON");
    }
    if (this.#header === undefined) {
      const h = this.#headerSchema.safeParse(value);
      if (!h.success) throw new DatasetError(n, `header: ${firstIssue(h.error)}`);
      this.#header = h.data;
      this.#schemas = { ...this.#lineSchemas(h.data), leaf: leafLineSchema };
      return undefined;
    }
    const type = (value as { type?: unknown } | null)?.type;
    const schema =
      typeof type === "string" && Object.hasOwn(this.#schemas, type)
        ? this.#schemas[type]
        : undefined;
    if (!schema)
      throw new DatasetError(
        n,
        `type: must be one of ${Object.keys(this.#schemas).join(", ")} (got ${JSON.stringify(type) ?? "nothing"})`,
      );
    let data = value;
    if (!this.#fast[type as string]?.(value)) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw new DatasetError(n, `${type}: ${firstIssue(parsed.error)}`);
      data = parsed.data;
    }
    const key = this.#keys[type as string]?.(data as never);
    if (key !== undefined) {
      const first = this.#seen.get(`${type}\u0000${key}`);
      if (first !== undefined)
        throw new DatasetError(n, `${type}: ${key} is listed twice (first on line ${first})`);
      this.#seen.set(`${type}\u0000${key}`, n);
    }
    return { type: type as string, value: data };
  }
}

/** Validates a whole dataset text (DatasetLineValidator); `of(type)` lists one type's lines. */
export function validateDataset<H>(
  text: string,
  header: z.ZodType<H>,
  lineSchemas: (h: H) => Record<string, z.ZodType>,
  keyOf: Record<string, (value: never) => string> = {},
  fast: Record<string, FieldCheck> = {},
): { header: H; of: <T>(type: string) => T[] } {
  const validator = new DatasetLineValidator(header, lineSchemas, keyOf, fast);
  const lines: { type: string; value: unknown }[] = [];
  const rows = text.split("\n");
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]!.trim() === "") continue;
    const line = validator.line(i + 1, rows[i]!);
    if (line) lines.push(line);
  }
  return {
    header: validator.header,
    of: <T>(type: string) => lines.filter((l) => l.type === type).map((l) => l.value as T),
  };
}

const firstIssue = (e: z.ZodError): string => {
  const i = e.issues[0]!;
  return `${i.path.join(".") || "(line)"}: ${i.message}`;
};

/** The score leaves of `kind` under `header`, in the shared encoding and the given order. */
export const scoreLeaves = (
  header: Pick<HeaderBase, "chainId" | "scoreOracle" | "epoch">,
  kind: KindName,
  leafLines: readonly LeafLine[],
): ScoreLeaf[] =>
  leafLines.map((l) => ({
    chainId: BigInt(header.chainId),
    scoreOracle: header.scoreOracle,
    kind: ScoreKind[kind],
    epoch: BigInt(header.epoch),
    subject: l.subject,
    score: BigInt(l.score),
    salt: l.salt,
  }));

/** The score leaves of `kind` a dataset commits to, in the shared encoding and dataset order. */
export const leavesOf = (lines: readonly { type: string }[], kind: KindName): ScoreLeaf[] =>
  scoreLeaves(headerOf(lines), kind, leafLinesOf(lines, kind));

/** The leaf lines of `kind`, in dataset order (the tree's leaf order). */
export const leafLinesOf = (lines: readonly { type: string }[], kind: KindName): LeafLine[] =>
  lines.filter((l): l is LeafLine => l.type === "leaf" && (l as LeafLine).kind === kind);
