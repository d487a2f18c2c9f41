// Dead listings stay dead (issue 8, point 3): an on-chain or signed listing names the token's
// trade version; once the token leaves the seller (even if it comes back) or a ticket enters a
// draw (even after it exits), the listing can never be bought. Tickets and gallery NFTs alike.
import { describe, it } from "node:test";
import { expect } from "chai";
import { network } from "hardhat";
import {
  erc721Abi,
  getAddress,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  type Address,
} from "viem";
import { iMarketCollectionAbi } from "../../abi/src/generated/abis.ts";
import { marketplaceDomain, signedListingTypes, type SignedListing } from "../../abi/src/market.ts";
import { DAY } from "../helpers/core.ts";
import { deployEconomy, type Economy } from "../helpers/economy.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const PRICE = parseEther("50");
type Wallet = Economy["users"][number];

async function fixture() {
  const e = await deployEconomy(conn);
  const [seller, friend, buyer, creator] = [e.users[0]!, e.users[1]!, e.users[2]!, e.users[3]!];
  const { ids, campaignId, config, tqsProof } = await e.activeTickets([seller, friend]);
  await e.gallery.write.createGallery(["studio"], { account: creator.account });
  await e.gallery.write.mint(["ipfs://art", 500n], { account: creator.account });
  for (const w of [seller, friend, creator]) {
    await e.ticket.write.setApprovalForAll([e.market.address, true], { account: w.account });
    await e.gallery.write.setApprovalForAll([e.market.address, true], { account: w.account });
  }
  for (const w of [buyer, friend]) {
    await e.token.write.transfer([w.account.address, parseEther("1000")]);
    await e.token.write.approve([e.market.address, parseEther("1000")], { account: w.account });
  }
  return {
    ...e,
    seller,
    friend,
    buyer,
    creator,
    ticketId: ids[0]!,
    campaignId,
    config,
    tqsProof,
    galleryId: 1n,
  };
}
type F = Awaited<ReturnType<typeof fixture>>;

const version = (f: F, collection: Address, tokenId: bigint) =>
  f.publicClient.readContract({
    address: collection,
    abi: iMarketCollectionAbi,
    functionName: "tradeVersion",
    args: [tokenId],
  });

async function sign(f: F, seller: Wallet, collection: Address, tokenId: bigint, nonce: bigint) {
  const sl: SignedListing = {
    seller: seller.account.address,
    collection,
    tokenId,
    version: await version(f, collection, tokenId),
    mesi: true,
    price: PRICE,
    nonce,
    counter: await f.market.read.counterOf([seller.account.address]),
    deadline: BigInt((await f.now()) + 30 * DAY),
  };
  const signature = await seller.signTypedData({
    domain: marketplaceDomain(f.chainId, f.market.address),
    types: signedListingTypes,
    primaryType: "Listing",
    message: sl,
  });
  return { sl, signature };
}

/** A plain ERC-721 transfer of `tokenId` by its owner `from`. */
async function move(f: F, collection: Address, tokenId: bigint, from: Wallet, to: Wallet) {
  await f.publicClient.waitForTransactionReceipt({
    hash: await from.writeContract({
      address: collection,
      abi: erc721Abi,
      functionName: "transferFrom",
      args: [from.account.address, to.account.address, tokenId],
    }),
  });
}

const ownerOf = (f: F, collection: Address, tokenId: bigint) =>
  f.publicClient.readContract({
    address: collection,
    abi: erc721Abi,
    functionName: "ownerOf",
    args: [tokenId],
  });

/** Buying the stale listings fails with the expected errors and moves nothing. */
async function expectDead(
  f: F,
  collection: Address,
  tokenId: bigint,
  owner: Wallet,
  signed: Awaited<ReturnType<typeof sign>>,
) {
  const before = await f.token.read.balanceOf([f.buyer.account.address]);
  expect((await f.market.read.listingOf([collection, tokenId])).seller).to.equal(zeroAddress);
  await viem.assertions.revertWithCustomError(
    f.market.write.buy([collection, tokenId, PRICE], { account: f.buyer.account }),
    f.market,
    "ListingNotFound",
  );
  await viem.assertions.revertWithCustomError(
    f.market.write.buySigned([signed.sl, signed.signature, PRICE], { account: f.buyer.account }),
    f.market,
    "SignedListingVoid",
  );
  expect(await ownerOf(f, collection, tokenId)).to.equal(getAddress(owner.account.address));
  expect(await f.token.read.balanceOf([f.buyer.account.address])).to.equal(before);
}

