// GET /stats and its sections: the public numbers, computed by the SQL in queries.ts. One
// request is one SQL statement, so every number in a response comes from the same snapshot
// and the same indexed head (`asOf`).
import { db } from "ponder:api";
import { sql } from "ponder";
import { Hono } from "hono";
import { z } from "zod";
import { loadSettings } from "../../../lib/settings.ts";
import { REWARD_KINDS, SCORE_KINDS, SKIP_REASONS } from "../../../lib/codes.ts";
import * as Q from "./queries.ts";

type Row = Record<string, unknown>;
type SQL = ReturnType<typeof sql>;

const SECTIONS = {
  head: { query: Q.HEAD, one: true },
  campaigns: { query: Q.CAMPAIGNS },
  skips: { query: Q.SKIPS },
  tiers: { query: Q.TIERS },
  epochs: { query: Q.EPOCHS },
  epochKinds: { query: Q.EPOCH_KINDS },
  epochFlags: { query: Q.EPOCH_FLAGS },
  marketVolume: { query: Q.MARKET_VOLUME },
  marketFloor: { query: Q.MARKET_FLOOR },
  marketDaily: { query: Q.MARKET_DAILY },
  marketOpen: { query: Q.MARKET_OPEN, one: true },
  vesting: { query: Q.VESTING, one: true },
  vestingSources: { query: Q.VESTING_SOURCES },
  revenue: { query: Q.REVENUE, one: true },
  revenuePools: { query: Q.REVENUE_POOLS },
  randomness: { query: Q.RANDOMNESS },
  governance: { query: Q.GOVERNANCE, one: true },
  governancePending: { query: Q.GOVERNANCE_PENDING },
} as const satisfies Record<string, { query: string; one?: true }>;
type Section = keyof typeof SECTIONS;

/** `:now` and `:block`: the indexed head's time and number, read inside the same statement. */
const HEAD_PARTS: Record<string, string> = {
  ":now": "(SELECT max(CAST(substr(latest_checkpoint, 1, 10) AS bigint)) FROM _ponder_checkpoint)",
  ":block":
    "(SELECT max(CAST(substr(latest_checkpoint, 27, 16) AS bigint)) FROM _ponder_checkpoint)",
};

/** One statement returning every asked section as JSON (a consistent snapshot). */
function statement(sections: readonly Section[], campaign: bigint): SQL {
  const parts: SQL[] = [sql.raw("SELECT json_build_object(")];
  sections.forEach((name, i) => {
    const s = SECTIONS[name];
    const agg = "one" in s ? "row_to_json(q)" : "COALESCE(json_agg(q), '[]'::json)";
    parts.push(sql.raw(`${i ? ", " : ""}'${name}', (SELECT ${agg} FROM (`));
    for (const piece of s.query.split(/(:now|:block|:campaign)\b/))
      parts.push(
        piece === ":campaign" ? sql`${campaign.toString()}` : sql.raw(HEAD_PARTS[piece] ?? piece),
      );
    parts.push(sql.raw(") q)"));
  });
  parts.push(sql.raw(")::text AS stats"));
  return sql.join(parts);
}

/** JSON.parse keeping integers beyond 2^53 exact (as decimal strings). */
const parseExact = (text: string): Record<Section, unknown> =>
  JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === "number" && !Number.isSafeInteger(value) && context?.source
      ? context.source
      : value,
  ) as Record<Section, unknown>;

async function load(sections: readonly Section[], campaign = 0n) {
  const result = (await db.execute(statement(["head", ...sections], campaign))) as unknown as {
    rows: { stats: string }[];
  };
  return parseExact(result.rows[0]!.stats);
}

// Output: counts and times are JSON numbers; amounts, ids and other uint256 values are
// decimal strings (exact at any size).
const num = (v: unknown): number => Number(v ?? 0);
const dec = (v: unknown): string => (v === null || v === undefined ? "0" : String(v));
const rows = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);
const row = (v: unknown): Row => (v && typeof v === "object" ? (v as Row) : {});

function asOf(head: unknown) {
  const h = row(head);
  return h.block === undefined ? null : { block: num(h.block), timestamp: num(h.timestamp) };
}

