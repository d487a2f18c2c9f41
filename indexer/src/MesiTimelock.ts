// The timelock that administers every contract: each security-relevant change is scheduled
// (visible on chain), becomes executable after the delay, and is executed or cancelled.
import { ponder } from "ponder:registry";
import { timelockCall, timelockOperation } from "ponder:schema";
import { decodeFunctionData, type Abi, type Address, type Hex } from "viem";
import * as abis from "@mesi/abi";
import { loadSettings } from "../lib/settings.ts";
import { recordSetting } from "../lib/record.ts";

/** Product contracts by address, with their ABIs, to decode what an operation will call. */
const targets = new Map<string, { name: string; abi: Abi }>(
  Object.entries(loadSettings().deployment.contracts).map(([name, address]) => [
    address.toLowerCase(),
    {
      name,
      abi: (abis as unknown as Record<string, Abi>)[
        `${name[0]!.toLowerCase()}${name.slice(1)}Abi`
      ]!,
    },
  ]),
);

/** "fn(arg, …)" when the data decodes with the target's ABI, else null. */
function describe(target: Address, data: Hex): string | null {
  const t = targets.get(target.toLowerCase());
  if (!t?.abi) return null;
  try {
    const { functionName, args } = decodeFunctionData({ abi: t.abi, data });
    return `${functionName}(${(args ?? []).map((a) => JSON.stringify(a, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).join(", ")})`;
  } catch {
    return null;
  }
}

ponder.on("MesiTimelock:CallScheduled", async ({ event, context }) => {
  const { id, index, target, value, data, predecessor, delay } = event.args;
  const t = Number(event.block.timestamp);
  const readyAt = t + Number(delay);
  await context.db
    .insert(timelockOperation)
    .values({ id, calls: 1, predecessor, delay: Number(delay), scheduledAt: t, readyAt })
    .onConflictDoUpdate((row) => ({ calls: row.calls + 1 }));
  await context.db.insert(timelockCall).values({
    timelockId: id,
    index: Number(index),
    target,
    targetName: targets.get(target.toLowerCase())?.name ?? null,
    value,
    data,
    call: describe(target, data),
  });
});

ponder.on("MesiTimelock:CallSalt", async ({ event, context }) => {
  await context.db.update(timelockOperation, { id: event.args.id }).set({ salt: event.args.salt });
});

ponder.on("MesiTimelock:CallExecuted", async ({ event, context }) => {
  // A batch logs one CallExecuted per call, all in the executing transaction.
  await context.db
    .update(timelockOperation, { id: event.args.id })
    .set({ executedAt: Number(event.block.timestamp) });
});

ponder.on("MesiTimelock:Cancelled", async ({ event, context }) => {
  await context.db
    .update(timelockOperation, { id: event.args.id })
    .set({ cancelledAt: Number(event.block.timestamp) });
});

ponder.on("MesiTimelock:MinDelayChange", async ({ event, context }) => {
  await recordSetting(
    context,
    event,
    "MesiTimelock",
    "minDelay",
    event.args.newDuration.toString(),
  );
});
