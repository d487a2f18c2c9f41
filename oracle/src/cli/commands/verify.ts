import { readFile } from "node:fs/promises";
import { createPublicClient, http, isAddress, type Address, type PublicClient } from "viem";
import { deploymentOn, engagementKinds, type EngagementKind } from "@mesi/abi";
import { datasetKindOf } from "../../dataset/lines.ts";
import { parseTqsDataset } from "../../dataset/tqs-dataset.ts";
import { verifyEngagementLines } from "../../verify/verify-engagement.ts";
import { openDatabase, type Database } from "../../db/database.ts";
import { fileBytes, firstLineOf, hashedLines, uriBytes } from "../dataset-stream.ts";
import { verifyTqsDataset } from "../../verify/verify-tqs.ts";
import type { KindReport, OnChainCommitment } from "../../verify/compare.ts";
import { fetchAuditLog, loadDataset, onChainEpoch, parseAuditLog } from "../../verify/fetch.ts";
import { chainGalleryReader } from "../../snapshot/galleries.ts";
import { defineCommand, type Command } from "../command.ts";

const progress = (msg: string) => console.log(`  … ${msg}`);

function printKind(r: KindReport) {
  console.log(`  ${r.kind.padEnd(8)} ${r.ok ? "PASS" : "FAIL"}  ${r.leaves} leaves`);
  console.log(`           on-chain root   ${r.onChainRoot}`);
  console.log(`           recomputed root ${r.recomputedRoot}`);
  console.log(
    `           signed total    ${r.onChainTotal}${r.onChainTotal === r.recomputedTotal ? "" : ` DIFFERS from the recomputed ${r.recomputedTotal}`}`,
  );
  for (const m of r.mismatches.slice(0, 20))
    console.log(
      `           mismatch ${m.id}: published ${m.published}, recomputed ${m.recomputed ?? "(none)"}`,
    );
  if (r.mismatches.length > 20)
    console.log(`           … ${r.mismatches.length - 20} more mismatches`);
  for (const b of r.badLeaves.slice(0, 20))
    console.log(`           bad leaf ${b.id}: ${b.problem}`);
}

type DatasetKind = "TQS" | "ENGAGEMENT";

