// No ETH kept (issue 19, point 7): every entry point of the product that its ABI calls payable
// — Solady's ERC721 declares approve and the transfers payable, OpenZeppelin's
// TimelockController its executions and `receive` — either takes ETH for a purpose and passes
// it on, or refuses it; no contract keeps ETH sent to it by mistake.
import { describe, it } from "node:test";
import { expect } from "chai";
import hre, { network } from "hardhat";
import { getAddress, keccak256, parseEther, toHex, zeroHash, type Address, type Hex } from "viem";
import { ROLES, deployCore, type Core } from "../helpers/core.ts";
import { deployMesi } from "../helpers/deployment.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;

/** Every payable entry point of contracts/ (not tests or benchmarks) and what it does with ETH. */
const PAYABLE: Record<string, string> = {
  "Ticket.approve": "refused (NotPayable)",
  "Ticket.transferFrom": "refused (NotPayable)",
  "Ticket.safeTransferFrom": "refused (NotPayable), both overloads",
  "TicketMarketplace.buy": "exactly the price of an ETH listing, nothing for $MESI (WrongValue)",
  "TicketMarketplace.buySigned":
    "exactly the price of an ETH listing, nothing for $MESI (WrongValue)",
  "MesiTimelock.execute": "at most the operation's value, sent on with it (ValueAboveOperation)",
  "MesiTimelock.executeBatch":
    "at most the batch's Σ values, sent on with it (ValueAboveOperation)",
  "MesiTimelock.receive": "refused (EthNotAccepted)",
};

describe("No ETH kept", () => {
  it("the product's payable entry points are exactly the reviewed ones", async () => {
    const found = new Set<string>();
    for (const fqn of await hre.artifacts.getAllFullyQualifiedNames()) {
      const source = fqn.split(":")[0]!;
      if (!/^contracts\/(core|economy|governance|interfaces|libraries)\//.test(source)) continue;
      const a = await hre.artifacts.readArtifact(fqn);
      for (const item of a.abi as { type: string; name?: string; stateMutability?: string }[])
        if (item.stateMutability === "payable" && item.type !== "constructor")
          found.add(`${a.contractName}.${item.name ?? item.type}`);
    }
    expect([...found].sort()).to.deep.equal(Object.keys(PAYABLE).sort());
  });

  it("a ticket refuses ETH sent with approve or any transfer; the collection's balance stays 0", async () => {
    const f = await deployCore(conn);
    const [minter, alice, bob] = f.users as Core["users"][number][];
    await f.ticket.write.grantRole([ROLES.MINTER, minter!.account.address]);
    await f.ticket.write.mintPlaceholders([7n, [alice!.account.address]], {
      account: minter!.account,
    });
    await f.ticket.write.activate([7n, [1n]], { account: minter!.account });
    const [from, to] = [alice!.account.address, bob!.account.address];
    const paying = { account: alice!.account, value: 1n };
    for (const sent of [
      f.ticket.write.approve([to, 1n], paying),
      f.ticket.write.transferFrom([from, to, 1n], paying),
      f.ticket.write.safeTransferFrom([from, to, 1n], paying),
      f.ticket.write.safeTransferFrom([from, to, 1n, "0x"], paying),
    ])
      await viem.assertions.revertWithCustomError(sent, f.ticket, "NotPayable");
    const pc = await viem.getPublicClient();
    expect(await pc.getBalance({ address: f.ticket.address })).to.equal(0n);
    // Without ETH the same calls work: the ticket is Active and Alice's.
    await f.ticket.write.approve([to, 1n], { account: alice!.account });
    expect(await f.ticket.read.getApproved([1n])).to.equal(getAddress(to));
    await f.ticket.write.safeTransferFrom([from, to, 1n], { account: alice!.account });
    expect(await f.ticket.read.ownerOf([1n])).to.equal(getAddress(to));
  });

  it("the timelock refuses plain ETH and ETH beyond what an execution sends on; its balance stays 0", async () => {
    const d = await deployMesi(conn);
    const pc = await viem.getPublicClient();
    const [admin, guardian] = [d.wallet("admin"), d.wallet("guardian")];
    const timelock = d.timelock.address;
    const balance = () => pc.getBalance({ address: timelock });
    const delay = await d.timelock.read.getMinDelay();
    await viem.assertions.revertWithCustomError(
      guardian.sendTransaction({ to: timelock, value: 1n }),
      d.timelock,
      "EthNotAccepted",
    );

    // One call paying 1 ETH to the treasury, one batch paying it 1 + 2 wei.
    const treasury: Address = d.address("treasury");
    const salt = (s: string): Hex => keccak256(toHex(s));
    const ONE = parseEther("1");
    await d.timelock.write.schedule([treasury, ONE, "0x", zeroHash, salt("pay"), delay], {
      account: admin.account,
    });
    const batch = [
      [treasury, treasury],
      [1n, 2n],
      ["0x", "0x"],
    ] as [Address[], bigint[], Hex[]];
    await d.timelock.write.scheduleBatch([...batch, zeroHash, salt("pay batch"), delay], {
      account: admin.account,
    });
    await networkHelpers.time.increase(delay);

    const execute = (value: bigint) =>
      d.timelock.write.execute([treasury, ONE, "0x", zeroHash, salt("pay")], {
        account: guardian.account,
        value,
      });
    await viem.assertions.revertWithCustomErrorWithArgs(
      execute(ONE + 1n),
      d.timelock,
      "ValueAboveOperation",
      [ONE + 1n, ONE],
    );
    const executeBatch = (value: bigint) =>
      d.timelock.write.executeBatch([...batch, zeroHash, salt("pay batch")], {
        account: guardian.account,
        value,
      });
    await viem.assertions.revertWithCustomErrorWithArgs(
      executeBatch(4n),
      d.timelock,
      "ValueAboveOperation",
      [4n, 3n],
    );
    const before = await pc.getBalance({ address: treasury });
    await execute(ONE);
    await executeBatch(3n);
    expect(await pc.getBalance({ address: treasury })).to.equal(before + ONE + 3n);
    expect(await balance()).to.equal(0n);
  });
});
