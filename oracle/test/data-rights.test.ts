// Data rights end to end: the real HTTP server, the real ParticipantRegistry and ScoreOracle on a
// Hardhat node, the real scoring and publication, an embedded PGlite in a directory (searched
// byte for byte after the erasure) and the auditor's verify CLI.
//   consent: a batch with one submission lacking consent is refused whole and stores nothing;
//            a revocation the oracle had not seen yet keeps later submissions out of the scores;
//   export:  every row about the account, nothing about another;
//   erasure: no raw text of the account left in the database directory or the dataset files,
//            the erasure logged without content, and verify still passes on every earlier epoch;
//   retention: the scheduler's purge erases answers past their retention period.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { createPublicClient, http, keccak256, toHex, type Address, type PublicClient } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { participantRegistryAbi, SCOPES } from "@mesi/abi";
import { openDatabase, type Database } from "../src/db/database.ts";
import { DatasetStore } from "../src/dataset/store.ts";
import { runEpoch, type EpochDeps } from "../src/pipeline/run-epoch.ts";
import { ENGAGEMENT_WEIGHTS } from "../src/scoring/weights.ts";
import { APPEAL_ACTION, appealFields } from "@mesi/abi";
import { walletRequestMessage } from "@mesi/abi";
import { ConsentLedger } from "../src/privacy/consent.ts";
import { purgeExpiredAnswers } from "../src/privacy/erasure.ts";
import type { AccountExport } from "../src/privacy/export.ts";
import { ERASURE_ACTION, EXPORT_ACTION } from "@mesi/abi";
import { simulate } from "../sim/simulate.ts";
import { postSimulation } from "../sim/post.ts";
import { optInSimulatedUsers, scopesFor } from "../sim/consent.ts";
import { nonce, signedHeaders } from "./support/wallet.ts";
import { CLIENT, post } from "./support/client.ts";
import { creatorAccount, deployEpochContracts, deployGalleries } from "./support/epoch-fixture.ts";
import { rpc } from "./support/epoch-cli.ts";
import { startHardhatNode, type LocalChain } from "../../test/support/chain.ts";
import { AUDITOR_KEY, REVIEWER, serveOracle } from "./support/oracle-server.ts";

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, "..", "src", "cli", "main.ts");
const fan = (name: string) => privateKeyToAccount(keccak256(toHex(`data-rights fan ${name}`)));
const A = fan("a");
const B = fan("b");
const C = fan("c");
const POLICY = keccak256(toHex("privacy policy v1"));

let chain: LocalChain;
before(async () => {
  chain = await startHardhatNode();
});
after(() => chain.stop());

/** Every file under `dir` (recursively) that holds `needle`'s bytes. */
async function filesHolding(dir: string, needle: string): Promise<string[]> {
  const bytes = Buffer.from(needle, "utf8");
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file)).includes(bytes)) hits.push(path.relative(dir, file));
  }
  return hits;
}

