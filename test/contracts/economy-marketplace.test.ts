import { describe, it } from "node:test";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, hashTypedData, parseEther, zeroAddress, type Address } from "viem";
import { iMarketCollectionAbi } from "../../abi/src/generated/abis.ts";
import { marketplaceDomain, signedListingTypes, type SignedListing } from "../../abi/src/market.ts";
import { DAY, ROLES, signPermit } from "../helpers/core.ts";
import { FEE_BPS, deployEconomy, type Economy } from "../helpers/economy.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;

async function fixture() {
  const e = await deployEconomy(conn);
  const [seller, buyer, other] = [e.users[0]!, e.users[1]!, e.users[2]!];
  const { ids, campaignId } = await e.activeTickets([seller, other]);
  const tokenId = ids[0]!;
  await e.ticket.write.setApprovalForAll([e.market.address, true], { account: seller.account });
  await e.token.write.transfer([buyer.account.address, parseEther("1000")]);
  await e.token.write.approve([e.market.address, parseEther("1000")], { account: buyer.account });
  return { ...e, seller, buyer, other, tokenId, otherTokenId: ids[1]!, campaignId };
}

const PRICE = parseEther("100");
const fee = (p: bigint) => (p * BigInt(FEE_BPS)) / 10_000n;
const royalty = (p: bigint) => (p * 500n) / 10_000n; // Ticket royalty: 5% to the admin

