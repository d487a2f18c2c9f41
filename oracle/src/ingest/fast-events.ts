// The hot path of event ingestion: a batch of well-formed events is checked by hand, without
// zod, giving exactly the value activityEventSchema gives (same fields, same key order, so the
// same payload hash). It only ever accepts what the schema accepts; anything else, and every
// refusal, goes to the schema, whose errors name the field and the rule. At ten million events
// an epoch, zod's per-event cost was the largest share of the server's time (bench:scale).
import { ACTIVITY_KINDS, MAX_BATCH, RANGES, type ActivityEvent } from "./schemas.ts";

const KINDS: ReadonlySet<string> = new Set(ACTIVITY_KINDS);
const KEYS: ReadonlySet<string> = new Set([
  "id",
  "kind",
  "actor",
  "collection",
  "tokenId",
  "creator",
  "durationMs",
  "amountWei",
  "occurredAt",
]);
const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const DECIMAL = /^\d{1,78}$/;

const address = (v: unknown): string | undefined =>
  typeof v === "string" && ADDRESS.test(v) ? v.toLowerCase() : undefined;

/** A uint as the schema takes it (decimal string, or a safe JSON integer) within max. */
function uint(v: unknown, max: bigint): bigint | undefined {
  if (typeof v === "number")
    return Number.isSafeInteger(v) && v >= 0 && BigInt(v) <= max ? BigInt(v) : undefined;
  if (typeof v !== "string" || !DECIMAL.test(v)) return undefined;
  const n = BigInt(v);
  return n <= max ? n : undefined;
}

/** Only the canonical UTC form (`toISOString`, with or without milliseconds). */
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function instant(v: unknown): Date | undefined {
  // Read by hand: Date's own parser and toISOString round trip cost more than the rest of the
  // event's checks together. Years before 1970 are out of range (and Date.UTC would take 0–99
  // as 1900–1999).
  const m = typeof v === "string" ? ISO.exec(v) : null;
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!];
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  if (d > (mo === 2 && leap(y) ? 29 : DAYS[mo - 1]!)) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, m[7] === undefined ? 0 : +m[7]);
  return t >= RANGES.time.min && t <= RANGES.time.max ? new Date(t) : undefined;
}

/** A checked event and its canonical body (the text its payload hash covers, store.ts). */
export interface CanonicalEvent {
  item: ActivityEvent;
  canonical: string;
}

function event(raw: unknown): CanonicalEvent | undefined {
  if (typeof raw !== "object" || raw === null || Object.getPrototypeOf(raw) !== Object.prototype)
    return undefined;
  const r = raw as Record<string, unknown>;
  for (const k in r) if (!KEYS.has(k) || r[k] === undefined) return undefined;
  const { id, kind, durationMs } = r;
  if (typeof id !== "string" || !ID.test(id) || typeof kind !== "string" || !KINDS.has(kind))
    return undefined;
  const actor = address(r.actor);
  const occurredAt = instant(r.occurredAt);
  if (actor === undefined || occurredAt === undefined) return undefined;
  if ("collection" in r !== "tokenId" in r) return undefined;
  const out: Record<string, unknown> = { id, kind, actor };
  if ("collection" in r) {
    const collection = address(r.collection);
    const tokenId = uint(r.tokenId, RANGES.id256.max);
    if (collection === undefined || tokenId === undefined) return undefined;
    out.collection = collection;
    out.tokenId = tokenId;
  }
  if ("creator" in r) {
    const creator = address(r.creator);
    if (creator === undefined) return undefined;
    out.creator = creator;
  }
  if ("durationMs" in r) {
    if (
      typeof durationMs !== "number" ||
      !Number.isSafeInteger(durationMs) ||
      durationMs < RANGES.durationMs.min ||
      durationMs > RANGES.durationMs.max
    )
      return undefined;
    out.durationMs = durationMs;
  } else out.durationMs = 0;
  if ("amountWei" in r) {
    const amountWei = uint(r.amountWei, RANGES.amountWei.max);
    if (amountWei === undefined) return undefined;
    out.amountWei = amountWei;
  } else out.amountWei = 0n;
  out.occurredAt = occurredAt;
  // The canonical body written straight from the checked values (store.ts's `canonical` gives
  // the same bytes, a property test holds them equal): nothing in them needs escaping.
  const when = r.occurredAt as string;
  let text = `{"id":"${id}","kind":"${kind}","actor":"${actor}"`;
  if ("collection" in out) text += `,"collection":"${out.collection}","tokenId":"${out.tokenId}"`;
  if ("creator" in out) text += `,"creator":"${out.creator}"`;
  text += `,"durationMs":${out.durationMs},"amountWei":"${out.amountWei}","occurredAt":"${
    when.length === 20 ? `${when.slice(0, -1)}.000Z` : when
  }"}`;
  return { item: out as unknown as ActivityEvent, canonical: text };
}

/**
 * The batch's events as the schema gives them, each with its canonical body, or undefined:
 * then the schema decides.
 */
export function fastEventBatch(body: unknown): CanonicalEvent[] | undefined {
  if (typeof body !== "object" || body === null || Object.getPrototypeOf(body) !== Object.prototype)
    return undefined;
  const b = body as Record<string, unknown>;
  for (const k in b) if (k !== "events") return undefined;
  const events = b.events;
  if (!Array.isArray(events) || events.length < 1 || events.length > MAX_BATCH) return undefined;
  const out: CanonicalEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = event(events[i]);
    if (e === undefined) return undefined;
    out[i] = e;
  }
  return out;
}
