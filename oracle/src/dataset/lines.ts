// What every published dataset shares: JSON Lines in a deterministic order, a header on line 1,
// score leaves typed by kind, its keccak256 (the datasetHash committed on chain), and the
// per-leaf salts of the non-public kinds. The TQS and engagement datasets add their own inputs.
import { keccak256, stringToBytes, type Address, type Hex } from "viem";
import { ScoreKind, accountSubject, isSaltedKind, ZERO_SALT, type ScoreLeaf } from "@mesi/abi";

export type KindName = "TQS" | "USER" | "NFT" | "GALLERY";
export const KIND_NAMES: readonly KindName[] = ["TQS", "USER", "NFT", "GALLERY"];
export const ENGAGEMENT_KINDS: readonly KindName[] = ["USER", "NFT", "GALLERY"];

/** Fields every header carries; `dataset` says which inputs follow. */
export interface HeaderBase {
  type: "header";
  format: "mesi-dataset@2";
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
  keccak256(`0x${secret.slice(2)}${epoch.toString(16).padStart(16, "0")}${subject.slice(2)}`);

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

export const accountLeafSubject = (account: string): Hex => accountSubject(account as Address);

export const serializeDataset = (lines: readonly { type: string }[]): string =>
  lines.map((l) => JSON.stringify(l)).join("\n") + "\n";

export const datasetHash = (text: string): Hex => keccak256(stringToBytes(text));

/** Parses JSON Lines; a line that is not a JSON object is an error naming the line. */
export function parseLines<T extends { type: string }>(text: string): T[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      let value: unknown;
      try {
        value = JSON.parse(l);
      } catch {
        throw new Error(`dataset line ${i + 1} is not JSON`);
      }
      if (typeof value !== "object" || value === null || typeof (value as T).type !== "string")
        throw new Error(`dataset line ${i + 1}: must be an object with a "type"`);
      return value as T;
    });
}

export function headerOf<H extends HeaderBase>(lines: readonly { type: string }[]): H {
  const header = lines[0];
  if (!header || header.type !== "header") throw new Error("dataset line 1 must be the header");
  return header as H;
}

/** The score leaves of `kind` a dataset commits to, in the shared encoding and dataset order. */
export function leavesOf(lines: readonly { type: string }[], kind: KindName): ScoreLeaf[] {
  const header = headerOf(lines);
  return lines
    .filter((l): l is LeafLine => l.type === "leaf" && (l as LeafLine).kind === kind)
    .map((l) => ({
      chainId: BigInt(header.chainId),
      scoreOracle: header.scoreOracle,
      kind: ScoreKind[kind],
      epoch: BigInt(header.epoch),
      subject: l.subject,
      score: BigInt(l.score),
      salt: l.salt,
    }));
}

/** The leaf lines of `kind`, in dataset order (the tree's leaf order). */
export const leafLinesOf = (lines: readonly { type: string }[], kind: KindName): LeafLine[] =>
  lines.filter((l): l is LeafLine => l.type === "leaf" && (l as LeafLine).kind === kind);
