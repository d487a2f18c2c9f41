// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MesiToken} from "../core/MesiToken.sol";
import {ParticipantRegistry} from "../core/ParticipantRegistry.sol";
import {ScoreOracle} from "../core/ScoreOracle.sol";
import {Ticket} from "../core/Ticket.sol";
import {VestingVault} from "../economy/VestingVault.sol";
import {RevenueDistributor} from "../economy/RevenueDistributor.sol";
import {TicketMarketplace} from "../economy/TicketMarketplace.sol";
import {Roles} from "../libraries/Roles.sol";
import {TestBase} from "./Vm.sol";
import {EthRefusingSeller} from "./Attackers.sol";

/// @notice Random marketplace activity over tickets that may be placeholders, Active or entered,
/// which change hands outside the marketplace and come back (the way stale listings revive).
contract MarketHandler is TestBase {
    MesiToken internal immutable token;
    Ticket internal immutable ticket;
    TicketMarketplace internal immutable market;
    address[3] internal people = [address(0xB1), address(0xB2), address(0xB3)];
    uint256 public lockedSales;
    /// @notice Sales of a listing whose token moved (or was entered) after it was listed.
    uint256 public revivedSales;
    uint256 public firstId;
    uint256 public count;
    /// @dev Per token: moves and entries so far, and that count when it was last listed.
    mapping(uint256 id => uint256) internal _moves;
    mapping(uint256 id => uint256) internal _movesAtListing;
    mapping(uint256 id => uint256) internal _listedPrice;
    mapping(uint256 id => bool) internal _listedInMesi;
    /// @notice Fee sweeps that reverted (the treasury refuses ETH: none may).
    uint256 public sweepFailures;

    constructor(MesiToken token_, Ticket ticket_, TicketMarketplace market_) {
        token = token_;
        ticket = ticket_;
        market = market_;
        // Few tokens, so random sequences list, move and buy the same ones often.
        address[] memory to = new address[](4);
        for (uint256 i; i < 4; ++i) to[i] = people[i % 3];
        firstId = ticket.mintPlaceholders(1, to);
        count = 4;
        for (uint256 i; i < 3; ++i) {
            token.transfer(people[i], 1e24);
            vm.deal(people[i], 1e24);
            vm.startPrank(people[i]);
            token.approve(address(market), type(uint256).max);
            ticket.setApprovalForAll(address(market), true);
            vm.stopPrank();
        }
    }

    function _id(uint256 seed) internal view returns (uint256) {
        return firstId + (seed % count);
    }

    /// @dev The token's owner and another of the three people.
    function _ownerAndOther(uint256 id, uint256 seed) internal view returns (address owner, address other) {
        owner = ticket.ownerOf(id);
        other = people[seed % 3];
        if (other == owner) other = people[(seed + 1) % 3];
    }

    function activate(uint256 seed) external {
        uint256[] memory ids = new uint256[](1);
        ids[0] = _id(seed);
        try ticket.activate(1, ids) {} catch {}
    }

    function toggleEntered(uint256 seed, bool entered) external {
        uint256 id = _id(seed);
        try ticket.setEntered(id, entered) {
            if (entered) ++_moves[id];
        } catch {}
    }

    /// @notice The ticket enters a draw and exits it again (locked, then unlocked).
    function enterAndExit(uint256 seed) external {
        uint256 id = _id(seed);
        try ticket.setEntered(id, true) {
            ticket.setEntered(id, false);
            ++_moves[id];
        } catch {}
    }

    /// @notice The owner gives the ticket to someone else outside the marketplace (who may
    /// give it back later): every earlier listing must be dead from now on.
    function give(uint256 seed, uint256 toSeed) external {
        uint256 id = _id(seed);
        (address owner, address to) = _ownerAndOther(id, toSeed);
        vm.prank(owner);
        try ticket.transferFrom(owner, to, id) {
            ++_moves[id];
        } catch {}
    }

    /// @notice The ticket leaves its owner and comes straight back: the classic revival.
    function roundTrip(uint256 seed, uint256 toSeed) external {
        uint256 id = _id(seed);
        (address owner, address to) = _ownerAndOther(id, toSeed);
        vm.prank(owner);
        try ticket.transferFrom(owner, to, id) {
            vm.prank(to);
            ticket.transferFrom(to, owner, id);
            _moves[id] += 2;
        } catch {}
    }

    function list(uint256 seed, bool inMesi, uint88 price) external {
        uint256 id = _id(seed);
        uint256 p = bound(price, 1, 1e21);
        vm.prank(ticket.ownerOf(id));
        try market.list(address(ticket), id, inMesi, p) {
            _movesAtListing[id] = _moves[id];
            (_listedPrice[id], _listedInMesi[id]) = (p, inMesi);
        } catch {}
    }

    /// @notice Tries to buy the token as it was last listed, whether or not that listing is
    /// still live (a stale one is what must not sell).
    function buy(uint256 seed, uint256 buyerSeed) external {
        uint256 id = _id(seed);
        uint256 price = _listedPrice[id];
        if (price == 0) return;
        address buyer = people[buyerSeed % 3];
        bool wasLocked = ticket.locked(id);
        bool stale = _moves[id] != _movesAtListing[id];
        vm.prank(buyer);
        try market.buy{value: _listedInMesi[id] ? 0 : price}(address(ticket), id, price) {
            if (wasLocked) ++lockedSales;
            if (stale) ++revivedSales;
            ++_moves[id];
            _movesAtListing[id] = type(uint256).max; // sold: no listing left
        } catch {}
    }

    function sweepAndWithdraw(uint256 who) external {
        try market.sweepFees() {} catch {
            ++sweepFailures;
        }
        vm.prank(people[who % 3]);
        try market.withdrawCredit(address(token)) {} catch {}
    }
}