export const command: Command = defineCommand({
  name: "verify",
  summary: "recompute a published epoch from its dataset and compare with the chain",
  usage: "mesi-oracle verify --epoch N [--kind TQS|ENGAGEMENT] [options]",
  description: `Downloads (or reads) the epoch's published dataset, checks it hashes to the datasetHash the
chain holds, loads it into an in-memory PGlite and recomputes every score from the published
inputs with the project's own code: for TQS the quality rules over the submissions' public
features, the review decisions it lists and the TQS SQL (and the hash-chained audit log up to
the head it anchors); for ENGAGEMENT the User, NFT and Gallery Score SQL, and the NFT map
against the deployment's GalleryCollection (never the one the dataset names). Rebuilds each
tree and compares its root with ScoreOracle's. A dataset whose hash differs from the chain's
is not checked further (nothing in it passes); a malformed one fails naming its line.
Prints a pass/fail report; exits 0 on pass, 1 on fail, 2 on bad usage.`,
  options: {
    epoch: { type: "string", value: "N", help: "the epoch (required)" },
    kind: {
      type: "string",
      value: "K",
      help: "TQS or ENGAGEMENT (default: both; ENGAGEMENT needs an auditor key)",
    },
    dataset: {
      type: "string",
      value: "FILE",
      help: "read the dataset from FILE instead of its published URI (one kind)",
    },
    audit: {
      type: "string",
      value: "FILE",
      help: "the audit log (JSON Lines or the API's JSON) instead of the oracle's /v1/audit",
    },
    "auditor-key": {
      type: "string",
      value: "KEY",
      help: "key for engagement datasets (default: MESI_AUDITOR_KEY)",
    },
    "score-oracle": {
      type: "string",
      value: "ADDRESS",
      help: "ScoreOracle (default: @mesi/abi's deployment for the chain)",
    },
    "gallery-collection": {
      type: "string",
      value: "ADDRESS",
      help: "the deployment's GalleryCollection, which the NFT map must match (default: @mesi/abi's deployment, unless --score-oracle is given)",
    },
    rpc: {
      type: "string",
      value: "URL",
      help: "JSON-RPC endpoint (default: RPC_URL or http://127.0.0.1:8545)",
    },
    "database-url": {
      type: "string",
      value: "URL",
      help: "recompute in this EMPTY PostgreSQL database instead of an in-memory PGlite (epochs of millions of events; the dataset is streamed either way)",
    },
  },
  async run(values) {
    if (!values.epoch || !/^\d{1,19}$/.test(values.epoch)) {
      console.error("--epoch N is required (a positive integer); see --help");
      return 2;
    }
    if (values.kind && values.kind !== "TQS" && values.kind !== "ENGAGEMENT") {
      console.error("--kind: must be TQS or ENGAGEMENT");
      return 2;
    }
    const epoch = BigInt(values.epoch);
    const scratchUrl = values["database-url"];
    const scratchDatabase = scratchUrl
      ? async (): Promise<Database> => {
          const database = await openDatabase({ url: scratchUrl });
          const used = await database.db
            .selectFrom("activity_events")
            .select("id")
            .limit(1)
            .executeTakeFirst();
          if (used) {
            await database.close();
            throw new Error("--database-url: the database must be empty (a scratch database)");
          }
          return database;
        }
      : undefined;
    const client = createPublicClient({
      transport: http(values.rpc ?? process.env.RPC_URL ?? "http://127.0.0.1:8545"),
    }) as PublicClient;
    let chainId: number;
    try {
      chainId = await client.getChainId();
    } catch (err) {
      console.error(`the chain does not answer: ${(err as Error).message.split("\n")[0]}`);
      return 2;
    }
    const oracle = values["score-oracle"] ?? deploymentOn(chainId)?.contracts.ScoreOracle;
    if (!oracle || !isAddress(oracle)) {
      console.error("--score-oracle ADDRESS is required (no deployment known for this chain)");
      return 2;
    }
    // Both addresses name one deployment: with --score-oracle given, @mesi/abi's collection
    // (another deployment's, perhaps) is not assumed.
    const galleryCollection: string | undefined =
      values["gallery-collection"] ??
      (values["score-oracle"] ? undefined : deploymentOn(chainId)?.contracts.GalleryCollection);
    if (galleryCollection !== undefined && !isAddress(galleryCollection)) {
      console.error("--gallery-collection: must be an address (0x and 40 hex digits)");
      return 2;
    }
    const deployedGalleries = galleryCollection && {
      collection: galleryCollection,
      reader: chainGalleryReader(client, galleryCollection as Address),
    };
    let kinds: DatasetKind[] = values.kind ? [values.kind as DatasetKind] : ["TQS", "ENGAGEMENT"];
    if (values.dataset) {
      try {
        const h = datasetKindOf(await firstLineOf(values.dataset));
        if (h.epoch !== values.epoch) {
          console.error(`--epoch ${values.epoch} but the dataset is epoch ${h.epoch}`);
          return 2;
        }
        kinds = [h.dataset];
      } catch (err) {
        console.log(`FAIL: ${values.dataset}: ${(err as Error).message}`);
        return 1;
      }
    }
    let ok = true;
    let verifiedAny = false;
    for (const kind of kinds) {
      try {
        const r = await verifyKind(kind);
        ok &&= r.ok;
        verifiedAny ||= r.verified;
      } catch (err) {
        // Whatever went wrong (a malformed dataset, an unreachable oracle), it is a plain FAIL.
        console.log(`  ${kind.padEnd(8)} FAIL  ${(err as Error).message.split("\n")[0]}`);
        ok = false;
        verifiedAny = true;
      }
    }
    ok &&= verifiedAny;
    console.log(ok ? "PASS: every score recomputes and every root matches the chain" : "FAIL");
    return ok ? 0 : 1;

    async function verifyKind(kind: DatasetKind): Promise<{ ok: boolean; verified: boolean }> {
      const main = await onChainEpoch(
        client,
        oracle as Address,
        kind === "TQS" ? "TQS" : "GALLERY",
        epoch,
      );
      if (main.status === 0) {
        // Without --kind, a kind with nothing to publish (no leaves) is reported, not failed.
        console.log(
          `verify: ${kind} epoch ${epoch} is not on chain${values.kind ? "" : " (nothing published for it)"}`,
        );
        return { ok: !values.kind, verified: false };
      }
      const auditorKey = values["auditor-key"] ?? process.env.MESI_AUDITOR_KEY;
      console.log(`verify: ${kind} epoch ${epoch}`);
      const differs = () => {
        // The chain committed to other bytes: nothing in this text speaks for the epoch.
        console.log(`  dataset hash      DIFFERS from the chain's ${main.datasetHash}`);
        console.log(
          `  ${kind.padEnd(8)} FAIL  not the committed dataset; nothing in it was checked`,
        );
        return { ok: false, verified: true };
      };
      if (kind === "ENGAGEMENT") return verifyEngagement(main, auditorKey, differs);
      const { text, hashMatches } = await loadDataset(
        {
          text: values.dataset ? await readFile(values.dataset, "utf8") : undefined,
          uri: main.datasetURI,
          auditorKey,
        },
        main.datasetHash,
      );
      if (!hashMatches) return differs();
      console.log(`  dataset hash      matches the chain's ${main.datasetHash}`);
      {
        const dataset = parseTqsDataset(text);
        const auditLog = values.audit
          ? parseAuditLog(await readFile(values.audit, "utf8"))
          : main.datasetURI
            ? await fetchAuditLog(main.datasetURI)
            : undefined;
        const r = await verifyTqsDataset(dataset, main, { auditLog, progress });
        for (const u of r.unsupported) console.log(`  not verifiable here: ${u}`);
        printKind(r);
        console.log(
          `  audit log         ${!r.audit.checked ? "not checked" : r.audit.ok ? `chains to the anchored head` : `BROKEN: ${r.audit.problem}`}`,
        );
        for (const u of r.unknownReviews)
          console.log(
            `  review of a flag the rules did not raise: ${u.ruleId} ${u.account} ${u.submissionId ?? ""}`,
          );
        for (const g of r.goldProblems) console.log(`  gold set FAIL: ${g}`);
        return { ok: r.ok, verified: true };
      }
    }

    // Streamed: an epoch's engagement dataset holds every event (gigabytes at scale).
    async function verifyEngagement(
      main: Awaited<ReturnType<typeof onChainEpoch>>,
      auditorKey: string | undefined,
      differs: () => { ok: boolean; verified: boolean },
    ): Promise<{ ok: boolean; verified: boolean }> {
      if (!values.dataset && !main.datasetURI)
        throw new Error("no dataset: pass --dataset FILE or publish one with a datasetURI");
      const source = await hashedLines(
        values.dataset ? fileBytes(values.dataset) : await uriBytes(main.datasetURI!, auditorKey),
      );
      const roots: Partial<Record<EngagementKind, OnChainCommitment>> = {};
      let sameDataset = true;
      for (const k of engagementKinds) {
        const info =
          k === "GALLERY" ? main : await onChainEpoch(client, oracle as Address, k, epoch);
        if (info.status === 0) continue;
        // One dataset serves the three kinds: a kind committed to other bytes is not checked.
        if (info.datasetHash !== main.datasetHash) {
          console.log(`  ${k.padEnd(8)} FAIL  committed to another dataset (${info.datasetHash})`);
          sameDataset = false;
          continue;
        }
        roots[k] = info;
      }
      if (!deployedGalleries)
        throw new Error(
          "no gallery collection: pass --gallery-collection ADDRESS (the deployment's, which the NFT map must match)",
        );
      const r = await verifyEngagementLines(source.lines, roots, {
        progress,
        open: scratchDatabase,
        galleries: deployedGalleries,
      });
      if (source.hash() !== main.datasetHash) return differs();
      console.log(
        `  dataset hash      matches the chain's ${main.datasetHash} (${source.bytes()} bytes)`,
      );
      r.kinds.forEach(printKind);
      const counts = (c: Record<string, number>) =>
        Object.entries(c)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ") || "none";
      console.log(
        `  events left out   ${r.ignoredEvents.ok ? counts(r.ignoredEvents.recomputed) : `DIFFER: dataset ${counts(r.ignoredEvents.published)}, recomputed ${counts(r.ignoredEvents.recomputed)}`}`,
      );
      console.log(
        `  NFT map           ${r.chainMap.ok ? `${r.loaded.nfts} NFTs and ${r.loaded.galleries} galleries match the chain` : "DIFFERS from the chain"}`,
      );
      for (const m of r.chainMap.mismatches.slice(0, 20)) console.log(`           ${m}`);
      return { ok: r.ok && sameDataset, verified: true };
    }
  },
});
