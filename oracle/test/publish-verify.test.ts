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
import { ENGAGEMENT_WEIGHTS_V1 } from "../src/scoring/weights.ts";
import { simulate } from "../src/sim/simulate.ts";
import { postCampaigns, postGoldReveals, postSimulation } from "../src/sim/post.ts";
import { walletRequestMessage } from "../src/api/wallet-auth.ts";
import { APPEAL_ACTION, appealFields } from "../src/api/review.ts";
import { RECEIPT_ACTION } from "../src/api/read.ts";
import { CLIENT, post } from "./support/client.ts";
import { deployEpochContracts } from "./support/epoch-fixture.ts";
import { startHardhatNode, type LocalChain } from "./support/chain.ts";
import { startPostgres } from "./support/postgres.ts";
import { AUDITOR_KEY, REVIEWER, serveOracle } from "./support/oracle-server.ts";

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, "..", "src", "cli", "main.ts");
const cli = (...args: string[]) => run(process.execPath, [CLI, ...args]);
const NFT = "0x00000000000000000000000000000000000000e1";
const CREATORS = [
  "0x00000000000000000000000000000000000000c1",
  "0x00000000000000000000000000000000000000c2",
];
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
      const deps: EpochDeps = {
        database,
        chain: { publicClient, wallet },
        signers: [...signers].reverse(),
        contracts: { scoreOracle, registry },
        store,
        weights: ENGAGEMENT_WEIGHTS_V1,
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
        collection: NFT,
        tokenId: String(i % 4),
        creator: CREATORS[i % 4 < 2 ? 0 : 1],
        durationMs: i % 5 === 0 ? 0 : 30_000 * (1 + (i % 3)),
        occurredAt: "2026-11-23T10:00:00Z",
      }));
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
        "--rpc",
        chain.url,
        "--auditor-key",
        AUDITOR_KEY,
      );
      assert.match(verified.stdout, /TQS\s+PASS/);
      for (const k of ["USER", "NFT", "GALLERY"])
        assert.match(verified.stdout, new RegExp(`${k}\\s+PASS`));
      assert.match(verified.stdout, /PASS: every score/);
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
      const issuedAt = new Date().toISOString();
      const appeal = {
        account: COPIER.address,
        target: "exclusion" as const,
        reason: "they were my own answers",
        issuedAt,
      };
      const signature = await COPIER.signMessage({
        message: walletRequestMessage(
          APPEAL_ACTION,
          COPIER.address,
          appealFields(appeal),
          issuedAt,
        ),
      });
      const forged = await fetch(`${oracle.url}/v1/appeals`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...appeal, reason: "changed", signature }),
      });
      assert.equal(forged.status, 403);
      const filed = await fetch(`${oracle.url}/v1/appeals`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...appeal, signature }),
      });
      assert.equal(filed.status, 201, await filed.clone().text());
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
        "--rpc",
        chain.url,
      );
      assert.match(verified2.stdout, /chains to the anchored head/);
      assert.match(verified2.stdout, /PASS: every score/);

      // The copier's receipt (wallet-signed) explains epoch 2 and carries a proof the chain accepts.
      const at = new Date().toISOString();
      const sig = await COPIER.signMessage({
        message: walletRequestMessage(RECEIPT_ACTION, COPIER.address, [["Epoch", "2"]], at),
      });
      const receiptRes = await fetch(`${oracle.url}/v1/receipts/2/${COPIER.address}`, {
        headers: { "x-mesi-issued-at": at, "x-mesi-signature": sig },
      });
      assert.equal(receiptRes.status, 200);
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
      assert.equal(
        (
          await fetch(`${oracle.url}/v1/receipts/2/${COPIER.address}`, {
            headers: { "x-mesi-issued-at": at, "x-mesi-signature": sig.replace(/.{4}$/, "0000") },
          })
        ).status,
        403,
      );

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
        (await cli("prove", "--dataset", file, "--kind", "GALLERY", "--account", CREATORS[1]!))
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
      await fails(
        cli(
          "verify",
          "--epoch",
          "1",
          "--dataset",
          file,
          "--score-oracle",
          scoreOracle,
          "--rpc",
          chain.url,
        ),
      );
      const log = (await (await fetch(`${oracle.url}/v1/audit`)).json()) as {
        entries: { body: { note?: string } }[];
      };
      assert.ok(log.entries.length >= 3);
      log.entries[0]!.body.note = "rewritten";
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
