// The Ignition module deploys every contract, wires exactly the roles of the table in
// docs/CONTRACTS.md ("Role holders after deployment") and leaves the deployer with no role.
import { describe, it } from "node:test";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import { network } from "hardhat";
import { keccak256, parseAbiItem, toHex, zeroHash, type Address, type Hex } from "viem";
import { deployMesi, type AccountName } from "../helpers/deployment.ts";
import MesiModule, { parameterProblem } from "../../ignition/modules/Mesi.ts";

const conn = await network.create();
const DOC = path.resolve(import.meta.dirname, "..", "..", "docs", "CONTRACTS.md");

/** The doc's role table: "contract|role" → holder names. */
async function roleTable(): Promise<Map<string, string[]>> {
  const text = await readFile(DOC, "utf8");
  const section = text.split("### Role holders after deployment")[1]!.split("\n\n");
  const table = section.find((block) => block.trimStart().startsWith("| contract"))!;
  const rows = table
    .trim()
    .split("\n")
    .slice(2)
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  return new Map(rows.map(([c, r, holders]) => [`${c}|${r}`, holders!.split(/,\s*/)]));
}

const roleId = (name: string): Hex =>
  name === "DEFAULT_ADMIN_ROLE" ? zeroHash : keccak256(toHex(name));

describe("Ignition module Mesi", () => {
  it("grants exactly the documented roles and the deployer keeps none", async () => {
    const d = await deployMesi(conn);
    const contracts: Record<string, Address> = {
      MesiTimelock: d.timelock.address,
      ParticipantRegistry: d.registry.address,
      ScoreOracle: d.scoreOracle.address,
      CommitRevealRandomness: d.randomness.address,
      Ticket: d.ticket.address,
      CampaignManager: d.campaigns.address,
      VestingVault: d.vault.address,
      RevenueDistributor: d.distributor.address,
      PrizeDraw: d.prizeDraw.address,
      TicketMarketplace: d.marketplace.address,
      MesiToken: d.token.address,
      GalleryCollection: d.gallery.address,
    };
    const nameOf = new Map<string, string>([
      ...Object.entries(contracts).map(([n, a]) => [a.toLowerCase(), n] as const),
      ...(Object.keys(d.accounts) as AccountName[]).map(
        (n) => [d.address(n).toLowerCase(), n] as const,
      ),
    ]);

    // Replay every RoleGranted / RoleRevoked of the deployment, in order.
    const pc = await conn.viem.getPublicClient();
    const events = [
      parseAbiItem(
        "event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)",
      ),
      parseAbiItem(
        "event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)",
      ),
    ];
    const logs = await pc.getLogs({ address: Object.values(contracts), events, fromBlock: 0n });
    const holders = new Map<string, Set<string>>();
    for (const l of logs) {
      const key = `${nameOf.get(l.address.toLowerCase())}|${l.args.role}`;
      const set = holders.get(key) ?? new Set<string>();
      const who = nameOf.get(l.args.account!.toLowerCase()) ?? l.args.account!;
      if (l.eventName === "RoleGranted") set.add(who);
      else set.delete(who);
      holders.set(key, set);
    }
    const actual = [...holders]
      .filter(([, set]) => set.size > 0)
      .map(([key, set]) => `${key} → ${[...set].sort().join(", ")}`)
      .sort();

    const table = await roleTable();
    const documented = [...table]
      .map(([key, names]) => {
        const [c, r] = key.split("|");
        return `${c}|${roleId(r!)} → ${[...names].sort().join(", ")}`;
      })
      .sort();
    expect(actual, "on-chain role holders = docs/CONTRACTS.md's table").to.deep.equal(documented);
    expect(actual.some((line) => line.includes("deployer"))).to.equal(false);
    // The deployer did hold admin roles while wiring: it renounced them.
    const deployer = d.address("deployer").toLowerCase();
    expect(
      logs.some((l) => l.eventName === "RoleRevoked" && l.args.account!.toLowerCase() === deployer),
    ).to.equal(true);
  });

  it("refuses admin == guardian: deploy.ts before sending anything, in one line naming both; the module through the timelock", async () => {
    const wallets = await conn.viem.getWalletClients();
    const same = wallets[10]!.account.address;
    const accounts = wallets.map((w) => w.account.address);
    expect(parameterProblem({ admin: same, guardian: same }, accounts)).to.match(
      /^parameters "admin" and "guardian" are the same account 0x[0-9a-f]{40}: /,
    );
    expect(parameterProblem({ guardian: accounts[0]!.toUpperCase() }, accounts)).to.be.a("string");
    expect(parameterProblem({ admin: same }, accounts)).to.equal(undefined);
    expect(parameterProblem(undefined, accounts)).to.equal(undefined);

    // The script, on an in-process chain: exit 1, the message, nothing deployed.
    const dir = await mkdtemp(path.join(tmpdir(), "mesi-deploy-"));
    try {
      const file = path.join(dir, "parameters.json");
      await writeFile(file, JSON.stringify({ Mesi: { admin: same, guardian: same } }));
      const run = promisify(execFile)(
        process.execPath,
        ["scripts/deploy.ts", "--network", "default", "--parameters", file],
        { cwd: path.resolve(import.meta.dirname, "..", "..") },
      );
      const failed = await run.then(
        () => undefined,
        (e: { code?: number; stdout: string; stderr: string }) => e,
      );
      expect(failed?.code).to.equal(1);
      const lines = failed!.stderr.trim().split("\n");
      expect(lines).to.have.length(1);
      expect(lines[0]).to.equal(
        `deploy: refused: parameters "admin" and "guardian" are the same account ${same.toLowerCase()}: the admin proposes and the guardian executes, so they must be two different keys`,
      );
      expect(failed!.stdout).to.not.include("MesiTimelock");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // The module itself, given the values only at deploy time: the timelock's constructor.
    const direct = await conn.ignition
      .deploy(MesiModule, {
        displayUi: false,
        parameters: { Mesi: { admin: same, guardian: same } },
      })
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(direct?.message).to.include("ProposerIsExecutor");
  });

  it("wires the system: allowed collections, threshold, window, timelock delay, supply to the treasury", async () => {
    const d = await deployMesi(conn);
    expect(await d.marketplace.read.allowedCollection([d.ticket.address])).to.equal(true);
    expect(await d.marketplace.read.allowedCollection([d.gallery.address])).to.equal(true);
    expect(await d.scoreOracle.read.threshold()).to.equal(2);
    const window = BigInt(await d.scoreOracle.read.challengeWindow());
    const delay = await d.timelock.read.getMinDelay();
    expect(
      delay > window && delay > BigInt(await d.scoreOracle.read.MAX_CHALLENGE_WINDOW()),
    ).to.equal(true);
    expect(await d.token.read.balanceOf([d.address("treasury")])).to.equal(10n ** 27n);
    expect(await d.ticket.read.supportsInterface(["0x01ffc9a7"])).to.equal(true);
  });
});
