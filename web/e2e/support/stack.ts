// One stack for the whole browser suite: chain + contracts, oracle, indexer (when it is
// there), the production build, and Chromium. Started once; every test file uses it.
import { createPublicClient, http, type Address, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import {
  deployContracts,
  serveWeb,
  startHardhatNode,
  startOracle,
  type OracleService,
  type WebConfig,
} from "./services.ts";

export interface Stack {
  rpcUrl: string;
  publicClient: PublicClient;
  oracle: OracleService;
  web: { url: string };
  browser: Browser;
  /** What the served config.js says (tests may point it at a dead service). */
  config: WebConfig;
  /** Development accounts #7.. for fans and creators (never a role holder). */
  people: Address[];
  stop(): Promise<void>;
}

export async function startStack(opts: { epochSeconds?: number } = {}): Promise<Stack> {
  const chain = await startHardhatNode();
  const stops: (() => Promise<void> | void)[] = [() => chain.stop()];
  try {
    await deployContracts(chain.url);
    const oracle = await startOracle(chain.url, { epochSeconds: opts.epochSeconds ?? 3600 });
    stops.push(() => oracle.stop());
    const config: WebConfig = {
      chainId: 31337,
      rpcUrl: chain.url,
      oracleUrl: oracle.url,
      indexerUrl: "http://127.0.0.1:9",
      walletConnectProjectId: "",
    };
    const web = await serveWeb(() => config);
    stops.push(() => web.close());
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    const publicClient = createPublicClient({
      chain: hardhat,
      transport: http(chain.url),
    }) as PublicClient;
    return {
      rpcUrl: chain.url,
      publicClient,
      oracle,
      web,
      browser,
      config,
      people: DEV_KEYS_PEOPLE.map((k) => privateKeyToAccount(k).address),
      async stop() {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (err) {
    for (const stop of stops.reverse()) await stop();
    throw err;
  }
}

// Hardhat's default accounts #7..#9 (public test keys): #0..#6 hold roles in the deployment.
const DEV_KEYS_PEOPLE = [
  "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
  "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
  "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
] as const;
