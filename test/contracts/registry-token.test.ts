import { describe, it } from "node:test";
import { expect } from "chai";
import { network } from "hardhat";
import { keccak256, toHex, zeroHash } from "viem";
import { DAY, POLICY, deployCore, signPermit } from "../helpers/core.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const fixture = () => deployCore(conn);

describe("ParticipantRegistry", () => {
  it("consent is the user's own: opt in, change scopes, revoke at any time (even paused)", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const u = f.users[0]!;
    await viem.assertions.emitWithArgs(
      f.registry.write.optIn([3, POLICY], { account: u.account }),
      f.registry,
      "ConsentGiven",
      [u.account.address, 3, POLICY],
    );
    expect((await f.registry.read.participant([u.account.address])).scopes).to.equal(3);
    expect(await f.registry.read.policyOf([u.account.address])).to.equal(POLICY);
    await f.registry.write.optIn([1, POLICY], { account: u.account });
    expect((await f.registry.read.participant([u.account.address])).scopes).to.equal(1);
    await f.registry.write.pause();
    await viem.assertions.revertWithCustomError(
      f.registry.write.optIn([1, POLICY], { account: u.account }),
      f.registry,
      "EnforcedPause",
    );
    await viem.assertions.emitWithArgs(
      f.registry.write.revokeConsent({ account: u.account }),
      f.registry,
      "ConsentRevoked",
      [u.account.address],
    );
    const p = await f.registry.read.participant([u.account.address]);
    expect(p.scopes).to.equal(0);
    expect(p.revokedAt > 0).to.equal(true);
    expect(await f.registry.read.policyOf([u.account.address])).to.equal(zeroHash);
  });

  it("refuses empty scopes, an empty policy, past KYC expiries and mismatched batches", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const u = f.users[0]!;
    await viem.assertions.revertWithCustomError(
      f.registry.write.optIn([0, POLICY], { account: u.account }),
      f.registry,
      "EmptyScopes",
    );
    await viem.assertions.revertWithCustomError(
      f.registry.write.optIn([1, zeroHash], { account: u.account }),
      f.registry,
      "EmptyPolicy",
    );
    const k = { account: f.kyc.account };
    await viem.assertions.revertWithCustomError(
      f.registry.write.attestKyc([u.account.address, 1, zeroHash], k),
      f.registry,
      "ExpiryInPast",
    );
    await viem.assertions.revertWithCustomError(
      f.registry.write.attestKycBatch([[u.account.address], [], []], k),
      f.registry,
      "LengthMismatch",
    );
  });

  it("KYC attests with an expiry and no personal data; eligibility combines consent, KYC and exclusion", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const [a, b] = [f.users[0]!, f.users[1]!];
    const expiry = (await f.now()) + 10 * DAY;
    const ref = keccak256(toHex("attestor-record-17"));
    await f.registry.write.optIn([63, POLICY], { account: a.account });
    await viem.assertions.emitWithArgs(
      f.registry.write.attestKycBatch(
        [
          [a.account.address, b.account.address],
          [expiry, expiry],
          [ref, ref],
        ],
        { account: f.kyc.account },
      ),
      f.registry,
      "KycAttested",
      [a.account.address, expiry, ref, f.kyc.account.address],
    );
    expect(await f.registry.read.isEligible([a.account.address, 5])).to.equal(true);
    expect(await f.registry.read.isEligible([b.account.address, 5])).to.equal(false); // no consent
    await f.registry.write.setExclusions(
      [[a.account.address], true, keccak256(toHex("trust-decay"))],
      { account: f.oracle.account },
    );
    expect(await f.registry.read.isEligible([a.account.address, 5])).to.equal(false);
    await viem.assertions.emitWithArgs(
      f.registry.write.setExclusions(
        [[a.account.address], false, keccak256(toHex("appeal-upheld"))],
        { account: f.oracle.account },
      ),
      f.registry,
      "ExclusionSet",
      [a.account.address, false, keccak256(toHex("appeal-upheld"))],
    );
    expect(await f.registry.read.isEligible([a.account.address, 5])).to.equal(true);
    await networkHelpers.time.increase(10 * DAY);
    expect(await f.registry.read.isEligible([a.account.address, 5])).to.equal(false);
    await f.registry.write.revokeKyc([b.account.address], { account: f.kyc.account });
    expect((await f.registry.read.participant([b.account.address])).kycExpiry).to.equal(0);
  });
});

describe("MesiToken", () => {
  it("has a fixed supply, permit, and timestamp-clocked votes for delegation", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    expect(await f.token.read.totalSupply()).to.equal(10n ** 27n);
    expect(await f.token.read.balanceOf([f.admin.account.address])).to.equal(10n ** 27n);
    expect(await f.token.read.CLOCK_MODE()).to.equal("mode=timestamp");
    const u = f.users[0]!;
    await f.token.write.transfer([u.account.address, 1000n]);
    await f.token.write.delegate([u.account.address], { account: u.account });
    expect(await f.token.read.getVotes([u.account.address])).to.equal(1000n);
    // EIP-2612 permit signed by the holder.
    const spender = f.users[1]!;
    const deadline = BigInt((await f.now()) + DAY);
    const { v, r, s } = await signPermit(u, f.token.address, f.chainId, {
      spender: spender.account.address,
      value: 500n,
      nonce: 0n,
      deadline,
    });
    await f.token.write.permit([
      u.account.address,
      spender.account.address,
      500n,
      deadline,
      v,
      r,
      s,
    ]);
    expect(await f.token.read.allowance([u.account.address, spender.account.address])).to.equal(
      500n,
    );
    expect(await f.token.read.nonces([u.account.address])).to.equal(1n);
  });
});
