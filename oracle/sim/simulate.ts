// The simulator the demo, the CLI and the tests use: one realistic day (sim/day.ts) of honest
// fans and a share of abusive accounts spread over every abuse kind, on campaigns whose gold
// sets are committed up front and revealed with the day's close. The labels are the ground
// truth the quality tests score.
import type { Hex } from "viem";
import { keccak256, toHex } from "viem";
import { goldCommitment, type GoldReveal } from "../src/quality/gold.ts";
import { ABUSE_KINDS, generateDay, type Day, type Label } from "./day.ts";

export { prng } from "./random.ts";
export type Behaviour = Label;

export interface SimOptions {
  seed: number;
  users: number;
  /** Share of the users that abuse, spread over every abuse kind (at least one each if > 0). */
  abuse: number;
  /** Epoch start, ms since 1970. */
  start: number;
  campaigns?: number;
  tasksPerCampaign?: number;
  firstCampaign?: number;
}

export interface SimCampaign {
  campaignId: string;
  tasks: string[];
  /** The gold set, revealed after the campaign closed, and its commitment registered before. */
  gold: GoldReveal;
  goldCommitment: Hex;
}

export interface Simulation extends Day {
  campaigns: SimCampaign[];
}

export function simulate(o: SimOptions): Simulation {
  const perKind =
    o.abuse > 0 ? Math.max(1, Math.round((o.users * o.abuse) / ABUSE_KINDS.length)) : 0;
  const abuse = Object.fromEntries(
    ABUSE_KINDS.map((k) => [k, k === "ring" && perKind ? Math.max(3, perKind) : perKind]),
  );
  const honest = Math.max(1, o.users - Object.values(abuse).reduce((a, b) => a + b, 0));
  const day = generateDay({
    seed: o.seed,
    honest,
    abuse,
    start: o.start,
    campaigns: o.campaigns ?? 6,
    tasksPerCampaign: o.tasksPerCampaign ?? 20,
    firstCampaign: o.firstCampaign,
  });
  return { ...day, campaigns: campaignsOf(day, o.seed) };
}

/** A day's campaigns as the platform registers them, with gold sets salted per seed. */
export function campaignsOf(day: Pick<Day, "tasks">, seed: number): SimCampaign[] {
  const byCampaign = new Map<string, Day["tasks"]>();
  for (const t of day.tasks)
    byCampaign.set(t.campaignId, [...(byCampaign.get(t.campaignId) ?? []), t]);
  return [...byCampaign].map(([campaignId, tasks]): SimCampaign => {
    const gold: GoldReveal = {
      campaignId,
      salt: keccak256(toHex(`sim-gold-${seed}-${campaignId}`)),
      answers: Object.fromEntries(tasks.filter((t) => t.gold).map((t) => [t.taskId, [...t.gold!]])),
    };
    return {
      campaignId,
      tasks: tasks.map((t) => t.taskId),
      gold,
      goldCommitment: goldCommitment(gold),
    };
  });
}
