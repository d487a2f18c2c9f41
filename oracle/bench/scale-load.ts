// bench:scale's platform: streams the simulator's events of `--users` fans into the oracle's
// batch endpoint (signed, 5,000 per request, 4 requests in flight) until `--events` were sent.
// Prints one JSON line per million events and a last line with the totals.
import { parseArgs } from "node:util";
import { activityEvents, type SimEvent } from "../sim/activity.ts";
import { post } from "../test/support/client.ts";
import type { ApiClient } from "../src/ingest/auth.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    events: { type: "string" },
    users: { type: "string" },
    nfts: { type: "string" },
    galleries: { type: "string" },
    collection: { type: "string" },
    client: { type: "string" },
  },
});
const total = Number(values.events);
const users = Number(values.users);
const client = JSON.parse(values.client!) as ApiClient;
const BATCH = 5_000;
const IN_FLIGHT = 4;
const fans = Array.from({ length: users }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}`);
// Ten events per fan on average: sessions up to 10 (whales 24).
const source = activityEvents({
  seed: 12,
  fans,
  nfts: Number(values.nfts),
  galleries: Number(values.galleries),
  collection: values.collection!,
  start: Date.UTC(2026, 10, 30),
  sessions: 10,
});
const fetcher = (path: string, init: RequestInit) => fetch(`${values.url}${path}`, init);
let sent = 0;
let done = false;
const actors = new Set<string>();
const nextBatch = (): SimEvent[] => {
  const batch: SimEvent[] = [];
  while (!done && batch.length < BATCH && sent + batch.length < total) {
    const n = source.next();
    if (n.done) done = true;
    else batch.push(n.value);
  }
  if (sent + batch.length >= total) done = true;
  sent += batch.length;
  return batch;
};
const t0 = performance.now();
let reported = 0;
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    for (;;) {
      const batch = nextBatch();
      if (!batch.length) return;
      for (const e of batch) actors.add(e.actor);
      for (let attempt = 0; ; attempt++) {
        const r = await post(fetcher, "/v1/events", { events: batch }, client);
        if (r.status === 201) break;
        const body = await r.text();
        if (r.status !== 429 || attempt > 50) throw new Error(`HTTP ${r.status}: ${body}`);
        await new Promise((res) => setTimeout(res, 200));
      }
      if (sent - reported >= 1_000_000) {
        reported = sent - (sent % 1_000_000);
        console.log(JSON.stringify({ sent: reported, s: (performance.now() - t0) / 1000 }));
      }
    }
  }),
);
console.log(
  JSON.stringify({
    done: true,
    events: sent,
    users: actors.size,
    s: (performance.now() - t0) / 1000,
  }),
);
