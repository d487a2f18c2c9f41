// Path and query parameters, checked before they reach SQL or arithmetic: each one has a range
// its column holds (BIGINT ids and epochs below 2^63, token ids below 2^256), and a value
// outside it is a 400 naming the parameter, never a database error.
import { isAddress } from "viem";

const MAX_BIGINT = 2n ** 63n - 1n;
const MAX_UINT256 = 2n ** 256n - 1n;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const integer = (name: string, v: string | undefined, max: bigint): Checked<bigint> =>
  v !== undefined && /^\d{1,78}$/.test(v) && BigInt(v) <= max
    ? { ok: true, value: BigInt(v) }
    : {
        ok: false,
        error: `${name}: must be a decimal integer from 0 to ${max === MAX_BIGINT ? "2^63 − 1" : "2^256 − 1"}`,
      };

/** An epoch, a review item id, an audit sequence number: BIGINT columns. */
export const bigintParam = (name: string, v: string | undefined) => integer(name, v, MAX_BIGINT);

/** A token id: uint256. */
export const uint256Param = (name: string, v: string | undefined) => integer(name, v, MAX_UINT256);

/** An address, lower-cased. */
export const addressParam = (name: string, v: string | undefined): Checked<`0x${string}`> =>
  v !== undefined && isAddress(v, { strict: false })
    ? { ok: true, value: v.toLowerCase() as `0x${string}` }
    : { ok: false, error: `${name}: must be a 0x address` };

/** A bounded count (page sizes). */
export const limitParam = (
  name: string,
  v: string | undefined,
  fallback: number,
  max: number,
): Checked<number> => {
  const n = v === undefined ? fallback : /^\d{1,6}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= max
    ? { ok: true, value: n }
    : { ok: false, error: `${name}: must be an integer from 1 to ${max}` };
};
