// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IPrizeDraw} from "../interfaces/IPrizeDraw.sol";
import {ICampaignManager} from "../interfaces/ICampaignManager.sol";
import {ITicket} from "../interfaces/ITicket.sol";
import {IScoreOracle} from "../interfaces/IScoreOracle.sol";
import {IRandomnessSource} from "../interfaces/IRandomnessSource.sol";
import {IVestingVault} from "../interfaces/IVestingVault.sol";
import {IRevenueDistributor} from "../interfaces/IRevenueDistributor.sol";
import {Roles} from "../libraries/Roles.sol";
import {WeightedDraw} from "../libraries/WeightedDraw.sol";
import {SeedCheck} from "../libraries/SeedCheck.sol";

/// @title PrizeDraw
/// @notice Merit-weighted prize draws of Train2Earn campaigns. Prize budgets are funded per
/// campaign; the contract never owes more than it holds: every payout is checked against
/// the campaign's budget, and what is unclaimed after the claim period goes to the revenue pool.
/// When the draw resolves the winners' $MESI packs are reserved; participation rewards come
/// only from the rest, so no order of exits can leave a winner unpaid.
contract PrizeDraw is IPrizeDraw, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using WeightedDraw for WeightedDraw.Pool;

    /// @notice Time after the draw time after which a draw without a usable seed can be abandoned.
    uint32 public constant SEED_GRACE = 14 days;

    /// @notice $MESI.
    IERC20 public immutable token;
    /// @notice Campaigns and their reward tiers.
    ICampaignManager public immutable campaigns;
    /// @notice The tickets (this contract holds DRAW_ROLE on it).
    ITicket public immutable ticket;
    /// @notice TQS commitments.
    IScoreOracle public immutable scoreOracle;
    /// @notice Draw seeds.
    IRandomnessSource public immutable randomness;
    /// @notice Vesting of $MESI packs.
    IVestingVault public immutable vault;
    /// @notice Receives unclaimed budgets.
    IRevenueDistributor public immutable distributor;
    /// @notice Seconds winners have to claim after the draw resolves.
    uint32 public immutable claimPeriod;

    mapping(uint256 campaignId => DrawState) private _draws;
    mapping(uint256 campaignId => WeightedDraw.Pool) private _pools;
    mapping(uint256 ticketId => Entry) private _entries;

    constructor(
        address admin,
        IERC20 token_,
        ICampaignManager campaigns_,
        ITicket ticket_,
        IScoreOracle scoreOracle_,
        IRandomnessSource randomness_,
        IVestingVault vault_,
        IRevenueDistributor distributor_,
        uint32 claimPeriod_
    ) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        token = token_;
        campaigns = campaigns_;
        ticket = ticket_;
        scoreOracle = scoreOracle_;
        randomness = randomness_;
        vault = vault_;
        distributor = distributor_;
        claimPeriod = claimPeriod_;
        token_.forceApprove(address(vault_), type(uint256).max);
        token_.forceApprove(address(distributor_), type(uint256).max);
    }

    /// @inheritdoc IPrizeDraw
    function fund(uint256 campaignId, uint256 amount) external nonReentrant {
        campaigns.campaign(campaignId); // reverts for an unknown campaign
        DrawState storage d = _draws[campaignId];
        if (d.swept) revert DrawClosed(campaignId);
        uint256 budget = d.budget + amount;
        if (budget > type(uint128).max) revert AmountOutOfRange(amount, type(uint128).max - d.budget);
        d.budget = uint128(budget);
        emit DrawFunded(campaignId, msg.sender, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IPrizeDraw
    function setParticipationReward(
        uint256 campaignId,
        uint128 amount
    ) external onlyRole(Roles.CAMPAIGN_MANAGER_ROLE) {
        ICampaignManager.Campaign memory c = campaigns.campaign(campaignId);
        if (block.timestamp >= c.qualityEnd) revert ParticipationRewardLocked(campaignId);
        DrawState storage d = _draws[campaignId];
        if (amount != 0) {
            // Entrants are the campaign's tickets: at most capacity (CampaignManager keeps
            // completed ≤ capacity; a re-issue replaces a burnt ticket). The budget only grows
            // until the draw resolves, so what it covers now it covers then.
            uint256 needed =
                _packsOwed(campaigns.rewardTiers(campaignId), type(uint256).max) +
                    uint256(amount) * c.capacity;
            if (needed > d.budget) revert ParticipationRewardUnfunded(campaignId, needed, d.budget);
        }
        d.participationReward = amount;
        emit ParticipationRewardSet(campaignId, amount);
    }

    /// @inheritdoc IPrizeDraw
    function enter(uint256 ticketId, uint256 tqs, bytes32[] calldata proof) external nonReentrant {
        uint256 campaignId = ticket.campaignOf(ticketId);
        ICampaignManager.Campaign memory c = campaigns.campaign(campaignId);
        if (block.timestamp < c.qualityEnd || block.timestamp >= c.drawAt) revert EntryClosed(campaignId);
        if (IERC721(address(ticket)).ownerOf(ticketId) != msg.sender) revert NotTicketOwner(ticketId);
        if (!ticket.isTradeable(ticketId)) revert NotEnterable(ticketId);
        (, bool proved) = scoreOracle.verifyLatestTqs(msg.sender, tqs, proof);
        if (!proved) revert InvalidTqsProof(msg.sender);
        if (tqs > 10_000) revert TqsOutOfRange(tqs);
        uint256 weight = weightOf(tqs);
        // The entry slot holds the ticket id in its 160-bit account field: ids are consecutive
        // from 1 (the ticket exists: campaignOf and ownerOf above), far below 2^160.
        _pools[campaignId].add(address(uint160(ticketId)), weight);
        // Ticket keeps campaign ids in 64 bits, so the cast is exact.
        _entries[ticketId] = Entry(msg.sender, uint64(campaignId), 0, false, false);
        emit TicketEnteredDraw(campaignId, ticketId, msg.sender, tqs, weight);
        ticket.setEntered(ticketId, true);
    }

    /// @inheritdoc IPrizeDraw
    function draw(uint256 campaignId, uint256 maxWinners) external {
        ICampaignManager.Campaign memory c = campaigns.campaign(campaignId);
        if (block.timestamp < c.drawAt) revert DrawNotOpen(campaignId);
        DrawState storage d = _draws[campaignId];
        if (d.resolvedAt != 0) revert AlreadyResolved(campaignId);
        bytes32 seed = SeedCheck.usable(randomness, drawKey(campaignId), c.drawAt);
        if (seed == bytes32(0)) revert SeedNotUsable(campaignId);
        ICampaignManager.RewardTier[] memory tiers = campaigns.rewardTiers(campaignId);
        WeightedDraw.Pool storage pool = _pools[campaignId];

        if (d.winnersDrawn == 0) {
            uint256 total;
            for (uint256 i; i < tiers.length; ++i) total += tiers[i].winners;
            uint256 n = pool.length();
            d.winners = SafeCast.toUint32(total < n ? total : n);
        }
        uint256 drawn = d.winnersDrawn;
        uint256 target = drawn + maxWinners;
        if (target > d.winners) target = d.winners;
        while (drawn < target) {
            (, address slot) = pool.drawNext(seed);
            uint256 ticketId = uint160(slot);
            uint256 tier = _tierOfRank(tiers, drawn);
            // tier < MAX_TIERS (32) of CampaignManager.
            _entries[ticketId].tier = uint16(tier + 1);
            ++drawn;
            emit WinnerDrawn(campaignId, ticketId, tier, drawn);
        }
        d.winnersDrawn = uint32(drawn); // drawn ≤ winners, a uint32
        if (drawn == d.winners) {
            // The winners' packs are set aside before anyone can exit: exits never touch them.
            uint256 owed = _packsOwed(tiers, drawn);
            uint256 reserved = owed < d.budget ? owed : d.budget;
            d.reserved = uint128(reserved); // ≤ budget < 2^128
            emit PrizesReserved(campaignId, owed, reserved);
            _resolve(d, campaignId, seed, drawn);
        }
    }

    /// @inheritdoc IPrizeDraw
    function abandon(uint256 campaignId) external {
        ICampaignManager.Campaign memory c = campaigns.campaign(campaignId);
        DrawState storage d = _draws[campaignId];
        bytes32 key = drawKey(campaignId);
        if (
            block.timestamp < c.drawAt ||
            d.resolvedAt != 0 ||
            d.winnersDrawn != 0 ||
            SeedCheck.usable(randomness, key, c.drawAt) != bytes32(0)
        ) revert NotAbandonable(campaignId);
        // Without a seed the draw waits SEED_GRACE for one; a failed seed never comes, so its draw
        // is abandoned at once (nobody can turn a failure into another seed by waiting).
        if (block.timestamp < uint256(c.drawAt) + SEED_GRACE && !SeedCheck.failed(randomness, key)) {
            revert NotAbandonable(campaignId);
        }
        d.winners = 0;
        emit DrawAbandoned(campaignId);
        _resolve(d, campaignId, bytes32(0), 0);
    }

    /// @inheritdoc IPrizeDraw
    function claimPrize(uint256 ticketId) external nonReentrant {
        Entry storage e = _entries[ticketId];
        DrawState storage d = _claimable(e, ticketId);
        if (e.tier == 0) revert NotAWinner(ticketId);
        if (e.prizeClaimed) revert AlreadyClaimed(ticketId);
        e.prizeClaimed = true;
        ICampaignManager.RewardTier memory tier = campaigns.rewardTiers(e.campaignId)[e.tier - 1];
        if (tier.kind != ICampaignManager.RewardKind.MesiPack) {
            emit PrizeRedemption(e.campaignId, ticketId, msg.sender, uint8(tier.kind), tier.amount, tier.ref);
            return;
        }
        // Paid from the reserve, which exits never touch. The reserve falls short only when the
        // budget could not cover every pack when the draw resolved; then a later top-up pays.
        if (tier.amount > d.budget) revert InsufficientBudget(e.campaignId, tier.amount, d.budget);
        d.reserved -= tier.amount < d.reserved ? tier.amount : d.reserved;
        d.budget -= tier.amount; // amount ≤ budget < 2^128
        uint256 immediate = (uint256(tier.amount) * tier.immediateBps) / 10_000;
        uint256 vested = tier.amount - immediate;
        uint256 nonce;
        if (vested != 0) {
            IVestingVault.Grant[] memory g = new IVestingVault.Grant[](1);
            g[0] = IVestingVault.Grant(
                msg.sender,
                uint112(vested), // a pack's amount is ≤ 2^112 − 1 (CampaignManager checks at creation)
                uint40(block.timestamp),
                tier.cliff,
                tier.duration,
                true
            );
            nonce = vault.createSchedules(g);
        }
        emit PrizePaid(e.campaignId, ticketId, msg.sender, immediate, vested, nonce);
        if (immediate != 0) token.safeTransfer(msg.sender, immediate);
    }

    /// @inheritdoc IPrizeDraw
    function exit(uint256 ticketId) external nonReentrant {
        Entry storage e = _entries[ticketId];
        if (e.owner != msg.sender) revert NotTicketOwner(ticketId);
        DrawState storage d = _draws[e.campaignId];
        if (d.resolvedAt == 0) revert NotResolved(e.campaignId);
        if (e.exited) revert AlreadyClaimed(ticketId);
        e.exited = true;
        // The reward is owed within the claim period, and paid from the unreserved budget only
        // (the winners' packs stay untouched); the ticket unlocks in any case, and what the
        // budget cannot pay is reported, never a reason to keep the ticket locked.
        uint256 owed = block.timestamp < uint256(d.resolvedAt) + claimPeriod ? d.participationReward : 0;
        uint256 free = d.budget - d.reserved; // reserved ≤ budget
        uint256 paid = owed < free ? owed : free;
        if (paid != 0) d.budget -= uint128(paid); // paid ≤ free ≤ budget
        emit TicketExited(e.campaignId, ticketId, msg.sender, paid, owed - paid);
        ticket.setEntered(ticketId, false);
        if (paid != 0) token.safeTransfer(msg.sender, paid);
    }

    /// @inheritdoc IPrizeDraw
    function sweepUnclaimed(uint256 campaignId) external nonReentrant {
        DrawState storage d = _draws[campaignId];
        if (d.resolvedAt == 0 || block.timestamp < uint256(d.resolvedAt) + claimPeriod || d.swept) {
            revert NotExpired(campaignId);
        }
        d.swept = true;
        uint256 amount = d.budget;
        d.budget = 0;
        d.reserved = 0; // unclaimed packs expired with the claim period
        emit UnclaimedSwept(campaignId, amount);
        if (amount != 0) distributor.fund(amount);
    }

    /// @inheritdoc IPrizeDraw
    function weightOf(uint256 tqs) public pure returns (uint256) {
        return 1 + (tqs * tqs) / 10_000;
    }

    /// @inheritdoc IPrizeDraw
    function drawKey(uint256 campaignId) public view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), campaignId, "draw"));
    }

    /// @inheritdoc IPrizeDraw
    function entryOf(uint256 ticketId) external view returns (Entry memory) {
        return _entries[ticketId];
    }

    /// @inheritdoc IPrizeDraw
    function drawState(uint256 campaignId) external view returns (DrawState memory) {
        return _draws[campaignId];
    }

    /// @notice Number of tickets entered in a campaign's draw.
    function entryCount(uint256 campaignId) external view returns (uint256) {
        return _pools[campaignId].length();
    }

    function _resolve(DrawState storage d, uint256 campaignId, bytes32 seed, uint256 winners) private {
        d.resolvedAt = uint40(block.timestamp);
        emit DrawResolved(campaignId, seed, winners, block.timestamp + claimPeriod);
    }

    function _claimable(Entry storage e, uint256 ticketId) private view returns (DrawState storage d) {
        if (e.owner != msg.sender) revert NotTicketOwner(ticketId);
        d = _draws[e.campaignId];
        if (d.resolvedAt == 0) revert NotResolved(e.campaignId);
        if (block.timestamp >= uint256(d.resolvedAt) + claimPeriod) revert ClaimExpired(e.campaignId);
    }

    /// @dev $MESI the packs of the first `winners` ranks pay (tier by tier, as ranks are given).
    function _packsOwed(
        ICampaignManager.RewardTier[] memory tiers,
        uint256 winners
    ) private pure returns (uint256 owed) {
        for (uint256 i; i < tiers.length && winners != 0; ++i) {
            uint256 n = tiers[i].winners < winners ? tiers[i].winners : winners;
            winners -= n;
            if (tiers[i].kind == ICampaignManager.RewardKind.MesiPack) owed += n * tiers[i].amount;
        }
    }

    function _tierOfRank(
        ICampaignManager.RewardTier[] memory tiers,
        uint256 rank
    ) private pure returns (uint256) {
        for (uint256 i; i < tiers.length; ++i) {
            if (rank < tiers[i].winners) return i;
            rank -= tiers[i].winners;
        }
        return tiers.length; // unreachable: winners ≤ Σ tier sizes
    }
}
