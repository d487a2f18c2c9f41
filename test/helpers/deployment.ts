// The production deployment path in tests: the Ignition module with every account parameter
// named, the admin and the treasury distinct from the deployer (account #0).
import type { Address } from "viem";
import MesiModule, { ACCOUNT_DEFAULTS } from "../../ignition/modules/Mesi.ts";
import type { Connection } from "./core.ts";

/** Module parameters → test accounts: the module's defaults, but admin #10 and treasury #11. */
const ACCOUNTS = { deployer: 0, ...ACCOUNT_DEFAULTS, admin: 10, treasury: 11 } as const;
export type AccountName = keyof typeof ACCOUNTS;

export async function deployMesi(conn: Connection) {
  const wallets = await conn.viem.getWalletClients();
  const wallet = (name: AccountName) => wallets[ACCOUNTS[name]]!;
  const address = (name: AccountName): Address => wallet(name).account.address;
  const parameters = Object.fromEntries(
    (Object.keys(ACCOUNTS) as AccountName[])
      .filter((n) => n !== "deployer")
      .map((n) => [n, address(n)]),
  );
  const deployed = await conn.ignition.deploy(MesiModule, {
    displayUi: false,
    parameters: { Mesi: parameters },
  });
  return { ...deployed, wallet, address, accounts: ACCOUNTS };
}

export type Deployed = Awaited<ReturnType<typeof deployMesi>>;
