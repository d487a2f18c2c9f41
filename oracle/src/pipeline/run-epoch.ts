// One epoch, read top to bottom; its inputs are already ingested. Then
//   filter  → quality flags and anomaly scores; flagged and sampled submissions join the review queue
//   score   → TQS (with the review decisions up to the audit log head it anchors), holdings
//             snapshot, engagement ratings (SQL)
//   commit  → the TQS dataset and the ENGAGEMENT dataset (USER, NFT, GALLERY), each once
//   publish → the four commitments to ScoreOracle (M-of-N signatures), then exclusions and
//             reinstatements in the ParticipantRegistry, then campaign tickets (completions,
//             verdicts) and re-issues of voided tickets whose appeal was granted
// A restart re-runs the same call: committed datasets are loaded, not recomputed; the journal
// settles transactions still in flight; the chain is read before anything is sent.
import type { Account, Address, Hex } from "viem";
import { ScoreKind, engagementKinds, summaryKey } from "@mesi/abi";
import type { Database } from "../db/database.ts";
import { runQualityFilters } from "../quality/run.ts";
import { minhashKey } from "../quality/features.ts";
import { wordnetLexicon } from "../quality/text/wordnet.ts";
import { computeTqs, TQS_PARAMS } from "../scoring/tqs.ts";
import type { EngagementWeights } from "../scoring/weights.ts";
import {
  engagementLines,
  type EngagementHeader,
  type EngagementLine,
} from "../dataset/engagement-dataset.ts";
import { buildTqsDataset, excludedIn, type TqsLine } from "../dataset/tqs-dataset.ts";
import { commitOnce } from "../dataset/commit.ts";
import type { KindName } from "../dataset/lines.ts";
import type { DatasetStore } from "../dataset/store.ts";
import { auditHead } from "../review/audit-log.ts";
import { enqueueEpoch, expireAppeals, markApplied } from "../review/queue.ts";
import { snapshotHoldings, type HoldingSources } from "../snapshot/holdings.ts";
import { chainGalleryReader, snapshotGalleries } from "../snapshot/galleries.ts";
import { publishEpoch, type PublishOutcome } from "../publish/publish-epoch.ts";
import { publishExclusions, type Chainside } from "../publish/tickets.ts";
import { TxJournal } from "../publish/journal.ts";
import { publishCampaignTickets, type CampaignTicketsResult } from "./campaign-tickets.ts";
import { reissueGrantedTickets, type ReissuesResult } from "./ticket-reissues.ts";
import type { ConsentLedger } from "../privacy/consent.ts";

export interface EpochDeps {
  database: Database;
  chain: Chainside;
  signers: readonly Account[];
  contracts: {
    scoreOracle: Address;
    registry: Address;
    holdings?: HoldingSources;
    /** The gallery collection: where an NFT's gallery and creator come from (none = no NFT scores). */
    galleries?: Address;
    /** Campaign tickets (completions and verdicts); omitted = not handled. */
    tickets?: { campaigns: Address; ticket: Address };
  };
  /**
   * The chain's consent: before the epoch's TQS is computed it is read to the chain's head and
   * submissions made after a revocation are removed (privacy/consent.ts). `serve` and `epoch`
   * always pass it; omitted only by tests of the scoring alone.
   */
  consent?: ConsentLedger;
  /** Epoch length: a campaign whose quality window closes within it gets final verdicts. */
  epochSeconds?: number;
  store: DatasetStore;
  weights: EngagementWeights;
  /** Salts non-public leaves and keys the answers' MinHash signatures (never published). */
  saltSecret: Hex;
  /** Public base under which datasets are served by hash, e.g. https://oracle.example/v1/datasets/ */
  datasetBaseUri: string;
  log?: (step: string, detail: Record<string, unknown>) => void;
  now?: () => Date;
}

export type Publication = PublishOutcome | { status: "empty" };

export interface EpochResult {
  flags: Record<string, number>;
  review: { flagged: number; sampled: number; expiredAppeals: number };
  /** `totalScore`, `totals`: the Σ of each kind's leaf scores, signed with its root. */
  tqs: { accounts: number; excluded: number; datasetHash: Hex; root: Hex; totalScore: bigint };
  engagement: {
    datasetHash: Hex;
    roots: Record<"USER" | "NFT" | "GALLERY", Hex>;
    totals: Record<"USER" | "NFT" | "GALLERY", bigint>;
    leaves: Record<"USER" | "NFT" | "GALLERY", number>;
  };
  publications: Record<KindName, Publication>;
  exclusionTxs: number;
  reinstatementTxs: number;
  tickets: CampaignTicketsResult[];
  /** Granted appeals of voided tickets settled this run (absent without ticket contracts). */
  reissues?: ReissuesResult;
}

