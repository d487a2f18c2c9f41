// An auditor's independent recomputation of every /stats number from the chain's raw logs
// (viem getLogs + the ABIs of @mesi/abi), sharing nothing with the indexer: no Ponder, no
// table, no SQL. It replays the logs in order up to a block and applies the contracts' rules
// as docs/API.md states them, at that block's time.
import {
  createPublicClient,
  decodeFunctionData,
  getContract,
  hexToString,
  http,
  parseEventLogs,
  zeroAddress,
  toFunctionSelector,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { hardhat } from "viem/chains";
import {
  campaignManagerAbi,
  commitRevealRandomnessAbi,
  galleryCollectionAbi,
  mesiTokenAbi,
  participantRegistryAbi,
  prizeDrawAbi,
  revenueDistributorAbi,
  scoreOracleAbi,
  mesiTimelockAbi,
  ticketAbi,
  ticketMarketplaceAbi,
  vestingVaultAbi,
} from "@mesi/abi";
import type { Contracts } from "../../../test/support/deploy.ts";

/** Each contract's own ABI (ERC-20 and ERC-721 Transfer share a topic: decode per contract). */
const abis = (c: Contracts) =>
  [
    [c.CampaignManager, campaignManagerAbi],
    [c.CommitRevealRandomness, commitRevealRandomnessAbi],
    [c.GalleryCollection, galleryCollectionAbi],
    [c.MesiToken, mesiTokenAbi],
    [c.ParticipantRegistry, participantRegistryAbi],
    [c.PrizeDraw, prizeDrawAbi],
    [c.RevenueDistributor, revenueDistributorAbi],
    [c.ScoreOracle, scoreOracleAbi],
    [c.Ticket, ticketAbi],
    [c.TicketMarketplace, ticketMarketplaceAbi],
    [c.VestingVault, vestingVaultAbi],
    [c.MesiTimelock, mesiTimelockAbi],
  ] as const;

/** Marketplace entry points by selector (to tell how a sale settled). */
const selectorNames = new Map<string, string>(
  ticketMarketplaceAbi
    .filter((x) => x.type === "function")
    .map((f) => [toFunctionSelector(f), f.name] as const),
);

const SKIP = ["NotSelected", "AlreadyCompleted", "ConsentWithdrawn", "Excluded"];
const REWARD = ["MesiPack", "PromoCredit", "Item", "PromoSlot"];
const KINDS = ["TQS", "USER", "NFT", "GALLERY"];
const lower = (a: string) => a.toLowerCase();
const bps = (a: number, b: number) => (a + b === 0 ? null : Math.floor((a * 10_000) / (a + b)));

/** All logs of the deployment's contracts up to `toBlock`, decoded, in chain order. */
export async function rawLogs(url: string, contracts: Contracts, toBlock: bigint) {
  const client = createPublicClient({ chain: hardhat, transport: http(url) });
  const logs = await client.getLogs({
    address: Object.values(contracts),
    fromBlock: 0n,
    toBlock,
  });
  const decoded = abis(contracts)
    .flatMap(([address, abi]) =>
      parseEventLogs({
        abi,
        logs: logs.filter((l) => lower(l.address) === lower(address)),
        strict: true,
      }),
    )
    .sort((a, b) =>
      a.blockNumber !== b.blockNumber
        ? a.blockNumber < b.blockNumber
          ? -1
          : 1
        : a.logIndex - b.logIndex,
    );
  if (decoded.length !== logs.length)
    throw new Error(`decoded ${decoded.length} of ${logs.length} logs`);
  // The sale's entry point decides how it settled (listing, signed listing or offer).
  const inputs = new Map<Hex, Hex>();
  for (const l of decoded)
    if (l.eventName === "Sale" && !inputs.has(l.transactionHash))
      inputs.set(
        l.transactionHash,
        (await client.getTransaction({ hash: l.transactionHash })).input,
      );
  const times = new Map<bigint, number>();
  for (const n of new Set([...decoded.map((l) => l.blockNumber), toBlock]))
    times.set(n, Number((await client.getBlock({ blockNumber: n })).timestamp));
  return { decoded, inputs, times, now: times.get(toBlock)! };
}

/** The /stats document (without asOf) recomputed from the logs up to `toBlock`. */
export async function recomputeStats(url: string, contracts: Contracts, toBlock: bigint) {
  const { decoded, inputs, times, now } = await rawLogs(url, contracts, toBlock);
  const isTicket = (a: string) => lower(a) === lower(contracts.Ticket);

  interface Campaign {
    capacity: number;
    tiers: { kind: number; winners: number }[];
    joined: number;
    drawn: Set<string>;
    completed: number;
    skipped: Record<string, number>;
    placeholders: number;
    activated: Set<bigint>;
    voided: Set<bigint>;
    reissued: number;
    verdictsSkipped: number;
    drawAbandoned: boolean;
  }
  const campaigns = new Map<bigint, Campaign>();
  const entries = new Map<
    bigint,
    { campaign: bigint; tier?: number; claimed: boolean; exited: boolean }
  >();
  const epochs = new Map<
    string,
    {
      kind: number;
      epoch: bigint;
      leafCount: bigint;
      publishedAt: number;
      finalAt: number;
      rejected: boolean;
      finalized: boolean;
      flags: Record<string, string>;
    }
  >();
  const sales: { currency: string; price: bigint; fee: bigint; royalty: bigint; day: string }[] =
    [];
  const listings = new Map<
    string,
    { seller: string; currency: string; price: bigint; status: string }
  >();
  const offers = new Map<string, { amount: bigint; expiry: number; status: string }>();
  const schedules = new Map<
    string,
    {
      amount: bigint;
      start: number;
      cliff: number;
      duration: number;
      selfLock: boolean;
      source: string;
      revoked: boolean;
      clawedBack: bigint;
      released: bigint;
    }
  >();
  const seeds = new Map<
    Hex,
    {
      purpose?: string;
      campaignId?: bigint;
      committedAt?: number;
      entropyBlock?: bigint;
      revealDeadline?: bigint;
      revealed?: boolean;
      missed?: boolean;
      failed?: boolean;
    }
  >();
  let minDelay: number | null = null;
  const operations = new Map<
    Hex,
    {
      scheduledAt: number;
      readyAt: number;
      executed: boolean;
      cancelled: boolean;
      calls: { target: Address; value: bigint; data: Hex }[];
    }
  >();
  const client = createPublicClient({ chain: hardhat, transport: http(url) });
  const campaignsContract = getContract({
    address: contracts.CampaignManager,
    abi: campaignManagerAbi,
    client,
  });
  const drawContract = getContract({ address: contracts.PrizeDraw, abi: prizeDrawAbi, client });
  let funded = 0n;
  const pools = new Map<
    bigint,
    {
      amount: bigint;
      claimed: bigint;
      claims: number;
      rolledOver: bigint | null;
      expiresAt: number;
    }
  >();

  const settles = (input: Hex | undefined): "listing" | "signed" | "offer" | undefined => {
    const name = input ? selectorNames.get(input.slice(0, 10)) : undefined;
    return name === "buySigned"
      ? "signed"
      : name === "acceptOffer"
        ? "offer"
        : name
          ? "listing"
          : undefined;
  };
  const killListing = (collection: string, tokenId: bigint, seller?: string) => {
    const l = listings.get(`${lower(collection)}-${tokenId}`);
    if (l && l.status === "live" && (!seller || lower(l.seller) === lower(seller)))
      l.status = "dead";
  };

  for (const log of decoded) {
    const t = times.get(log.blockNumber)!;
    const from = log.address;
    switch (log.eventName) {
      case "CampaignCreated": {
        const { campaignId, config, tiers } = log.args;
        campaigns.set(campaignId, {
          capacity: config.capacity,
          tiers: tiers.map((r) => ({ kind: r.kind, winners: r.winners })),
          joined: 0,
          drawn: new Set(),
          completed: 0,
          skipped: Object.fromEntries(SKIP.map((r) => [r, 0])),
          placeholders: 0,
          activated: new Set(),
          voided: new Set(),
          reissued: 0,
          verdictsSkipped: 0,
          drawAbandoned: false,
        });
        for (const purpose of ["selection", "draw"] as const)
          seeds.set(
            purpose === "selection"
              ? await campaignsContract.read.selectionKey([campaignId])
              : await drawContract.read.drawKey([campaignId]),
            { purpose, campaignId },
          );
        break;
      }
      case "TicketReissued":
        campaigns.get(log.args.campaignId)!.reissued++;
        break;
      case "DrawAbandoned":
        campaigns.get(log.args.campaignId)!.drawAbandoned = true;
        break;
      case "VerdictSkipped":
        campaigns.get(log.args.campaignId)!.verdictsSkipped++;
        break;
      case "SeedCommitted": {
        const seed = seeds.get(log.args.key) ?? {};
        seeds.set(log.args.key, {
          ...seed,
          committedAt: t,
          entropyBlock: log.args.entropyBlock,
          revealDeadline: log.args.revealDeadline,
        });
        break;
      }
      case "SeedRevealed":
        seeds.set(log.args.key, { ...seeds.get(log.args.key), revealed: true });
        break;
      case "RevealMissed":
        seeds.set(log.args.key, { ...seeds.get(log.args.key), missed: true });
        break;
      case "SeedFailed":
        seeds.set(log.args.key, { ...seeds.get(log.args.key), missed: true, failed: true });
        break;
      case "MinDelayChange":
        minDelay = Number(log.args.newDuration);
        break;
      case "CallScheduled": {
        const a = log.args;
        const op = operations.get(a.id) ?? {
          readyAt: t + Number(a.delay),
          scheduledAt: t,
          executed: false,
          cancelled: false,
          calls: [],
        };
        op.calls.push({ target: a.target, value: a.value, data: a.data });
        operations.set(a.id, op);
        break;
      }
      case "CallExecuted":
        operations.get(log.args.id)!.executed = true;
        break;
      case "Cancelled":
        operations.get(log.args.id)!.cancelled = true;
        break;
      case "Joined":
        campaigns.get(log.args.campaignId)!.joined++;
        break;
      case "ParticipantSelected":
        campaigns.get(log.args.campaignId)!.drawn.add(lower(log.args.account));
        break;
      case "CompletionsRecorded":
        campaigns.get(log.args.campaignId)!.completed += log.args.accounts.length;
        break;
      case "CompletionSkipped":
        campaigns.get(log.args.campaignId)!.skipped[SKIP[log.args.reason]!]!++;
        break;
      case "PlaceholdersMinted":
        campaigns.get(log.args.campaignId)!.placeholders += Number(log.args.count);
        break;
      case "TicketsActivated":
        for (const id of log.args.ids) campaigns.get(log.args.campaignId)!.activated.add(id);
        break;
      case "TicketVoided":
        campaigns.get(log.args.campaignId)!.voided.add(log.args.tokenId);
        break;
      case "TicketEnteredDraw":
        entries.set(log.args.ticketId, {
          campaign: log.args.campaignId,
          claimed: false,
          exited: false,
        });
        break;
      case "WinnerDrawn":
        entries.get(log.args.ticketId)!.tier = Number(log.args.tier);
        break;
      case "PrizePaid":
      case "PrizeRedemption":
        entries.get(log.args.ticketId)!.claimed = true;
        if (log.eventName === "PrizePaid" && log.args.vested > 0n)
          schedules.get(`${lower(log.args.owner)}-${log.args.vestingNonce}`)!.source = "prize";
        break;
      case "TicketExited":
        entries.get(log.args.ticketId)!.exited = true;
        break;
      case "EpochPublished": {
        const a = log.args;
        epochs.set(`${a.kind}-${a.epoch}`, {
          kind: a.kind,
          epoch: a.epoch,
          leafCount: a.leafCount,
          publishedAt: t,
          finalAt: a.finalAt,
          rejected: false,
          finalized: false,
          flags: Object.fromEntries(
            a.summaryKeys.map((k, i) => [
              hexToString(k, { size: 32 }).replace(/\0+$/, ""),
              a.summaryValues[i]!.toString(),
            ]),
          ),
        });
        break;
      }
      case "EpochRejected":
        epochs.get(`${log.args.kind}-${log.args.epoch}`)!.rejected = true;
        break;
      case "EpochFinalized":
        epochs.get(`${log.args.kind}-${log.args.epoch}`)!.finalized = true;
        break;
      case "Listed":
        listings.set(`${lower(log.args.collection)}-${log.args.tokenId}`, {
          seller: log.args.seller,
          currency: log.args.mesi ? "MESI" : "ETH",
          price: log.args.price,
          status: "live",
        });
        break;
      case "ListingPriceUpdated":
        listings.get(`${lower(log.args.collection)}-${log.args.tokenId}`)!.price = log.args.price;
        break;
      case "ListingCancelled":
        listings.get(`${lower(log.args.collection)}-${log.args.tokenId}`)!.status = "cancelled";
        break;
      case "Sale": {
        const a = log.args;
        const currency = a.currency === zeroAddress ? "ETH" : "MESI";
        sales.push({
          currency,
          price: a.price,
          fee: a.fee,
          royalty: a.royalty,
          day: new Date(t * 1000).toISOString().slice(0, 10),
        });
        const key = `${lower(a.collection)}-${a.tokenId}`;
        const l = listings.get(key);
        const via = settles(inputs.get(log.transactionHash)) ?? "listing";
        if (l && l.status === "live" && lower(l.seller) === lower(a.seller) && via !== "signed")
          l.status = "sold";
        const o = offers.get(`${key}-${lower(a.buyer)}`);
        if (via === "offer" && o) o.status = "accepted";
        break;
      }
      case "Transfer":
        if ("id" in log.args || "tokenId" in log.args) {
          const id = "id" in log.args ? log.args.id : (log.args as { tokenId: bigint }).tokenId;
          if (log.args.from !== zeroAddress) killListing(from, id);
        }
        break;
      case "TicketEntered":
        if (log.args.entered && isTicket(from)) killListing(from, log.args.tokenId);
        break;
      case "OfferMade":
        offers.set(`${lower(log.args.collection)}-${log.args.tokenId}-${lower(log.args.bidder)}`, {
          amount: log.args.amount,
          expiry: log.args.expiry,
          status: "open",
        });
        break;
      case "OfferCancelled":
        offers.get(
          `${lower(log.args.collection)}-${log.args.tokenId}-${lower(log.args.bidder)}`,
        )!.status = "cancelled";
        break;
      case "ScheduleCreated": {
        const w = log.args.schedule;
        const flags = Number((w >> 216n) & 0xffn);
        schedules.set(`${lower(log.args.beneficiary)}-${log.args.nonce}`, {
          amount: w & ((1n << 112n) - 1n),
          start: Number((w >> 112n) & ((1n << 40n) - 1n)),
          cliff: Number((w >> 152n) & 0xffffffffn),
          duration: Number((w >> 184n) & 0xffffffffn),
          selfLock: (flags & 4) !== 0,
          source: (flags & 4) !== 0 ? "lock" : "grant",
          revoked: false,
          clawedBack: 0n,
          released: 0n,
        });
        break;
      }
      case "Released":
        schedules.get(`${lower(log.args.beneficiary)}-${log.args.nonce}`)!.released +=
          log.args.amount;
        break;
      case "Revoked": {
        const s = schedules.get(`${lower(log.args.beneficiary)}-${log.args.nonce}`)!;
        s.revoked = true;
        s.clawedBack = log.args.clawedBack;
        break;
      }
      case "Funded":
        funded += log.args.amount;
        break;
      case "PoolOpened":
        pools.set(log.args.epoch, {
          amount: log.args.amount,
          claimed: 0n,
          claims: 0,
          rolledOver: null,
          expiresAt: log.args.expiresAt,
        });
        break;
      case "RevenueClaimed": {
        const p = pools.get(log.args.epoch)!;
        p.claimed += log.args.amount;
        p.claims++;
        if (log.args.vested)
          schedules.get(`${lower(log.args.creator)}-${log.args.vestingNonce}`)!.source = "revenue";
        break;
      }
      case "PoolRolledOver":
        pools.get(log.args.epoch)!.rolledOver = log.args.unclaimed;
        break;
    }
  }

  const statusOf = (e: { rejected: boolean; finalized: boolean; finalAt: number }) =>
    e.rejected ? "rejected" : e.finalized || e.finalAt <= now ? "final" : "pending";
  const sorted = <T>(m: Map<bigint, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
  const group = <T>(xs: T[], key: (x: T) => string) => {
    const m = new Map<string, T[]>();
    for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  const epochList = [...epochs.values()].sort((a, b) =>
    a.kind !== b.kind ? a.kind - b.kind : a.epoch < b.epoch ? -1 : 1,
  );
  const live = [...listings.entries()].filter(([, l]) => l.status === "live");
  const scheduleList = [...schedules.values()];
  const vestedNow = (s: (typeof scheduleList)[number]) =>
    s.revoked
      ? s.amount - s.clawedBack
      : now < s.start + s.cliff
        ? 0n
        : s.duration === 0 || now >= s.start + s.duration
          ? s.amount
          : (s.amount * BigInt(now - s.start)) / BigInt(s.duration);
  const poolList = sorted(pools);
  const pooled = sum(poolList.map(([, p]) => p.amount));
  const rolled = sum(poolList.map(([, p]) => p.rolledOver ?? 0n));

  const seedList = [...seeds.entries()]
    .map(([key, x]) => ({
      key: lower(key),
      purpose: x.purpose ?? null,
      campaignId: x.campaignId === undefined ? null : x.campaignId.toString(),
      status: x.failed
        ? "failed"
        : x.missed
          ? "missed"
          : x.revealed
            ? "revealed"
            : x.committedAt === undefined
              ? "uncommitted"
              : x.revealDeadline! < toBlock
                ? "overdue"
                : "committed",
      committedAt: x.committedAt ?? null,
      entropyBlock: x.entropyBlock === undefined ? null : Number(x.entropyBlock),
      revealDeadline: x.revealDeadline === undefined ? null : Number(x.revealDeadline),
    }))
    .sort((a, b) =>
      a.campaignId !== b.campaignId
        ? a.campaignId === null
          ? 1
          : b.campaignId === null
            ? -1
            : BigInt(a.campaignId) < BigInt(b.campaignId)
              ? -1
              : 1
        : (a.purpose ?? "~") !== (b.purpose ?? "~")
          ? (a.purpose ?? "~") < (b.purpose ?? "~")
            ? -1
            : 1
          : a.key < b.key
            ? -1
            : 1,
    );
  const countSeeds = (status: string) => seedList.filter((x) => x.status === status).length;
  const ops = [...operations.entries()];
  const open = ops.filter(([, o]) => !o.executed && !o.cancelled);
  const named = new Map(
    abis(contracts).map(([address, abi]) => [
      lower(address),
      { abi, name: nameOf(contracts, address) },
    ]),
  );
  const describeCall = (target: Address, data: Hex) => {
    const t = named.get(lower(target));
    if (!t) return null;
    try {
      const { functionName, args } = decodeFunctionData({ abi: t.abi as Abi, data });
      return `${functionName}(${(args ?? [])
        .map((a) =>
          JSON.stringify(a, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
        )
        .join(", ")})`;
    } catch {
      return null;
    }
  };

  return {
    campaigns: sorted(campaigns).map(([id, c]) => {
      const mine = [...entries.values()].filter((e) => e.campaign === id);
      const activated = c.activated.size;
      const voided = c.voided.size;
      return {
        campaignId: id.toString(),
        capacity: c.capacity,
        joined: c.joined,
        selected: c.joined <= c.capacity ? c.joined : c.drawn.size,
        completed: c.completed,
        skipped: c.skipped,
        placeholders: c.placeholders,
        activated,
        voided,
        awaitingVerdict: c.placeholders - activated - voided,
        passRateBps: bps(activated, voided),
        verdictsSkipped: c.verdictsSkipped,
        reissued: c.reissued,
        entered: mine.length,
        winners: mine.filter((e) => e.tier !== undefined).length,
        winnersByTier: c.tiers.map((tier, i) => ({
          tier: i,
          kind: REWARD[tier.kind]!,
          places: tier.winners,
          winners: mine.filter((e) => e.tier === i).length,
          claimed: mine.filter((e) => e.tier === i && e.claimed).length,
        })),
        prizesClaimed: mine.filter((e) => e.claimed).length,
        exited: mine.filter((e) => e.exited).length,
        drawAbandoned: c.drawAbandoned,
      };
    }),
    epochs: {
      byKind: KINDS.map((kind, k) => {
        const of = epochList.filter((e) => e.kind === k);
        return {
          kind,
          published: of.length,
          pending: of.filter((e) => statusOf(e) === "pending").length,
          final: of.filter((e) => statusOf(e) === "final").length,
          rejected: of.filter((e) => statusOf(e) === "rejected").length,
        };
      }),
      list: epochList.map((e) => ({
        kind: KINDS[e.kind]!,
        epoch: e.epoch.toString(),
        status: statusOf(e),
        leafCount: e.leafCount.toString(),
        publishedAt: e.publishedAt,
        finalAt: e.finalAt,
        flagsByRule: e.flags,
      })),
    },
    market: {
      volume: group(sales, (s) => s.currency).map(([currency, xs]) => ({
        currency,
        sales: xs.length,
        volume: sum(xs.map((s) => s.price)).toString(),
        fees: sum(xs.map((s) => s.fee)).toString(),
        royalties: sum(xs.map((s) => s.royalty)).toString(),
      })),
      floor: group(live, ([key, l]) => `${key.split("-")[0]}|${l.currency}`).map(([k, xs]) => {
        const [collection, currency] = k.split("|") as [string, string];
        return {
          collection,
          collectionName: isTicket(collection) ? "Ticket" : "GalleryCollection",
          currency,
          floor: xs
            .map(([, l]) => l.price)
            .reduce((a, b) => (a < b ? a : b))
            .toString(),
          listings: xs.length,
        };
      }),
      salesPerDay: group(sales, (s) => `${s.day}|${s.currency}`).map(([k, xs]) => ({
        day: k.split("|")[0]!,
        currency: k.split("|")[1]!,
        sales: xs.length,
        volume: sum(xs.map((s) => s.price)).toString(),
      })),
      openOffers: [...offers.values()].filter((o) => o.status === "open" && o.expiry >= now).length,
      liveListings: live.length,
    },
    vesting: {
      schedules: scheduleList.length,
      granted: sum(scheduleList.map((s) => s.amount)).toString(),
      vested: sum(scheduleList.map(vestedNow)).toString(),
      released: sum(scheduleList.map((s) => s.released)).toString(),
      clawedBack: sum(scheduleList.map((s) => s.clawedBack)).toString(),
      lockedByFans: sum(
        scheduleList.filter((s) => s.selfLock).map((s) => s.amount - s.released),
      ).toString(),
      activeLocks: scheduleList.filter((s) => s.selfLock && s.amount > s.released).length,
      bySource: group(scheduleList, (s) => s.source).map(([source, xs]) => ({
        source,
        schedules: xs.length,
        granted: sum(xs.map((s) => s.amount)).toString(),
        released: sum(xs.map((s) => s.released)).toString(),
      })),
    },
    revenue: {
      funded: funded.toString(),
      pools: poolList.length,
      pooled: pooled.toString(),
      claimed: sum(poolList.map(([, p]) => p.claimed)).toString(),
      claims: poolList.reduce((a, [, p]) => a + p.claims, 0),
      rolledOver: rolled.toString(),
      pending: (funded + rolled - pooled).toString(),
      perPool: poolList.map(([epoch, p]) => ({
        epoch: epoch.toString(),
        amount: p.amount.toString(),
        claimed: p.claimed.toString(),
        claims: p.claims,
        rolledOver: p.rolledOver === null ? null : p.rolledOver.toString(),
        expiresAt: p.expiresAt,
        status: p.rolledOver !== null ? "rolledOver" : p.expiresAt <= now ? "expired" : "open",
      })),
    },
    randomness: {
      committed: seedList.filter((x) => x.status !== "uncommitted").length,
      revealed: countSeeds("revealed"),
      missed: countSeeds("missed"),
      failed: countSeeds("failed"),
      overdue: countSeeds("overdue"),
      awaitingReveal: countSeeds("committed"),
      seeds: seedList,
    },
    governance: {
      minDelay,
      scheduled: ops.length,
      waiting: open.filter(([, o]) => o.readyAt > now).length,
      ready: open.filter(([, o]) => o.readyAt <= now).length,
      executed: ops.filter(([, o]) => o.executed).length,
      cancelled: ops.filter(([, o]) => o.cancelled).length,
      pending: open
        .sort(([ia, a], [ib, b]) =>
          a.readyAt !== b.readyAt ? a.readyAt - b.readyAt : ia < ib ? -1 : 1,
        )
        .map(([id, o]) => ({
          id,
          scheduledAt: o.scheduledAt,
          readyAt: o.readyAt,
          status: o.readyAt <= now ? "ready" : "waiting",
          calls: o.calls.map((call) => ({
            target: lower(call.target),
            targetName: named.get(lower(call.target))?.name ?? null,
            value: call.value.toString(),
            call: describeCall(call.target, call.data),
          })),
        })),
    },
  };
}

const nameOf = (c: Contracts, address: Address) =>
  Object.entries(c).find(([, a]) => lower(a) === lower(address))![0];

export type RecomputedStats = Awaited<ReturnType<typeof recomputeStats>>;
