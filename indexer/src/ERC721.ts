// What the two ERC-721 collections (tickets, gallery items) log alike: operator approvals
// (e.g. the marketplace for a seller) and ERC-4906 metadata updates.
import { ponder } from "ponder:registry";
import { metadataUpdate, operatorApproval } from "ponder:schema";

for (const collection of ["Ticket", "GalleryCollection"] as const) {
  // One typed event name stands for both collections (their arguments differ in names only).
  ponder.on(
    `${collection}:ApprovalForAll` as "GalleryCollection:ApprovalForAll",
    async ({ event, context }) => {
      const args = event.args as { owner: `0x${string}`; operator: `0x${string}` } & (
        { approved: boolean } | { isApproved: boolean }
      );
      const { owner, operator } = args;
      // Solady's Ticket names the flag `isApproved`, OpenZeppelin's collection `approved`.
      const approved = "approved" in args ? args.approved : args.isApproved;
      await context.db
        .insert(operatorApproval)
        .values({ collection: event.log.address, owner, operator, approved })
        .onConflictDoUpdate({ approved });
    },
  );
  for (const name of ["MetadataUpdate", "BatchMetadataUpdate"] as const)
    ponder.on(
      `${collection}:${name}` as "Ticket:MetadataUpdate" | "Ticket:BatchMetadataUpdate",
      async ({ event, context }) => {
        const args = event.args as {
          _tokenId?: bigint;
          _fromTokenId?: bigint;
          _toTokenId?: bigint;
        };
        await context.db.insert(metadataUpdate).values({
          id: event.id,
          collection: event.log.address,
          fromTokenId: args._fromTokenId ?? args._tokenId!,
          toTokenId: args._toTokenId ?? args._tokenId!,
          timestamp: Number(event.block.timestamp),
        });
      },
    );
}
