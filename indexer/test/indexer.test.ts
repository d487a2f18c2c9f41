// The real indexer (`ponder start`) on a real Hardhat node, deployed with the Ignition module:
// a load of participants and campaigns (test/support/workload.ts, enough for Ponder's large
// flushes) and then a full campaign (test/support/scenario.ts). On embedded PGlite and on a
// real PostgreSQL server: every /stats number equals an independent recomputation from the
// raw logs; a restart (PGlite) or a crash (PostgreSQL) mid-sync resumes with no duplicate and
// no gap; time alone moves finality; after a reorganisation every table and statistic equals
// a fresh sync of the new chain.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { eq } from "@ponder/client";
import { parseEther, type Address, type Hex } from "viem";
import {
  increaseTime,
  mine,
  revertTo,
  rpc,
  snapshot,
  startHardhatNode,
  type LocalChain,
} from "../../test/support/chain.ts";
import { startPostgres, type PostgresServer } from "../../test/support/postgres.ts";
import { deploySystem } from "../../test/support/deploy.ts";
import { runCampaign, type ScenarioResult } from "../../test/support/scenario.ts";
import { POLICY, connectSystem, type System } from "../../test/support/system.ts";
import { generateWorkload } from "../../test/support/workload.ts";
import { waitFor } from "../../test/support/net.ts";
import { removeDataDir, startIndexer, type Indexer } from "./support/indexer.ts";
import { mismatchesWithChain } from "./support/chain-state.ts";
import { recomputeStats } from "./support/recompute.ts";

type Stats = { asOf: { block: number; timestamp: number } } & Record<string, unknown>;

let chain: LocalChain;
let scenario: ScenarioResult;
let sys: System;
let postgres: PostgresServer;
let lite: Indexer;
let server: Indexer;
const started: Indexer[] = [];

const start = async (opts: Omit<Parameters<typeof startIndexer>[0], "chainUrl" | "deployment">) => {
  const idx = await startIndexer({ chainUrl: chain.url, deployment: scenario.deployment, ...opts });
  started.push(idx);
  return idx;
};

/** /stats at the indexer's head, and the same document recomputed from the raw logs. */
async function statsAndRecomputation(idx: Indexer) {
  const { asOf, ...stats } = await idx.get<Stats>("/stats");
  const expected = await recomputeStats(
    chain.url,
    scenario.deployment.contracts,
    BigInt(asOf.block),
  );
  return { asOf, stats, expected };
}

const firstRange = (line: Record<string, unknown>) => line.msg === "Indexed block range";

before(async () => {
  chain = await startHardhatNode();
  sys = await connectSystem(chain.url, await deploySystem(chain.url));
  await generateWorkload(sys, { participants: 60, campaigns: 1, salesPerCampaign: 5 });
  scenario = await runCampaign(sys);
  postgres = await startPostgres();
});

after(async () => {
  for (const idx of started) {
    await idx.stop("SIGKILL");
    removeDataDir(idx.dataDir);
  }
  postgres?.stop();
  chain?.stop();
});

/** Waits for the first log line `match` accepts. */
async function waitForLine(idx: Indexer, match: (line: Record<string, unknown>) => boolean) {
  await waitFor(async () => (idx.lines().some(match) ? true : undefined), {
    what: "a log line",
    timeoutMs: 240_000,
    child: idx.child,
    context: idx.logs,
    intervalMs: 20,
  });
}

/** The run took over the stopped one's checkpoint instead of starting from scratch. */
function assertResumed(idx: Indexer) {
  assert.ok(
    idx.lines().some((l) => l.msg === "Detected crash recovery"),
    "the restart recovered the earlier run",
  );
  const resumed = idx.lines().find((l) => l.msg === "Started backfill indexing");
  const [from] = JSON.parse(String(resumed?.block_range ?? "[0]")) as number[];
  assert.ok(from! > scenario.deployment.startBlock, `resumed from block ${from}, not the start`);
}

