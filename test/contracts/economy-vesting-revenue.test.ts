import { describe, it } from "node:test";
import { expect } from "chai";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, keccak256, parseAbi, parseEther, toHex } from "viem";
import { ScoreKind } from "../../abi/src/leaf.ts";
import { DAY, commitment } from "../helpers/core.ts";
import { CLAIM_PERIOD, deployEconomy } from "../helpers/economy.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const fixture = () => deployEconomy(conn);

describe("VestingVault", () => {
  async function granted() {
    const f = await deployEconomy(conn);
    const [alice, bob] = [f.users[0]!, f.users[1]!];
    await f.token.write.approve([f.vault.address, parseEther("1000000")]);
    const start = await f.now();
    await f.vault.write.createSchedules([
      [
        {
          beneficiary: alice.account.address,
          amount: parseEther("1200"),
          start,
          cliff: 30 * DAY,
          duration: 120 * DAY,
          revocable: true,
        },
        {
          beneficiary: bob.account.address,
          amount: parseEther("100"),
          start,
          cliff: 0,
          duration: 10 * DAY,
          revocable: false,
        },
      ],
    ]);
    return { ...f, alice, bob, start };
  }
  const vaultFixture = granted;

  it("nothing before the cliff, linear after, everything at the end; released never exceeds granted", async () => {
    const f = await networkHelpers.loadFixture(vaultFixture);
    await viem.assertions.revertWithCustomError(
      f.vault.write.release([f.alice.account.address, [0n]]),
      f.vault,
      "NothingToRelease",
    );
    await networkHelpers.time.increaseTo(f.start + 60 * DAY);
    await f.vault.write.release([f.alice.account.address, [0n]]);
    const half = await f.vault.read.releasedOf([f.alice.account.address, 0n]);
    expect(half > parseEther("599") && half <= parseEther("600.01")).to.equal(true);
    await networkHelpers.time.increaseTo(f.start + 400 * DAY);
    await f.vault.write.release([f.alice.account.address, [0n]]);
    expect(await f.vault.read.releasedOf([f.alice.account.address, 0n])).to.equal(
      parseEther("1200"),
    );
    expect(await f.token.read.balanceOf([f.alice.account.address])).to.equal(parseEther("1200"));
    await viem.assertions.revertWithCustomError(
      f.vault.write.release([f.alice.account.address, [0n]]),
      f.vault,
      "NothingToRelease",
    );
    await viem.assertions.revertWithCustomError(
      f.vault.write.release([f.alice.account.address, [1n]]),
      f.vault,
      "UnknownSchedule",
    );
  });

  it("revokes only the unvested part, only of revocable schedules, only for a fraud flag", async () => {
    const f = await networkHelpers.loadFixture(vaultFixture);
    const ref = keccak256(toHex("fraud-case-7"));
    await viem.assertions.revertWithCustomError(
      f.vault.write.revoke([f.alice.account.address, 0n, ref]),
      f.vault,
      "NotFlaggedForFraud",
    );
    await f.registry.write.setExclusions(
      [[f.alice.account.address, f.bob.account.address], true, ref],
      { account: f.oracle.account },
    );
    await viem.assertions.revertWithCustomError(
      f.vault.write.revoke([f.bob.account.address, 1n, ref]),
      f.vault,
      "NotRevocable",
    );
    await viem.assertions.revertWithCustomError(
      f.vault.write.revoke([f.alice.account.address, 0n, ref], { account: f.bob.account }),
      f.vault,
      "AccessControlUnauthorizedAccount",
    );
    await networkHelpers.time.increaseTo(f.start + 60 * DAY);
    await f.vault.write.revoke([f.alice.account.address, 0n, ref]);
    const kept = await f.vault.read.vestedAt([
      f.alice.account.address,
      0n,
      BigInt(f.start + 1000 * DAY),
    ]);
    expect(kept > parseEther("599") && kept < parseEther("601")).to.equal(true);
    expect(await f.token.read.balanceOf([f.treasury.account.address])).to.equal(
      parseEther("1200") - kept,
    );
    await viem.assertions.revertWithCustomError(
      f.vault.write.revoke([f.alice.account.address, 0n, ref]),
      f.vault,
      "NotRevocable",
    );
    await f.vault.write.release([f.alice.account.address, [0n]]);
    expect(await f.token.read.balanceOf([f.vault.address])).to.equal(parseEther("100")); // Bob's untouched grant
  });

  it("a holder locks its own $MESI until a date; the lock counts for the User Score until withdrawn", async () => {
    const f = await networkHelpers.loadFixture(vaultFixture);
    const u = f.users[3]!;
    await f.token.write.transfer([u.account.address, parseEther("50")]);
    await f.token.write.approve([f.vault.address, parseEther("50")], { account: u.account });
    const unlockAt = (await f.now()) + 90 * DAY;
    await f.vault.write.lock([parseEther("50"), unlockAt], { account: u.account });
    expect(await f.vault.read.lockedOf([u.account.address])).to.equal(parseEther("50"));
    await viem.assertions.revertWithCustomError(
      f.vault.write.release([u.account.address, [2n]]),
      f.vault,
      "NothingToRelease",
    );
    await f.registry.write.setExclusions([[u.account.address], true, keccak256(toHex("x"))], {
      account: f.oracle.account,
    });
    await viem.assertions.revertWithCustomError(
      f.vault.write.revoke([u.account.address, 2n, keccak256(toHex("x"))]),
      f.vault,
      "NotRevocable",
    );
    await networkHelpers.time.increaseTo(unlockAt);
    await f.vault.write.release([u.account.address, [2n]]);
    expect(await f.vault.read.lockedOf([u.account.address])).to.equal(0n);
    expect(await f.token.read.balanceOf([u.account.address])).to.equal(parseEther("50"));
    await viem.assertions.revertWithCustomError(
      f.vault.write.lock([0n, unlockAt + 10], { account: u.account }),
      f.vault,
      "InvalidGrant",
    );
  });

  it("refuses invalid grants and non-grantors", async () => {
    const f = await networkHelpers.loadFixture(vaultFixture);
    const g = {
      beneficiary: f.alice.account.address,
      amount: 1n,
      start: 0,
      cliff: 10,
      duration: 5,
      revocable: false,
    };
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.vault.write.createSchedules([[g]]),
      f.vault,
      "InvalidGrant",
      [0n],
    );
    await viem.assertions.revertWithCustomError(
      f.vault.write.createSchedules([[{ ...g, cliff: 0 }]], { account: f.alice.account }),
      f.vault,
      "AccessControlUnauthorizedAccount",
    );
  });
});

