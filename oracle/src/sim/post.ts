// Posts a simulation to a running oracle through its signed batch endpoint, with progress.
import { sign, type ApiClient } from "../ingest/auth.ts";
import type { Simulation } from "./simulate.ts";

export async function postSimulation(
  baseUrl: string,
  client: ApiClient,
  sim: Simulation,
  opts: {
    batch?: number;
    campaignId?: bigint;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<{ accepted: number; duplicates: number }> {
  const size = opts.batch ?? 1_000;
  const total = sim.submissions.length;
  let accepted = 0;
  let duplicates = 0;
  for (let i = 0; i < total; i += size) {
    const body = JSON.stringify({
      submissions: sim.submissions.slice(i, i + size).map((s) => ({
        id: s.id,
        account: s.account,
        campaignId: String(opts.campaignId ?? 1n),
        taskId: "sim-task",
        taskType: "prompt_answer",
        answer: s.answer ?? undefined,
        startedAt: s.startedAt.toISOString(),
        submittedAt: s.submittedAt.toISOString(),
      })),
    });
    const ts = String(Date.now());
    const res = await fetch(`${baseUrl}/v1/submissions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-mesi-client": client.id,
        "x-mesi-timestamp": ts,
        "x-mesi-signature": sign(client.secret, ts, "POST", "/v1/submissions", body),
      },
      body,
    });
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`batch at ${i}: HTTP ${res.status} ${await res.text()}`);
    const r = (await res.json()) as { accepted: number; duplicates: number };
    accepted += r.accepted;
    duplicates += r.duplicates;
    opts.onProgress?.(Math.min(i + size, total), total);
  }
  return { accepted, duplicates };
}
