import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import { keccak256, toHex, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { LEAF_ENCODING, leafValues } from "@mesi/abi";
import { openDatabase, type Database } from "../src/db/database.ts";
import { createApp } from "../src/server/app.ts";
import { DatasetStore } from "../src/dataset/store.ts";
import { buildEngagementDataset } from "../src/dataset/engagement-dataset.ts";
import { leavesOf, parseLines, serializeDataset } from "../src/dataset/lines.ts";
import { buildScoreTree } from "../src/merkle/score-tree.ts";
import { proofAction } from "@mesi/abi";
import { walletRequestMessage } from "@mesi/abi";
import { NONCE_PATH, WALLET_HEADERS } from "@mesi/abi";
import { nonce, signedHeaders } from "./support/wallet.ts";
import { ENGAGEMENT_WEIGHTS } from "../src/scoring/weights.ts";
import { CLIENT } from "./support/client.ts";
import { goldCommitment, type GoldReveal } from "../src/quality/gold.ts";

const AUDITOR = "auditor-key-0123456789";
const REVIEWER_KEY = "reviewer-key-0123456789";
const creator = privateKeyToAccount(keccak256(toHex("creator")));
const stranger = privateKeyToAccount(keccak256(toHex("stranger")));
let database: Database;
let request: (p: string, init?: RequestInit) => Promise<Response>;
let galleryHash: Hex;
let root: Hex;

before(async () => {
  database = await openDatabase();
  const store = new DatasetStore(await mkdtemp(path.join(os.tmpdir(), "mesi-datasets-")));
  const app = createApp({
    database,
    clients: [CLIENT],
    currentEpoch: () => 1n,
    read: { store, auditorKeys: [AUDITOR] },
    review: { reviewers: [{ name: "rita", key: REVIEWER_KEY }] },
  });
  request = (p, init) => Promise.resolve(app.request(p, init));
  await database.db
    .insertInto("activity_events")
    .values(
      [1, 2, 3].map((i) => ({
        id: `r${i}`,
        client_id: "t",
        epoch: 1n,
        kind: "view",
        actor: `0x${i.toString(16).padStart(40, "0")}`,
        collection: "0x00000000000000000000000000000000000000e1",
        token_id: BigInt(i),
        creator:
          i === 3 ? "0x00000000000000000000000000000000000000c9" : creator.address.toLowerCase(),
        duration_ms: 60_000 * i,
        occurred_at: new Date(0),
        payload_hash: "h",
      })),
    )
    .execute();
  // The chain's gallery collection says who created each token (as snapshot/galleries.ts stores it).
  await database.db
    .insertInto("nft_creators")
    .values(
      [1, 2, 3].map((i) => ({
        epoch: 1n,
        collection: "0x00000000000000000000000000000000000000e1",
        token_id: BigInt(i),
        gallery_id: i === 3 ? 2n : 1n,
        creator:
          i === 3 ? "0x00000000000000000000000000000000000000c9" : creator.address.toLowerCase(),
      })),
    )
    .execute();
  const lines = await buildEngagementDataset(database.db, {
    epoch: 1n,
    chainId: 31337n,
    scoreOracle: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    weights: ENGAGEMENT_WEIGHTS,
    galleryCollection: "0x00000000000000000000000000000000000000e1",
    saltSecret: keccak256(toHex("secret")),
  });
  const text = serializeDataset(lines);
  galleryHash = await store.save(text);
  root = buildScoreTree(leavesOf(lines, "GALLERY")).root;
  await database.db
    .insertInto("datasets")
    .values(
      (["USER", "NFT", "GALLERY"] as const).map((kind) => ({
        kind,
        epoch: 1n,
        hash: galleryHash,
        root: kind === "GALLERY" ? root : buildScoreTree(leavesOf(lines, kind)).root,
      })),
    )
    .execute();
  const tqsHash = await store.save('{"type":"header","kind":"TQS"}\n');
  await database.db
    .insertInto("datasets")
    .values({ kind: "TQS", epoch: 1n, hash: tqsHash, root: keccak256("0x01") })
    .execute();
});
after(() => database.close());

const signedProofRequest = async (
  signer = creator,
  issuedAt = new Date().toISOString(),
  who = creator.address,
) =>
  request(`/v1/proofs/gallery/1/${who}`, {
    headers: await signedHeaders(request, signer, proofAction("GALLERY"), [["Epoch", "1"]], {
      as: true,
      issuedAt,
    }),
  });

test("engagement datasets only go to auditors; TQS datasets are public; both are served by hash", async () => {
  assert.equal((await request(`/v1/datasets/${galleryHash}`)).status, 401);
  assert.equal(
    (
      await request(`/v1/datasets/${galleryHash}`, {
        headers: { "x-mesi-auditor-key": "wrong-key-0123456789" },
      })
    ).status,
    401,
  );
  const ok = await request(`/v1/datasets/${galleryHash}`, {
    headers: { "x-mesi-auditor-key": AUDITOR },
  });
  assert.equal(ok.status, 200);
  assert.equal(keccak256(toHex(await ok.text())), galleryHash);
  const tqs = await database.db
    .selectFrom("datasets")
    .select("hash")
    .where("kind", "=", "TQS")
    .executeTakeFirstOrThrow();
  assert.equal((await request(`/v1/datasets/${tqs.hash}`)).status, 200);
  assert.equal((await request(`/v1/datasets/0x${"ab".repeat(32)}`)).status, 404);
  assert.equal((await request("/v1/datasets/nothex")).status, 400);
});

test("a creator reads its own proof with a wallet signature; it verifies against the root", async () => {
  const r = await signedProofRequest();
  assert.equal(r.status, 200);
  const body = (await r.json()) as { score: string; salt: Hex; proof: Hex[]; root: Hex };
  assert.equal(body.root, root);
  const leaf = leavesOf(
    parseLines(
      await (
        await request(`/v1/datasets/${galleryHash}`, { headers: { "x-mesi-auditor-key": AUDITOR } })
      ).text(),
    ),
    "GALLERY",
  ).find((l) => l.salt === body.salt)!;
  assert.ok(StandardMerkleTree.verify(root, [...LEAF_ENCODING], [...leafValues(leaf)], body.proof));
});

test("another wallet, a stale request, or a malformed one is refused; a missing score and a forbidden one answer alike", async () => {
  const forbidden = await signedProofRequest(stranger, undefined, creator.address);
  const missing = await signedProofRequest(stranger, undefined, stranger.address);
  assert.equal(forbidden.status, 404, "someone else's score");
  assert.equal(missing.status, 404, "no score at all");
  assert.deepEqual(await forbidden.json(), {
    error: "no GALLERY score you may read for this subject in epoch 1",
  });
  assert.deepEqual(await missing.json(), {
    error: "no GALLERY score you may read for this subject in epoch 1",
  });
  // The stranger signs as the creator's account: not the creator's signature.
  const n = await nonce(request);
  const at = new Date().toISOString();
  const impersonation = await request(`/v1/proofs/gallery/1/${creator.address}`, {
    headers: {
      "x-mesi-issued-at": at,
      "x-mesi-nonce": n,
      "x-mesi-signature": await stranger.signMessage({
        message: walletRequestMessage(
          proofAction("GALLERY"),
          creator.address,
          [["Epoch", "1"]],
          at,
          n,
        ),
      }),
    },
  });
  assert.equal(impersonation.status, 403, "a signature that is not the account's");
  assert.equal(
    (await signedProofRequest(creator, new Date(Date.now() - 10 * 60_000).toISOString())).status,
    401,
    "stale",
  );
  assert.equal((await request(`/v1/proofs/gallery/1/${creator.address}`)).status, 401, "unsigned");
  await fc.assert(
    fc.asyncProperty(fc.string(), fc.string(), fc.string(), async (epoch, who, sig) => {
      const r = await request(
        `/v1/proofs/gallery/${encodeURIComponent(epoch)}/${encodeURIComponent(who)}`,
        {
          headers: {
            "x-mesi-issued-at": new Date().toISOString(),
            "x-mesi-signature": sig.replace(/[^\x20-\x7e]/g, ""),
          },
        },
      );
      assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    }),
    { numRuns: 200 },
  );
});

test("an NFT's creator reads its proof; a token not theirs and a token without a score answer alike; a signed read works once", async () => {
  const nft = (id: number) => `/v1/proofs/nft/1/0x00000000000000000000000000000000000000e1/${id}`;
  const headers = await signedHeaders(request, creator, proofAction("NFT"), [["Epoch", "1"]], {
    as: true,
  });
  assert.equal((await request(nft(1), { headers })).status, 200);
  assert.equal((await request(nft(1), { headers })).status, 401, "replayed");
  const asStranger = async (id: number) =>
    request(nft(id), {
      headers: await signedHeaders(request, stranger, proofAction("NFT"), [["Epoch", "1"]], {
        as: true,
      }),
    });
  const notTheirs = await asStranger(3);
  const none = await asStranger(99);
  assert.deepEqual([notTheirs.status, await notTheirs.text()], [none.status, await none.text()]);
  assert.equal(none.status, 404);
  assert.equal((await request(nft(3))).status, 401, "unsigned, whether or not a score exists");
  assert.equal((await request(nft(99))).status, 401);
});

test("an auditor reads any engagement proof without a wallet signature", async () => {
  const r = await request(`/v1/proofs/gallery/1/${creator.address}`, {
    headers: { "x-mesi-auditor-key": AUDITOR },
  });
  assert.equal(r.status, 200);
  const nft = await request(`/v1/proofs/nft/1/0x00000000000000000000000000000000000000e1/1`, {
    headers: { "x-mesi-auditor-key": AUDITOR },
  });
  assert.equal(nft.status, 200);
  assert.equal(
    ((await nft.json()) as { id: string }).id,
    "0x00000000000000000000000000000000000000e1/1",
  );
  assert.equal(
    (await request(`/v1/proofs/nft/1/0x00000000000000000000000000000000000000e1/1`)).status,
    401,
    "unsigned: refused",
  );
});

test("review and appeal endpoints refuse hostile bodies with a 4xx and write nothing", async () => {
  const before = await database.db.selectFrom("audit_log").select("seq").execute();
  const headers = { "x-mesi-reviewer-key": REVIEWER_KEY, "content-type": "application/json" };
  assert.equal((await request("/v1/review/items")).status, 401);
  assert.equal(
    (
      await request("/v1/review/items", {
        headers: { "x-mesi-reviewer-key": "wrong-key-0123456789" },
      })
    ).status,
    401,
  );
  assert.equal(
    (
      await request("/v1/review/items/99/decision", {
        method: "POST",
        headers,
        body: '{"decision":"approve"}',
      })
    ).status,
    404,
  );
  // NUL and lone surrogates in a reviewer's note or an appeal's reason: the same 400 as in
  // submissions, naming the field; ids beyond their column's range: a 400 too.
  const issues = async (r: Response) => [
    r.status,
    ((await r.json()) as { issues?: { field: string; rule: string }[] }).issues?.[0],
  ];
  for (const [note, rule] of [
    ["nul \u0000", /NUL/],
    ["lone \ud800", /lone surrogate/],
  ] as const) {
    const [status, issue] = await issues(
      await request("/v1/review/items/1/decision", {
        method: "POST",
        headers,
        body: JSON.stringify({ decision: "approve", note }),
      }),
    );
    assert.equal(status, 400);
    assert.equal((issue as { field: string }).field, "note");
    assert.match((issue as { rule: string }).rule, rule);
    const appeal = {
      account: creator.address,
      target: "exclusion",
      reason: `my reason ${note}`,
      issuedAt: new Date().toISOString(),
      nonce: "0".repeat(32),
      signature: `0x${"11".repeat(65)}`,
    };
    const [aStatus, aIssue] = await issues(
      await request("/v1/appeals", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(appeal),
      }),
    );
    assert.equal(aStatus, 400);
    assert.equal((aIssue as { field: string }).field, "reason");
  }
  assert.equal(
    (
      await request(`/v1/review/items/${2n ** 63n}/decision`, {
        method: "POST",
        headers,
        body: '{"decision":"approve"}',
      })
    ).status,
    400,
  );
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.json(), fc.string()), fc.string(), async (body, id) => {
      const d = await request(`/v1/review/items/${encodeURIComponent(id)}/decision`, {
        method: "POST",
        headers,
        body,
      });
      assert.ok(d.status >= 400 && d.status < 500, `decision: status ${d.status}`);
      const a = await request("/v1/appeals", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      assert.ok(a.status >= 400 && a.status < 500, `appeal: status ${a.status}`);
    }),
    { numRuns: 200 },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        account: fc.oneof(fc.constant(creator.address), fc.string()),
        target: fc.oneof(fc.constantFrom("flag", "ticket", "exclusion"), fc.string()),
        flagId: fc.option(fc.oneof(fc.string(), fc.nat().map(String)), { nil: undefined }),
        reason: fc.string(),
        issuedAt: fc.oneof(fc.constant(new Date().toISOString()), fc.string()),
        signature: fc.oneof(fc.constant(`0x${"11".repeat(65)}`), fc.string()),
      }),
      async (appeal) => {
        const r = await request("/v1/appeals", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(appeal),
        });
        assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
      },
    ),
    { numRuns: 200 },
  );
  assert.deepEqual(await database.db.selectFrom("audit_log").select("seq").execute(), before);
});

