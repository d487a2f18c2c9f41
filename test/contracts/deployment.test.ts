// The Ignition module deploys every contract and wires every role the system needs.
import { describe, it } from "node:test";
import { expect } from "chai";
import { network } from "hardhat";
import MesiModule from "../../ignition/modules/Mesi.ts";
import { ROLES, role } from "../helpers/core.ts";

const conn = await network.create();

describe("Ignition module Mesi", () => {
  it("deploys and wires core and economy contracts", async () => {
    const d = await conn.ignition.deploy(MesiModule, { displayUi: false });
    const [admin, oracle, s1, s2, s3, guardian, kyc] = (await conn.viem.getWalletClients()).map(
      (w) => w.account.address,
    );
    const has = async (
      c: { read: { hasRole: (a: readonly [`0x${string}`, `0x${string}`]) => Promise<boolean> } },
      r: `0x${string}`,
      who: `0x${string}`,
    ) => c.read.hasRole([r, who]);
    expect(await has(d.registry, ROLES.KYC_ATTESTOR, kyc!)).to.equal(true);
    expect(await has(d.registry, ROLES.ORACLE, oracle!)).to.equal(true);
    for (const s of [s1!, s2!, s3!])
      expect(await has(d.scoreOracle, ROLES.ORACLE_SIGNER, s)).to.equal(true);
    expect(await has(d.scoreOracle, ROLES.GUARDIAN, guardian!)).to.equal(true);
    expect(await has(d.ticket, ROLES.MINTER, d.campaigns.address)).to.equal(true);
    expect(await has(d.ticket, ROLES.DRAW, d.prizeDraw.address)).to.equal(true);
    expect(await has(d.campaigns, ROLES.ORACLE, oracle!)).to.equal(true);
    expect(await has(d.vault, role("GRANTOR_ROLE"), d.prizeDraw.address)).to.equal(true);
    expect(await has(d.vault, role("GRANTOR_ROLE"), d.distributor.address)).to.equal(true);
    expect(await has(d.distributor, ROLES.ORACLE, oracle!)).to.equal(true);
    expect(await d.marketplace.read.allowedCollection([d.ticket.address])).to.equal(true);
    expect(await d.marketplace.read.allowedCollection([d.gallery.address])).to.equal(true);
    expect(await d.scoreOracle.read.threshold()).to.equal(2);
    expect(await d.token.read.balanceOf([admin!])).to.equal(10n ** 27n);
    // Nobody but the signers can publish, and a stranger holds no role.
    expect(await has(d.scoreOracle, ROLES.ORACLE_SIGNER, oracle!)).to.equal(false);
  });
});
