// One upsert per Transfer event, whatever the token.
import { ponder } from "ponder:registry";
import { received } from "ponder:schema";

for (const name of ["MesiToken", "Ticket", "GalleryCollection"] as const)
  ponder.on(`${name}:Transfer` as "Ticket:Transfer", async ({ event, context }) => {
    await context.db
      .insert(received)
      .values({ token: event.log.address, account: event.args.to, transfers: 1 })
      .onConflictDoUpdate((row) => ({ transfers: row.transfers + 1 }));
  });