test("consent gates ingestion and scoring; export holds the account's rows only; erasure leaves no text and every epoch verifies", async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mesi-rights-db-"));
  const datasetDir = await mkdtemp(path.join(os.tmpdir(), "mesi-rights-datasets-"));
  let database: Database = await openDatabase({ dataDir });
  const store = new DatasetStore(datasetDir);
  const c = await deployEpochContracts(chain, 1, 1);
  const galleries = await deployGalleries(chain, [creatorAccount("rights")], 2);
  for (const f of [A, B, C])
    await rpc(chain.url, "hardhat_setBalance", [f.address, "0x56BC75E2D63100000"]);
  const consent = new ConsentLedger({
    db: database.db,
    client: c.publicClient,
    registry: c.registry,
  });
  let epochNow = 1n;
  const oracle = await serveOracle(database, store, () => epochNow, { consent, dataRights: true });
  const request = (p: string, init?: RequestInit) => fetch(`${oracle.url}${p}`, init);
  const postSubs = (submissions: unknown[]) => post(request, "/v1/submissions", { submissions });
  const count = async () =>
    Number(
      (
        await database.db
          .selectFrom("submissions")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Sends a registry transaction from `who`; returns its block's time (unix ms). */
  const registryTx = async (who: PrivateKeyAccount, fn: "optIn" | "revokeConsent", scopes = 0) => {
    const w = c.walletFor(who);
    const receipt = await c.send(
      fn === "optIn"
        ? w.writeContract({
            address: c.registry,
            abi: participantRegistryAbi,
            functionName: "optIn",
            args: [scopes, POLICY],
          })
        : w.writeContract({
            address: c.registry,
            abi: participantRegistryAbi,
            functionName: "revokeConsent",
          }),
    );
    const block = await c.publicClient.getBlock({ blockNumber: receipt.blockNumber });
    return Number(block.timestamp) * 1000;
  };
  const WORDS = [
    "the quiet blue harbour painting reminds me of summer mornings with my grandfather",
    "bright neon streets and rain make this piece feel restless yet hopeful somehow",
    "a soft portrait whose eyes follow you around the room like an old friend",
    "geometric shapes collide in warm orange tones that feel like a loud party",
    "mountains at dusk drawn with thin pencil lines give a calm and lonely mood",
    "children playing football in a dusty square capture pure unplanned joy",
    "an abstract swirl of greens that could be a forest or a deep ocean current",
    "the market scene is crowded noisy and full of spices you can almost smell",
  ];
  const answer = (who: string, i: number, at: number, extra: Record<string, unknown> = {}) => ({
    id: `${who}-${i}`,
    account: who === "a" ? A.address : who === "b" ? B.address : C.address,
    campaignId: "1",
    taskId: `task-${i}`,
    taskType: "prompt_answer",
    answer: `${who}marker${i} ${WORDS[(i + (who === "a" ? 0 : 4)) % WORDS.length]}`,
    startedAt: new Date(at - 40_000).toISOString(),
    submittedAt: new Date(at).toISOString(),
    ...extra,
  });
  const deps: EpochDeps = {
    database,
    chain: { publicClient: c.publicClient, wallet: c.wallet },
    signers: c.signers,
    contracts: {
      scoreOracle: c.scoreOracle,
      registry: c.registry,
      galleries: galleries.collection,
    },
    store,
    weights: ENGAGEMENT_WEIGHTS,
    saltSecret: keccak256(toHex("rights salt")),
    datasetBaseUri: `${oracle.url}/v1/datasets/`,
    consent,
  };
  try {
    // The oracle names the scopes exactly as the contract does.
    for (const [name, bit] of Object.entries(SCOPES))
      assert.equal(
        await c.publicClient.readContract({
          address: c.registry,
          abi: participantRegistryAbi,
          functionName: `SCOPE_${name.toUpperCase()}` as "SCOPE_AI_PROMPTS",
        }),
        bit,
        name,
      );

    // --- epoch 1: A consents to prompts and polls, B to everything, C to nothing.
    const aSince = await registryTx(A, "optIn", SCOPES.ai_prompts | SCOPES.polls);
    const bSince = await registryTx(B, "optIn", 0x3f);
    const t1 = Math.max(aSince, bSince) + 1_000;

    // A batch with one submission of an account that never opted in: refused whole, naming it.
    let r = await postSubs([answer("a", 1, t1), answer("c", 1, t1)]);
    assert.equal(r.status, 403);
    let body = (await r.json()) as {
      error: string;
      refusals: { id: string; missingScope: string }[];
    };
    assert.match(body.error, new RegExp(C.address.toLowerCase()));
    assert.match(body.error, /"ai_prompts"/);
    assert.match(body.error, /nothing was stored/);
    assert.deepEqual(
      body.refusals.map((x) => [x.id, x.missingScope]),
      [["c-1", "ai_prompts"]],
    );
    assert.equal(await count(), 0, "a refused batch stores nothing");
    // A scope the account did not give: A may answer prompts and polls, not questionnaires.
    r = await postSubs([answer("a", 1, t1, { taskType: "questionnaire" })]);
    assert.equal(r.status, 403);
    assert.match(((await r.json()) as { error: string }).error, /"questionnaires"/);
    // A submission made before the account opted in is refused too.
    r = await postSubs([answer("a", 1, aSince - 60_000)]);
    assert.equal(r.status, 403);
    assert.equal(await count(), 0);

    // Consented work is accepted: A's answers (typed faster than anyone types: a flag), a poll.
    const aSubs = [
      ...[1, 2, 3, 4, 5].map((i) => ({
        ...answer("a", i, t1 + i * 60_000),
        startedAt: new Date(t1 + i * 60_000 - 2_000).toISOString(),
      })),
      { ...answer("a", 6, t1 + 6 * 60_000), answer: `amarker6 ${WORDS[1]}` },
      {
        ...answer("a", 7, t1 + 7 * 60_000, { taskType: "poll_response" }),
        answer: undefined,
        choice: "amarker-choice",
      },
    ];
    const bSubs = [1, 2, 3].map((i) => answer("b", i, t1 + i * 60_000));
    r = await postSubs([...aSubs, ...bSubs]);
    assert.equal(r.status, 201, await r.clone().text());
    const view = (id: string, actor: Address) => ({
      id,
      kind: "view",
      actor,
      collection: galleries.collection,
      tokenId: "1",
      durationMs: 120_000,
      occurredAt: new Date(t1).toISOString(),
    });
    assert.equal(
      (
        await post(request, "/v1/events", {
          events: [view("va", A.address), view("vb", B.address)],
        })
      ).status,
      201,
    );
    // A appeals (its own words are personal data), a reviewer answers with a note.
    const issuedAt = new Date().toISOString();
    const appealNonce = await nonce(request);
    const appeal = {
      account: A.address,
      target: "ticket" as const,
      ticketId: "7",
      reason: "amarker-appeal my ticket was voided while I was travelling",
      issuedAt,
      nonce: appealNonce,
    };
    const signature = await A.signMessage({
      message: walletRequestMessage(
        APPEAL_ACTION,
        A.address,
        appealFields(appeal),
        issuedAt,
        appealNonce,
      ),
    });
    r = await request("/v1/appeals", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...appeal, signature }),
    });
    assert.equal(r.status, 201, await r.clone().text());
    const { item } = (await r.json()) as { item: { id: string } };
    r = await request(`/v1/review/items/${item.id}/decision`, {
      method: "POST",
      headers: { "x-mesi-reviewer-key": REVIEWER.key, "content-type": "application/json" },
      body: JSON.stringify({ decision: "deny", note: "amarker-note the ticket was not void" }),
    });
    assert.equal(r.status, 200, await r.clone().text());
    epochNow = 2n;
    const e1 = await runEpoch(1n, deps);
    assert.equal(e1.publications.TQS.status, "published");

    // --- epoch 2: B revokes; the oracle has not read the chain since, so B's later work is
    // accepted at first, then left out when the epoch is scored.
    await rpc(chain.url, "evm_increaseTime", [3_600]);
    const revokedAt = await registryTx(B, "revokeConsent");
    const before = [1, 2].map((i) => answer("b", 10 + i, revokedAt - 600_000 + i * 60_000));
    const afterRevocation = [1, 2, 3].map((i) => answer("b", 20 + i, revokedAt + i * 60_000));
    r = await postSubs([...before, ...afterRevocation]);
    assert.equal(r.status, 201, "the oracle had not seen the revocation yet");
    r = await postSubs([answer("a", 30, revokedAt + 60_000)]);
    assert.equal(r.status, 201);
    epochNow = 3n;
    const e2 = await runEpoch(2n, deps);
    assert.equal(e2.publications.TQS.status, "published");
    const stored = new Set(
      (await database.db.selectFrom("submissions").select("id").execute()).map((s) => s.id),
    );
    for (const s of before)
      assert.ok(stored.has(s.id), `${s.id}, made before the revocation, stays`);
    for (const s of afterRevocation) assert.ok(!stored.has(s.id), `${s.id} is never scored`);
    const dataset2 = (await store.get(e2.tqs.datasetHash))!;
    for (const s of afterRevocation) assert.ok(!dataset2.includes(`"${s.id}"`), s.id);
    for (const s of before) assert.ok(dataset2.includes(`"id":"${s.id}"`), s.id);
    const bTqs = await database.db
      .selectFrom("tqs_scores")
      .selectAll()
      .where("epoch", "=", "2")
      .where("account", "=", B.address.toLowerCase())
      .executeTakeFirstOrThrow();
    assert.ok(
      bTqs.clean <= before.length,
      `clean ${bTqs.clean}: only work made before the revocation`,
    );
    const withdrawn = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "consent-withdrawn")
      .execute();
    assert.deepEqual(
      withdrawn.map((w) => w.body),
      [{ account: B.address.toLowerCase(), epoch: "2", submissions: 3 }],
    );
    // Now that the oracle has read the revocation, B's new work is refused at once.
    r = await postSubs([answer("b", 40, revokedAt + 120_000)]);
    assert.equal(r.status, 403);
    assert.match(((await r.json()) as { error: string }).error, /revoked its consent/);

    // --- export: signed by A, every row about A and nothing about anyone else.
    const exportPath = `/v1/accounts/${A.address}/export`;
    assert.equal((await request(exportPath)).status, 401, "unsigned");
    r = await request(exportPath, {
      headers: await signedHeaders(request, B, EXPORT_ACTION, [], { as: true }),
    });
    assert.equal(r.status, 403, "B may not export A");
    const exportHeaders = await signedHeaders(request, A, EXPORT_ACTION, []);
    r = await request(exportPath, { headers: exportHeaders });
    assert.equal(r.status, 200, await r.clone().text());
    assert.match(r.headers.get("content-disposition") ?? "", /attachment/);
    const text = await r.text();
    const doc = JSON.parse(text) as AccountExport;
    assert.equal((await request(exportPath, { headers: exportHeaders })).status, 401, "single use");
    const a = A.address.toLowerCase();
    assert.equal(doc.format, "mesi-export@1");
    // Every table's rows about A, each by the column that names the account, against the
    // export's section for it.
    const sections: [string, string, string, string[]][] = [
      ["submissions", "account", "id", doc.submissions.map((s) => s.id)],
      ["activity_events", "actor", "id", doc.activity.map((e) => e.id)],
      ["flags", "account", "id", doc.flags.map((f) => f.id)],
      ["review_items", "account", "id", doc.reviews.map((i) => i.item)],
      ["tqs_scores", "account", "epoch", doc.tqs.map((t) => t.epoch)],
      ["user_scores", "account", "epoch", doc.engagement.user.map((u) => u.epoch)],
      ["anomaly_scores", "account", "epoch", doc.anomaly.map((x) => x.epoch)],
      ["holdings_snapshot", "account", "epoch", doc.holdings.map((h) => h.epoch)],
      ["gallery_scores", "creator", "epoch", doc.engagement.gallery.map((g) => g.epoch)],
      [
        "nft_scores",
        "creator",
        "epoch || '/' || token_id",
        doc.engagement.nfts.map((n) => `${n.epoch}/${n.tokenId}`),
      ],
      ["consent_events", "account", "block_number", doc.consent.map((x) => x.block)],
      [
        "audit_texts",
        "account",
        "seq || '/' || field",
        doc.audit.texts.map((t) => `${t.seq}/${t.field}`),
      ],
    ];
    for (const [table, column, key, exported] of sections) {
      const rows = await sql<{ k: string }>`
        SELECT ${sql.raw(key)}::text AS k FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${a}`.execute(
        database.db,
      );
      assert.deepEqual([...exported].sort(), rows.rows.map((x) => x.k).sort(), table);
    }
    assert.equal(doc.submissions.length, aSubs.length + 1);
    assert.ok(doc.submissions.some((s) => s.answer?.startsWith("amarker1 ")));
    assert.ok(doc.submissions.some((s) => s.choice === "amarker-choice"));
    assert.ok(
      doc.flags.some((f) => f.ruleId === "typing"),
      "A typed faster than anyone types",
    );
    assert.ok(
      doc.reviews.some(
        (i) => i.reason.startsWith("amarker-appeal") && i.note?.startsWith("amarker-note"),
      ),
    );
    assert.equal(doc.audit.texts.length, 2, "the appeal's reason and the reviewer's note");
    assert.ok(doc.audit.entries.some((e) => e.action === "appeal"));
    assert.deepEqual(
      doc.consent.map((x) => x.scopes),
      [["ai_prompts", "polls"]],
    );
    assert.deepEqual(
      doc.receipts.map((x) => x.epoch),
      ["1", "2"],
    );
    for (const other of [B, C]) {
      assert.ok(
        !text.toLowerCase().includes(other.address.slice(2).toLowerCase()),
        "no other account",
      );
    }
    assert.ok(!/bmarker|"b-\d+"|"c-\d+"|"vb"/.test(text), "no other account's rows");

    // --- erasure: signed by A; A's texts leave the database directory and nothing else changes.
    const erasurePath = `/v1/accounts/${A.address}/erasure`;
    r = await request(erasurePath, {
      method: "POST",
      headers: await signedHeaders(request, B, ERASURE_ACTION, [], { as: true }),
    });
    assert.equal(r.status, 403, "B may not erase A");
    r = await request(erasurePath, {
      method: "POST",
      headers: await signedHeaders(request, A, ERASURE_ACTION, []),
    });
    assert.equal(r.status, 200, await r.clone().text());
    const erased = (await r.json()) as { erased: Record<string, number>; audit: { seq: string } };
    assert.deepEqual(erased.erased, {
      submissionsErased: aSubs.length + 1,
      submissionsWithdrawn: 0,
      appealTexts: 1,
      reviewerNotes: 1,
      auditTexts: 2,
    });
    const entry = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", "=", erased.audit.seq)
      .executeTakeFirstOrThrow();
    assert.equal(entry.action, "erasure");
    assert.doesNotMatch(JSON.stringify(entry.body), /marker/);
    const left = await database.db
      .selectFrom("submissions")
      .select(["answer", "choice", "rating", "content_erased"])
      .where("account", "=", a)
      .execute();
    assert.ok(
      left.every((s) => s.answer === null && s.choice === null && s.content_erased === "request"),
    );
    // Byte for byte, on disk: the PGlite directory and every dataset file.
    const aTexts = ["amarker", "amarker-appeal", "amarker-note", "amarker-choice"];
    for (const needle of aTexts) {
      assert.deepEqual(
        await filesHolding(dataDir, needle),
        [],
        `${needle} in the database directory`,
      );
      assert.deepEqual(await filesHolding(datasetDir, needle), [], `${needle} in a dataset`);
    }
    assert.notDeepEqual(
      await filesHolding(dataDir, "bmarker1 "),
      [],
      "the search finds text that is there",
    );
    // A's export after the erasure: its rows, without their content.
    r = await request(exportPath, { headers: await signedHeaders(request, A, EXPORT_ACTION, []) });
    const afterDoc = (await r.json()) as AccountExport;
    assert.ok(
      afterDoc.submissions.every((s) => s.answer === null && s.erased?.reason === "request"),
    );
    assert.ok(afterDoc.audit.entries.some((e) => e.action === "erasure"));

    // Every earlier epoch still verifies against the chain, audit log included.
    for (const epoch of ["1", "2"]) {
      const v = await run(process.execPath, [
        CLI,
        "verify",
        "--epoch",
        epoch,
        "--score-oracle",
        c.scoreOracle,
        "--gallery-collection",
        galleries.collection,
        "--rpc",
        chain.url,
        "--auditor-key",
        AUDITOR_KEY,
      ]);
      assert.match(v.stdout, /TQS\s+PASS/, v.stdout);
      assert.match(v.stdout, /PASS: every score/, v.stdout);
    }

    // Retention: answers older than the period are purged (once their epoch is scored).
    assert.equal(await purgeExpiredAnswers(database, 1), before.length + bSubs.length);
    assert.deepEqual(await filesHolding(dataDir, "bmarker"), []);
    const purge = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "retention-purge")
      .executeTakeFirstOrThrow();
    assert.equal((purge.body as { submissions: number }).submissions, before.length + bSubs.length);

    // Restarting on the same directory keeps everything (and nothing erased comes back).
    await oracle.close();
    await database.close();
    database = await openDatabase({ dataDir });
    assert.equal(
      (
        await database.db
          .selectFrom("submissions")
          .select("id")
          .where("answer", "is not", null)
          .execute()
      ).length,
      0,
    );
  } finally {
    await oracle.close().catch(() => undefined);
    await database.close().catch(() => undefined);
  }
});

