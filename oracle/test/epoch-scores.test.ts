// Scores as users meet them, end to end on a real Hardhat node: the platform posts activity to
// the oracle's HTTP API, the epoch pipeline snapshots the chain (John's $MESI, the gallery
// collection's NFTs), scores with the real SQL, publishes, and the auditor's verify recomputes
// it. The worked examples of docs/SCORES.md hold to the unit; the worst valid value of every
// field still publishes and verifies; an epoch that keeps failing backs off, says so in
// /health and in the log, and never holds up ingestion.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import {
  createPublicClient,
  custom,
  keccak256,
  toHex,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { mesiTokenAbi, ScoreKind, scoreOracleAbi, ticketAbi } from "@mesi/abi";
import { openDatabase } from "../src/db/database.ts";
import { DatasetStore } from "../src/dataset/store.ts";
import {
  parseEngagementDataset,
  type ParsedEngagementDataset,
} from "../src/dataset/engagement-dataset.ts";
import { parseTqsDataset } from "../src/dataset/tqs-dataset.ts";
import { runEpoch, type EpochDeps, type EpochResult } from "../src/pipeline/run-epoch.ts";
import { degradedReasons, startScheduler, type Scheduler } from "../src/pipeline/scheduler.ts";
import type { AppOptions } from "../src/server/app.ts";
import { ENGAGEMENT_WEIGHTS, withFanCap, type EngagementWeights } from "../src/scoring/weights.ts";
import { RANGES } from "../src/ingest/schemas.ts";
import { chainGalleryReader } from "../src/snapshot/galleries.ts";
import { verifyEngagementDataset } from "../src/verify/verify-engagement.ts";
import { verifyTqsDataset } from "../src/verify/verify-tqs.ts";
import { proofAction } from "@mesi/abi";
import { post } from "./support/client.ts";
import { connect, startHardhatNode, type LocalChain } from "../../test/support/chain.ts";
import {
  creatorAccount,
  deployEpochContracts,
  deployGalleries,
  passChallengeWindow,
  type Galleries,
} from "./support/epoch-fixture.ts";
import { AUDITOR_KEY, serveOracle } from "./support/oracle-server.ts";
import { signedHeaders } from "./support/wallet.ts";
import { freshFetch } from "./support/http.ts";

const MESI = 10n ** 18n;
const JOHN = privateKeyToAccount(keccak256(toHex("John"))).address.toLowerCase() as Address;
const PAUL = privateKeyToAccount(keccak256(toHex("Paul"))).address.toLowerCase() as Address;
const RINGO = creatorAccount("Ringo");

let chain: LocalChain;
let contracts: Awaited<ReturnType<typeof deployEpochContracts>>;
let galleries: Galleries;
let holdings: { ticket: Address; token: Address };

let ready: Promise<void>;
before(() => {
  ready = setUp();
  return ready;
});
async function setUp() {
  chain = await startHardhatNode();
  contracts = await deployEpochContracts(chain, 1, 1);
  const c = connect(chain);
  const admin = c.accounts[0]!.address;
  const token = await c.deploy("core/MesiToken.sol", "MesiToken", mesiTokenAbi, [
    admin,
    10n ** 9n * MESI,
  ]);
  const ticket = await c.deploy("core/Ticket.sol", "Ticket", ticketAbi, [admin, admin, 0n]);
  holdings = { ticket, token };
  // John holds 195 $MESI: User Score 5 + 195 = 200. Paul holds nothing: 5.
  await c.send(
    c.wallet.writeContract({
      address: token,
      abi: mesiTokenAbi,
      functionName: "transfer",
      args: [JOHN, 195n * MESI],
    }),
  );
  galleries = await deployGalleries(chain, [RINGO], 2);
}
after(() => chain?.stop());

