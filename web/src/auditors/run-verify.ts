// The in-browser recomputation of one published epoch, with the oracle's own verify code
// (@mesi/oracle/verify, shared, not rewritten) on PGlite in the page. This module is loaded
// only when a verification starts, and PGlite with it.
import type { PublicClient } from "viem";
import { engagementKinds, type EngagementKind } from "@mesi/abi";
import {
  chainGalleryReader,
  fetchAuditLog,
  loadDataset,
  onChainEpoch,
  parseEngagementDataset,
  parseTqsDataset,
  verifyEngagementDataset,
  verifyTqsDataset,
  type KindReport,
  type OnChainCommitment,
} from "@mesi/oracle/verify";
import { publicClient } from "../chain/public-client.ts";
import { contract } from "../chain/contracts.ts";

export interface VerifyOutcome {
  epoch: bigint;
  dataset: "TQS" | "ENGAGEMENT";
  hashMatches: boolean;
  kinds: KindReport[];
  /** The audit log (TQS): chained to the head the dataset anchors. */
  audit?: { checked: boolean; ok: boolean; problem?: string };
  /** Engagement: events the scores left out, per reason, as published and as recomputed. */
  ignoredEvents?: { ok: boolean; recomputed: Record<string, number> };
  /** Engagement: the dataset's NFT → gallery → creator map against this app's gallery collection. */
  chainMap?: { ok: boolean; nfts: number; galleries: number; mismatches: string[] };
  /** Engagement kinds whose on-chain commitment names another dataset (not checked: a fail). */
  otherDataset?: string[];
  /** Everything recomputes, every root matches the chain and the dataset is the published one. */
  ok: boolean;
  seconds: number;
}

export async function verifyEpoch(
  dataset: "TQS" | "ENGAGEMENT",
  epoch: bigint,
  opts: { auditorKey?: string; progress: (step: string) => void },
): Promise<VerifyOutcome> {
  const t0 = performance.now();
  const client = publicClient as PublicClient;
  const oracle = contract("ScoreOracle").address;
  const { progress } = opts;
  progress("reading the commitment on chain");
  const main = await onChainEpoch(client, oracle, dataset === "TQS" ? "TQS" : "GALLERY", epoch);
  if (main.status === 0) throw new Error(`No ${dataset} commitment for epoch ${epoch} on chain.`);
  progress("downloading the dataset");
  const { text, hashMatches } = await loadDataset(
    { uri: main.datasetURI, auditorKey: opts.auditorKey },
    main.datasetHash,
  ).catch((err: Error) => {
    // Engagement datasets hold individual scores: the oracle serves them to auditors only.
    if (/: 40[13] /.test(err.message))
      throw new Error(
        opts.auditorKey
          ? "the oracle refused this auditor key (engagement datasets are for auditors only)."
          : "engagement datasets are for auditors only: enter your auditor key.",
      );
    throw err;
  });
  progress(
    hashMatches ? "dataset hash matches the chain" : "dataset hash DIFFERS from the chain's",
  );
  let kinds: KindReport[];
  let audit: VerifyOutcome["audit"];
  let ok: boolean;
  let extra: Pick<VerifyOutcome, "ignoredEvents" | "chainMap" | "otherDataset"> = {};
  if (dataset === "TQS") {
    const parsed = parseTqsDataset(text);
    progress("downloading the review audit log");
    const auditLog = main.datasetURI ? await fetchAuditLog(main.datasetURI) : undefined;
    progress("starting PostgreSQL (PGlite) in this page");
    const r = await verifyTqsDataset(parsed, main, { auditLog, progress });
    kinds = [r];
    audit = r.audit;
    ok = r.ok;
  } else {
    const parsed = parseEngagementDataset(text);
    const roots: Partial<Record<EngagementKind, OnChainCommitment>> = {};
    const otherDataset: string[] = [];
    for (const k of engagementKinds) {
      const info = k === "GALLERY" ? main : await onChainEpoch(client, oracle, k, epoch);
      if (info.status === 0) continue;
      // One dataset serves the three kinds: a kind committed to other bytes is not checked here.
      if (info.datasetHash !== main.datasetHash) otherDataset.push(k);
      else roots[k] = info;
    }
    progress("starting PostgreSQL (PGlite) in this page");
    // The map is checked against the collection this app is deployed with (verify's own rule).
    const collection = contract("GalleryCollection").address;
    const r = await verifyEngagementDataset(parsed, roots, {
      progress,
      galleries: { collection, reader: chainGalleryReader(client, collection) },
    });
    kinds = r.kinds;
    ok = r.ok && otherDataset.length === 0;
    extra = {
      ignoredEvents: { ok: r.ignoredEvents.ok, recomputed: r.ignoredEvents.recomputed },
      chainMap: {
        ok: r.chainMap.mismatches.length === 0,
        nfts: parsed.nfts.length,
        galleries: parsed.galleries.length,
        mismatches: r.chainMap.mismatches,
      },
      otherDataset,
    };
  }
  return {
    epoch,
    dataset,
    hashMatches,
    kinds,
    audit,
    ...extra,
    ok: ok && hashMatches,
    seconds: (performance.now() - t0) / 1000,
  };
}
