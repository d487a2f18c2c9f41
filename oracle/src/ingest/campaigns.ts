// A campaign's task list, registered by the platform once. Registering the same list again
// is a no-op; another list for a known campaign is a conflict (tasks never change under a
// running campaign, or completions would mean different things to different users).
// A campaign with gold tasks registers a commitment to its gold set with its tasks, and reveals
// the set once the campaign closed (quality/gold.ts): the reveal must match the commitment and
// name only the campaign's own tasks, and is accepted once.
import { sql } from "kysely";
import { z } from "zod";
import { decimalUpTo, freeText } from "../util/fields.ts";
import type { Db } from "../db/database.ts";
import { bytes32, goldCommitment, type GoldReveal } from "../quality/gold.ts";

export const campaignTasksSchema = z.strictObject({
  campaignId: decimalUpTo(2n ** 256n - 1n, "2^256 − 1"),
  tasks: z
    .array(freeText(z.string().min(1).max(128)))
    .min(1, "must list at least one task")
    .max(1_000, "must list at most 1,000 tasks")
    .refine((t) => new Set(t).size === t.length, "must not repeat a task"),
  /** keccak256 of the gold set to be revealed after the campaign closes (quality/gold.ts). */
  goldCommitment: bytes32.optional(),
});
export type CampaignTasks = z.infer<typeof campaignTasksSchema>;

export async function registerCampaignTasks(
  db: Db,
  clientId: string,
  c: CampaignTasks,
  epoch: bigint,
): Promise<{ status: "created" | "unchanged" | "conflict"; tasks: string[] }> {
  return db.transaction().execute(async (tx) => {
    // Two registrations of one campaign must not interleave into a mixed list.
    await sql`LOCK TABLE campaign_tasks IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
    const known = (
      await tx
        .selectFrom("campaign_tasks")
        .select("task_id")
        .where("campaign_id", "=", c.campaignId)
        .orderBy("task_id")
        .execute()
    ).map((r) => r.task_id);
    const wanted = [...c.tasks].sort();
    if (known.length) {
      const gold = await tx
        .selectFrom("campaign_gold")
        .select("commitment")
        .where("campaign_id", "=", c.campaignId)
        .executeTakeFirst();
      const same =
        known.length === wanted.length &&
        known.every((t, i) => t === wanted[i]) &&
        gold?.commitment === c.goldCommitment;
      return { status: same ? "unchanged" : "conflict", tasks: known };
    }
    if (c.goldCommitment)
      await tx
        .insertInto("campaign_gold")
        .values({
          campaign_id: c.campaignId,
          client_id: clientId,
          commitment: c.goldCommitment,
          committed_epoch: epoch,
        })
        .execute();
    await tx
      .insertInto("campaign_tasks")
      .values(
        wanted.map((task_id) => ({ campaign_id: c.campaignId, task_id, client_id: clientId })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    return { status: "created", tasks: wanted };
  });
}

/**
 * Accepts a campaign's gold reveal: it must match the commitment registered with the campaign
 * and name only the campaign's tasks. The same reveal again is a no-op.
 */
export async function revealCampaignGold(
  db: Db,
  r: GoldReveal,
  epoch: bigint,
): Promise<{ status: "revealed" | "unchanged" } | { status: "refused"; reason: string }> {
  return db.transaction().execute(async (tx) => {
    const gold = await tx
      .selectFrom("campaign_gold")
      .selectAll()
      .where("campaign_id", "=", r.campaignId)
      .forUpdate()
      .executeTakeFirst();
    if (!gold) return { status: "refused", reason: "the campaign registered no gold commitment" };
    if (goldCommitment(r) !== gold.commitment)
      return { status: "refused", reason: "the reveal does not match the registered commitment" };
    if (gold.revealed_at) return { status: "unchanged" };
    const tasks = new Set(
      (
        await tx
          .selectFrom("campaign_tasks")
          .select("task_id")
          .where("campaign_id", "=", r.campaignId)
          .execute()
      ).map((t) => t.task_id),
    );
    const unknown = Object.keys(r.answers).filter((t) => !tasks.has(t));
    if (unknown.length)
      return { status: "refused", reason: `not tasks of the campaign: ${unknown.join(", ")}` };
    await tx
      .updateTable("campaign_gold")
      .set({
        revealed_epoch: epoch,
        revealed_at: new Date(),
        salt: r.salt,
        answers: JSON.stringify(r.answers) as unknown as Record<string, string[]>,
      })
      .where("campaign_id", "=", r.campaignId)
      .execute();
    return { status: "revealed" };
  });
}
