// The database and chain parts of a Ponder config, from the settings: the indexer and the
// benchmark's baseline app use the very same ones, so their runs compare like for like.
import type { Settings } from "./settings.ts";

export const databaseConfig = (s: Settings) =>
  s.database.kind === "postgres"
    ? ({ kind: "postgres", connectionString: s.database.connectionString } as const)
    : ({ kind: "pglite", directory: s.database.directory } as const);

export const chainConfig = (s: Settings) => ({
  id: s.chainId,
  // Ponder 0.16 limits each endpoint on its own (maxRequestsPerSecond is ignored): the same
  // node listed once per lane lets a local node serve a cold sync at full speed.
  rpc: Array.from({ length: s.rpcLanes }, () => s.rpcUrl),
  pollingInterval: s.pollingInterval,
});

/** A contract of the deployment on the one chain, from the settings' start block. */
export const onChain = (s: Settings, address: `0x${string}`) =>
  ({ chain: "mesi", address, startBlock: s.startBlock }) as const;