/// @notice Invariants of the marketplace (issues 3 and 8): it holds exactly what it owes, never
/// sells a locked ticket, never sells a listing whose token moved since, and its fee sweep is
/// never blocked, although its treasury refuses ETH.
// solhint-disable reentrancy
contract MarketInvariantsTest is TestBase {
    MesiToken internal token;
    Ticket internal ticket;
    TicketMarketplace internal market;
    MarketHandler internal handler;
    address internal treasury;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new MesiToken(address(this), type(uint96).max);
        ParticipantRegistry registry = new ParticipantRegistry(address(this));
        ScoreOracle oracle = new ScoreOracle(address(this), 1, 1 hours);
        ticket = new Ticket(address(this), address(0xFEE), 500);
        VestingVault vault = new VestingVault(address(this), token, registry, address(0xC1A));
        RevenueDistributor distributor = new RevenueDistributor(
            address(this),
            token,
            oracle,
            vault,
            1e18,
            0,
            30 days,
            20 days
        );
        // The treasury refuses ETH: the fee sweep must still go through.
        treasury = address(new EthRefusingSeller());
        market = new TicketMarketplace(address(this), token, ticket, distributor, treasury, 250);
        market.setCollectionAllowed(address(ticket), true);
        // Roles and tokens must be in place before the handler's constructor runs.
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        ticket.grantRole(Roles.MINTER_ROLE, predicted);
        ticket.grantRole(Roles.DRAW_ROLE, predicted);
        token.transfer(predicted, 1e27);
        vm.deal(predicted, 1e30);
        handler = new MarketHandler(token, ticket, market);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice The marketplace holds exactly what it owes: accrued fees plus credits.
    function invariant_marketHoldsOnlyWhatItOwes() public view {
        uint256 owedMesi = market.mesiFees() + market.creditOf(address(0xFEE), address(token));
        for (uint160 i = 0xB1; i <= 0xB3; ++i) owedMesi += market.creditOf(address(i), address(token));
        assertTrue(token.balanceOf(address(market)) == owedMesi, "MESI held == owed");
        uint256 owedEth =
            market.ethFees() +
                market.creditOf(address(0xFEE), address(0)) +
                market.creditOf(treasury, address(0));
        for (uint160 i = 0xB1; i <= 0xB3; ++i) owedEth += market.creditOf(address(i), address(0));
        assertTrue(address(market).balance == owedEth, "ETH held == owed");
    }

    /// @notice A placeholder or an entered ticket is never sold.
    function invariant_noLockedTicketSold() public view {
        assertTrue(handler.lockedSales() == 0, "no locked sale");
    }

    /// @notice A listing never sells after its token moved or entered a draw, even once it is back.
    function invariant_deadListingsStayDead() public view {
        assertTrue(handler.revivedSales() == 0, "no revived listing sold");
    }

    /// @notice A treasury that refuses ETH never blocks the fee sweep (its ETH is credited).
    function invariant_feeSweepNeverBlocked() public view {
        assertTrue(handler.sweepFailures() == 0, "sweep never reverts");
    }
}
