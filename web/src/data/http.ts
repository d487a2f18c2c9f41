// JSON over HTTP from the app's two data services (indexer, oracle), with a timeout and a
// plain message naming the service when it is down or answers with an error.
import type * as z from "zod/mini";

export class ServiceError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

/** The body of a successful answer as text; a plain ServiceError naming the service otherwise. */
export async function getText(
  service: string,
  url: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      signal: init.signal ?? AbortSignal.timeout(init.timeoutMs ?? 10_000),
    });
  } catch {
    throw new ServiceError(`The ${service} cannot be reached right now; it will be retried.`);
  }
  const text = await res.text().catch(() => "");
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const body: unknown = JSON.parse(text);
      if (body && typeof body === "object" && "error" in body) detail = String(body.error);
    } catch {
      // not JSON: the status text says it
    }
    throw new ServiceError(`The ${service} answered ${res.status}: ${detail}`, res.status);
  }
  return text;
}

export async function getJson<T>(
  service: string,
  url: string,
  schema: z.ZodMiniType<T>,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<T> {
  const text = await getText(service, url, init);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ServiceError(`The ${service} sent data this app does not understand (not JSON).`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServiceError(
      `The ${service} sent data this app does not understand (${issue?.path.join(".")}: ${issue?.message}).`,
    );
  }
  return parsed.data;
}
