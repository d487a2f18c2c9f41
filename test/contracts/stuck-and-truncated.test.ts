// Nothing stuck, nothing truncated (issue 8, point 5): a swept draw takes no more funds, a
// treasury that refuses ETH never blocks the $MESI fee sweep, and every amount or time a
// narrower storage type would truncate is refused with a clear error instead.
import { describe, it } from "node:test";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, keccak256, parseEther, toHex, zeroAddress, type Hex } from "viem";
import { marketplaceDomain, signedListingTypes, type SignedListing } from "../../abi/src/market.ts";
import { MAX_TOTAL_SCORE, ScoreKind } from "../../abi/src/leaf.ts";
import { DAY, ROLES, commitment, defaultTier } from "../helpers/core.ts";
import { CLAIM_PERIOD, FEE_BPS, deployEconomy } from "../helpers/economy.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const fixture = () => deployEconomy(conn);
const MAX_UINT32 = 2n ** 32n - 1n;

describe("Nothing stuck", () => {
  it("funding a draw after its unclaimed budget was swept reverts and moves nothing", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const holder = f.users[0]!;
    const { campaignId, config, ids, tqsProof } = await f.activeTickets([holder]);
    await f.token.write.approve([f.draw.address, parseEther("10000")]);
    await f.draw.write.fund([campaignId, parseEther("100")]);
    await networkHelpers.time.increaseTo(config.qualityEnd);
    await f.draw.write.enter([ids[0]!, 8000n, tqsProof(holder.account.address)], {
      account: holder.account,
    });
    await networkHelpers.time.increaseTo(config.drawAt + 1);
    const key = await f.draw.read.drawKey([campaignId]);
    const secret = keccak256(toHex("s"));
    await f.commitSeed(key, secret);
    await f.revealSeed(key, secret);
    await f.draw.write.draw([campaignId, 10n]);
    await networkHelpers.time.increase(CLAIM_PERIOD);
    await f.draw.write.sweepUnclaimed([campaignId]);
    const before = await f.token.read.balanceOf([f.admin.account.address]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.draw.write.fund([campaignId, parseEther("5")]),
      f.draw,
      "DrawClosed",
      [campaignId],
    );
    expect(await f.token.read.balanceOf([f.admin.account.address])).to.equal(before);
    expect(await f.token.read.balanceOf([f.draw.address])).to.equal(0n);
    expect(await f.distributor.read.pending()).to.equal(parseEther("100"));
  });

  it("a treasury that refuses ETH never blocks the $MESI fee sweep; its ETH is credited and withdrawable elsewhere", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const refuser = await viem.deployContract("EthRefusingSeller", []);
    const market = await viem.deployContract("TicketMarketplace", [
      f.admin.account.address,
      f.token.address,
      f.ticket.address,
      f.distributor.address,
      refuser.address,
      FEE_BPS,
    ]);
    await market.write.setCollectionAllowed([f.ticket.address, true]);
    const [a, b, buyer, payee] = [f.users[0]!, f.users[1]!, f.users[2]!, f.users[3]!];
    const { ids } = await f.activeTickets([a, b]);
    const price = parseEther("10");
    for (const [seller, id, mesi] of [
      [a, ids[0]!, true],
      [b, ids[1]!, false],
    ] as const) {
      await f.ticket.write.setApprovalForAll([market.address, true], { account: seller.account });
      await market.write.list([f.ticket.address, id, mesi, price], { account: seller.account });
    }
    await f.token.write.transfer([buyer.account.address, price]);
    await f.token.write.approve([market.address, price], { account: buyer.account });
    await market.write.buy([f.ticket.address, ids[0]!, price], { account: buyer.account });
    await market.write.buy([f.ticket.address, ids[1]!, price], {
      account: buyer.account,
      value: price,
    });
    const fee = (price * BigInt(FEE_BPS)) / 10_000n;
    const pendingBefore = await f.distributor.read.pending();
    const tx = market.write.sweepFees();
    await viem.assertions.emitWithArgs(tx, market, "EthCredited", [
      getAddress(refuser.address),
      fee,
    ]);
    expect(await f.distributor.read.pending()).to.equal(pendingBefore + fee);
    expect(await market.read.mesiFees()).to.equal(0n);
    expect(await market.read.creditOf([refuser.address, zeroAddress])).to.equal(fee);
    const payeeBefore = await f.publicClient.getBalance({ address: payee.account.address });
    await refuser.write.withdrawTo([market.address, payee.account.address]);
    expect(await f.publicClient.getBalance({ address: payee.account.address })).to.equal(
      payeeBefore + fee,
    );
    expect(await f.publicClient.getBalance({ address: market.address })).to.equal(
      await market.read.creditOf([f.admin.account.address, zeroAddress]), // the royalty credit
    );
    await viem.assertions.revertWithCustomError(
      market.write.withdrawCreditTo([zeroAddress, zeroAddress], { account: payee.account }),
      market,
      "InvalidRecipient",
    );
  });
});

