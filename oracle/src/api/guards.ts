// What keeps the server's memory bounded on hostile input, whatever the route:
//   - a body is read from the stream with its route's limit counted as the bytes arrive: a
//     declared Content-Length above the limit is refused before reading a byte, an undeclared
//     (chunked) body is refused at the first byte over it; nothing is ever buffered whole first;
//   - routes that take no body refuse one;
//   - requests beyond a fixed number in flight get 429 with Retry-After at once, without their
//     body being read, so a burst gets answers instead of a queue that grows without bound.
// Memory bound (docs/ARCHITECTURE.md): baseline + maxBodiesInFlight × maxBody × a small factor.
import type { Context, MiddlewareHandler } from "hono";
import { NOT_JSON } from "../ingest/schemas.ts";

export type BodyResult = { ok: true; text: string } | { ok: false; res: Response };

const tooLarge = (c: Context, max: number) =>
  c.json(
    {
      error: `body is larger than ${max} bytes`,
      issues: [{ field: "(body)", rule: `must be at most ${max} bytes` }],
    },
    413,
  );

/** Reads the request body as UTF-8, refusing it (413) as soon as it exceeds `max` bytes. */
export async function readBody(c: Context, max: number): Promise<BodyResult> {
  const declared = c.req.header("content-length");
  if (declared !== undefined && !(Number(declared) <= max))
    return { ok: false, res: tooLarge(c, max) };
  const stream = c.req.raw.body;
  if (!stream) return { ok: true, text: "" };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      // Stop reading: the rest is discarded by the HTTP server, never held.
      await reader.cancel().catch(() => undefined);
      return { ok: false, res: tooLarge(c, max) };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const ch of chunks) {
    bytes.set(ch, at);
    at += ch.byteLength;
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return {
      ok: false,
      res: c.json(
        { error: "body is not UTF-8", issues: [{ field: "(body)", rule: "must be UTF-8 JSON" }] },
        400,
      ),
    };
  }
}

/** Reads and parses a JSON body of at most `max` bytes (400 when it is not JSON). */
export async function readJson(
  c: Context,
  max: number,
): Promise<{ ok: true; body: unknown; text: string } | { ok: false; res: Response }> {
  const raw = await readBody(c, max);
  if (!raw.ok) return raw;
  try {
    return { ok: true, body: JSON.parse(raw.text), text: raw.text };
  } catch {
    return { ok: false, res: c.json(NOT_JSON, 400) };
  }
}

/** Refuses a body on a route that takes none (a GET), before anything reads it. */
export const noBody: MiddlewareHandler = async (c, next) => {
  const length = c.req.header("content-length");
  if ((length !== undefined && length !== "0") || c.req.header("transfer-encoding") !== undefined)
    return tooLarge(c, 0);
  await next();
};

/** At most `max` requests in flight through this gate; the others get 429 and Retry-After. */
export function inFlightLimit(max: number, retryAfterSeconds = 1): MiddlewareHandler {
  let inFlight = 0;
  return async (c, next) => {
    if (inFlight >= max) {
      c.header("Retry-After", String(retryAfterSeconds));
      return c.json({ error: "the oracle is busy: retry after the Retry-After seconds" }, 429);
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
}