test("every read route answers hostile paths and queries with a 4xx, never a crash", async () => {
  const segment = fc.oneof(
    fc.string(),
    fc.constantFrom("1", "0", "-1", "99999999999999999999999", creator.address, "0x", "%00"),
  );
  await fc.assert(
    fc.asyncProperty(segment, segment, segment, fc.string(), async (a, b, c, q) => {
      const e = encodeURIComponent;
      for (const p of [
        `/v1/proofs/tqs/${e(a)}/${e(b)}`,
        `/v1/proofs/user/${e(a)}/${e(b)}`,
        `/v1/proofs/nft/${e(a)}/${e(b)}/${e(c)}`,
        `/v1/receipts/${e(a)}/${e(b)}`,
        `/v1/audit?after=${e(a)}&limit=${e(q)}`,
        `/v1/datasets/${e(a)}`,
      ]) {
        const r = await request(p);
        assert.ok((r.status >= 400 && r.status < 500) || r.status === 200, `${p}: ${r.status}`);
      }
    }),
    { numRuns: 150 },
  );
});

test("POST /v1/campaigns takes a signed task list; bad ones get a 400 naming the field", async () => {
  const { post } = await import("./support/client.ts");
  const fetcher = (p: string, init: RequestInit) => Promise.resolve(request(p, init));
  assert.equal(
    (await post(fetcher, "/v1/campaigns", { campaignId: "7", tasks: ["a", "b"] })).status,
    201,
  );
  assert.equal(
    (await post(fetcher, "/v1/campaigns", { campaignId: "7", tasks: ["b", "a"] })).status,
    200,
  );
  assert.equal(
    (await post(fetcher, "/v1/campaigns", { campaignId: "7", tasks: ["a"] })).status,
    409,
  );
  const bad = await post(fetcher, "/v1/campaigns", { campaignId: "7", tasks: ["a", "a"] });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(await bad.json()), /"field":"tasks".*repeat/);
  const unsigned = await request("/v1/campaigns", { method: "POST", body: "{}" });
  assert.equal(unsigned.status, 401);
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.json(),
        fc.anything().map((x) => ({ campaignId: x, tasks: x })),
      ),
      async (body) => {
        const r = await post(
          fetcher,
          "/v1/campaigns",
          typeof body === "string" ? body : (JSON.stringify(body) ?? "null"),
        );
        assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
      },
    ),
    { numRuns: 200 },
  );
});

