// Writes the handlers of several contracts share: a configuration value and its history.
import type { Context } from "ponder:registry";
import { contractSetting, settingChange } from "ponder:schema";

interface EventLike {
  id: string;
  block: { timestamp: bigint; number: bigint };
}

/** Sets `contract`.`name` to `value` and appends the change to the history. */
export async function recordSetting(
  context: Context,
  event: EventLike,
  contract: string,
  name: string,
  value: string,
) {
  const t = Number(event.block.timestamp);
  await context.db
    .insert(contractSetting)
    .values({ contract, name, value, updatedAt: t })
    .onConflictDoUpdate({ value, updatedAt: t });
  await context.db.insert(settingChange).values({
    id: event.id,
    contract,
    name,
    value,
    timestamp: t,
    blockNumber: event.block.number,
  });
}
