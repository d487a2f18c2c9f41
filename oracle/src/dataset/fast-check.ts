// A cheap structural check of a dataset line, for verify's hot path: ten million event lines
// through zod cost more than loading them. A check only ever passes what the line's zod schema
// passes unchanged (those schemas transform nothing); a line it does not pass goes to the
// schema, whose error names the line, the field and the rule. Browser-safe.

/** Passes a value that the field's schema would pass as is. */
export type FieldCheck = (v: unknown) => boolean;

const DECIMAL = /^\d{1,78}$/;

/** A string matching `re`. */
export const matches =
  (re: RegExp): FieldCheck =>
  (v) =>
    typeof v === "string" && re.test(v);

/** A decimal integer string from 0 to `max` (as `decimalUpTo(max)`). */
export function decimalAtMost(max: bigint): FieldCheck {
  // Below this many digits a decimal is under max without BigInt.
  const safeDigits = max.toString().length - 1;
  return (v) =>
    typeof v === "string" && DECIMAL.test(v) && (v.length <= safeDigits || BigInt(v) <= max);
}

/** An integer from `min` to `max`. */
export const intWithin =
  (min: number, max: number): FieldCheck =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** A string of `min` to `max` characters. */
export const stringOf =
  (min: number, max: number): FieldCheck =>
  (v) =>
    typeof v === "string" && v.length >= min && v.length <= max;

export const nullable =
  (check: FieldCheck): FieldCheck =>
  (v) =>
    v === null || check(v);

/** A plain object with exactly these keys (as `z.strictObject`), each passing its check. */
export function exactObject(shape: Record<string, FieldCheck>): FieldCheck {
  const keys = Object.keys(shape);
  const checks = keys.map((k) => shape[k]!);
  return (v) => {
    if (typeof v !== "object" || v === null || Object.getPrototypeOf(v) !== Object.prototype)
      return false;
    const o = v as Record<string, unknown>;
    let own = 0;
    for (const k in o) {
      if (!Object.hasOwn(shape, k)) return false;
      own++;
    }
    if (own !== keys.length) return false;
    for (let i = 0; i < keys.length; i++) if (!checks[i]!(o[keys[i]!])) return false;
    return true;
  };
}