test("the web app's routes answer other origins (CORS); ingestion does not", async () => {
  const origin = { origin: "http://app.example" };
  const preflight = await request(
    "/v1/proofs/gallery/1/0x0000000000000000000000000000000000000001",
    {
      method: "OPTIONS",
      headers: {
        ...origin,
        "access-control-request-method": "GET",
        "access-control-request-headers":
          "x-mesi-signature,x-mesi-account,x-mesi-issued-at,x-mesi-nonce",
      },
    },
  );
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
  for (const h of Object.values(WALLET_HEADERS))
    assert.match(preflight.headers.get("access-control-allow-headers") ?? "", new RegExp(h));
  for (const p of ["/v1/audit", NONCE_PATH]) {
    const res = await request(p, { headers: origin });
    assert.ok(res.ok, p);
    assert.equal(res.headers.get("access-control-allow-origin"), "*", p);
  }
  const appeal = await request("/v1/appeals", {
    method: "OPTIONS",
    headers: { ...origin, "access-control-request-method": "POST" },
  });
  assert.equal(appeal.headers.get("access-control-allow-origin"), "*");
  for (const p of ["/v1/submissions", "/v1/events"]) {
    const res = await request(p, {
      method: "OPTIONS",
      headers: { ...origin, "access-control-request-method": "POST" },
    });
    assert.equal(res.headers.get("access-control-allow-origin"), null, p);
  }
});