/** An oracle on its own database, serving its HTTP API, and the epoch pipeline's deps. */
async function oracleOn(
  publicClient: PublicClient = contracts.publicClient,
  on: Pick<typeof contracts, "scoreOracle" | "registry" | "signers"> = contracts,
  health?: AppOptions["health"],
) {
  const database = await openDatabase();
  const store = new DatasetStore(await mkdtemp(path.join(os.tmpdir(), "mesi-scores-")));
  let open = 1n;
  const server = await serveOracle(database, store, () => open, { health });
  const deps = (weights: EngagementWeights = ENGAGEMENT_WEIGHTS): EpochDeps => ({
    database,
    chain: { publicClient, wallet: contracts.wallet },
    signers: on.signers,
    contracts: {
      scoreOracle: on.scoreOracle,
      registry: on.registry,
      holdings,
      galleries: galleries.collection,
    },
    store,
    weights,
    saltSecret: keccak256(toHex("scores salt")),
    datasetBaseUri: `${server.url}/v1/datasets/`,
  });
  const request = (p: string, init?: RequestInit) => freshFetch(`${server.url}${p}`, init);
  return {
    database,
    server,
    deps,
    request,
    setOpenEpoch: (e: bigint) => (open = e),
    close: async () => {
      await server.close();
      await database.close();
    },
  };
}

let oracle: Awaited<ReturnType<typeof oracleOn>>;
before(async () => {
  await ready;
  oracle = await oracleOn();
});
after(() => oracle.close());

const NFT1 = () => ({ collection: galleries.collection, tokenId: "1" });
/** The deployment's gallery collection, as the CLI and the web app hand it to verify. */
const deployedGalleries = (collection: Address = galleries.collection) => ({
  collection,
  reader: chainGalleryReader(contracts.publicClient, collection),
});
let seq = 0;
/** What each engagement kind committed: its root and the signed Σ of its scores. */
const signed = (r: EpochResult) =>
  Object.fromEntries(
    (["USER", "NFT", "GALLERY"] as const).map((k) => [
      k,
      { root: r.engagement.roots[k], totalScore: r.engagement.totals[k] },
    ]),
  ) as Record<"USER" | "NFT" | "GALLERY", { root: Hex; totalScore: bigint }>;

const ev = (actor: string, kind: string, extra: Record<string, unknown> = {}) => ({
  id: `s-${++seq}`,
  kind,
  actor,
  occurredAt: "2026-11-24T10:00:00Z",
  ...extra,
});

/** Posts `events` over HTTP into `epoch`, runs it, verifies the dataset; returns the scores. */
async function scoreEpoch(
  epoch: bigint,
  events: Record<string, unknown>[],
  weights?: EngagementWeights,
): Promise<{
  result: EpochResult;
  scores: Record<string, Record<string, string>>;
  dataset: ParsedEngagementDataset;
}> {
  oracle.setOpenEpoch(epoch);
  const r = await post(oracle.request, "/v1/events", { events });
  assert.equal(r.status, 201, await r.clone().text());
  const result = await runEpoch(epoch, oracle.deps(weights));
  const text = await (
    await oracle.request(`/v1/datasets/${result.engagement.datasetHash}`, {
      headers: { "x-mesi-auditor-key": AUDITOR_KEY },
    })
  ).text();
  const dataset = parseEngagementDataset(text);
  const verified = await verifyEngagementDataset(dataset, signed(result), {
    galleries: deployedGalleries(),
  });
  assert.ok(
    verified.ok,
    JSON.stringify(verified, (_k, v) => (typeof v === "bigint" ? `${v}` : v)),
  );
  const scores: Record<string, Record<string, string>> = { USER: {}, NFT: {}, GALLERY: {} };
  for (const l of dataset.leaves) scores[l.kind]![l.id] = l.score;
  return { result, scores, dataset };
}

const ringo = () => RINGO.address.toLowerCase();
const nft1 = () => `${galleries.collection}/1`;

