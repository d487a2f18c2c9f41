// JSON with object keys sorted at every depth: the same value always hashes the same,
// whatever order a database (jsonb) or a client gives its keys in.
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort())
      out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** JSON.stringify's replacer for values that hold bigints (logs, stored results). */
export const bigintsAsStrings = (_key: string, value: unknown): unknown =>
  typeof value === "bigint" ? value.toString() : value;
