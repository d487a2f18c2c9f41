// Requests from the platform are signed per client: HMAC-SHA256 over
// `${timestamp}.${METHOD}.${path}.${body}` with the client's secret, sent as
//   x-mesi-client: <client id>   x-mesi-timestamp: <unix ms>   x-mesi-signature: <hex>
// A timestamp outside the replay window is refused, so a captured request cannot be replayed
// later; within the window, replays are harmless because ingestion is idempotent by event id.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface ApiClient {
  id: string;
  secret: string;
  /** Requests per second the client may sustain (token bucket refill rate). */
  ratePerSecond: number;
  /** Bucket size: the burst a client may send at once. */
  burst: number;
}

export const REPLAY_WINDOW_MS = 5 * 60_000;

export function sign(
  secret: string,
  timestamp: string,
  method: string,
  path: string,
  body: string,
): string {
  return createHmac("sha256", secret)
    .update(`${timestamp}.${method.toUpperCase()}.${path}.${body}`)
    .digest("hex");
}

/** The headers of a JSON POST of `body` (the exact bytes sent) to `path`, signed by `client`. */
export function signedHeaders(
  client: Pick<ApiClient, "id" | "secret">,
  path: string,
  body: string,
  now = Date.now(),
): Record<string, string> {
  const timestamp = String(now);
  return {
    "content-type": "application/json",
    "x-mesi-client": client.id,
    "x-mesi-timestamp": timestamp,
    "x-mesi-signature": sign(client.secret, timestamp, "POST", path, body),
  };
}

export type AuthResult =
  { ok: true; client: ApiClient } | { ok: false; status: 401; reason: string };

export function authenticate(
  clients: ReadonlyMap<string, ApiClient>,
  headers: {
    client?: string | undefined;
    timestamp?: string | undefined;
    signature?: string | undefined;
  },
  method: string,
  path: string,
  body: string,
  now = Date.now(),
): AuthResult {
  if (!headers.client || !headers.timestamp || !headers.signature) {
    return {
      ok: false,
      status: 401,
      reason: "x-mesi-client, x-mesi-timestamp and x-mesi-signature headers are required",
    };
  }
  const client = clients.get(headers.client);
  if (!client) return { ok: false, status: 401, reason: "unknown client" };
  const ts = Number(headers.timestamp);
  if (!Number.isSafeInteger(ts) || Math.abs(now - ts) > REPLAY_WINDOW_MS) {
    return { ok: false, status: 401, reason: "x-mesi-timestamp is outside the replay window" };
  }
  const expected = Buffer.from(sign(client.secret, headers.timestamp, method, path, body), "hex");
  const given = Buffer.from(
    /^[0-9a-f]{64}$/i.test(headers.signature) ? headers.signature : "",
    "hex",
  );
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, status: 401, reason: "bad signature" };
  }
  return { ok: true, client };
}