describe("Nothing truncated", () => {
  it("a self-lock beyond a 32-bit duration is refused (it used to become a 100-second lock)", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const u = f.users[0]!;
    await f.token.write.transfer([u.account.address, parseEther("2")]);
    await f.token.write.approve([f.vault.address, parseEther("2")], { account: u.account });
    const t = BigInt(await f.now()) + 1n; // the next block's time
    await networkHelpers.time.setNextBlockTimestamp(t);
    const tooLong = t + MAX_UINT32 + 101n;
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.vault.write.lock([parseEther("1"), Number(tooLong)], { account: u.account }),
      f.vault,
      "LockTooLong",
      [tooLong, t + MAX_UINT32],
    );
    // The longest lock that fits unlocks exactly when asked, not a second earlier.
    await networkHelpers.time.setNextBlockTimestamp(t + 1n);
    const unlockAt = t + 1n + MAX_UINT32;
    await f.vault.write.lock([parseEther("1"), Number(unlockAt)], { account: u.account });
    const nonce = (await f.vault.read.nextNonce()) - 1n;
    expect(await f.vault.read.vestedAt([u.account.address, nonce, unlockAt - 1n])).to.equal(0n);
    expect(await f.vault.read.vestedAt([u.account.address, nonce, unlockAt])).to.equal(
      parseEther("1"),
    );
  });

  it("a draw budget beyond 128 bits is refused before any token moves", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { campaignId } = await f.activeTickets([f.users[0]!]);
    await f.token.write.approve([f.draw.address, parseEther("10")]);
    await f.draw.write.fund([campaignId, parseEther("10")]);
    const max = 2n ** 128n - 1n;
    for (const amount of [2n ** 128n, max - parseEther("10") + 1n])
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.draw.write.fund([campaignId, amount]),
        f.draw,
        "AmountOutOfRange",
        [amount, max - parseEther("10")],
      );
    expect((await f.draw.read.drawState([campaignId])).budget).to.equal(parseEther("10"));
  });

  it("a TQS above 10,000 is refused by join and by a draw entry, not cut to 16 bits", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const [u, v] = [f.users[0]!, f.users[1]!];
    const { campaignId, config, ids } = await f.activeTickets([v]);
    await f.onboard(u);
    const huge = 65_536n + 9_000n; // uint16 would keep 9,000
    const t = await f.publishFinalTqs([
      { account: u.account.address, tqs: huge },
      { account: v.account.address, tqs: 20_000n },
    ]);
    const { id } = await f.createCampaign({ minTqs: 0 });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.campaigns.write.join([id, huge, t.proofOf(u.account.address)], { account: u.account }),
      f.campaigns,
      "TqsOutOfRange",
      [huge],
    );
    await networkHelpers.time.increaseTo(config.qualityEnd);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.draw.write.enter([ids[0]!, 20_000n, t.proofOf(v.account.address)], {
        account: v.account,
      }),
      f.draw,
      "TqsOutOfRange",
      [20_000n],
    );
    expect(campaignId).to.not.equal(id);
  });

  it("a campaign id beyond the ticket's 64 bits, a pack beyond a schedule's 112 bits and too many tiers are refused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await f.ticket.write.grantRole([ROLES.MINTER, f.admin.account.address]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.ticket.write.mintPlaceholders([2n ** 64n, [f.users[0]!.account.address]]),
      f.ticket,
      "CampaignIdOutOfRange",
      [2n ** 64n],
    );
    for (const tiers of [
      [{ ...defaultTier, amount: 2n ** 112n }],
      Array.from({ length: 33 }, () => defaultTier),
    ])
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.createCampaign({}, tiers),
        f.campaigns,
        "InvalidConfig",
        ["tiers"],
      );
    // Non-$MESI tiers (credits, items) may count beyond 112 bits: nothing vests.
    await f.createCampaign({}, [{ ...defaultTier, kind: 1, amount: 2n ** 112n }]);
  });

  it("prices and offers beyond what a listing holds (2^88 − 1) are refused, signed or not", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const seller = f.users[0]!;
    const { ids } = await f.activeTickets([seller]);
    await f.ticket.write.setApprovalForAll([f.market.address, true], { account: seller.account });
    const tooMuch = 2n ** 88n;
    await viem.assertions.revertWithCustomError(
      f.market.write.list([f.ticket.address, ids[0]!, true, tooMuch], { account: seller.account }),
      f.market,
      "InvalidPrice",
    );
    await viem.assertions.revertWithCustomError(
      f.market.write.makeOffer([f.ticket.address, ids[0]!, tooMuch, (await f.now()) + DAY]),
      f.market,
      "InvalidPrice",
    );
    const sl: SignedListing = {
      seller: seller.account.address,
      collection: f.ticket.address,
      tokenId: ids[0]!,
      version: 0n,
      mesi: true,
      price: 2n ** 240n, // its fee would not fit the 232-bit fee counter
      nonce: 1n,
      counter: 0n,
      deadline: BigInt((await f.now()) + DAY),
    };
    const signature: Hex = await seller.signTypedData({
      domain: marketplaceDomain(f.chainId, f.market.address),
      types: signedListingTypes,
      primaryType: "Listing",
      message: sl,
    });
    await viem.assertions.revertWithCustomError(
      f.market.write.buySigned([sl, signature, sl.price]),
      f.market,
      "InvalidPrice",
    );
  });

  it("payout settings are refused rather than silently adjusted", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    for (const [args, field] of [
      [[0n, 10, 5, 30 * DAY], "vestingCliff"],
      [[0n, 0, 5, DAY - 1], "claimPeriod"],
    ] as const)
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.distributor.write.setPayoutSettings([...args]),
        f.distributor,
        "InvalidPayoutSettings",
        [field],
      );
  });

  it("a revenue claim with a score of any size rounds without overflow and never overdraws the pool", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const [whale, small] = [f.users[0]!, f.users[1]!];
    // A total an epoch cannot store (its packed slot keeps 104 bits) is refused, not cut.
    const max = await f.scoreOracle.read.MAX_TOTAL_SCORE();
    expect(max).to.equal(MAX_TOTAL_SCORE);
    const epoch = (await f.scoreOracle.read.lastPublishedEpoch([ScoreKind.GALLERY])) + 1n;
    const tooBig = commitment(ScoreKind.GALLERY, epoch, keccak256(toHex("root")), 2n, max + 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.scoreOracle.write.publish([tooBig, await f.signCommitment(tooBig)]),
      f.scoreOracle,
      "TotalScoreOutOfRange",
      [max + 1n, max],
    );
    // Signers that signed a total far below the real Σ still cannot overdraw the pool.
    const g = await f.publishGallery(
      [
        { creator: whale.account.address, score: 2n ** 200n },
        { creator: small.account.address, score: 1n },
      ],
      10n,
    );
    await f.token.write.approve([f.distributor.address, parseEther("50")]);
    await f.distributor.write.fund([parseEther("50")]);
    await f.distributor.write.openPool([g.epoch], { account: f.oracle.account });
    const p = g.proofOf(0);
    await f.distributor.write.claim([g.epoch, 2n ** 200n, p.salt, p.proof], {
      account: whale.account,
    });
    const pool = await f.distributor.read.pool([g.epoch]);
    expect(pool.claimed).to.equal(pool.amount);
    expect(await f.token.read.balanceOf([f.distributor.address])).to.equal(0n);
  });
});
