// Seedable randomness for the simulators: the same seed gives the same day, byte for byte.

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Random {
  (): number;
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number;
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  /** Zipf-weighted pick: the first items are the common ones. */
  zipf<T>(xs: readonly T[], s?: number): T;
  chance(p: number): boolean;
  normal(mean?: number, sd?: number): number;
  /** exp(normal(log(median), sigma)). */
  lognormal(median: number, sigma: number): number;
  shuffle<T>(xs: T[]): T[];
}

export function random(seed: number): Random {
  const r = prng(seed) as Random;
  r.between = (lo, hi) => lo + r() * (hi - lo);
  r.int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  r.pick = (xs) => xs[Math.floor(r() * xs.length)]!;
  r.zipf = (xs, s = 1.1) => {
    let total = 0;
    for (let i = 1; i <= xs.length; i++) total += 1 / i ** s;
    let u = r() * total;
    for (let i = 1; i <= xs.length; i++) {
      u -= 1 / i ** s;
      if (u <= 0) return xs[i - 1]!;
    }
    return xs[xs.length - 1]!;
  };
  r.chance = (p) => r() < p;
  r.normal = (mean = 0, sd = 1) =>
    mean + sd * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  r.lognormal = (median, sigma) => median * Math.exp(r.normal(0, sigma));
  r.shuffle = (xs) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  return r;
}