test("the seed's John and Paul: 2 min × 200 + 20 min × 5 = 500, and the creator proves it on chain", async () => {
  const { scores, dataset, result } = await scoreEpoch(1n, [
    ev(JOHN, "view", { ...NFT1(), durationMs: 120_000 }),
    ev(PAUL, "view", { ...NFT1(), durationMs: 1_200_000 }),
  ]);
  assert.deepEqual(scores.USER, { [JOHN]: "200", [PAUL]: "5" });
  assert.deepEqual(scores.NFT, { [nft1()]: "500" });
  assert.deepEqual(scores.GALLERY, { [ringo()]: "500" });

  // The map is held to the deployment's collection, whatever the header names: where the
  // deployment's is another, the same dataset fails, naming both (the web app's verifier too).
  const other = await deployGalleries(chain, [creatorAccount("Other")], 1);
  const elsewhere = await verifyEngagementDataset(dataset, signed(result), {
    galleries: deployedGalleries(other.collection),
  });
  assert.equal(elsewhere.ok, false);
  assert.equal(
    elsewhere.chainMap.mismatches[0],
    `the dataset names gallery collection ${galleries.collection.toLowerCase()}, the deployment's is ${other.collection.toLowerCase()}`,
  );
  assert.match(elsewhere.chainMap.mismatches[1]!, /not in the deployment's gallery collection/);

  // The signers signed Σ Gallery Scores = 500; a commitment whose total is anything else fails
  // verify, even with every score and the root recomputing (a pool would divide by it).
  assert.equal(result.engagement.totals.GALLERY, 500n);
  for (const totalScore of [499n, 501n]) {
    const wrong = await verifyEngagementDataset(
      dataset,
      { ...signed(result), GALLERY: { root: result.engagement.roots.GALLERY, totalScore } },
      { galleries: deployedGalleries() },
    );
    const g = wrong.kinds.find((k) => k.kind === "GALLERY")!;
    assert.equal(wrong.ok, false);
    assert.equal(g.ok, false);
    assert.equal(g.recomputedRoot, g.onChainRoot);
    assert.deepEqual([g.mismatches, g.badLeaves], [[], []]);
    assert.deepEqual([g.recomputedTotal, g.onChainTotal], ["500", totalScore.toString()]);
  }

  // Ringo reads the NFT's proof (wallet-signed) and ScoreOracle accepts it.
  const res = await oracle.request(`/v1/proofs/nft/1/${galleries.collection}/1`, {
    headers: await signedHeaders(oracle.request, RINGO, proofAction("NFT"), [["Epoch", "1"]], {
      as: true,
    }),
  });
  assert.equal(res.status, 200);
  const p = (await res.json()) as { subject: Hex; score: string; salt: Hex; proof: Hex[] };
  assert.equal(p.score, "500");
  await passChallengeWindow(chain);
  await contracts.send(
    contracts.wallet.writeContract({
      address: contracts.scoreOracle,
      abi: scoreOracleAbi,
      functionName: "finalize",
      args: [ScoreKind.NFT, 1n],
    }),
  );
  assert.equal(
    await contracts.publicClient.readContract({
      address: contracts.scoreOracle,
      abi: scoreOracleAbi,
      functionName: "verifyScore",
      args: [ScoreKind.NFT, 1n, p.subject, 500n, p.salt, p.proof],
    }),
    true,
  );
});

test("attention in seconds: John alone for 2 min 30 s × 200 = 500", async () => {
  const { scores } = await scoreEpoch(2n, [ev(JOHN, "view", { ...NFT1(), durationMs: 150_000 })]);
  assert.deepEqual(scores.NFT, { [nft1()]: "500" });
});

test("with likes, comments, shares and a tip: John 7 points × 200 + Paul 45 points × 7 = 1,715", async () => {
  const { scores } = await scoreEpoch(3n, [
    ev(JOHN, "view", { ...NFT1(), durationMs: 120_000 }),
    ev(JOHN, "like", NFT1()),
    ev(JOHN, "comment", NFT1()),
    ev(PAUL, "view", { ...NFT1(), durationMs: 1_200_000 }),
    ev(PAUL, "share", NFT1()),
    ev(PAUL, "tip", { ...NFT1(), amountWei: (2n * MESI).toString() }),
  ]);
  // Paul spent 2 $MESI: User Score 5 + 2 = 7; his activity 20 + 5 + 2 × 10 = 45 points.
  assert.deepEqual(scores.USER, { [JOHN]: "200", [PAUL]: "7" });
  assert.deepEqual(scores.NFT, { [nft1()]: "1715" });
});

test("a gallery: its NFT (500) + John's 1 min 30 s on the profile × 200 + Paul's 3 min on the bio × 5 = 815", async () => {
  const { scores } = await scoreEpoch(4n, [
    ev(JOHN, "view", { ...NFT1(), durationMs: 120_000 }),
    ev(PAUL, "view", { ...NFT1(), durationMs: 1_200_000 }),
    ev(JOHN, "profile_view", { creator: ringo(), durationMs: 90_000 }),
    ev(PAUL, "bio_view", { creator: ringo(), durationMs: 180_000 }),
  ]);
  assert.deepEqual(scores.NFT, { [nft1()]: "500" });
  assert.deepEqual(scores.GALLERY, { [ringo()]: "815" });
});

test("the operator's per-fan cap (80%) is recorded in the dataset and rerun by verify: John alone 400 → 320", async () => {
  const { result, scores } = await scoreEpoch(
    5n,
    [ev(JOHN, "view", { ...NFT1(), durationMs: 120_000 })],
    withFanCap(8_000),
  );
  assert.deepEqual(scores.NFT, { [nft1()]: "320" });
  const header = parseEngagementDataset(
    await (
      await oracle.request(`/v1/datasets/${result.engagement.datasetHash}`, {
        headers: { "x-mesi-auditor-key": AUDITOR_KEY },
      })
    ).text(),
  ).header;
  assert.equal(header.weights.fanCapBps, 8_000);
});

test("the worst valid value of every field is accepted, and the epoch still publishes and verifies (property)", async () => {
  let epoch = 20n;
  const max = RANGES.amountWei.max.toString();
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        amountWei: fc.constantFrom("0", max),
        durationMs: fc.constantFrom(RANGES.durationMs.min, RANGES.durationMs.max),
        time: fc.constantFrom("1970-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"),
        tokenId: fc.constantFrom("1", "2", (2n ** 256n - 1n).toString()),
        rating: fc.constantFrom(RANGES.rating.min, RANGES.rating.max),
        answer: fc.constantFrom("", "𝄞".repeat(5_000), "word ".repeat(2_000).trim()),
        campaignId: fc.constantFrom("0", (2n ** 256n - 1n).toString()),
      }),
      async (x) => {
        const e = ++epoch;
        oracle.setOpenEpoch(e);
        const tag = `w${e}`;
        const kinds = ["view", "like", "share", "comment", "reply", "purchase", "tip", "bid"];
        const events = [
          ...kinds.map((kind, i) =>
            ev(i % 2 ? JOHN : PAUL, kind, {
              id: `${tag}-${kind}`,
              collection: galleries.collection,
              tokenId: x.tokenId,
              durationMs: x.durationMs,
              amountWei: x.amountWei,
              occurredAt: x.time,
            }),
          ),
          ...["profile_view", "bio_view", "navigation", "tip", "contribution", "delegation"].map(
            (kind) =>
              ev(JOHN, kind, {
                id: `${tag}-g-${kind}`,
                creator: ringo(),
                durationMs: x.durationMs,
                amountWei: x.amountWei,
                occurredAt: x.time,
              }),
          ),
        ];
        const submissions = [JOHN, PAUL].map((account, i) => ({
          id: `${tag}-sub-${i}`,
          account,
          campaignId: x.campaignId,
          taskId: "t".repeat(128),
          taskType: i ? "picture_rating" : "prompt_answer",
          ...(i ? { rating: x.rating } : { answer: x.answer }),
          choice: "c".repeat(256),
          startedAt: x.time === "1970-01-01T00:00:00.000Z" ? x.time : "9999-12-30T23:59:59.999Z",
          submittedAt: x.time === "1970-01-01T00:00:00.000Z" ? "1970-01-02T00:00:00.000Z" : x.time,
        }));
        assert.equal((await post(oracle.request, "/v1/events", { events })).status, 201);
        assert.equal((await post(oracle.request, "/v1/submissions", { submissions })).status, 201);
        const result = await runEpoch(e, oracle.deps());
        for (const k of ["TQS", "USER", "GALLERY"] as const)
          assert.equal(result.publications[k].status, "published", k);
        const text = async (hash: Hex) =>
          (
            await oracle.request(`/v1/datasets/${hash}`, {
              headers: { "x-mesi-auditor-key": AUDITOR_KEY },
            })
          ).text();
        const tqs = await verifyTqsDataset(parseTqsDataset(await text(result.tqs.datasetHash)), {
          root: result.tqs.root,
          totalScore: result.tqs.totalScore,
        });
        assert.ok(tqs.ok, JSON.stringify(tqs.mismatches));
        const engagement = parseEngagementDataset(await text(result.engagement.datasetHash));
        const roots = Object.fromEntries(
          (["USER", "NFT", "GALLERY"] as const)
            .filter((k) => result.publications[k].status === "published")
            .map((k) => [k, signed(result)[k]]),
        );
        const verified = await verifyEngagementDataset(engagement, roots, {
          galleries: deployedGalleries(),
        });
        assert.ok(verified.ok, JSON.stringify(verified.kinds.map((k) => k.mismatches)));
        for (const l of engagement.leaves) assert.ok(BigInt(l.score) < 2n ** 256n);
      },
    ),
    {
      // The two extremes (every field at its largest, then at its smallest); PROPERTY_RUNS
      // adds random mixes of them.
      numRuns: Math.max(2, Number(process.env.PROPERTY_RUNS ?? 2)),
      examples: [
        [
          {
            amountWei: max,
            durationMs: RANGES.durationMs.max,
            time: "9999-12-31T23:59:59.999Z",
            tokenId: (2n ** 256n - 1n).toString(),
            rating: RANGES.rating.max,
            answer: "word ".repeat(2_000).trim(),
            campaignId: (2n ** 256n - 1n).toString(),
          },
        ],
        [
          {
            amountWei: "0",
            durationMs: RANGES.durationMs.min,
            time: "1970-01-01T00:00:00.000Z",
            tokenId: "1",
            rating: RANGES.rating.min,
            answer: "",
            campaignId: "0",
          },
        ],
      ],
      endOnFailure: true,
      includeErrorInReport: true,
    },
  );
});

