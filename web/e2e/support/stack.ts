// One stack for the whole browser suite, all real: a Hardhat node with every contract deployed
// by Ignition, the oracle (on PostgreSQL; epochs run when the test says), the indexer (Ponder),
// the production build served as static files, and Chromium. Started once; every scenario uses it.
import type { Address } from "viem";
import type { Browser } from "playwright-core";
import { connectSystem, type System } from "../../../test/support/system.ts";
import { startPostgres } from "../../../test/support/postgres.ts";
import { startIndexer, type Indexer } from "../../../indexer/test/support/indexer.ts";
import { launchBrowser } from "./browser.ts";
import {
  deployContracts,
  serveWeb,
  startHardhatNode,
  startOracle,
  type OracleService,
  type WebConfig,
} from "./services.ts";
import { CLIENT, platform } from "./platform.ts";

export interface Stack {
  rpcUrl: string;
  sys: System;
  oracle: OracleService;
  indexer: Indexer;
  platform: ReturnType<typeof platform>;
  web: { url: string };
  browser: Browser;
  /** What the served config.js says (a test may point it at a dead service, then restore it). */
  config: WebConfig;
  /** The node's unlocked accounts #10..#19: fans and creators (no Ignition role). */
  people: Address[];
  stop(): Promise<void>;
}

export async function startStack(opts: { epochSeconds?: number } = {}): Promise<Stack> {
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const pg = await startPostgres();
    stops.push(() => pg.stop());
    const chain = await startHardhatNode();
    stops.push(() => chain.stop());
    const deployment = await deployContracts(chain.url);
    const sys = await connectSystem(chain.url, deployment);
    const oracle = await startOracle(chain.url, {
      epochSeconds: opts.epochSeconds ?? 15,
      databaseUrl: pg.url,
      clients: [CLIENT],
    });
    stops.push(() => oracle.stop());
    const indexer = await startIndexer({ chainUrl: chain.url, deployment });
    stops.push(() => indexer.stop());
    await indexer.synced();
    const config: WebConfig = {
      chainId: deployment.chainId,
      rpcUrl: chain.url,
      oracleUrl: oracle.url,
      indexerUrl: indexer.url,
      walletConnectProjectId: "",
    };
    const web = await serveWeb(() => config);
    stops.push(() => web.close());
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    return {
      rpcUrl: chain.url,
      sys,
      oracle,
      indexer,
      platform: platform(oracle.url, {
        url: chain.url,
        registry: deployment.contracts.ParticipantRegistry,
        now: () => sys.now(),
      }),
      web,
      browser,
      config,
      people: sys.accounts.slice(10, 20),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