test("the simulator's users opt in on a dev chain, and their work is accepted only from then on", async () => {
  const database = await openDatabase();
  const store = new DatasetStore(await mkdtemp(path.join(os.tmpdir(), "mesi-rights-sim-")));
  const c = await deployEpochContracts(chain, 1, 1);
  const consent = new ConsentLedger({
    db: database.db,
    client: c.publicClient,
    registry: c.registry,
  });
  const oracle = await serveOracle(database, store, () => 1n, { consent });
  try {
    const sim = simulate({
      seed: 5,
      users: 20,
      abuse: 0.1,
      start: Date.now() - 86_400_000,
    });
    // Before consent: refused whole.
    await assert.rejects(postSimulation(oracle.url, CLIENT, sim), /HTTP 403.*consent missing/);
    const accounts = [...sim.labels.keys()];
    const first = await optInSimulatedUsers(
      chain.url,
      c.registry,
      accounts,
      scopesFor(sim.submissions),
    );
    assert.equal(first.optedIn, accounts.length);
    // Work dated before the consent is still refused; work after it is accepted.
    await assert.rejects(postSimulation(oracle.url, CLIENT, sim), /HTTP 403/);
    const later = simulate({
      seed: 5,
      users: 20,
      abuse: 0.1,
      start: first.consentedBy + 60_000,
    });
    const posted = await postSimulation(oracle.url, CLIENT, later);
    assert.equal(posted.accepted, later.submissions.length);
    // Idempotent: a second run sends nothing and names the same time.
    assert.deepEqual(
      await optInSimulatedUsers(chain.url, c.registry, accounts, scopesFor(sim.submissions)),
      { optedIn: 0, consentedBy: first.consentedBy },
    );
  } finally {
    await oracle.close();
    await database.close();
  }
});