test("POST /v1/campaigns/gold reveals a committed gold set; a reveal that does not match, or bad text, is refused", async () => {
  const { post } = await import("./support/client.ts");
  const fetcher = (p: string, init: RequestInit) => Promise.resolve(request(p, init));
  const reveal: GoldReveal = {
    campaignId: "8",
    salt: keccak256(toHex("gold salt")),
    answers: { g1: ["blue"], g2: ["3", "4"] },
  };
  const register = {
    campaignId: "8",
    tasks: ["a", "g1", "g2"],
    goldCommitment: goldCommitment(reveal),
  };
  assert.equal((await post(fetcher, "/v1/campaigns", register)).status, 201);
  const forged = await post(fetcher, "/v1/campaigns/gold", {
    ...reveal,
    answers: { ...reveal.answers, g1: ["red"] },
  });
  assert.equal(forged.status, 409);
  assert.equal((await post(fetcher, "/v1/campaigns/gold", reveal)).status, 201);
  assert.equal((await post(fetcher, "/v1/campaigns/gold", reveal)).status, 200);
  for (const [body, field] of [
    [{ ...reveal, answers: { g1: ["bl\u0000ue"] } }, /"field":"answers\.g1\.0".*NUL/],
    [{ ...reveal, campaignId: (2n ** 256n).toString() }, /"field":"campaignId".*2\^256/],
    [{ ...reveal, salt: "0x12" }, /"field":"salt".*32 bytes/],
  ] as const) {
    const r = await post(fetcher, "/v1/campaigns/gold", body);
    assert.equal(r.status, 400);
    assert.match(JSON.stringify(await r.json()), field);
  }
  assert.equal((await request("/v1/campaigns/gold", { method: "POST", body: "{}" })).status, 401);
});
