// Robust statistics the crowd-relative rules share: medians and MADs are not moved by a
// minority of abusers, so a crowd with many kinds of abuse still defines "normal".

export function median(xs: readonly number[]): number {
  if (!xs.length) return 0;
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median absolute deviation scaled to a normal's standard deviation. */
export const mad = (xs: readonly number[], med = median(xs)): number =>
  median(xs.map((x) => Math.abs(x - med))) * 1.4826;

/** Robust z-scores; `floor` keeps a spread of (almost) zero from blowing them up. */
export function robustZ(xs: readonly number[], floor: number): number[] {
  const med = median(xs);
  const spread = Math.max(floor, mad(xs, med));
  return xs.map((x) => (x - med) / spread);
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  let term = (1 - p) ** n;
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= ((n - i + 1) / i) * (p / (1 - p));
    sum += term;
  }
  return Math.min(1, sum);
}

export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
export const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
