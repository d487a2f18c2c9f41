// The benchmark's baseline: a one-table Ponder app that only upserts ERC-20 and ERC-721
// Transfer events of the same deployment, with the same node, RPC lanes and database settings
// as the real indexer (lib/settings.ts).
import { createConfig } from "ponder";
import { galleryCollectionAbi, mesiTokenAbi, ticketAbi } from "@mesi/abi";
import { loadSettings } from "../../lib/settings.ts";

const s = loadSettings();
const on = (address: `0x${string}`) =>
  ({ chain: "mesi", address, startBlock: s.startBlock }) as const;
const c = s.deployment.contracts;

export default createConfig({
  ordering: "omnichain",
  database:
    s.database.kind === "postgres"
      ? { kind: "postgres", connectionString: s.database.connectionString }
      : { kind: "pglite", directory: s.database.directory },
  chains: {
    mesi: {
      id: s.chainId,
      rpc: Array.from({ length: s.rpcLanes }, () => s.rpcUrl),
      pollingInterval: s.pollingInterval,
    },
  },
  contracts: {
    MesiToken: { abi: mesiTokenAbi, ...on(c.MesiToken) },
    Ticket: { abi: ticketAbi, ...on(c.Ticket) },
    GalleryCollection: { abi: galleryCollectionAbi, ...on(c.GalleryCollection) },
  },
});