const EXCLUSION_REASON = summaryKey("tqs-below-threshold");
const REINSTATEMENT_REASON = summaryKey("reinstated-after-review");

/** Flag counts per automatic rule key, the TQS commitment's on-chain summary. */
async function flagSummary(d: EpochDeps, epoch: bigint): Promise<Record<string, number>> {
  const rows = await d.database.db
    .selectFrom("flags")
    .select(["rule_id", "rule_version"])
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("epoch", "=", epoch.toString())
    .where("rule_id", "not like", "review%")
    .groupBy(["rule_id", "rule_version"])
    .execute();
  return Object.fromEntries(rows.map((r) => [`${r.rule_id}@${r.rule_version}`, Number(r.n)]));
}

export async function runEpoch(epoch: bigint, d: EpochDeps): Promise<EpochResult> {
  const log = d.log ?? (() => undefined);
  const { db } = d.database;
  const chainId = BigInt(await d.chain.publicClient.getChainId());
  const review = { flagged: 0, sampled: 0, expiredAppeals: 0 };

  // filter + score + commit: TQS
  const tqs = await commitOnce<TqsLine>(db, d.store, epoch, ["TQS"], async () => {
    if (d.consent) {
      const { synced, removed } = await d.consent.recheckEpoch(epoch);
      log("consent", {
        epoch: epoch.toString(),
        syncedBlock: synced.block.toString(),
        syncedTime: synced.time.toISOString(),
        removed,
      });
    }
    review.expiredAppeals = await expireAppeals(db, d.now?.() ?? new Date());
    const quality = await runQualityFilters(
      d.database,
      epoch,
      minhashKey(d.saltSecret, epoch),
      wordnetLexicon(),
    );
    log("filter", { epoch: epoch.toString(), flags: quality.flags, ...quality.byRule });
    Object.assign(review, await enqueueEpoch(db, epoch));
    log("review queue", { ...review });
    const anchor = await auditHead(db);
    await computeTqs(db, epoch, TQS_PARAMS, BigInt(anchor.seq));
    const lines = await buildTqsDataset(db, {
      epoch,
      chainId,
      scoreOracle: d.contracts.scoreOracle,
      auditHead: anchor,
      features: quality.features,
      gold: quality.gold,
    });
    return { lines, onCommit: (tx) => markApplied(tx, epoch, BigInt(anchor.seq)) };
  });
  const excluded = excludedIn(tqs.lines);
  log("commit TQS", {
    fresh: tqs.fresh,
    datasetHash: tqs.hash,
    root: tqs.roots.TQS,
    excluded: excluded.length,
  });

  // score + commit: engagement
  const engagement = await commitOnce<EngagementLine>(
    db,
    d.store,
    epoch,
    engagementKinds,
    async () => {
      if (d.contracts.holdings) {
        const n = await snapshotHoldings(
          db,
          d.chain.publicClient,
          epoch,
          d.contracts.holdings,
          (done, total) => log("snapshot", { done, total }),
        );
        log("snapshot", { accounts: n });
      }
      if (d.contracts.galleries) {
        const read = await snapshotGalleries(
          db,
          chainGalleryReader(d.chain.publicClient, d.contracts.galleries),
          epoch,
          d.contracts.galleries,
        );
        log("snapshot galleries", read);
      }
      return {
        lines: engagementLines(db, {
          epoch,
          chainId,
          scoreOracle: d.contracts.scoreOracle,
          weights: d.weights,
          galleryCollection: d.contracts.galleries ?? null,
          saltSecret: d.saltSecret,
        }),
      };
    },
    // The events and holdings stream to the store; the header and leaves are what follows needs.
    () => false,
  );
  log("commit ENGAGEMENT", {
    fresh: engagement.fresh,
    datasetHash: engagement.hash,
    ...engagement.roots,
    ignoredEvents: (engagement.lines[0] as EngagementHeader).ignoredEvents,
  });

  // publish
  const journal = new TxJournal(db, d.chain, epoch, { log });
  const settled = await journal.settle();
  if (settled) log("journal", { settled });
  const chain: Chainside = { ...d.chain, send: journal.send };
  const summary = await flagSummary(d, epoch);
  const publications = {} as Record<KindName, Publication>;
  for (const [kind, committed] of [
    ["TQS", tqs],
    ...engagementKinds.map((k) => [k, engagement] as const),
  ] as const) {
    const leafCount = committed.leafCounts[kind]!;
    if (leafCount === 0) {
      publications[kind] = { status: "empty" };
      log("publish", { kind, status: "empty" });
      continue;
    }
    const keys = kind === "TQS" ? Object.keys(summary).sort() : [];
    publications[kind] = await publishEpoch({
      publicClient: d.chain.publicClient,
      relayer: d.chain.wallet,
      signers: d.signers,
      scoreOracle: d.contracts.scoreOracle,
      send: journal.send,
      commitment: {
        kind: ScoreKind[kind],
        epoch,
        root: committed.roots[kind]!,
        datasetHash: committed.hash,
        datasetURI: `${d.datasetBaseUri}${committed.hash}`,
        leafCount: BigInt(leafCount),
        // Every kind's signers sign the Σ of the scores its leaves commit; a GALLERY epoch's
        // revenue pool divides by it, and verify recomputes it.
        totalScore: committed.totals[kind]!,
        summaryKeys: keys.map(summaryKey),
        summaryValues: keys.map((k) => BigInt(summary[k]!)),
      },
    });
    log("publish", { kind, ...publications[kind] });
  }

  // exclusions below the threshold; reinstatement of accounts excluded before and above it now.
  // Only the latest TQS epoch speaks for the registry: re-running an older one changes nothing.
  const later = await db
    .selectFrom("datasets")
    .select("epoch")
    .where("kind", "=", "TQS")
    .where("epoch", ">", epoch.toString())
    .executeTakeFirst();
  let exclusionTxs: Hex[] = [];
  let reinstatementTxs: Hex[] = [];
  let tickets: CampaignTicketsResult[] = [];
  let reissues: ReissuesResult | undefined;
  if (later) {
    log("exclusions", { skipped: `epoch ${later.epoch} is later` });
  } else {
    const excludedSet = new Set(excluded);
    const everExcluded = await db
      .selectFrom("tqs_scores")
      .select("account")
      .distinct()
      .where("excluded", "=", true)
      .where("epoch", "<", epoch.toString())
      .orderBy("account")
      .execute();
    const lift = everExcluded.map((r) => r.account).filter((a) => !excludedSet.has(a));
    exclusionTxs = await publishExclusions(
      chain,
      d.contracts.registry,
      excluded as Address[],
      true,
      EXCLUSION_REASON,
    );
    reinstatementTxs = await publishExclusions(
      chain,
      d.contracts.registry,
      lift as Address[],
      false,
      REINSTATEMENT_REASON,
    );
    log("exclusions", {
      excluded: excluded.length,
      txs: exclusionTxs.length,
      lifted: reinstatementTxs.length,
    });
    // tickets after exclusions: an excluded holder's placeholder is voided, and a granted
    // appeal re-issues a voided ticket (unless its holder is excluded)
    if (d.contracts.tickets) {
      tickets = await publishCampaignTickets(
        db,
        chain,
        d.contracts.tickets,
        epoch,
        d.epochSeconds ?? 86_400,
        log,
      );
      reissues = await reissueGrantedTickets(db, chain, d.contracts.tickets, epoch, log);
    }
  }

  return {
    flags: summary,
    review,
    tqs: {
      accounts: tqs.leafCounts.TQS!,
      excluded: excluded.length,
      datasetHash: tqs.hash,
      root: tqs.roots.TQS!,
      totalScore: tqs.totals.TQS!,
    },
    engagement: {
      datasetHash: engagement.hash,
      roots: {
        USER: engagement.roots.USER!,
        NFT: engagement.roots.NFT!,
        GALLERY: engagement.roots.GALLERY!,
      },
      totals: {
        USER: engagement.totals.USER!,
        NFT: engagement.totals.NFT!,
        GALLERY: engagement.totals.GALLERY!,
      },
      leaves: {
        USER: engagement.leafCounts.USER!,
        NFT: engagement.leafCounts.NFT!,
        GALLERY: engagement.leafCounts.GALLERY!,
      },
    },
    publications,
    exclusionTxs: exclusionTxs.length,
    reinstatementTxs: reinstatementTxs.length,
    tickets,
    ...(reissues ? { reissues } : {}),
  };
}
