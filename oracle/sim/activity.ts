// A deterministic simulator of one epoch of platform activity: fans view (with a duration),
// like, share, comment on and buy creators' NFTs, tip creators and visit their profiles.
// Popularity is skewed (a few NFTs draw most attention, as on real platforms) and a few
// "whales" spend far more than everyone else, which is what the per-fan caps are for.
import { prng } from "./simulate.ts";

export interface ActivityOptions {
  seed: number;
  /** Fan addresses (e.g. the submission simulator's users). */
  fans: readonly string[];
  nfts: number;
  galleries: number;
  /** The NFT collection the creators' items live in. */
  collection: string;
  /** Epoch start, ms since 1970. */
  start: number;
}

export interface SimEvent {
  id: string;
  kind: "view" | "like" | "share" | "comment" | "purchase" | "tip" | "profile_view";
  actor: string;
  collection?: string;
  tokenId?: string;
  creator: string;
  durationMs: number;
  amountWei: string;
  occurredAt: Date;
}

export const creatorAddress = (g: number) => `0x${(0xc000 + g).toString(16).padStart(40, "0")}`;

/**
 * NFT `nft` (0-based) of the simulation is token nft + 1 of the gallery collection, made by
 * gallery nft % galleries: the order mintSimulatedGalleries mints them in on a dev chain.
 */
export const simulatedNft = (nft: number, galleries: number) => ({
  tokenId: String(nft + 1),
  creator: creatorAddress(nft % galleries),
});

export function simulateActivity(o: ActivityOptions): SimEvent[] {
  return [...activityEvents(o)];
}

/**
 * The same events one at a time, fan after fan: a million fans' epoch is generated without
 * holding it (bench:scale streams ten million events this way). `sessions` caps a fan's
 * sessions (default 5; whales get 12 or 2.4 × the cap).
 */
export function* activityEvents(o: ActivityOptions & { sessions?: number }): Generator<SimEvent> {
  const rand = prng(o.seed ^ 0x5eed);
  const maxSessions = o.sessions ?? 5;
  const whaleSessions = Math.max(12, Math.round(maxSessions * 2.4));
  // Zipf-like popularity: weight 1/(rank+1), picked by binary search over the running sums.
  const cumulative = new Float64Array(o.nfts);
  let total = 0;
  for (let i = 0; i < o.nfts; i++) cumulative[i] = total += 1 / (i + 1);
  const pickNft = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = o.nfts - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! >= x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  let n = 0;
  const event = (e: Omit<SimEvent, "id">): SimEvent => ({ id: `act-${o.seed}-${n++}`, ...e });
  for (let f = 0; f < o.fans.length; f++) {
    const fan = o.fans[f]!;
    const whale = f % 50 === 7;
    const sessions = 1 + Math.floor(rand() * (whale ? whaleSessions : maxSessions));
    for (let s = 0; s < sessions; s++) {
      const nft = pickNft();
      const { tokenId, creator } = simulatedNft(nft, o.galleries);
      const at = new Date(o.start + rand() * 86_400_000);
      const on = { collection: o.collection, tokenId, creator, occurredAt: at };
      yield event({
        kind: "view",
        actor: fan,
        ...on,
        durationMs: Math.round(5_000 + rand() ** 2 * 20 * 60_000),
        amountWei: "0",
      });
      const r = rand();
      if (r < 0.3) yield event({ kind: "like", actor: fan, ...on, durationMs: 0, amountWei: "0" });
      if (r < 0.1) yield event({ kind: "share", actor: fan, ...on, durationMs: 0, amountWei: "0" });
      if (r < 0.15)
        yield event({ kind: "comment", actor: fan, ...on, durationMs: 0, amountWei: "0" });
      if (whale || r < 0.03)
        yield event({
          kind: "purchase",
          actor: fan,
          ...on,
          durationMs: 0,
          amountWei: String(BigInt(Math.round((whale ? 50 : 5) * (1 + rand()) * 1e6)) * 10n ** 12n),
        });
      if (rand() < 0.2)
        yield event({
          kind: "profile_view",
          actor: fan,
          creator,
          occurredAt: at,
          durationMs: Math.round(10_000 + rand() * 5 * 60_000),
          amountWei: "0",
        });
      if (rand() < 0.05)
        yield event({
          kind: "tip",
          actor: fan,
          creator,
          occurredAt: at,
          durationMs: 0,
          amountWei: String(BigInt(Math.round(rand() * 1e6)) * 10n ** 12n),
        });
    }
  }
}