describe("TicketMarketplace: on-chain listings", () => {
  it("sells an Active ticket for $MESI with fee and royalty in the same transaction", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await f.market.write.list([f.ticket.address, f.tokenId, true, PRICE], {
      account: f.seller.account,
    });
    const before = await f.token.read.balanceOf([f.seller.account.address]);
    await viem.assertions.emitWithArgs(
      f.market.write.buy([f.ticket.address, f.tokenId, PRICE], { account: f.buyer.account }),
      f.market,
      "Sale",
      [
        getAddress(f.ticket.address),
        f.tokenId,
        getAddress(f.buyer.account.address),
        getAddress(f.seller.account.address),
        getAddress(f.token.address),
        PRICE,
        fee(PRICE),
        getAddress(f.admin.account.address),
        royalty(PRICE),
      ],
    );
    expect(await f.ticket.read.ownerOf([f.tokenId])).to.equal(getAddress(f.buyer.account.address));
    expect((await f.token.read.balanceOf([f.seller.account.address])) - before).to.equal(
      PRICE - fee(PRICE) - royalty(PRICE),
    );
    expect(await f.market.read.mesiFees()).to.equal(fee(PRICE));
    // The whole price is pulled once; the marketplace keeps exactly fee + royalty.
    expect(await f.token.read.balanceOf([f.buyer.account.address])).to.equal(
      parseEther("1000") - PRICE,
    );
    expect(await f.token.read.balanceOf([f.market.address])).to.equal(fee(PRICE) + royalty(PRICE));
    expect(await f.market.read.creditOf([f.admin.account.address, f.token.address])).to.equal(
      royalty(PRICE),
    );
    // Fees fund the revenue pool; royalties are pulled by their receiver.
    await f.market.write.sweepFees();
    expect(await f.distributor.read.pending()).to.equal(fee(PRICE));
    await f.market.write.withdrawCredit([f.token.address]);
    expect(await f.token.read.balanceOf([f.market.address])).to.equal(0n);
  });

  it("sells for ETH: seller paid, fee and royalty accrued, nothing stuck", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const price = parseEther("1");
    await f.market.write.list([f.ticket.address, f.tokenId, false, price], {
      account: f.seller.account,
    });
    await viem.assertions.balancesHaveChanged(
      f.market.write.buy([f.ticket.address, f.tokenId, price], {
        account: f.buyer.account,
        value: price,
      }),
      [
        { address: f.seller.account.address, amount: price - fee(price) - royalty(price) },
        { address: f.market.address, amount: fee(price) + royalty(price) },
      ],
    );
    await viem.assertions.revertWithCustomError(
      f.market.write.buy([f.ticket.address, f.tokenId, price], {
        account: f.other.account,
        value: price,
      }),
      f.market,
      "ListingNotFound",
    );
    await f.market.write.sweepFees();
    await f.market.write.withdrawCredit([zeroAddress]);
    expect(await f.publicClient.getBalance({ address: f.market.address })).to.equal(0n);
  });

  it("a buyer never pays more than it agreed, even after a re-price; wrong ETH is refused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await f.market.write.list([f.ticket.address, f.tokenId, true, PRICE], {
      account: f.seller.account,
    });
    await f.market.write.updatePrice([f.ticket.address, f.tokenId, PRICE * 2n], {
      account: f.seller.account,
    });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.buy([f.ticket.address, f.tokenId, PRICE], { account: f.buyer.account }),
      f.market,
      "PriceAboveMax",
      [PRICE * 2n, PRICE],
    );
    // ETH sent with a $MESI purchase is refused, not kept.
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.buy([f.ticket.address, f.tokenId, PRICE * 2n], {
        account: f.buyer.account,
        value: 1n,
      }),
      f.market,
      "WrongValue",
      [1n, 0n],
    );
    await f.market.write.list([f.ticket.address, f.tokenId, false, PRICE], {
      account: f.seller.account,
    });
    await viem.assertions.revertWithCustomError(
      f.market.write.buy([f.ticket.address, f.tokenId, PRICE], {
        account: f.buyer.account,
        value: 1n,
      }),
      f.market,
      "WrongValue",
    );
  });

  it("refuses cancelled, moved, entered, voided and placeholder tickets", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const t = f.ticket.address;
    await f.market.write.list([t, f.tokenId, true, PRICE], { account: f.seller.account });
    await f.market.write.cancel([t, f.tokenId], { account: f.seller.account });
    await viem.assertions.revertWithCustomError(
      f.market.write.buy([t, f.tokenId, PRICE], { account: f.buyer.account }),
      f.market,
      "ListingNotFound",
    );
    // Moved: the seller gives the ticket away; the stale listing is gone.
    await f.market.write.list([t, f.tokenId, true, PRICE], { account: f.seller.account });
    await f.ticket.write.transferFrom(
      [f.seller.account.address, f.other.account.address, f.tokenId],
      { account: f.seller.account },
    );
    expect((await f.market.read.listingOf([t, f.tokenId])).seller).to.equal(zeroAddress);
    await viem.assertions.revertWithCustomError(
      f.market.write.buy([t, f.tokenId, PRICE], { account: f.buyer.account }),
      f.market,
      "ListingNotFound",
    );
    // Entered in a draw: the listing is gone, and the ticket cannot be listed again.
    await f.ticket.write.setApprovalForAll([f.market.address, true], { account: f.other.account });
    await f.market.write.list([t, f.otherTokenId, true, PRICE], { account: f.other.account });
    await f.ticket.write.grantRole([ROLES.DRAW, f.admin.account.address]);
    await f.ticket.write.setEntered([f.otherTokenId, true]);
    await viem.assertions.revertWithCustomError(
      f.market.write.buy([t, f.otherTokenId, PRICE], { account: f.buyer.account }),
      f.market,
      "ListingNotFound",
    );
    await viem.assertions.revertWithCustomError(
      f.market.write.list([t, f.otherTokenId, true, PRICE], { account: f.other.account }),
      f.market,
      "NotTradeable",
    );
    // Placeholders and voided tickets can never be listed.
    const u = f.users[5]!;
    await f.onboard(u);
    const t2 = await f.publishFinalTqs([{ account: u.account.address, tqs: 9000n }]);
    const { id } = await f.createCampaign({ capacity: 1, joinCap: 1, minTqs: 0 });
    await f.campaigns.write.join([id, 9000n, t2.proofOf(u.account.address)], {
      account: u.account,
    });
    const placeholder = await f.ticket.read.nextTokenId();
    await f.campaigns.write.recordCompletions([id, [u.account.address]], {
      account: f.oracle.account,
    });
    await f.ticket.write.setApprovalForAll([f.market.address, true], { account: u.account });
    await viem.assertions.revertWithCustomError(
      f.market.write.list([t, placeholder, true, PRICE], { account: u.account }),
      f.market,
      "NotTradeable",
    );
    await f.campaigns.write.recordVerdicts([id, [], [placeholder]], { account: f.oracle.account });
    await viem.assertions.revertWithCustomError(
      f.market.write.list([t, placeholder, true, PRICE], { account: u.account }),
      f.market,
      "NotTradeable",
    );
  });

  it("refuses unlisted collections, unapproved tokens, bad prices and non-sellers", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const rogue = await viem.deployContract("GalleryCollection", []);
    await viem.assertions.revertWithCustomError(
      f.market.write.list([rogue.address, 1n, true, PRICE], { account: f.seller.account }),
      f.market,
      "CollectionNotAllowed",
    );
    await f.ticket.write.setApprovalForAll([f.market.address, false], {
      account: f.seller.account,
    });
    await viem.assertions.revertWithCustomError(
      f.market.write.list([f.ticket.address, f.tokenId, true, PRICE], {
        account: f.seller.account,
      }),
      f.market,
      "NotOwnerOrNotApproved",
    );
    await f.ticket.write.setApprovalForAll([f.market.address, true], { account: f.seller.account });
    await viem.assertions.revertWithCustomError(
      f.market.write.list([f.ticket.address, f.tokenId, true, 0n], { account: f.seller.account }),
      f.market,
      "InvalidPrice",
    );
    await f.market.write.list([f.ticket.address, f.tokenId, true, PRICE], {
      account: f.seller.account,
    });
    await viem.assertions.revertWithCustomError(
      f.market.write.cancel([f.ticket.address, f.tokenId], { account: f.buyer.account }),
      f.market,
      "ListingNotFound",
    );
    await viem.assertions.revertWithCustomError(
      f.market.write.updatePrice([f.ticket.address, f.tokenId, 1n], { account: f.buyer.account }),
      f.market,
      "ListingNotFound",
    );
    // Disallowing the ticket collection (its flag shares the fee slot) stops listing and buying.
    expect(await f.market.read.allowedCollection([f.ticket.address])).to.equal(true);
    await f.market.write.setCollectionAllowed([f.ticket.address, false]);
    expect(await f.market.read.allowedCollection([f.ticket.address])).to.equal(false);
    expect(await f.market.read.allowedCollection([f.gallery.address])).to.equal(true);
    expect(await f.market.read.feeBps()).to.equal(FEE_BPS);
    await viem.assertions.revertWithCustomError(
      f.market.write.buy([f.ticket.address, f.tokenId, PRICE], { account: f.buyer.account }),
      f.market,
      "CollectionNotAllowed",
    );
    await viem.assertions.revertWithCustomError(
      f.market.write.list([f.ticket.address, f.tokenId, true, PRICE], {
        account: f.seller.account,
      }),
      f.market,
      "CollectionNotAllowed",
    );
    await f.market.write.setCollectionAllowed([f.ticket.address, true]);
    expect(await f.market.read.feeBps()).to.equal(FEE_BPS);
    await viem.assertions.revertWithCustomError(
      f.market.write.setFee([1001]),
      f.market,
      "FeeTooHigh",
    );
    await viem.assertions.revertWithCustomError(
      f.market.write.setFee([1], { account: f.buyer.account }),
      f.market,
      "AccessControlUnauthorizedAccount",
    );
  });

  it("buys with an EIP-2612 permit in one call", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await f.token.write.approve([f.market.address, 0n], { account: f.buyer.account });
    await f.market.write.list([f.ticket.address, f.tokenId, true, PRICE], {
      account: f.seller.account,
    });
    const deadline = BigInt((await f.now()) + DAY);
    const { v, r, s } = await signPermit(f.buyer, f.token.address, f.chainId, {
      spender: f.market.address,
      value: PRICE,
      nonce: 0n,
      deadline,
    });
    await f.market.write.buyWithPermit([f.ticket.address, f.tokenId, PRICE, deadline, v, r, s], {
      account: f.buyer.account,
    });
    expect(await f.ticket.read.ownerOf([f.tokenId])).to.equal(getAddress(f.buyer.account.address));
  });
});

