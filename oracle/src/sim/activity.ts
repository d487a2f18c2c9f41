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
  const rand = prng(o.seed ^ 0x5eed);
  const events: SimEvent[] = [];
  // Zipf-like popularity: weight 1/(rank+1).
  const weights = Array.from({ length: o.nfts }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickNft = () => {
    let x = rand() * total;
    for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) <= 0) return i;
    return o.nfts - 1;
  };
  let n = 0;
  const add = (e: Omit<SimEvent, "id">) => events.push({ id: `act-${o.seed}-${n++}`, ...e });
  o.fans.forEach((fan, f) => {
    const whale = f % 50 === 7;
    const sessions = 1 + Math.floor(rand() * (whale ? 12 : 5));
    for (let s = 0; s < sessions; s++) {
      const nft = pickNft();
      const { tokenId, creator } = simulatedNft(nft, o.galleries);
      const at = new Date(o.start + rand() * 86_400_000);
      const on = { collection: o.collection, tokenId, creator, occurredAt: at };
      add({
        kind: "view",
        actor: fan,
        ...on,
        durationMs: Math.round(5_000 + rand() ** 2 * 20 * 60_000),
        amountWei: "0",
      });
      const r = rand();
      if (r < 0.3) add({ kind: "like", actor: fan, ...on, durationMs: 0, amountWei: "0" });
      if (r < 0.1) add({ kind: "share", actor: fan, ...on, durationMs: 0, amountWei: "0" });
      if (r < 0.15) add({ kind: "comment", actor: fan, ...on, durationMs: 0, amountWei: "0" });
      if (whale || r < 0.03)
        add({
          kind: "purchase",
          actor: fan,
          ...on,
          durationMs: 0,
          amountWei: String(BigInt(Math.round((whale ? 50 : 5) * (1 + rand()) * 1e6)) * 10n ** 12n),
        });
      if (rand() < 0.2)
        add({
          kind: "profile_view",
          actor: fan,
          creator,
          occurredAt: at,
          durationMs: Math.round(10_000 + rand() * 5 * 60_000),
          amountWei: "0",
        });
      if (rand() < 0.05)
        add({
          kind: "tip",
          actor: fan,
          creator,
          occurredAt: at,
          durationMs: 0,
          amountWei: String(BigInt(Math.round(rand() * 1e6)) * 10n ** 12n),
        });
    }
  });
  return events;
}