function campaigns(s: Record<Section, unknown>) {
  const skips = rows(s.skips);
  const tiers = rows(s.tiers);
  return rows(s.campaigns).map((c) => {
    const id = dec(c.campaign_id);
    const mine = <T extends Row>(list: T[]) => list.filter((r) => dec(r.campaign_id) === id);
    const skipped = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<string, number>;
    for (const r of mine(skips)) skipped[String(r.reason)] = num(r.skipped);
    const placeholders = num(c.placeholders);
    const activated = num(c.activated);
    const voided = num(c.voided);
    return {
      campaignId: id,
      capacity: num(c.capacity),
      joined: num(c.joined),
      selected: num(c.selected),
      completed: num(c.completed),
      skipped,
      placeholders,
      activated,
      voided,
      awaitingVerdict: placeholders - activated - voided,
      passRateBps: c.pass_rate_bps === null ? null : num(c.pass_rate_bps),
      verdictsSkipped: num(c.verdicts_skipped),
      reissued: num(c.reissued),
      entered: num(c.entered),
      winners: num(c.winners),
      winnersByTier: mine(tiers).map((t) => ({
        tier: num(t.tier),
        kind: REWARD_KINDS[num(t.kind)] ?? String(t.kind),
        places: num(t.places),
        winners: num(t.winners),
        claimed: num(t.claimed),
      })),
      prizesClaimed: num(c.prizes_claimed),
      exited: num(c.exited),
      drawAbandoned: c.draw_abandoned === true,
    };
  });
}

function epochs(s: Record<Section, unknown>) {
  const kinds = new Map(rows(s.epochKinds).map((k) => [num(k.kind), k]));
  const flags = rows(s.epochFlags);
  return {
    byKind: SCORE_KINDS.map((name, kind) => {
      const k = kinds.get(kind) ?? {};
      return {
        kind: name,
        published: num(k.published),
        pending: num(k.pending),
        final: num(k.final),
        rejected: num(k.rejected),
      };
    }),
    list: rows(s.epochs).map((e) => ({
      kind: SCORE_KINDS[num(e.kind)] ?? String(e.kind),
      epoch: dec(e.epoch),
      status: String(e.status),
      leafCount: dec(e.leaf_count),
      publishedAt: num(e.published_at),
      finalAt: num(e.final_at),
      flagsByRule: Object.fromEntries(
        flags
          .filter((f) => num(f.kind) === num(e.kind) && dec(f.epoch) === dec(e.epoch))
          .map((f) => [String(f.rule_id), dec(f.value)]),
      ),
    })),
  };
}

function market(s: Record<Section, unknown>, names: Map<string, string>) {
  const open = row(s.marketOpen);
  return {
    volume: rows(s.marketVolume).map((v) => ({
      currency: String(v.currency),
      sales: num(v.sales),
      volume: dec(v.volume),
      fees: dec(v.fees),
      royalties: dec(v.royalties),
    })),
    floor: rows(s.marketFloor).map((f) => ({
      collection: String(f.collection),
      collectionName: names.get(String(f.collection)) ?? null,
      currency: String(f.currency),
      floor: dec(f.floor),
      listings: num(f.listings),
    })),
    salesPerDay: rows(s.marketDaily).map((d) => ({
      day: String(d.day),
      currency: String(d.currency),
      sales: num(d.sales),
      volume: dec(d.volume),
    })),
    openOffers: num(open.open_offers),
    liveListings: num(open.live_listings),
  };
}

function vesting(s: Record<Section, unknown>) {
  const v = row(s.vesting);
  return {
    schedules: num(v.schedules),
    granted: dec(v.granted),
    vested: dec(v.vested),
    released: dec(v.released),
    clawedBack: dec(v.clawed_back),
    lockedByFans: dec(v.locked_by_fans),
    activeLocks: num(v.active_locks),
    bySource: rows(s.vestingSources).map((r) => ({
      source: String(r.source),
      schedules: num(r.schedules),
      granted: dec(r.granted),
      released: dec(r.released),
    })),
  };
}

function revenue(s: Record<Section, unknown>) {
  const r = row(s.revenue);
  return {
    funded: dec(r.funded),
    pools: num(r.pools),
    pooled: dec(r.pooled),
    claimed: dec(r.claimed),
    claims: num(r.claims),
    rolledOver: dec(r.rolled_over),
    pending: dec(r.pending),
    perPool: rows(s.revenuePools).map((p) => ({
      epoch: dec(p.epoch),
      amount: dec(p.amount),
      claimed: dec(p.claimed),
      claims: num(p.claims),
      rolledOver: p.rolled_over === null ? null : dec(p.rolled_over),
      expiresAt: num(p.expires_at),
      status: String(p.status),
    })),
  };
}

