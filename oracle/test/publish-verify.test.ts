// End to end on a real Hardhat node, on PGlite and on a real PostgreSQL server: a simulated
// epoch is ingested over the HTTP API, filtered, scored, committed and published (TQS, USER,
// NFT, GALLERY with 2-of-2 signatures); the auditor's CLI downloads and verifies it; a
// reviewer and an appeal change the next epoch, whose dataset anchors the audit log; `prove`
// prints proofs the chain accepts; tampering with a dataset or the audit log fails verify.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { keccak256, toHex, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ScoreKind, scoreOracleAbi } from "@mesi/abi";
import { openDatabase } from "../src/db/database.ts";
import { DatasetStore } from "../src/dataset/store.ts";
import { runEpoch, type EpochDeps } from "../src/pipeline/run-epoch.ts";
import { publishEpoch } from "../src/publish/publish-epoch.ts";
import { datasetHash, leafLinesOf, parseLines } from "../src/dataset/lines.ts";
import { ENGAGEMENT_WEIGHTS } from "../src/scoring/weights.ts";
import { simulate } from "../sim/simulate.ts";
import { postCampaigns, postGoldReveals, postSimulation } from "../sim/post.ts";
import { walletRequestMessage } from "@mesi/abi";
import { APPEAL_ACTION, appealFields } from "@mesi/abi";
import { AUDIT_TEXTS_ACTION, RECEIPT_ACTION } from "@mesi/abi";
import { textCommitment } from "../src/review/audit-log.ts";
import { nonce, signedHeaders } from "./support/wallet.ts";
import { CLIENT, post } from "./support/client.ts";
import {
  creatorAccount,
  deployEpochContracts,
  deployGalleries,
  passChallengeWindow,
} from "./support/epoch-fixture.ts";
import { startHardhatNode, type LocalChain } from "../../test/support/chain.ts";
import { startPostgres } from "../../test/support/postgres.ts";
import { AUDITOR_KEY, REVIEWER, serveOracle } from "./support/oracle-server.ts";

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, "..", "src", "cli", "main.ts");
const cli = (...args: string[]) => run(process.execPath, [CLI, ...args]);
const OTHER_NFT = "0x00000000000000000000000000000000000000e1";
const COPIER = privateKeyToAccount(keccak256(toHex("the copier's key")));

let chain: LocalChain;
before(async () => {
  chain = await startHardhatNode();
});
after(() => chain.stop());

const fails = (p: Promise<unknown>, why: RegExp = /FAIL/) =>
  assert.rejects(p, (err: { code?: number; stdout?: string; stderr?: string }) => {
    assert.equal(err.code, 1, `${err.stdout}\n${err.stderr}`);
    assert.match(err.stdout ?? "", why);
    assert.doesNotMatch(`${err.stdout}${err.stderr}`, /\n\s+at /, "no stack trace");
    assert.doesNotMatch(err.stdout ?? "", /PASS/);
    return true;
  });

