import { describe, it } from "node:test";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, zeroAddress } from "viem";
import { ROLES, deployCore, type Core } from "../helpers/core.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;

/** A Ticket whose minter and draw roles are plain accounts, to exercise it directly. */
async function fixture() {
  const f = await deployCore(conn);
  const [minter, draw, alice, bob] = f.users as [Core["users"][number], ...Core["users"][number][]];
  await f.ticket.write.grantRole([ROLES.MINTER, minter.account.address]);
  await f.ticket.write.grantRole([ROLES.DRAW, draw!.account.address]);
  const t = f.ticket;
  const asMinter = { account: minter.account };
  await t.write.mintPlaceholders(
    [7n, [alice!.account.address, alice!.account.address, bob!.account.address]],
    asMinter,
  );
  return { ...f, t, minter, draw: draw!, alice: alice!, bob: bob!, asMinter };
}

describe("Ticket", () => {
  it("mints locked placeholders with consecutive ids, ERC-5192 Locked and campaign in metadata", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    expect(await f.t.read.nextTokenId()).to.equal(4n);
    expect(await f.t.read.ownerOf([3n])).to.equal(getAddress(f.bob.account.address));
    expect(await f.t.read.locked([1n])).to.equal(true);
    expect(await f.t.read.stateOf([1n])).to.equal(1);
    expect(await f.t.read.stateOf([99n])).to.equal(0);
    const uri = await f.t.read.tokenURI([1n]);
    const json = JSON.parse(Buffer.from(uri.split(",")[1]!, "base64").toString());
    expect(json.attributes).to.deep.equal([
      { trait_type: "Campaign", value: 7 },
      { trait_type: "State", value: "Placeholder" },
    ]);
    await viem.assertions.revertWithCustomError(f.t.read.locked([99n]), f.t, "UnknownTicket");
  });

  it("a placeholder cannot be transferred, safe-transferred or approved", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const a = { account: f.alice.account };
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.t.write.transferFrom([f.alice.account.address, f.bob.account.address, 1n], a),
      f.t,
      "TicketLocked",
      [1n],
    );
    await viem.assertions.revertWithCustomError(
      f.t.write.safeTransferFrom([f.alice.account.address, f.bob.account.address, 1n], a),
      f.t,
      "TicketLocked",
    );
    await viem.assertions.revertWithCustomError(
      f.t.write.approve([f.bob.account.address, 1n], a),
      f.t,
      "TicketLocked",
    );
    // Even an operator approved for all cannot move it.
    await f.t.write.setApprovalForAll([f.bob.account.address, true], a);
    await viem.assertions.revertWithCustomError(
      f.t.write.transferFrom([f.alice.account.address, f.bob.account.address, 1n], {
        account: f.bob.account,
      }),
      f.t,
      "TicketLocked",
    );
  });

  it("an activated ticket unlocks and trades; ETH sent along is refused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.emitWithArgs(
      f.t.write.activate([7n, [1n, 2n]], f.asMinter),
      f.t,
      "BatchMetadataUpdate",
      [1n, 2n],
    );
    expect(await f.t.read.locked([1n])).to.equal(false);
    expect(await f.t.read.isTradeable([1n])).to.equal(true);
    const a = { account: f.alice.account };
    await viem.assertions.revertWithCustomError(
      f.t.write.transferFrom([f.alice.account.address, f.bob.account.address, 1n], {
        ...a,
        value: 1n,
      }),
      f.t,
      "NotPayable",
    );
    await f.t.write.approve([f.bob.account.address, 1n], a);
    await f.t.write.transferFrom([f.alice.account.address, f.bob.account.address, 1n], {
      account: f.bob.account,
    });
    expect(await f.t.read.ownerOf([1n])).to.equal(getAddress(f.bob.account.address));
    expect(await f.t.read.stateOf([1n])).to.equal(2);
  });

  it("an entered ticket is locked until released; only Active tickets can be entered", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const d = { account: f.draw.account };
    await viem.assertions.revertWithCustomError(
      f.t.write.setEntered([1n, true], d),
      f.t,
      "NotEnterable",
    );
    await f.t.write.activate([7n, [1n]], f.asMinter);
    await viem.assertions.emitWithArgs(f.t.write.setEntered([1n, true], d), f.t, "Locked", [1n]);
    await viem.assertions.revertWithCustomError(
      f.t.write.setEntered([1n, true], d),
      f.t,
      "NotEnterable",
    );
    expect(await f.t.read.isEntered([1n])).to.equal(true);
    expect(await f.t.read.isTradeable([1n])).to.equal(false);
    expect(await f.t.read.campaignOf([1n])).to.equal(7n);
    await viem.assertions.revertWithCustomError(
      f.t.write.transferFrom([f.alice.account.address, f.bob.account.address, 1n], {
        account: f.alice.account,
      }),
      f.t,
      "TicketLocked",
    );
    await viem.assertions.emitWithArgs(f.t.write.setEntered([1n, false], d), f.t, "Unlocked", [1n]);
    await f.t.write.transferFrom([f.alice.account.address, f.bob.account.address, 1n], {
      account: f.alice.account,
    });
  });

  it("voiding burns a placeholder, keeps its campaign, and cannot be undone", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.emitWithArgs(
      f.t.write.voidTickets([7n, [2n]], f.asMinter),
      f.t,
      "TicketVoided",
      [2n, 7n],
    );
    expect(await f.t.read.stateOf([2n])).to.equal(3);
    expect(await f.t.read.campaignOf([2n])).to.equal(7n);
    expect(await f.t.read.balanceOf([f.alice.account.address])).to.equal(1n);
    await viem.assertions.revertWithCustomError(
      f.t.write.activate([7n, [2n]], f.asMinter),
      f.t,
      "NotPlaceholder",
    );
    await viem.assertions.revertWithCustomError(
      f.t.write.voidTickets([7n, [2n]], f.asMinter),
      f.t,
      "NotPlaceholder",
    );
    await f.t.write.activate([7n, [1n]], f.asMinter);
    await viem.assertions.revertWithCustomError(
      f.t.write.voidTickets([7n, [1n]], f.asMinter),
      f.t,
      "NotPlaceholder",
    );
  });

  it("supports ERC-721, ERC-2981, ERC-5192 and ERC-4906; royalty is admin-set", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    for (const id of [
      "0x80ac58cd",
      "0x2a55205a",
      "0xb45a3c0e",
      "0x49064906",
      "0x7965db0b",
    ] as const) {
      expect(await f.t.read.supportsInterface([id])).to.equal(true);
    }
    expect(await f.t.read.royaltyInfo([1n, 10_000n])).to.deep.equal([
      getAddress(f.admin.account.address),
      500n,
    ]);
    await viem.assertions.emitWithArgs(
      f.t.write.setRoyalty([f.bob.account.address, 250n]),
      f.t,
      "RoyaltySet",
      [getAddress(f.bob.account.address), 250n],
    );
    expect(await f.t.read.royaltyInfo([1n, 10_000n])).to.deep.equal([
      getAddress(f.bob.account.address),
      250n,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.t.write.setRoyalty([zeroAddress, 250n]),
      f.t,
      "InvalidRoyalty",
      [zeroAddress, 250n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.t.write.setRoyalty([f.bob.account.address, 10_001n]),
      f.t,
      "InvalidRoyalty",
      [getAddress(f.bob.account.address), 10_001n],
    );
    expect(await f.t.read.name()).to.equal("Mesi Train2Earn Ticket");
    expect(await f.t.read.symbol()).to.equal("MESI-T");
    expect(zeroAddress).to.not.equal(f.t.address);
  });

  it("saleInfo answers owner, tradeability, trade version and royalty in one call, in every state", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const alice = getAddress(f.alice.account.address);
    const admin = getAddress(f.admin.account.address);
    // Placeholder: owned, not tradeable, version 0.
    expect(await f.t.read.saleInfo([1n])).to.deep.equal([alice, false, 0n, admin, 500n]);
    // Active: tradeable.
    await f.t.write.activate([7n, [1n]], f.asMinter);
    expect(await f.t.read.saleInfo([1n])).to.deep.equal([alice, true, 0n, admin, 500n]);
    // Entered: locked, not tradeable, and the version moved on; released: tradeable again,
    // the version stays where entering put it.
    await f.t.write.setEntered([1n, true], { account: f.draw.account });
    expect(await f.t.read.saleInfo([1n])).to.deep.equal([alice, false, 1n, admin, 500n]);
    await f.t.write.setEntered([1n, false], { account: f.draw.account });
    expect(await f.t.read.saleInfo([1n])).to.deep.equal([alice, true, 1n, admin, 500n]);
    expect(await f.t.read.tradeVersion([1n])).to.equal(1n);
    // Void (burned) and never-minted tickets: no owner, not tradeable.
    await f.t.write.voidTickets([7n, [3n]], f.asMinter);
    expect(await f.t.read.saleInfo([3n])).to.deep.equal([zeroAddress, false, 0n, admin, 500n]);
    expect(await f.t.read.saleInfo([99n])).to.deep.equal([zeroAddress, false, 0n, admin, 500n]);
    // The rate agrees with ERC-2981 royaltyInfo for any price.
    for (const price of [1n, 19n, 10n ** 26n]) {
      const [, , , receiver, bps] = await f.t.read.saleInfo([1n]);
      expect([receiver, (price * bps) / 10_000n]).to.deep.equal(
        await f.t.read.royaltyInfo([1n, price]),
      );
    }
  });
});
