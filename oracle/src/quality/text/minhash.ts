// MinHash signatures of token sets: the public trace of an answer that the near-duplicate and
// ring rules compare. 64 positions of 16 bits (b-bit MinHash: two different tokens share a
// value at one position with probability 2^-16, far below the similarities the rules read).
// Each token is hashed once; the 64 permutations are cheap integer mixes of that hash. A
// `key` (the oracle's secret) seeds the hashing so a signature cannot be inverted by hashing
// a dictionary; comparing signatures needs no key, so `verify` reruns the rules without it.
// Browser-safe: no node: imports.

export const SIGNATURE_SIZE = 64;

/** FNV-1a over UTF-16 code units, seeded. */
export function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: a bijective mix of 32 bits. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const SALTS = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix32(0x9e3779b9 * (i + 1)));

/** The MinHash signature of a token set; an empty set gives all 0xffff. */
export function minhash(tokens: readonly string[], key = 0): Uint16Array {
  const sig = new Uint16Array(SIGNATURE_SIZE).fill(0xffff);
  const mins = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const t of tokens) {
    const h = hash32(t, key);
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = mix32(h ^ SALTS[i]!);
      if (v < mins[i]!) mins[i] = v;
    }
  }
  if (tokens.length) for (let i = 0; i < SIGNATURE_SIZE; i++) sig[i] = mins[i]! >>> 16;
  return sig;
}

/** Share of positions where two signatures agree: an estimate of the sets' Jaccard similarity. */
export function jaccardEstimate(a: Uint16Array, b: Uint16Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

const HEX = "0123456789abcdef";

/** A signature as 256 hex characters (the dataset's form). */
export function signatureToHex(sig: Uint16Array): string {
  let s = "";
  for (const v of sig) s += HEX[v >>> 12]! + HEX[(v >>> 8) & 15]! + HEX[(v >>> 4) & 15]! + HEX[v & 15]!;
  return s;
}

export function signatureFromHex(hex: string): Uint16Array {
  if (!/^[0-9a-f]*$/.test(hex) || hex.length !== SIGNATURE_SIZE * 4)
    throw new Error(`signature: must be ${SIGNATURE_SIZE * 4} lower-case hex characters`);
  const sig = new Uint16Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) sig[i] = parseInt(hex.slice(i * 4, i * 4 + 4), 16);
  return sig;
}
