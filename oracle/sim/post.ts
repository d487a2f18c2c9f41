// Posts simulated submissions and activity to a running oracle through its signed batch
// endpoints, with progress.
import { signedHeaders, type ApiClient } from "../src/ingest/auth.ts";
import type { Simulation } from "./simulate.ts";
import type { SimEvent } from "./activity.ts";

interface PostOptions {
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

/** One signed POST; anything but 200/201 is an error naming the route. */
async function postJson(baseUrl: string, client: ApiClient, route: string, value: unknown) {
  const body = JSON.stringify(value);
  const res = await fetch(`${baseUrl}${route}`, {
    method: "POST",
    headers: signedHeaders(client, route, body),
    body,
  });
  if (res.status !== 200 && res.status !== 201)
    throw new Error(`${route}: HTTP ${res.status} ${await res.text()}`);
  return res;
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
    const res = await postJson(baseUrl, client, route, { [key]: items.slice(i, i + size) });
    const r = (await res.json()) as { accepted: number; duplicates: number };
    accepted += r.accepted;
    duplicates += r.duplicates;
    opts.onProgress?.(Math.min(i + size, items.length), items.length);
  }
  return { accepted, duplicates };
}

/** Registers the simulation's campaigns (tasks and gold commitments), as the platform would. */
export async function postCampaigns(
  baseUrl: string,
  client: ApiClient,
  sim: Pick<Simulation, "campaigns">,
): Promise<void> {
  for (const c of sim.campaigns)
    await postJson(baseUrl, client, "/v1/campaigns", {
      campaignId: c.campaignId,
      tasks: c.tasks,
      goldCommitment: c.goldCommitment,
    });
}

/** Reveals the simulation's gold sets, as the platform does once its campaigns closed. */
export async function postGoldReveals(
  baseUrl: string,
  client: ApiClient,
  sim: Pick<Simulation, "campaigns">,
): Promise<void> {
  for (const c of sim.campaigns) await postJson(baseUrl, client, "/v1/campaigns/gold", c.gold);
}

export const postSimulation = (
  baseUrl: string,
  client: ApiClient,
  sim: Pick<Simulation, "submissions">,
  opts: PostOptions = {},
) =>
  postBatches(
    baseUrl,
    client,
    "/v1/submissions",
    "submissions",
    sim.submissions.map((s) => ({
      id: s.id,
      account: s.account,
      campaignId: s.campaignId,
      taskId: s.taskId,
      taskType: s.taskType,
      answer: s.answer ?? undefined,
      rating: s.rating ?? undefined,
      choice: s.choice ?? undefined,
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