describe("TicketMarketplace: signed listings and offers", () => {
  async function signListing(
    f: Economy & { seller: Economy["users"][number] },
    tokenId: bigint,
    nonce: bigint,
    price = PRICE,
    collection: Address = f.ticket.address,
  ) {
    const sl: SignedListing = {
      seller: f.seller.account.address,
      collection,
      tokenId,
      version: await f.publicClient.readContract({
        address: collection,
        abi: iMarketCollectionAbi,
        functionName: "tradeVersion",
        args: [tokenId],
      }),
      mesi: true,
      price,
      nonce,
      counter: await f.market.read.counterOf([f.seller.account.address]),
      deadline: BigInt((await f.now()) + DAY),
    };
    const signature = await f.seller.signTypedData({
      domain: marketplaceDomain(f.chainId, f.market.address),
      types: signedListingTypes,
      primaryType: "Listing",
      message: sl,
    });
    expect(await f.market.read.hashListing([sl])).to.equal(
      hashTypedData({
        domain: marketplaceDomain(f.chainId, f.market.address),
        types: signedListingTypes,
        primaryType: "Listing",
        message: sl,
      }),
    );
    return { sl, signature };
  }

  it("a signed listing sells once; replay, cancelled nonces, bulk cancel and forgery are refused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { sl, signature } = await signListing(f, f.tokenId, 1n);
    await f.market.write.buySigned([sl, signature, PRICE], { account: f.buyer.account });
    expect(await f.ticket.read.ownerOf([f.tokenId])).to.equal(getAddress(f.buyer.account.address));
    await viem.assertions.revertWithCustomError(
      f.market.write.buySigned([sl, signature, PRICE], { account: f.other.account }),
      f.market,
      "SignedListingVoid",
    );
    // Forged: a price other than the signed one.
    const second = await signListing(f, f.otherTokenId, 2n);
    await viem.assertions.revertWithCustomError(
      f.market.write.buySigned([{ ...second.sl, price: 1n }, second.signature, PRICE], {
        account: f.buyer.account,
      }),
      f.market,
      "InvalidSignature",
    );
    await f.market.write.cancelNonces([[2n]], { account: f.seller.account });
    expect(await f.market.read.isNonceUsed([f.seller.account.address, 2n])).to.equal(true);
    await viem.assertions.revertWithCustomError(
      f.market.write.buySigned([second.sl, second.signature, PRICE], { account: f.buyer.account }),
      f.market,
      "SignedListingVoid",
    );
    const third = await signListing(f, f.otherTokenId, 3n);
    await f.market.write.incrementCounter({ account: f.seller.account });
    await viem.assertions.revertWithCustomError(
      f.market.write.buySigned([third.sl, third.signature, PRICE], { account: f.buyer.account }),
      f.market,
      "SignedListingVoid",
    );
  });

  it("the holder accepts a $MESI offer before expiry; expired and cancelled offers are refused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const expiry = (await f.now()) + DAY;
    await f.market.write.makeOffer([f.ticket.address, f.tokenId, PRICE, expiry], {
      account: f.buyer.account,
    });
    await viem.assertions.revertWithCustomError(
      f.market.write.acceptOffer(
        [f.ticket.address, f.tokenId, f.buyer.account.address, PRICE + 1n],
        { account: f.seller.account },
      ),
      f.market,
      "PriceAboveMax",
    );
    await f.market.write.acceptOffer(
      [f.ticket.address, f.tokenId, f.buyer.account.address, PRICE],
      { account: f.seller.account },
    );
    expect(await f.ticket.read.ownerOf([f.tokenId])).to.equal(getAddress(f.buyer.account.address));
    await f.market.write.makeOffer(
      [f.ticket.address, f.otherTokenId, PRICE, (await f.now()) + 10],
      { account: f.buyer.account },
    );
    await f.ticket.write.setApprovalForAll([f.market.address, true], { account: f.other.account });
    await networkHelpers.time.increase(20);
    await viem.assertions.revertWithCustomError(
      f.market.write.acceptOffer([f.ticket.address, f.otherTokenId, f.buyer.account.address, 0n], {
        account: f.other.account,
      }),
      f.market,
      "OfferNotFound",
    );
    await f.market.write.makeOffer(
      [f.ticket.address, f.otherTokenId, PRICE, (await f.now()) + DAY],
      { account: f.buyer.account },
    );
    await f.market.write.cancelOffer([f.ticket.address, f.otherTokenId], {
      account: f.buyer.account,
    });
    await viem.assertions.revertWithCustomError(
      f.market.write.acceptOffer([f.ticket.address, f.otherTokenId, f.buyer.account.address, 0n], {
        account: f.other.account,
      }),
      f.market,
      "OfferNotFound",
    );
  });
});

