// How the auditor gets what it checks: the chain's commitment for (kind, epoch), the dataset
// named by its EpochPublished event (or a text already at hand), and the oracle's audit log.
// Browser-safe (fetch and viem only): the web app's verify uses it too.
import { getAbiItem, type Address, type Hex, type PublicClient } from "viem";
import { ScoreKind, scoreOracleAbi } from "@mesi/abi";
import { datasetHash, type KindName } from "../dataset/lines.ts";
import type { AuditEntry } from "../review/audit-log.ts";

export interface OnChainEpoch {
  root: Hex;
  datasetHash: Hex;
  datasetURI: string | undefined;
  status: number;
  /** The Σ of scores the commitment's signers signed. */
  totalScore: bigint;
}

export async function onChainEpoch(
  client: PublicClient,
  scoreOracle: Address,
  kind: KindName,
  epoch: bigint,
): Promise<OnChainEpoch> {
  const info = await client.readContract({
    address: scoreOracle,
    abi: scoreOracleAbi,
    functionName: "epochInfo",
    args: [ScoreKind[kind], epoch],
  });
  const logs = await client.getLogs({
    address: scoreOracle,
    event: getAbiItem({ abi: scoreOracleAbi, name: "EpochPublished" }),
    args: { kind: ScoreKind[kind], epoch },
    fromBlock: 0n,
  });
  return {
    root: info.root,
    datasetHash: info.datasetHash,
    datasetURI: logs.at(-1)?.args.datasetURI,
    status: info.status,
    totalScore: info.totalScore,
  };
}

/** The dataset text (given, or fetched from its URI), and whether it hashes to what the chain holds. */
export async function loadDataset(
  source: { text?: string; uri?: string; auditorKey?: string },
  expectedHash: Hex,
): Promise<{ text: string; hashMatches: boolean }> {
  let text: string;
  if (source.text !== undefined) text = source.text;
  else if (source.uri) {
    const res = await fetch(source.uri, {
      headers: source.auditorKey ? { "x-mesi-auditor-key": source.auditorKey } : {},
    });
    if (!res.ok) throw new Error(`GET ${source.uri}: ${res.status} ${await res.text()}`);
    text = await res.text();
  } else throw new Error("no dataset: pass --dataset FILE or publish one with a datasetURI");
  return { text, hashMatches: datasetHash(text) === expectedHash };
}

/** The whole audit log from the oracle that serves `datasetURI`, page by page. */
export async function fetchAuditLog(datasetURI: string): Promise<AuditEntry[]> {
  const base = datasetURI.replace(/\/v1\/datasets\/.*$/, "");
  const out: AuditEntry[] = [];
  for (;;) {
    const res = await fetch(`${base}/v1/audit?after=${out.length}&limit=5000`);
    if (!res.ok) throw new Error(`GET ${base}/v1/audit: ${res.status}`);
    const { entries } = (await res.json()) as { entries: AuditEntry[] };
    out.push(...entries);
    if (entries.length < 5000) return out;
  }
}

/** An audit log saved as JSON Lines or as the API's {entries: [...]}; a bad line is named. */
export function parseAuditLog(text: string): AuditEntry[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{"entries"')) {
    try {
      return (JSON.parse(trimmed) as { entries: AuditEntry[] }).entries;
    } catch {
      throw new Error("audit log: not JSON");
    }
  }
  return trimmed
    ? trimmed.split("\n").map((l, i) => {
        try {
          return JSON.parse(l) as AuditEntry;
        } catch {
          throw new Error(`audit log line ${i + 1}: not JSON`);
        }
      })
    : [];
}