describe("Dead listings stay dead", () => {
  for (const kind of ["ticket", "gallery NFT"] as const) {
    it(`${kind}: a listing dies when the token leaves the seller, even if it comes back`, async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const [collection, tokenId, owner] =
        kind === "ticket"
          ? [f.ticket.address, f.ticketId, f.seller]
          : [f.gallery.address, f.galleryId, f.creator];
      await viem.assertions.emitWithArgs(
        f.market.write.list([collection, tokenId, true, PRICE], { account: owner.account }),
        f.market,
        "Listed",
        [getAddress(collection), tokenId, getAddress(owner.account.address), true, PRICE, 0n],
      );
      const signed = await sign(f, owner, collection, tokenId, 1n);
      await move(f, collection, tokenId, owner, f.friend);
      await move(f, collection, tokenId, f.friend, owner);
      expect(await version(f, collection, tokenId)).to.equal(2n);
      await expectDead(f, collection, tokenId, owner, signed);
      // The owner can list again on purpose: a new listing at the new version sells.
      await f.market.write.list([collection, tokenId, true, PRICE], { account: owner.account });
      await f.market.write.buy([collection, tokenId, PRICE], { account: f.buyer.account });
      expect(await ownerOf(f, collection, tokenId)).to.equal(getAddress(f.buyer.account.address));
    });

    it(`${kind}: a second signed listing dies with the sale of the first, even after a buy-back`, async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const [collection, tokenId, owner] =
        kind === "ticket"
          ? [f.ticket.address, f.ticketId, f.seller]
          : [f.gallery.address, f.galleryId, f.creator];
      const first = await sign(f, owner, collection, tokenId, 1n);
      const second = await sign(f, owner, collection, tokenId, 2n);
      await f.market.write.buySigned([first.sl, first.signature, PRICE], {
        account: f.friend.account,
      });
      // The friend sells it back to the original owner; the owner's second signature is stale.
      await move(f, collection, tokenId, f.friend, owner);
      await expectDead(f, collection, tokenId, owner, second);
    });
  }

  it("ticket: a listing dies when the ticket enters a draw, even after it exits", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const t = f.ticket.address;
    await f.market.write.list([t, f.ticketId, true, PRICE], { account: f.seller.account });
    const signed = await sign(f, f.seller, t, f.ticketId, 1n);
    await networkHelpers.time.increaseTo(f.config.qualityEnd);
    await f.draw.write.enter([f.ticketId, 8000n, f.tqsProof(f.seller.account.address)], {
      account: f.seller.account,
    });
    await networkHelpers.time.increaseTo(f.config.drawAt + 1);
    const key = await f.draw.read.drawKey([f.campaignId]);
    const secret = keccak256(toHex("secret"));
    await f.commitSeed(key, secret);
    await f.revealSeed(key, secret);
    await f.draw.write.draw([f.campaignId, 10n]);
    await f.draw.write.exit([f.ticketId], { account: f.seller.account });
    expect(await f.ticket.read.isTradeable([f.ticketId])).to.equal(true);
    await expectDead(f, t, f.ticketId, f.seller, signed);
  });

  it("ticket: an accepted offer kills the listing for good", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const t = f.ticket.address;
    await f.market.write.list([t, f.ticketId, true, PRICE], { account: f.seller.account });
    const signed = await sign(f, f.seller, t, f.ticketId, 1n);
    await f.market.write.makeOffer([t, f.ticketId, PRICE, (await f.now()) + DAY], {
      account: f.friend.account,
    });
    await f.market.write.acceptOffer([t, f.ticketId, f.friend.account.address, PRICE], {
      account: f.seller.account,
    });
    await move(f, t, f.ticketId, f.friend, f.seller);
    await expectDead(f, t, f.ticketId, f.seller, signed);
  });

  it("only collections that report their trade versions can be allowed", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const plain = await viem.deployContract("OZMintAnchor", []);
    for (const collection of [plain.address, f.token.address])
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.market.write.setCollectionAllowed([collection, true]),
        f.market,
        "CollectionUnsupported",
        [getAddress(collection)],
      );
    // Disallowing needs no support (a collection can always be taken off the list).
    await f.market.write.setCollectionAllowed([plain.address, false]);
  });
});