for (const engine of ["pglite", "postgres"] as const) {
  test(`${engine}: a simulated epoch is ingested, scored, published and verified by the CLI; review and appeals reach the next epoch`, async () => {
    const pg = engine === "postgres" ? await startPostgres() : undefined;
    const database = await openDatabase({ url: pg?.url });
    const store = new DatasetStore(await mkdtemp(path.join(os.tmpdir(), "mesi-datasets-")));
    let epochNow = 1n;
    const oracle = await serveOracle(database, store, () => epochNow);
    try {
      const {
        publicClient,
        wallet,
        send,
        scoreOracle,
        registry,
        signers,
        excluded: excludedOnChain,
      } = await deployEpochContracts(chain, 2, 2);
      // Two creators' galleries with two NFTs each (tokens 1 and 3 are the first creator's).
      const galleries = await deployGalleries(
        chain,
        [creatorAccount("one"), creatorAccount("two")],
        4,
      );
      const creators = galleries.tokens.slice(0, 2).map((t) => t.creator);
      const deps: EpochDeps = {
        database,
        chain: { publicClient, wallet },
        signers: [...signers].reverse(),
        contracts: { scoreOracle, registry, galleries: galleries.collection },
        store,
        weights: ENGAGEMENT_WEIGHTS,
        saltSecret: keccak256(toHex("salt secret")),
        datasetBaseUri: `${oracle.url}/v1/datasets/`,
      };
      // Epoch 1: a simulated day over the HTTP API, a copier with a known key, gallery activity.
      // The platform registers the campaigns with their gold commitments first.
      const sim = simulate({ seed: 11, users: 80, abuse: 0.15, start: Date.UTC(2026, 10, 23) });
      await postCampaigns(oracle.url, CLIENT, sim);
      await postSimulation(oracle.url, CLIENT, sim);
      const honestAnswers = sim.submissions
        .filter(
          (s) =>
            sim.labels.get(s.account) === "honest" &&
            s.taskType === "prompt_answer" &&
            (s.answer?.split(" ").length ?? 0) >= 14,
        )
        .slice(0, 6);
      const copied = honestAnswers.map((s, i) => ({
        id: `copier-${i}`,
        account: COPIER.address,
        campaignId: s.campaignId,
        taskId: s.taskId,
        taskType: s.taskType,
        answer: s.answer!,
        startedAt: new Date(Date.UTC(2026, 10, 23, 23, i)).toISOString(),
        submittedAt: new Date(Date.UTC(2026, 10, 23, 23, i, 40)).toISOString(),
      }));
      const fetcher = (p: string, init: RequestInit) => fetch(`${oracle.url}${p}`, init);
      assert.equal((await post(fetcher, "/v1/submissions", { submissions: copied })).status, 201);
      const events = Array.from({ length: 40 }, (_, i) => ({
        id: `ev-${i}`,
        kind: i % 5 === 0 ? "like" : "view",
        actor: `0x${(0xf0 + (i % 7)).toString(16).padStart(40, "0")}`,
        collection: galleries.collection,
        tokenId: String(galleries.tokens[i % 4]!.tokenId),
        // The platform may name the creator; the chain decides (and agrees here).
        ...(i % 2 ? { creator: galleries.tokens[i % 4]!.creator } : {}),
        durationMs: i % 5 === 0 ? 0 : 30_000 * (1 + (i % 3)),
        occurredAt: "2026-11-23T10:00:00Z",
      }));
      // Events that disagree with the chain are left out, counted by reason.
      const liar = {
        kind: "view",
        actor: events[1]!.actor,
        durationMs: 600_000,
        occurredAt: "2026-11-23T11:00:00Z",
      };
      events.push(
        {
          ...liar,
          id: "lie-creator",
          collection: galleries.collection,
          tokenId: "1",
          creator: creators[1]!,
        },
        { ...liar, id: "lie-token", collection: galleries.collection, tokenId: "99" },
        { ...liar, id: "lie-collection", collection: OTHER_NFT, tokenId: "1" },
      );
      assert.equal((await post(fetcher, "/v1/events", { events })).status, 201);
      // The day's campaigns closed: their gold sets are revealed before the epoch runs.
      await postGoldReveals(oracle.url, CLIENT, sim);

      const first = await runEpoch(1n, deps);
      for (const k of ["TQS", "USER", "NFT", "GALLERY"] as const)
        assert.equal(first.publications[k].status, "published", k);
      assert.equal(first.engagement.leaves.GALLERY, 2);
      assert.equal(first.engagement.leaves.NFT, 4);
      assert.ok(first.review.flagged > 0 && first.review.sampled > 0, JSON.stringify(first.review));
      assert.equal(await excludedOnChain(COPIER.address), true, "the copier is excluded on chain");
      for (const k of ["TQS", "GALLERY"] as const) {
        const info = await publicClient.readContract({
          address: scoreOracle,
          abi: scoreOracleAbi,
          functionName: "epochInfo",
          args: [ScoreKind[k], 1n],
        });
        assert.equal(info.root, k === "TQS" ? first.tqs.root : first.engagement.roots.GALLERY);
        // The signers signed the Σ of the scores the published leaves hold, and the chain keeps it.
        const published = await (
          await fetch(
            `${oracle.url}/v1/datasets/${k === "TQS" ? first.tqs.datasetHash : first.engagement.datasetHash}`,
            { headers: { "x-mesi-auditor-key": AUDITOR_KEY } },
          )
        ).text();
        const sum = leafLinesOf(parseLines(published), k).reduce((s, l) => s + BigInt(l.score), 0n);
        assert.ok(sum > 0n, k);
        assert.equal(info.totalScore, sum, k);
        assert.equal(
          info.totalScore,
          k === "TQS" ? first.tqs.totalScore : first.engagement.totals.GALLERY,
        );
      }

      // The public TQS dataset carries the submissions' features, never their answers.
      const publicTqs = await (
        await fetch(`${oracle.url}/v1/datasets/${first.tqs.datasetHash}`)
      ).text();
      assert.ok(publicTqs.includes('"type":"submission"'));
      for (const s of sim.submissions
        .filter((x) => (x.answer?.split(" ").length ?? 0) >= 3)
        .slice(0, 200))
        assert.ok(!publicTqs.includes(s.answer!.split(" ").slice(0, 3).join(" ")), s.answer!);
      assert.doesNotMatch(publicTqs, /"answer"/);

      // The auditor verifies both datasets from their published URIs (engagement with a key).
      const verified = await cli(
        "verify",
        "--epoch",
        "1",
        "--score-oracle",
        scoreOracle,
        "--gallery-collection",
        galleries.collection,
        "--rpc",
        chain.url,
        "--auditor-key",
        AUDITOR_KEY,
      );
      assert.match(verified.stdout, /TQS\s+PASS/);
      for (const k of ["USER", "NFT", "GALLERY"])
        assert.match(verified.stdout, new RegExp(`${k}\\s+PASS`));
      assert.match(verified.stdout, /PASS: every score/);
      assert.match(
        verified.stdout,
        /GALLERY\s+PASS[^\n]*\n[^\n]*root[^\n]*\n[^\n]*root[^\n]*\n\s+signed total\s+\d+\n/,
      );
      assert.match(
        verified.stdout,
        /events left out\s+creator-mismatch 1, not-a-gallery-nft 1, unknown-token 1/,
      );
      assert.match(verified.stdout, /NFT map\s+5 NFTs and 0 galleries match the chain/);
      // Checked against the deployment's collection, not the one the dataset names: against
      // another collection the same honest dataset fails, naming the collection it names.
      const other = await deployGalleries(chain, [creatorAccount("other")], 1);
      await assert.rejects(
        cli(
          "verify",
          "--epoch",
          "1",
          "--kind",
          "ENGAGEMENT",
          "--score-oracle",
          scoreOracle,
          "--gallery-collection",
          other.collection,
          "--rpc",
          chain.url,
          "--auditor-key",
          AUDITOR_KEY,
        ),
        (err: { code?: number; stdout?: string }) => {
          // The roots still recompute (per-kind PASS); the map, and so the epoch, fails.
          assert.equal(err.code, 1, err.stdout);
          assert.match(
            err.stdout ?? "",
            new RegExp(
              `NFT map\\s+DIFFERS[\\s\\S]*the dataset names gallery collection ${galleries.collection.toLowerCase()}, the deployment's is ${other.collection.toLowerCase()}[\\s\\S]*\\nFAIL\\n$`,
            ),
          );
          return true;
        },
      );
      // Without the key the engagement dataset is refused: a plain FAIL naming the refusal.
      await fails(
        cli(
          "verify",
          "--epoch",
          "1",
          "--kind",
          "ENGAGEMENT",
          "--score-oracle",
          scoreOracle,
          "--gallery-collection",
          galleries.collection,
          "--rpc",
          chain.url,
        ),
        /ENGAGEMENT\s+FAIL\s+GET .*: 401/,
      );

      // Review: a reviewer decides the copier's first flag (upheld), the queue shows the rest.
      const reviewerHeaders = {
        "x-mesi-reviewer-key": REVIEWER.key,
        "content-type": "application/json",
      };
      const queue = (await (
        await fetch(`${oracle.url}/v1/review/items?limit=1000`, { headers: reviewerHeaders })
      ).json()) as {
        items: { id: string; account: string; kind: string; flagId: string | null }[];
      };
      const copierItems = queue.items.filter((i) => i.account === COPIER.address.toLowerCase());
      assert.ok(copierItems.length >= 5, "the copier's near-duplicates wait for review");
      const decided = await fetch(`${oracle.url}/v1/review/items/${copierItems[0]!.id}/decision`, {
        method: "POST",
        headers: reviewerHeaders,
        body: JSON.stringify({ decision: "flag", note: "copied" }),
      });
      assert.equal(decided.status, 200);
      assert.equal(
        (
          await fetch(`${oracle.url}/v1/review/items/${copierItems[0]!.id}/decision`, {
            method: "POST",
            headers: reviewerHeaders,
            body: JSON.stringify({ decision: "approve" }),
          })
        ).status,
        409,
      );
      assert.equal((await fetch(`${oracle.url}/v1/review/items`, {})).status, 401);

      // The copier appeals the exclusion with a wallet signature; a reviewer grants it.
      const request = (p: string, init?: RequestInit) => fetch(`${oracle.url}${p}`, init);
      const issuedAt = new Date().toISOString();
      const appealNonce = await nonce(request);
      const appeal = {
        account: COPIER.address,
        target: "exclusion" as const,
        reason: "they were my own answers, written at my grandmother's in Lyon",
        issuedAt,
        nonce: appealNonce,
      };
      const signature = await COPIER.signMessage({
        message: walletRequestMessage(
          APPEAL_ACTION,
          COPIER.address,
          appealFields(appeal),
          issuedAt,
          appealNonce,
        ),
      });
      const postAppeal = (body: unknown) =>
        fetch(`${oracle.url}/v1/appeals`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      assert.equal((await postAppeal({ ...appeal, reason: "changed", signature })).status, 403);
      const filed = await postAppeal({ ...appeal, signature });
      assert.equal(filed.status, 201, await filed.clone().text());
      assert.equal(
        (await postAppeal({ ...appeal, signature })).status,
        401,
        "a signed request works once",
      );
      const { item } = (await filed.json()) as { item: { id: string; deadline: string } };
      assert.ok(Date.parse(item.deadline) > Date.now());
      assert.equal(
        (
          await fetch(`${oracle.url}/v1/review/items/${item.id}/decision`, {
            method: "POST",
            headers: reviewerHeaders,
            body: JSON.stringify({ decision: "approve" }),
          })
        ).status,
        400,
        "an appeal takes grant or deny",
      );
      assert.equal(
        (
          await fetch(`${oracle.url}/v1/review/items/${item.id}/decision`, {
            method: "POST",
            headers: reviewerHeaders,
            body: JSON.stringify({ decision: "grant", note: "original work" }),
          })
        ).status,
        200,
      );

      // Epoch 2 applies the decisions: the copier is reinstated, the dataset anchors the log.
      epochNow = 2n;
      const sim2 = simulate({
        seed: 12,
        users: 40,
        abuse: 0,
        start: Date.UTC(2026, 10, 24),
        firstCampaign: 101,
      });
      await postSimulation(oracle.url, CLIENT, {
        ...sim2,
        submissions: sim2.submissions.map((s) => ({ ...s, id: `e2-${s.id}` })),
      });
      const second = await runEpoch(2n, deps);
      assert.equal(second.publications.TQS.status, "published");
      assert.equal(second.reinstatementTxs, 1);
      assert.equal(await excludedOnChain(COPIER.address), false, "reinstated on chain");
      const verified2 = await cli(
        "verify",
        "--epoch",
        "2",
        "--kind",
        "TQS",
        "--score-oracle",
        scoreOracle,
        "--gallery-collection",
        galleries.collection,
        "--rpc",
        chain.url,
      );
      assert.match(verified2.stdout, /chains to the anchored head/);
      assert.match(verified2.stdout, /PASS: every score/);

      // The copier's receipt (wallet-signed) explains epoch 2 and carries a proof the chain accepts.
      const receiptHeaders = await signedHeaders(request, COPIER, RECEIPT_ACTION, [["Epoch", "2"]]);
      const receiptRes = await request(`/v1/receipts/2/${COPIER.address}`, {
        headers: receiptHeaders,
      });
      assert.equal(receiptRes.status, 200);
      assert.equal(
        (await request(`/v1/receipts/2/${COPIER.address}`, { headers: receiptHeaders })).status,
        401,
        "a captured signed read cannot be replayed",
      );
      const receipt = (await receiptRes.json()) as {
        tqs: {
          score: number;
          previous: number;
          excluded: boolean;
          proof: { subject: Hex; score: string; salt: Hex; proof: Hex[] };
        };
        decisionsApplied: { decision: string }[];
        explanation: string[];
      };
      assert.equal(receipt.tqs.previous, 2000, "reinstated at the threshold");
      assert.equal(receipt.tqs.excluded, false);
      assert.ok(receipt.decisionsApplied.some((d) => d.decision === "grant"));
      await passChallengeWindow(chain);
      await send(
        wallet.writeContract({
          address: scoreOracle,
          abi: scoreOracleAbi,
          functionName: "finalize",
          args: [ScoreKind.TQS, 2n],
        }),
      );
      const p = receipt.tqs.proof;
      assert.equal(
        await publicClient.readContract({
          address: scoreOracle,
          abi: scoreOracleAbi,
          functionName: "verifyScore",
          args: [ScoreKind.TQS, 2n, p.subject, BigInt(p.score), p.salt, p.proof],
        }),
        true,
      );
      const forgedRead = await signedHeaders(request, COPIER, RECEIPT_ACTION, [["Epoch", "2"]]);
      forgedRead["x-mesi-signature"] = forgedRead["x-mesi-signature"]!.replace(/.{4}$/, "0000");
      assert.equal(
        (await request(`/v1/receipts/2/${COPIER.address}`, { headers: forgedRead })).status,
        403,
      );

      // The public audit log carries commitments, not the appeal's words; the copier and an
      // auditor read the text and check it against the commitment.
      const publicLog = await (await request("/v1/audit")).text();
      assert.doesNotMatch(publicLog, /grandmother|Lyon|copied|original work/);
      const appealEntry = (
        JSON.parse(publicLog) as { entries: { action: string; body: Record<string, unknown> }[] }
      ).entries.find((e) => e.action === "appeal")!;
      assert.match(String(appealEntry.body.reasonCommitment), /^0x[0-9a-f]{64}$/);
      const own = (await (
        await request(`/v1/audit/texts`, {
          headers: await signedHeaders(request, COPIER, AUDIT_TEXTS_ACTION, [], { as: true }),
        })
      ).json()) as { texts: { field: string; text: string; salt: Hex; commitment: Hex }[] };
      const reason = own.texts.find((t) => t.field === "reason")!;
      assert.equal(reason.text, appeal.reason);
      assert.equal(textCommitment(reason.salt, reason.text), appealEntry.body.reasonCommitment);
      assert.ok(own.texts.some((t) => t.field === "note" && t.text === "original work"));
      assert.equal((await request("/v1/audit/texts")).status, 401, "strangers read no text");
      const all = (await (
        await request("/v1/audit/texts", { headers: { "x-mesi-auditor-key": AUDITOR_KEY } })
      ).json()) as { texts: { text: string }[] };
      assert.ok(all.texts.some((t) => t.text === "copied"));

      // `prove` from the downloaded GALLERY dataset gives a proof ScoreOracle accepts.
      const dir = await mkdtemp(path.join(os.tmpdir(), "mesi-verify-"));
      const engagementText = await (
        await fetch(`${oracle.url}/v1/datasets/${first.engagement.datasetHash}`, {
          headers: { "x-mesi-auditor-key": AUDITOR_KEY },
        })
      ).text();
      const file = path.join(dir, "engagement-1.jsonl");
      await writeFile(file, engagementText);
      await send(
        wallet.writeContract({
          address: scoreOracle,
          abi: scoreOracleAbi,
          functionName: "finalize",
          args: [ScoreKind.GALLERY, 1n],
        }),
      );
      const proved = JSON.parse(
        (await cli("prove", "--dataset", file, "--kind", "GALLERY", "--account", creators[1]!))
          .stdout,
      ) as { subject: Hex; score: string; salt: Hex; proof: Hex[] };
      assert.equal(
        await publicClient.readContract({
          address: scoreOracle,
          abi: scoreOracleAbi,
          functionName: "verifyScore",
          args: [
            ScoreKind.GALLERY,
            1n,
            proved.subject,
            BigInt(proved.score),
            proved.salt,
            proved.proof,
          ],
        }),
        true,
      );

      // Tampering: an altered input in the dataset, or a rewritten audit log entry, fails.
      const tampered = engagementText.replace('"durationMs":"30000"', '"durationMs":"3000000"');
      assert.notEqual(tampered, engagementText);
      await writeFile(file, tampered);
      // Not the committed bytes: nothing about it passes, nothing in it is checked.
      await fails(
        cli(
          "verify",
          "--epoch",
          "1",
          "--dataset",
          file,
          "--score-oracle",
          scoreOracle,
          "--gallery-collection",
          galleries.collection,
          "--rpc",
          chain.url,
        ),
        /dataset hash\s+DIFFERS[\s\S]*nothing in it was checked/,
      );
      if (engine === "pglite") {
        // A malformed dataset the chain commits to (an answer slipped into a submission line):
        // a plain FAIL naming the line, no stack trace.
        const tqs2 = await (
          await fetch(`${oracle.url}/v1/datasets/${second.tqs.datasetHash}`)
        ).text();
        const rows = tqs2.split("\n");
        rows[0] = rows[0]!.replace('"epoch":"2"', '"epoch":"3"');
        rows[1] = rows[1]!.replace('{"type":"submission",', '{"type":"submission","answer":"hi",');
        const malformed = rows.join("\n");
        const malformedFile = path.join(dir, "malformed.jsonl");
        await writeFile(malformedFile, malformed);
        await publishEpoch({
          publicClient,
          relayer: wallet,
          signers: deps.signers,
          scoreOracle,
          commitment: {
            kind: ScoreKind.TQS,
            epoch: 3n,
            root: keccak256(toHex("any root")),
            datasetHash: datasetHash(malformed),
            datasetURI: "",
            leafCount: 1n,
            totalScore: 0n,
            summaryKeys: [],
            summaryValues: [],
          },
        });
        await fails(
          cli(
            "verify",
            "--epoch",
            "3",
            "--kind",
            "TQS",
            "--dataset",
            malformedFile,
            "--score-oracle",
            scoreOracle,
            "--gallery-collection",
            galleries.collection,
            "--rpc",
            chain.url,
          ),
          /dataset hash\s+matches[\s\S]*TQS\s+FAIL\s+dataset line 2: submission: .*answer/,
        );
      }
      const log = (await (await fetch(`${oracle.url}/v1/audit`)).json()) as {
        entries: { body: { decision?: string } }[];
      };
      assert.ok(log.entries.length >= 3);
      log.entries[0]!.body.decision = "approve";
      const auditFile = path.join(dir, "audit.json");
      await writeFile(auditFile, JSON.stringify(log));
      await fails(
        cli(
          "verify",
          "--epoch",
          "2",
          "--kind",
          "TQS",
          "--audit",
          auditFile,
          "--score-oracle",
          scoreOracle,
          "--gallery-collection",
          galleries.collection,
          "--rpc",
          chain.url,
        ),
      );
      await assert.rejects(
        database.db.updateTable("audit_log").set({ actor: "someone else" }).execute(),
        /append-only/,
      );

      // A restart re-running both epochs publishes nothing twice.
      const again = await runEpoch(1n, deps);
      for (const k of ["TQS", "USER", "NFT", "GALLERY"] as const)
        assert.equal(again.publications[k].status, "already-published");
      assert.equal(again.exclusionTxs + again.reinstatementTxs, 0);
      assert.equal(again.tqs.root, first.tqs.root);
    } finally {
      await oracle.close();
      await database.close();
      pg?.stop();
    }
  });
}
