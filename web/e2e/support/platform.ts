// The platform's side of the journey: it registers a campaign's tasks and posts users' work and
// activity to the oracle, HMAC-signed like the real platform (the oracle's own test client).
import { keccak256, toHex, type Address } from "viem";
import { CLIENT, post } from "../../../oracle/test/support/client.ts";
import { optInSimulatedUsers } from "../../../oracle/sim/consent.ts";
import { SCOPES } from "@mesi/abi";

export { CLIENT };

const WORDS = (
  "harbour dawn quiet boats gulls tide lantern rope fog pier sail anchor shell stone wind salt " +
  "nets mast wave cliff moon sand heron buoy kelp dune reef oar cabin gale flare keel"
).split(" ");

/** An answer in words of its own (a hash of who answers what picks them): no two look alike. */
const ownWords = (account: Address, about: string) => {
  const h = keccak256(toHex(`${account}:${about}`));
  const words = Array.from(
    { length: 16 },
    (_, k) => WORDS[parseInt(h.slice(2 + 2 * k, 4 + 2 * k), 16) % WORDS.length],
  );
  return `${about}: ${words.join(" ")}`;
};

/**
 * The platform, posting to the oracle at `oracleUrl`. `chain.now` is the chain's clock (unix
 * seconds): work is dated by the later of it and the wall clock, since the oracle accepts a
 * submission only if its account's consent, as the chain recorded it, covered it when it was
 * made (tests move the chain's clock forward, and a busy node's blocks run ahead of the wall).
 */
export function platform(
  oracleUrl: string,
  chain: { url: string; registry: Address; now: () => Promise<number> },
) {
  const send = async (path: string, body: unknown) => {
    const res = await post((p, init) => fetch(`${oracleUrl}${p}`, init), path, body);
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  let n = 0;
  const at = (offsetMs: number) => new Date(Date.now() - 60_000 + offsetMs).toISOString();
  return {
    registerTasks: (campaignId: bigint, tasks: string[]) =>
      send("/v1/campaigns", { campaignId: String(campaignId), tasks }),
    /** Careful, varied answers taking a human while (no quality rule fires on them). */
    submitWork: async (account: Address, campaignId: bigint, tasks: string[]) => {
      const t0 = Math.max(Date.now(), (await chain.now()) * 1000 + 1_000);
      const when = (offsetMs: number) => new Date(t0 - 45_000 + offsetMs).toISOString();
      return send("/v1/submissions", {
        submissions: tasks.map((taskId, i) => ({
          id: `e2e-${account.slice(2, 10)}-${campaignId}-${taskId}-${++n}`,
          account,
          campaignId: String(campaignId),
          taskId,
          taskType: "prompt_answer",
          answer: ownWords(account, `${taskId} ${i + n}`),
          startedAt: when(i * 4_000),
          submittedAt: when(i * 4_000 + 45_000),
        })),
      });
    },
    /** `perAccount` answers from each of `accounts` accounts (a load for benchmarks), in batches. */
    async submitMany(accounts: number, perAccount: number, campaignId = 0n) {
      const addressOf = (a: number) => `0x${(0xbe00000 + a).toString(16).padStart(40, "0")}`;
      // These accounts consent to prompts first (impersonated on the dev node); their work is
      // dated after it.
      const { consentedBy } = await optInSimulatedUsers(
        chain.url,
        chain.registry,
        Array.from({ length: accounts }, (_, a) => addressOf(a)),
        SCOPES.ai_prompts,
      );
      const t0 = Math.max(Date.now(), consentedBy + 1_000);
      const after = (offsetMs: number) => new Date(t0 + offsetMs).toISOString();
      const all = Array.from({ length: accounts * perAccount }, (_, i) => {
        const a = Math.floor(i / perAccount);
        const account = addressOf(a);
        return {
          id: `bench-${a}-${i % perAccount}-${++n}`,
          account,
          campaignId: String(campaignId),
          taskId: `t${i % perAccount}`,
          taskType: "prompt_answer",
          answer: `account ${a} writes answer ${i % perAccount}: ${"harbour dawn quiet boats gulls tide"
            .split(" ")
            .slice(0, 3 + (i % 4))
            .join(" ")} ${a * 7919 + i}`,
          startedAt: after((i % 50) * 1_000),
          submittedAt: after((i % 50) * 1_000 + 30_000 + (a % 17) * 1_000),
        };
      });
      for (let i = 0; i < all.length; i += 5_000)
        await send("/v1/submissions", { submissions: all.slice(i, i + 5_000) });
    },
    /** Fans viewing a creator's item for `minutes` each. */
    viewItem: (
      fans: Address[],
      creator: Address,
      collection: Address,
      tokenId: bigint,
      minutes: number,
    ) =>
      send("/v1/events", {
        events: fans.map((actor) => ({
          id: `e2e-view-${actor.slice(2, 10)}-${tokenId}-${++n}`,
          kind: "view",
          actor,
          collection,
          tokenId: String(tokenId),
          creator,
          durationMs: minutes * 60_000,
          occurredAt: at(0),
        })),
      }),
  };
}