describe("the indexer on embedded PGlite", () => {
  it("restarted mid-sync, resumes; every /stats number equals the recomputation from raw logs", async () => {
    const first = await start({});
    await waitForLine(first, firstRange);
    await first.stop("SIGTERM");
    lite = await start({ dataDir: first.dataDir });
    const head = await lite.synced();
    assertResumed(lite);
    const { asOf, stats, expected } = await statsAndRecomputation(lite);
    assert.equal(asOf.block, head.block);
    assert.deepEqual(stats, expected);
    // What the scenario did is what the numbers say.
    const campaign = expected.campaigns.find((c) => c.campaignId === String(scenario.campaignId));
    assert.equal(campaign?.joined, scenario.fans.length);
    assert.equal(campaign?.selected, scenario.selected.length);
    assert.deepEqual(campaign?.skipped, {
      NotSelected: 1,
      AlreadyCompleted: 1,
      ConsentWithdrawn: 0,
      Excluded: 1,
    });
    assert.equal(campaign?.voided, 1);
    assert.equal(campaign?.reissued, 1);
    assert.equal(campaign?.verdictsSkipped, 1);
    assert.equal(campaign?.passRateBps, 7500);
    assert.equal(expected.randomness.missed, 1);
    const popUp = expected.campaigns.find(
      (c) => c.campaignId === String(scenario.abandonedCampaignId),
    );
    assert.equal(popUp?.drawAbandoned, true);
    assert.equal(popUp?.exited, 1);
    assert.equal(expected.governance.cancelled, 1);
    assert.equal(expected.market.liveListings, 1);
    assert.equal(
      expected.epochs.list.find((e) => e.kind === "TQS" && e.epoch === String(scenario.tqsEpoch))
        ?.flagsByRule["near-duplicate@1"],
      "2",
    );
  });

  it("keeps every current state equal to the contracts' own views", async () => {
    const { block } = await lite.synced();
    assert.deepEqual(await mismatchesWithChain(lite, sys, BigInt(block)), []);
  });

  it("serves each section of /stats, one campaign, and refuses a bad campaign id", async () => {
    const all = await lite.get<Stats>("/stats");
    for (const section of [
      "campaigns",
      "epochs",
      "market",
      "vesting",
      "revenue",
      "randomness",
      "governance",
    ]) {
      const part = await lite.get<Stats>(`/stats/${section}`);
      assert.deepEqual(part[section], all[section], section);
    }
    const one = await lite.get<{ campaign: unknown }>(`/stats/campaigns/${scenario.campaignId}`);
    assert.deepEqual(
      one.campaign,
      (all.campaigns as { campaignId: string }[]).find(
        (c) => c.campaignId === String(scenario.campaignId),
      ),
    );
    const bad = await fetch(`${lite.url}/stats/campaigns/01x`);
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /^id: /);
    assert.equal((await fetch(`${lite.url}/stats/campaigns/999`)).status, 404);
  });

  it("serves GraphQL and SQL over HTTP (@ponder/client) to any origin", async () => {
    const r = await fetch(`${lite.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://app.example" },
      body: JSON.stringify({
        query: `{ tickets(where: { campaignId: "${scenario.campaignId}" }, orderBy: "id", limit: 1000) { items { id state owner } } }`,
      }),
    });
    assert.equal(r.headers.get("access-control-allow-origin"), "*");
    const body = (await r.json()) as {
      data: { tickets: { items: { id: string; state: string }[] } };
    };
    const states = body.data.tickets.items.map((t) => `${t.id}:${t.state}`).sort();
    assert.deepEqual(
      states,
      [
        ...scenario.activated.map((id) => `${id}:active`),
        ...scenario.voided.map((id) => `${id}:void`),
        `${scenario.awaitingVerdict}:placeholder`,
        `${scenario.reissued.newId}:active`,
      ].sort(),
    );
    const { ticket } = await import("../ponder.schema.ts");
    const rows = await lite.client.db
      .select()
      .from(ticket)
      .where(eq(ticket.campaignId, scenario.campaignId));
    assert.equal(rows.length, scenario.tickets.length + 1);
    assert.equal(
      rows.find((t) => t.id === scenario.reissued.newId)?.reissuedFrom,
      scenario.reissued.voidedId,
    );
  });

  it("exposes no individual User, NFT or Gallery score", async () => {
    const text = JSON.stringify(await lite.get("/stats"));
    assert.doesNotMatch(text, /"[a-zA-Z]*[sS]core"/);
    const schema = await import("../ponder.schema.ts");
    const columns = Object.values(schema).flatMap((t) =>
      Object.keys((t as unknown as Record<string, unknown>) ?? {}),
    );
    assert.equal(columns.includes("score"), false);
  });
});

describe("the indexer on PostgreSQL", () => {
  it("crashes mid-sync (SIGKILL), restarts, and has no duplicate and no gap", async () => {
    const schemaName = "mesi_crash";
    const first = await start({
      databaseUrl: postgres.url,
      schema: schemaName,
      killAt: firstRange,
    });
    await new Promise<void>((resolve) => first.child.once("exit", () => resolve()));
    assert.equal(first.child.signalCode, "SIGKILL", "killed after the first indexed range");
    const head = BigInt(await rpc<Hex>(chain.url, "eth_blockNumber"));
    // The restart takes over the crashed run's schema once its lock expires, and resumes.
    server = await start({ databaseUrl: postgres.url, schema: schemaName });
    await server.synced(head);
    const recovered = server.lines().find((l) => l.msg === "Detected crash recovery");
    assert.ok(recovered, "the restart recovered the crashed run");
    const resumed = server.lines().find((l) => l.msg === "Started backfill indexing");
    const [from] = JSON.parse(String(resumed?.block_range ?? "[0]")) as number[];
    assert.ok(
      from! > scenario.deployment.startBlock,
      `resumed from block ${from}, not from the start`,
    );
    assert.deepEqual(await server.tables(), await lite.tables());
    const { stats, expected } = await statsAndRecomputation(server);
    assert.deepEqual(stats, expected);
  });
});

describe("time and reorganisations", () => {
  it("moves finality with time alone: a pending epoch becomes final, a timelocked call ready", async () => {
    const before = await lite.get<Stats & { epochs: { list: { status: string }[] } }>("/stats");
    const pending = (before.epochs.list as { kind: string; epoch: string; status: string }[]).find(
      (e) => e.kind === "TQS" && e.epoch === String(scenario.pendingTqsEpoch),
    );
    assert.equal(pending?.status, "pending");
    await increaseTime(chain.url, 2 * 86_400 + 1);
    for (const idx of [lite, server]) {
      await idx.synced();
      const { stats, expected } = await statsAndRecomputation(idx);
      assert.deepEqual(stats, expected);
      const epoch = expected.epochs.list.find(
        (e) => e.kind === "TQS" && e.epoch === String(scenario.pendingTqsEpoch),
      );
      assert.equal(epoch?.status, "final");
      assert.equal(expected.governance.ready, 1);
    }
  });

  it("after a reorganisation every table and statistic equals a fresh sync of the new chain", async () => {
    const { contracts: k } = sys;
    const c = scenario.deployment.contracts;
    const [creator] = scenario.creators as [Address];
    const fan = scenario.fans[0]!;
    const fork = await snapshot(chain.url);

    // The history that will be dropped: a gallery item listed, $MESI moved, a fan re-consents.
    await sys.mined(
      k.market.write.list([c.GalleryCollection, 2n, true, parseEther("5")], { account: creator }),
    );
    await sys.mined(k.token.write.transfer([creator, parseEther("7")], { account: fan }));
    await mine(chain.url, 3);
    const blockNumber = async () => BigInt(await rpc<Hex>(chain.url, "eth_blockNumber"));
    const dropped = await blockNumber();
    for (const idx of [lite, server]) {
      await idx.synced(dropped);
      assert.equal(
        (await idx.get<{ market: { liveListings: number } }>("/stats/market")).market.liveListings,
        2,
      );
    }

    // The new history, longer than the dropped one.
    await revertTo(chain.url, fork);
    await sys.mined(k.token.write.transfer([fan, parseEther("3")], { account: creator }));
    await sys.mined(
      k.market.write.makeOffer(
        [c.GalleryCollection, 2n, parseEther("4"), Number(await sys.now()) + 86_400],
        {
          account: fan,
        },
      ),
    );
    await sys.mined(k.registry.write.optIn([1, POLICY], { account: sys.at(18) }));
    await mine(chain.url, 8);
    const newHead = await blockNumber();
    assert.ok(newHead > dropped);
    for (const idx of [lite, server]) await idx.synced(newHead);

    const fresh = await start({});
    await fresh.synced(newHead);
    const truth = await fresh.tables();
    assert.deepEqual(await lite.tables(), truth);
    assert.deepEqual(await server.tables(), truth);
    for (const idx of [lite, server, fresh]) {
      const { stats, expected } = await statsAndRecomputation(idx);
      assert.deepEqual(stats, expected);
      assert.equal(expected.market.liveListings, 1);
    }
    assert.deepEqual(await mismatchesWithChain(lite, sys, newHead), []);
  });
});
