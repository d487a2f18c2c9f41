// A platform client for tests: signs requests the way the oracle expects.
import { sign, type ApiClient } from "../../src/ingest/auth.ts";

export const CLIENT: ApiClient = {
  id: "platform",
  secret: "test-secret-0123456789",
  ratePerSecond: 10_000,
  burst: 10_000,
};

export type Fetcher = (path: string, init: RequestInit) => Promise<Response>;

/** Posts `body` (any value, or a raw string) signed by `client`; `tamper` changes headers after signing. */
export async function post(
  fetcher: Fetcher,
  path: string,
  body: unknown,
  client: ApiClient = CLIENT,
  tamper: (h: Record<string, string>) => void = () => undefined,
): Promise<Response> {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const ts = String(Date.now());
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-mesi-client": client.id,
    "x-mesi-timestamp": ts,
    "x-mesi-signature": sign(client.secret, ts, "POST", path, raw),
  };
  tamper(headers);
  return fetcher(path, { method: "POST", headers, body: raw });
}