describe("RevenueDistributor", () => {
  async function pools() {
    const f = await deployEconomy(conn);
    const [c1, c2, c3] = [f.users[0]!, f.users[1]!, f.users[2]!];
    const g = await f.publishGallery([
      { creator: c1.account.address, score: 500n },
      { creator: c2.account.address, score: 300n },
      { creator: c3.account.address, score: 200n },
    ]);
    await f.token.write.approve([f.distributor.address, parseEther("1000000")]);
    await f.distributor.write.fund([parseEther("1000")]);
    await f.distributor.write.openPool([g.epoch], { account: f.oracle.account });
    return { ...f, g, c1, c2, c3 };
  }

  it("pays each creator its pro-rata share once: small payouts directly, large ones into vesting", async () => {
    const f = await networkHelpers.loadFixture(pools);
    const p1 = f.g.proofOf(0);
    await viem.assertions.emitWithArgs(
      f.distributor.write.claim([f.g.epoch, 500n, p1.salt, p1.proof], { account: f.c1.account }),
      f.distributor,
      "RevenueClaimed",
      [f.g.epoch, getAddress(f.c1.account.address), 500n, parseEther("500"), true, 0n],
    );
    expect((await f.vault.read.scheduleOf([f.c1.account.address, 0n])).amount).to.equal(
      parseEther("500"),
    );
    await viem.assertions.revertWithCustomError(
      f.distributor.write.claim([f.g.epoch, 500n, p1.salt, p1.proof], { account: f.c1.account }),
      f.distributor,
      "AlreadyClaimed",
    );
    // A claim of someone else's leaf, or a changed score, fails the proof.
    const p2 = f.g.proofOf(1);
    await viem.assertions.revertWithCustomError(
      f.distributor.write.claim([f.g.epoch, 300n, p2.salt, p2.proof], { account: f.c3.account }),
      f.distributor,
      "InvalidProof",
    );
    await viem.assertions.revertWithCustomError(
      f.distributor.write.claim([f.g.epoch, 400n, p2.salt, p2.proof], { account: f.c2.account }),
      f.distributor,
      "InvalidProof",
    );
    await f.distributor.write.setPayoutSettings([parseEther("1000"), 0, 0, CLAIM_PERIOD]);
    await f.distributor.write.claim([f.g.epoch, 300n, p2.salt, p2.proof], {
      account: f.c2.account,
    });
    expect(await f.token.read.balanceOf([f.c2.account.address])).to.equal(parseEther("300"));
    const pool = await f.distributor.read.pool([f.g.epoch]);
    expect(pool.claimed <= pool.amount).to.equal(true);
  });

  it("the signers fix a pool's total: openPool takes no total, and a signature over another total does not verify", async () => {
    const f = await networkHelpers.loadFixture(pools);
    // The oracle key names only the epoch: openPool has no total argument, and the old
    // two-argument call is no function of the contract.
    const openPool = f.distributor.abi.find((x) => x.type === "function" && x.name === "openPool");
    expect(openPool?.inputs.map((i) => i.type)).to.deep.equal(["uint64"]);
    const next = await f.publishGallery([{ creator: f.c3.account.address, score: 1n }]);
    await f.distributor.write.fund([parseEther("10")]);
    const chosen = encodeFunctionData({
      abi: parseAbi(["function openPool(uint64 epoch, uint256 totalScore)"]),
      args: [next.epoch, 1n],
    });
    let refused = false;
    try {
      const hash = await f.oracle.sendTransaction({ to: f.distributor.address, data: chosen });
      const receipt = await (await viem.getPublicClient()).waitForTransactionReceipt({ hash });
      refused = receipt.status !== "success";
    } catch {
      refused = true;
    }
    expect(refused, "a total chosen by the caller is refused").to.equal(true);
    expect((await f.distributor.read.pool([next.epoch])).expiresAt).to.equal(0);

    // The pool divides by what the signers signed with the root: Σ scores = 1,000.
    const info = await f.scoreOracle.read.epochInfo([ScoreKind.GALLERY, f.g.epoch]);
    expect(info.totalScore).to.equal(1000n);
    expect((await f.distributor.read.pool([f.g.epoch])).totalScore).to.equal(info.totalScore);

    // Understating the total needs the signers: a signature over another total recovers
    // another address, which holds no signer role, so such a commitment never publishes.
    const epoch = (await f.scoreOracle.read.lastPublishedEpoch([ScoreKind.GALLERY])) + 1n;
    const honest = commitment(ScoreKind.GALLERY, epoch, keccak256(toHex("root")), 3n, 1000n);
    const signatures = await f.signCommitment(honest);
    for (const totalScore of [1n, 999n, 1001n, 0n])
      await viem.assertions.revertWithCustomError(
        f.scoreOracle.write.publish([{ ...honest, totalScore }, signatures]),
        f.scoreOracle,
        "SignerNotAuthorized",
      );

    // In any order, each creator gets its score over the signed total; Σ claims ≤ pool.
    await f.distributor.write.setPayoutSettings([parseEther("1000"), 0, 0, CLAIM_PERIOD]);
    const before = await f.token.read.balanceOf([f.distributor.address]);
    for (const [i, c, score] of [
      [2, f.c3, 200n],
      [0, f.c1, 500n],
      [1, f.c2, 300n],
    ] as const) {
      const p = f.g.proofOf(i);
      await f.distributor.write.claim([f.g.epoch, score, p.salt, p.proof], { account: c.account });
      expect(await f.token.read.balanceOf([c.account.address])).to.equal(
        (parseEther("1000") * score) / 1000n,
      );
    }
    const pool = await f.distributor.read.pool([f.g.epoch]);
    expect(pool.claimed).to.equal(pool.amount);
    expect(before - (await f.token.read.balanceOf([f.distributor.address]))).to.equal(pool.amount);
  });

  it("an expired pool rolls its unclaimed funds into the next pool; late claims are refused", async () => {
    const f = await networkHelpers.loadFixture(pools);
    await viem.assertions.revertWithCustomError(
      f.distributor.write.rollOver([f.g.epoch]),
      f.distributor,
      "NotExpired",
    );
    await networkHelpers.time.increase(CLAIM_PERIOD);
    const p3 = f.g.proofOf(2);
    await viem.assertions.revertWithCustomError(
      f.distributor.write.claim([f.g.epoch, 200n, p3.salt, p3.proof], { account: f.c3.account }),
      f.distributor,
      "PoolExpired",
    );
    await f.distributor.write.rollOver([f.g.epoch]);
    await viem.assertions.revertWithCustomError(
      f.distributor.write.rollOver([f.g.epoch]),
      f.distributor,
      "NotExpired",
    );
    expect(await f.distributor.read.pending()).to.equal(parseEther("1000"));
    const next = await f.publishGallery([{ creator: f.c3.account.address, score: 1n }]);
    await f.distributor.write.openPool([next.epoch], { account: f.oracle.account });
    expect((await f.distributor.read.pool([next.epoch])).amount).to.equal(parseEther("1000"));
    // Claimed flags are per epoch: c3 claims the next epoch once, the expired one stays unclaimed.
    const n3 = next.proofOf(0);
    expect(await f.distributor.read.hasClaimed([next.epoch, f.c3.account.address])).to.equal(false);
    await f.distributor.write.claim([next.epoch, 1n, n3.salt, n3.proof], { account: f.c3.account });
    expect(await f.distributor.read.hasClaimed([next.epoch, f.c3.account.address])).to.equal(true);
    expect(await f.distributor.read.hasClaimed([f.g.epoch, f.c3.account.address])).to.equal(false);
    await viem.assertions.revertWithCustomError(
      f.distributor.write.claim([next.epoch, 1n, n3.salt, n3.proof], { account: f.c3.account }),
      f.distributor,
      "AlreadyClaimed",
    );
  });

  it("opens pools only for final epochs, once, with funds; only the oracle opens them", async () => {
    const f = await networkHelpers.loadFixture(pools);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.distributor.write.openPool([f.g.epoch], { account: f.oracle.account }),
      f.distributor,
      "EpochNotAfterLastPool",
      [f.g.epoch, f.g.epoch],
    );
    await viem.assertions.revertWithCustomError(
      f.distributor.write.openPool([99n], { account: f.oracle.account }),
      f.distributor,
      "EpochNotFinal",
    );
    const next = await f.publishGallery([{ creator: f.c3.account.address, score: 1n }]);
    await viem.assertions.revertWithCustomError(
      f.distributor.write.openPool([next.epoch], { account: f.oracle.account }),
      f.distributor,
      "EmptyPool",
    );
    await viem.assertions.revertWithCustomError(
      f.distributor.write.openPool([next.epoch]),
      f.distributor,
      "AccessControlUnauthorizedAccount",
    );
    await viem.assertions.revertWithCustomError(
      f.distributor.write.claim([next.epoch, 1n, ("0x" + "00".repeat(32)) as `0x${string}`, []]),
      f.distributor,
      "NoPool",
    );
  });

  it("pools only move forward: an epoch at or before the last pooled one is refused, and funds wait for a newer final epoch", async () => {
    const f = await deployEconomy(conn);
    const creator = f.users[0]!;
    const asOracle = { account: f.oracle.account };
    expect(await f.distributor.read.lastPooledEpoch()).to.equal(0n);
    // Two final epochs before any funds: the oracle pools the newer one.
    const older = await f.publishGallery([{ creator: creator.account.address, score: 1n }]);
    const newer = await f.publishGallery([{ creator: creator.account.address, score: 1n }]);
    await f.token.write.approve([f.distributor.address, parseEther("1000000")]);
    await f.distributor.write.fund([parseEther("100")]);
    await f.distributor.write.openPool([newer.epoch], asOracle);
    expect(await f.distributor.read.lastPooledEpoch()).to.equal(newer.epoch);
    // Revenue arriving now stays pending: the older final epoch (never pooled) and the
    // pooled one are both refused; nothing moves.
    await f.distributor.write.fund([parseEther("50")]);
    for (const epoch of [older.epoch, newer.epoch])
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.distributor.write.openPool([epoch], asOracle),
        f.distributor,
        "EpochNotAfterLastPool",
        [epoch, newer.epoch],
      );
    expect(await f.distributor.read.pending()).to.equal(parseEther("50"));
    expect((await f.distributor.read.pool([older.epoch])).expiresAt).to.equal(0);
    expect((await f.distributor.read.pool([newer.epoch])).amount).to.equal(parseEther("100"));
    // The next newer final epoch takes it.
    const latest = await f.publishGallery([{ creator: creator.account.address, score: 1n }]);
    await f.distributor.write.openPool([latest.epoch], asOracle);
    expect((await f.distributor.read.pool([latest.epoch])).amount).to.equal(parseEther("50"));
    expect(await f.distributor.read.pending()).to.equal(0n);
    expect(await f.distributor.read.lastPooledEpoch()).to.equal(latest.epoch);
  });
});

