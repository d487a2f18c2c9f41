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
import { buildGalleryDataset, leavesOf, serializeDataset } from "../src/dataset/gallery-dataset.ts";
import { buildScoreTree } from "../src/merkle/score-tree.ts";
import { proofRequestMessage } from "../src/api/read.ts";
import { ENGAGEMENT_WEIGHTS_V1 } from "../src/scoring/weights.ts";
import { CLIENT } from "./support/client.ts";

const AUDITOR = "auditor-key-0123456789";
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
  const lines = await buildGalleryDataset(database.db, {
    epoch: 1n,
    chainId: 31337n,
    scoreOracle: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    weights: ENGAGEMENT_WEIGHTS_V1,
    saltSecret: keccak256(toHex("secret")),
  });
  const text = serializeDataset(lines);
  galleryHash = await store.save(text);
  root = buildScoreTree(leavesOf(lines)).root;
  await database.db
    .insertInto("datasets")
    .values({ kind: "GALLERY", epoch: 1n, hash: galleryHash, root })
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
    headers: {
      "x-mesi-issued-at": issuedAt,
      "x-mesi-signature": await signer.signMessage({
        message: proofRequestMessage(who, 1n, issuedAt),
      }),
    },
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
    (await import("../src/dataset/gallery-dataset.ts")).parseDataset(
      await (
        await request(`/v1/datasets/${galleryHash}`, { headers: { "x-mesi-auditor-key": AUDITOR } })
      ).text(),
    ),
  ).find((l) => l.salt === body.salt)!;
  assert.ok(StandardMerkleTree.verify(root, [...LEAF_ENCODING], [...leafValues(leaf)], body.proof));
});

test("another wallet, a stale request, or a malformed one is refused", async () => {
  assert.equal((await signedProofRequest(stranger)).status, 403, "someone else's signature");
  assert.equal(
    (await signedProofRequest(creator, new Date(Date.now() - 10 * 60_000).toISOString())).status,
    401,
    "stale",
  );
  assert.equal((await request(`/v1/proofs/gallery/1/${creator.address}`)).status, 401, "unsigned");
  assert.equal(
    (await signedProofRequest(stranger, undefined, stranger.address)).status,
    404,
    "no score for them",
  );
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
