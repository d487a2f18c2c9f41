// Posts simulated submissions and activity to a running oracle through its signed batch
// endpoints, with progress.
import { sign, type ApiClient } from "../ingest/auth.ts";
import type { Simulation } from "./simulate.ts";
import type { SimEvent } from "./activity.ts";

interface PostOptions {
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

async function postBatches(
  baseUrl: string,
  client: ApiClient,
  route: "/v1/submissions" | "/v1/events",
  key: "submissions" | "events",
  items: readonly unknown[],
  opts: PostOptions,
): Promise<{ accepted: number; duplicates: number }> {
  const size = opts.batch ?? 1_000;
  let accepted = 0;
  let duplicates = 0;
  for (let i = 0; i < items.length; i += size) {
    const body = JSON.stringify({ [key]: items.slice(i, i + size) });
    const ts = String(Date.now());
    const res = await fetch(`${baseUrl}${route}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-mesi-client": client.id,
        "x-mesi-timestamp": ts,
        "x-mesi-signature": sign(client.secret, ts, "POST", route, body),
      },
      body,
    });
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${key} batch at ${i}: HTTP ${res.status} ${await res.text()}`);
    const r = (await res.json()) as { accepted: number; duplicates: number };
    accepted += r.accepted;
    duplicates += r.duplicates;
    opts.onProgress?.(Math.min(i + size, items.length), items.length);
  }
  return { accepted, duplicates };
}

export const postSimulation = (
  baseUrl: string,
  client: ApiClient,
  sim: Simulation,
  opts: PostOptions & { campaignId?: bigint } = {},
) =>
  postBatches(
    baseUrl,
    client,
    "/v1/submissions",
    "submissions",
    sim.submissions.map((s) => ({
      id: s.id,
      account: s.account,
      campaignId: String(opts.campaignId ?? 1n),
      taskId: "sim-task",
      taskType: "prompt_answer",
      answer: s.answer ?? undefined,
      startedAt: s.startedAt.toISOString(),
      submittedAt: s.submittedAt.toISOString(),
    })),
    opts,
  );

export const postActivity = (
  baseUrl: string,
  client: ApiClient,
  events: readonly SimEvent[],
  opts: PostOptions = {},
) =>
  postBatches(
    baseUrl,
    client,
    "/v1/events",
    "events",
    events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
    opts,
  );
