// Roles (OpenZeppelin AccessControl) and pauses of every contract that has them: who may do
// what is part of what an auditor checks.
import { ponder } from "ponder:registry";
import { roleMember } from "ponder:schema";
import { recordSetting } from "../lib/record.ts";
import { CONTRACTS } from "../lib/settings.ts";

/** Every contract but the token and the gallery collection has roles. */
const WITH_ROLES = CONTRACTS.filter(
  (c): c is Exclude<(typeof CONTRACTS)[number], "MesiToken" | "GalleryCollection"> =>
    c !== "MesiToken" && c !== "GalleryCollection",
);

for (const contract of WITH_ROLES) {
  // Every contract's role events have the same arguments; one typed name stands for all.
  ponder.on(`${contract}:RoleGranted` as "ScoreOracle:RoleGranted", async ({ event, context }) => {
    const t = Number(event.block.timestamp);
    const { role, account, sender } = event.args;
    await context.db
      .insert(roleMember)
      .values({ contract, role, account, active: true, grantedBy: sender, grantedAt: t })
      .onConflictDoUpdate({ active: true, grantedBy: sender, grantedAt: t, revokedAt: null });
  });
  ponder.on(`${contract}:RoleRevoked` as "ScoreOracle:RoleRevoked", async ({ event, context }) => {
    const t = Number(event.block.timestamp);
    const { role, account } = event.args;
    await context.db
      .insert(roleMember)
      .values({ contract, role, account, active: false, grantedAt: t, revokedAt: t })
      .onConflictDoUpdate({ active: false, revokedAt: t });
  });
  ponder.on(
    `${contract}:RoleAdminChanged` as "ScoreOracle:RoleAdminChanged",
    async ({ event, context }) => {
      await recordSetting(
        context,
        event,
        contract,
        `roleAdmin:${event.args.role}`,
        event.args.newAdminRole,
      );
    },
  );
}

for (const contract of ["ParticipantRegistry", "CampaignManager"] as const) {
  ponder.on(`${contract}:Paused` as "CampaignManager:Paused", async ({ event, context }) => {
    await recordSetting(context, event, contract, "paused", "true");
  });
  ponder.on(`${contract}:Unpaused` as "CampaignManager:Unpaused", async ({ event, context }) => {
    await recordSetting(context, event, contract, "paused", "false");
  });
}
