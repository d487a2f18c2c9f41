// A campaign's task list, registered by the platform once. Registering the same list again
// is a no-op; another list for a known campaign is a conflict (tasks never change under a
// running campaign, or completions would mean different things to different users).
import { sql } from "kysely";
import { z } from "zod";
import { decimalUpTo, freeText } from "./schemas.ts";
import type { Db } from "../db/database.ts";

export const campaignTasksSchema = z.strictObject({
  campaignId: decimalUpTo(2n ** 256n - 1n, "2^256 − 1"),
  tasks: z
    .array(freeText(z.string().min(1).max(128)))
    .min(1, "must list at least one task")
    .max(1_000, "must list at most 1,000 tasks")
    .refine((t) => new Set(t).size === t.length, "must not repeat a task"),
});
export type CampaignTasks = z.infer<typeof campaignTasksSchema>;

export async function registerCampaignTasks(
  db: Db,
  clientId: string,
  c: CampaignTasks,
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
      const same = known.length === wanted.length && known.every((t, i) => t === wanted[i]);
      return { status: same ? "unchanged" : "conflict", tasks: known };
    }
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