test("when the chain cannot be read to confirm a refusal, the batch gets 503 with Retry-After and nothing is stored", async () => {
  const database = await openDatabase();
  const store = new DatasetStore(await mkdtemp(path.join(os.tmpdir(), "mesi-rights-down-")));
  // Nothing listens on port 9 (discard): every RPC call fails at once.
  const client = createPublicClient({ transport: http("http://127.0.0.1:9", { retryCount: 0 }) });
  const registry = "0x00000000000000000000000000000000000000aa";
  const consent = new ConsentLedger({ db: database.db, client: client as PublicClient, registry });
  const oracle = await serveOracle(database, store, () => 1n, { consent });
  try {
    const r = await post((p, init) => fetch(`${oracle.url}${p}`, init), "/v1/submissions", {
      id: "s-1",
      account: A.address,
      campaignId: "1",
      taskId: "t",
      taskType: "prompt_answer",
      answer: "an answer",
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      submittedAt: new Date().toISOString(),
    });
    assert.equal(r.status, 503);
    assert.equal(r.headers.get("retry-after"), "5");
    assert.match(((await r.json()) as { error: string }).error, /nothing was stored: retry/);
    assert.equal((await database.db.selectFrom("submissions").select("id").execute()).length, 0);
  } finally {
    await oracle.close();
    await database.close();
  }
});