describe("TicketMarketplace: attacks", () => {
  it("a malicious ERC-721 receiver cannot re-enter buy", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const price = parseEther("1");
    await f.ticket.write.setApprovalForAll([f.market.address, true], { account: f.other.account });
    await f.market.write.list([f.ticket.address, f.tokenId, false, price], {
      account: f.seller.account,
    });
    await f.market.write.list([f.ticket.address, f.otherTokenId, false, price], {
      account: f.other.account,
    });
    const attacker = await viem.deployContract("ReentrantBuyer", [f.market.address]);
    await viem.assertions.revertWithCustomError(
      attacker.write.attack([f.ticket.address, f.tokenId, price, f.otherTokenId], {
        value: price * 2n,
      }),
      f.market,
      "ReentrancyGuardReentrantCall",
    );
    expect(await f.ticket.read.ownerOf([f.tokenId])).to.equal(getAddress(f.seller.account.address));
    expect(await f.publicClient.getBalance({ address: f.market.address })).to.equal(0n);
  });

  it("a malicious ERC-20 cannot re-enter buy", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const evil = await viem.deployContract("ReentrantToken", []);
    const market = await viem.deployContract("TicketMarketplace", [
      f.admin.account.address,
      evil.address,
      f.ticket.address,
      f.distributor.address,
      f.treasury.account.address,
      100,
    ]);
    await market.write.setCollectionAllowed([f.ticket.address, true]);
    await f.ticket.write.setApprovalForAll([market.address, true], { account: f.seller.account });
    await market.write.list([f.ticket.address, f.tokenId, true, PRICE], {
      account: f.seller.account,
    });
    await evil.write.transfer([f.buyer.account.address, PRICE]);
    await evil.write.approve([market.address, PRICE], { account: f.buyer.account });
    await evil.write.arm([market.address, f.ticket.address, f.otherTokenId]);
    await viem.assertions.revertWithCustomError(
      market.write.buy([f.ticket.address, f.tokenId, PRICE], { account: f.buyer.account }),
      market,
      "ReentrancyGuardReentrantCall",
    );
  });

  it("a seller that refuses ETH is credited, and the buyer still gets the token", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const seller = await viem.deployContract("EthRefusingSeller", []);
    await f.ticket.write.transferFrom([f.seller.account.address, seller.address, f.tokenId], {
      account: f.seller.account,
    });
    await seller.write.approve([f.ticket.address, f.market.address]);
    const price = parseEther("1");
    await seller.write.list([f.market.address, f.ticket.address, f.tokenId, price]);
    await f.market.write.buy([f.ticket.address, f.tokenId, price], {
      account: f.buyer.account,
      value: price,
    });
    expect(await f.market.read.creditOf([seller.address, zeroAddress])).to.equal(
      price - fee(price) - royalty(price),
    );
  });
});