function randomness(s: Record<Section, unknown>) {
  const seeds = rows(s.randomness).map((r) => ({
    key: String(r.key),
    purpose: r.purpose === null ? null : String(r.purpose),
    campaignId: r.campaign_id === null ? null : dec(r.campaign_id),
    status: String(r.status),
    committedAt: r.committed_at === null ? null : num(r.committed_at),
    entropyBlock: r.entropy_block === null ? null : num(r.entropy_block),
    revealDeadline: r.reveal_deadline === null ? null : num(r.reveal_deadline),
  }));
  const count = (status: string) => seeds.filter((x) => x.status === status).length;
  return {
    committed: seeds.filter((x) => x.status !== "uncommitted").length,
    revealed: count("revealed"),
    missed: count("missed"),
    failed: count("failed"),
    overdue: count("overdue"),
    awaitingReveal: count("committed"),
    seeds,
  };
}

function governance(s: Record<Section, unknown>) {
  const g = row(s.governance);
  const pending = new Map<
    string,
    { id: string; scheduledAt: number; readyAt: number; status: string; calls: Row[] }
  >();
  for (const r of rows(s.governancePending)) {
    const id = String(r.id);
    const op = pending.get(id) ?? {
      id,
      scheduledAt: num(r.scheduled_at),
      readyAt: num(r.ready_at),
      status: String(r.status),
      calls: [],
    };
    op.calls.push({
      target: String(r.target),
      targetName: r.target_name === null ? null : String(r.target_name),
      value: dec(r.value),
      call: r.call === null ? null : String(r.call),
    });
    pending.set(id, op);
  }
  return {
    minDelay: g.min_delay === null || g.min_delay === undefined ? null : num(g.min_delay),
    scheduled: num(g.scheduled),
    waiting: num(g.waiting),
    ready: num(g.ready),
    executed: num(g.executed),
    cancelled: num(g.cancelled),
    pending: [...pending.values()],
  };
}

type Loaded = Record<Section, unknown>;

/** Each part of /stats: the SQL sections it needs and how it shapes them. */
function parts(names: Map<string, string>) {
  return {
    campaigns: { sections: ["campaigns", "skips", "tiers"], shape: campaigns },
    epochs: { sections: ["epochs", "epochKinds", "epochFlags"], shape: epochs },
    market: {
      sections: ["marketVolume", "marketFloor", "marketDaily", "marketOpen"],
      shape: (s: Loaded) => market(s, names),
    },
    vesting: { sections: ["vesting", "vestingSources"], shape: vesting },
    revenue: { sections: ["revenue", "revenuePools"], shape: revenue },
    randomness: { sections: ["randomness"], shape: randomness },
    governance: { sections: ["governance", "governancePending"], shape: governance },
  } satisfies Record<string, { sections: Section[]; shape: (s: Loaded) => unknown }>;
}

const campaignId = z
  .string()
  .regex(/^[1-9][0-9]{0,76}$/, "campaign id must be a positive integer without leading zeros");

/** The /stats routes: everything at `/`, each part at `/<part>`, one campaign at `/campaigns/:id`. */
export function statsRoutes() {
  const contracts = loadSettings().deployment.contracts;
  const names = new Map([
    [contracts.Ticket.toLowerCase(), "Ticket"],
    [contracts.GalleryCollection.toLowerCase(), "GalleryCollection"],
  ]);
  const all = parts(names);
  const app = new Hono();

  app.get("/", async (c) => {
    const s = await load(Object.values(all).flatMap((p) => p.sections));
    return c.json({
      asOf: asOf(s.head),
      ...Object.fromEntries(Object.entries(all).map(([name, p]) => [name, p.shape(s)])),
    });
  });
  for (const [name, p] of Object.entries(all))
    app.get(`/${name}`, async (c) => {
      const s = await load(p.sections);
      return c.json({ asOf: asOf(s.head), [name]: p.shape(s) });
    });
  app.get("/campaigns/:id", async (c) => {
    const id = campaignId.safeParse(c.req.param("id"));
    if (!id.success) return c.json({ error: `id: ${id.error.issues[0]!.message}` }, 400);
    const s = await load(all.campaigns.sections, BigInt(id.data));
    const [found] = campaigns(s);
    if (!found) return c.json({ error: `campaign ${id.data} is not indexed` }, 404);
    return c.json({ asOf: asOf(s.head), campaign: found });
  });
  return app;
}
