// A platform client for tests: signs requests the way the oracle expects.
import { signedHeaders, type ApiClient } from "../../src/ingest/auth.ts";

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
  const headers = signedHeaders(client, path, raw);
  tamper(headers);
  return fetcher(path, { method: "POST", headers, body: raw });
}
