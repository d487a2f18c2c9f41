// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ICommitRevealRandomness} from "../interfaces/ICommitRevealRandomness.sol";
import {ICampaignManager} from "../interfaces/ICampaignManager.sol";
import {IPrizeDraw} from "../interfaces/IPrizeDraw.sol";

interface IMarketBuy {
    function buy(address collection, uint256 tokenId, uint256 maxPrice) external payable;
}

/// @notice A buyer whose ERC-721 receiver hook tries to buy again inside the first purchase.
contract ReentrantBuyer is IERC721Receiver {
    IMarketBuy public immutable market;
    address public collection;
    uint256 public secondTokenId;
    uint256 public secondPrice;

    constructor(IMarketBuy market_) {
        market = market_;
    }

    function attack(address collection_, uint256 tokenId, uint256 price, uint256 secondId) external payable {
        collection = collection_;
        secondTokenId = secondId;
        secondPrice = price;
        market.buy{value: price}(collection_, tokenId, price);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        market.buy{value: secondPrice}(collection, secondTokenId, secondPrice);
        return IERC721Receiver.onERC721Received.selector;
    }

    receive() external payable {}
}

/// @notice An ERC-20 whose transferFrom re-enters the marketplace's buy.
contract ReentrantToken is ERC20 {
    IMarketBuy public market;
    address public collection;
    uint256 public tokenId;

    constructor() ERC20("Evil", "EVL") {
        _mint(msg.sender, 1e30);
    }

    function arm(IMarketBuy market_, address collection_, uint256 tokenId_) external {
        market = market_;
        collection = collection_;
        tokenId = tokenId_;
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (address(market) != address(0)) market.buy(collection, tokenId, type(uint256).max);
        return super.transferFrom(from, to, value);
    }
}

/// @notice A seller contract that refuses ETH: its sale must still go through (proceeds credited).
// solhint-disable avoid-low-level-calls
contract EthRefusingSeller {
    error CallFailed();

    function approve(address nft, address operator) external {
        (bool ok, ) = nft.call(abi.encodeWithSignature("setApprovalForAll(address,bool)", operator, true));
        if (!ok) revert CallFailed();
    }

    function list(address market, address nft, uint256 tokenId, uint256 price) external {
        (bool ok, ) = market.call(
            abi.encodeWithSignature("list(address,uint256,bool,uint256)", nft, tokenId, false, price)
        );
        if (!ok) revert CallFailed();
    }

    function withdraw(address market) external {
        (bool ok, ) = market.call(abi.encodeWithSignature("withdrawCredit(address)", address(0)));
        if (!ok) revert CallFailed();
    }

    /// @notice What a contract that cannot take ETH does with its credit: send it elsewhere.
    function withdrawTo(address market, address to) external {
        (bool ok, ) = market.call(
            abi.encodeWithSignature("withdrawCreditTo(address,address)", address(0), to)
        );
        if (!ok) revert CallFailed();
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }
}

/// @notice A revealer who knows the secret and tries to grind: reveal, draw, and revert unless
/// the outcome suits it, block after block. The revert carries the seed it saw, so a test can
/// check that every attempt saw the same one.
contract SeedGrinder {
    /// @notice The attempt saw `seed` and the outcome did not suit it.
    error Unwanted(bytes32 seed);

    /// @notice Reveals the selection seed and draws; keeps the result only if `wanted` is selected.
    function grindSelection(
        ICommitRevealRandomness randomness,
        ICampaignManager campaigns,
        uint256 campaignId,
        bytes32 secret,
        address wanted
    ) external {
        bytes32 key = campaigns.selectionKey(campaignId);
        randomness.reveal(key, secret);
        campaigns.drawSelection(campaignId, type(uint32).max);
        if (!campaigns.isSelected(campaignId, wanted)) revert Unwanted(randomness.seedInfo(key).seed);
    }

    /// @notice Reveals the draw seed and draws every winner; keeps the result only if ticket
    /// `wanted` wins a prize.
    function grindDraw(
        ICommitRevealRandomness randomness,
        IPrizeDraw draw,
        uint256 campaignId,
        bytes32 secret,
        uint256 wanted
    ) external {
        bytes32 key = draw.drawKey(campaignId);
        randomness.reveal(key, secret);
        draw.draw(campaignId, type(uint32).max);
        if (draw.entryOf(wanted).tier == 0) revert Unwanted(randomness.seedInfo(key).seed);
    }

    /// @notice A watcher of a missed reveal who times the settlement: settles the fallback and
    /// draws in one transaction, keeping the result only if `wanted` is selected, at whatever
    /// block it likes.
    function grindSettlement(
        ICommitRevealRandomness randomness,
        ICampaignManager campaigns,
        uint256 campaignId,
        address wanted
    ) external {
        bytes32 key = campaigns.selectionKey(campaignId);
        randomness.settleMissedReveal(key);
        campaigns.drawSelection(campaignId, type(uint32).max);
        if (!campaigns.isSelected(campaignId, wanted)) revert Unwanted(randomness.seedInfo(key).seed);
    }
}