describe("GalleryCollection", () => {
  it("one gallery per creator; items carry the creator's royalty and URI", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const c = f.users[0]!;
    await viem.assertions.revertWithCustomError(
      f.gallery.write.mint(["ipfs://x", 500n], { account: c.account }),
      f.gallery,
      "NoGallery",
    );
    await f.gallery.write.createGallery(["Alice's gallery"], { account: c.account });
    await viem.assertions.revertWithCustomError(
      f.gallery.write.createGallery(["again"], { account: c.account }),
      f.gallery,
      "GalleryExists",
    );
    await viem.assertions.revertWithCustomError(
      f.gallery.write.mint(["ipfs://x", 1001n], { account: c.account }),
      f.gallery,
      "RoyaltyTooHigh",
    );
    await f.gallery.write.mint(["ipfs://item-1", 500n], { account: c.account });
    expect(await f.gallery.read.tokenURI([1n])).to.equal("ipfs://item-1");
    expect(await f.gallery.read.royaltyInfo([1n, 10_000n])).to.deep.equal([
      getAddress(c.account.address),
      500n,
    ]);
    expect(await f.gallery.read.galleryOfToken([1n])).to.equal(1n);
    expect(await f.gallery.read.creatorOf([1n])).to.equal(getAddress(c.account.address));
    // Tradeable on the marketplace, with the creator's royalty.
    await f.gallery.write.setApprovalForAll([f.market.address, true], { account: c.account });
    await f.market.write.list([f.gallery.address, 1n, false, parseEther("1")], {
      account: c.account,
    });
    const buyer = f.users[1]!;
    await f.market.write.buy([f.gallery.address, 1n, parseEther("1")], {
      account: buyer.account,
      value: parseEther("1"),
    });
    expect(await f.gallery.read.ownerOf([1n])).to.equal(getAddress(buyer.account.address));
  });
});
