// The benchmark's baseline: a one-table Ponder app that only upserts ERC-20 and ERC-721
// Transfer events of the same deployment, with the same node, RPC lanes and database settings
// as the real indexer (lib/settings.ts).
import { createConfig } from "ponder";
import { galleryCollectionAbi, mesiTokenAbi, ticketAbi } from "@mesi/abi";
import { chainConfig, databaseConfig, onChain } from "../../lib/ponder-base.ts";
import { loadSettings } from "../../lib/settings.ts";

const s = loadSettings();
const on = (address: `0x${string}`) => onChain(s, address);
const c = s.deployment.contracts;

export default createConfig({
  ordering: "omnichain",
  database: databaseConfig(s),
  chains: { mesi: chainConfig(s) },
  contracts: {
    MesiToken: { abi: mesiTokenAbi, ...on(c.MesiToken) },
    Ticket: { abi: ticketAbi, ...on(c.Ticket) },
    GalleryCollection: { abi: galleryCollectionAbi, ...on(c.GalleryCollection) },
  },
});