test("an epoch that keeps failing backs off, shows in /health and the log, and never holds up ingestion", async () => {
  let down = true;
  const flaky = createPublicClient({
    chain: hardhat,
    transport: custom(
      {
        async request({ method, params }) {
          if (down) throw new Error("RPC unreachable (the test's outage)");
          return contracts.publicClient.request({ method, params } as never);
        },
      },
      { retryCount: 0 },
    ),
  }) as PublicClient;
  // A ScoreOracle of its own: this oracle's epoch 1 is not the other tests' epoch 1.
  let scheduler: Scheduler | undefined;
  const o = await oracleOn(flaky, await deployEpochContracts(chain, 1, 1), () =>
    scheduler ? { reasons: degradedReasons(scheduler.status()) } : { reasons: [] },
  );
  let clock = Date.UTC(2026, 10, 25);
  const logs: Record<string, unknown>[] = [];
  try {
    o.setOpenEpoch(1n);
    assert.equal(
      (
        await post(o.request, "/v1/events", {
          events: [ev(PAUL, "view", { ...NFT1(), durationMs: 60_000 })],
        })
      ).status,
      201,
    );
    o.setOpenEpoch(2n);
    scheduler = startScheduler({
      deps: o.deps(),
      currentEpoch: () => 2n,
      tickMs: 20,
      retryBaseMs: 60_000,
      maxRetryMs: 600_000,
      now: () => clock,
      log: (entry) => logs.push(entry),
    });
    const s = scheduler;
    const failures = () => s.status().failing?.failures ?? 0;
    const until = async (what: string, ok: () => boolean) => {
      for (let i = 0; !ok(); i++) {
        assert.ok(i < 6_000, `waited too long for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      await until("the first failure", () => failures() === 1);
      const health = (await (await o.request("/health")).json()) as {
        status: string;
        reasons: string[];
      };
      assert.equal(health.status, "degraded");
      assert.match(health.reasons[0]!, /epoch 1 failed 1 time\(s\).*RPC unreachable/);
      // Ingestion goes on while the epoch fails.
      assert.equal(
        (await post(o.request, "/v1/events", { events: [ev(JOHN, "like", NFT1())] })).status,
        201,
      );
      // No retry before the backoff has passed, however many ticks go by.
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(failures(), 1);
      clock += 60_000;
      await until("the second failure", () => failures() === 2);
      clock += 60_000;
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(failures(), 2, "the wait doubled to 120 s");
      const backoffs = logs
        .filter((l) => l.msg === "epoch failed; backing off")
        .map((l) => [l.epoch, l.retryInMs]);
      assert.deepEqual(backoffs, [
        ["1", 60_000],
        ["1", 120_000],
      ]);
      // The outage ends: the next attempt publishes and /health is ok again.
      down = false;
      clock += 60_000;
      await until("the recovery", () => s.status().lastFinished === "1");
      const ok = (await (await o.request("/health")).json()) as { status: string };
      assert.equal(ok.status, "ok");
      assert.ok(logs.some((l) => l.msg === "epoch done" && l.epoch === "1"));
    } finally {
      await s.stop();
    }
  } finally {
    await o.close();
  }
});
