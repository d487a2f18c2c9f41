// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPrizeDraw
/// @notice Per campaign: Active tickets enter with a TQS proof (weight = weightOf(tqs)), are
/// locked while entered, and winners are drawn on chain from a committed seed, O(log n) each,
/// without replacement, tier by tier. $MESI packs pay part now and vest the rest; other
/// rewards leave a redemption record for the platform to fulfil.
interface IPrizeDraw {
    /// @notice A ticket's entry (one slot).
    /// @param tier 1 + tier index for a winner, 0 otherwise.
    struct Entry {
        address owner;
        uint64 campaignId;
        uint16 tier;
        bool prizeClaimed;
        bool exited;
    }

    /// @notice Per-campaign draw state.
    struct DrawState {
        uint128 budget;
        uint128 participationReward;
        uint32 winners;
        uint32 winnersDrawn;
        uint40 resolvedAt;
        bool swept;
    }

    /// @notice $MESI added to a campaign's prize budget.
    event DrawFunded(uint256 indexed campaignId, address indexed from, uint256 amount);
    /// @notice The guaranteed reward per entered Active ticket changed.
    event ParticipationRewardSet(uint256 indexed campaignId, uint256 amount);
    /// @notice A ticket entered the draw (and was locked).
    event TicketEnteredDraw(
        uint256 indexed campaignId,
        uint256 indexed ticketId,
        address indexed owner,
        uint256 tqs,
        uint256 weight
    );
    /// @notice A winner was drawn for tier `tier` (0-based) as the `rank`-th winner.
    event WinnerDrawn(uint256 indexed campaignId, uint256 indexed ticketId, uint256 tier, uint256 rank);
    /// @notice All winners are drawn; claims are open until `claimDeadline`.
    event DrawResolved(uint256 indexed campaignId, bytes32 seed, uint256 winners, uint256 claimDeadline);
    /// @notice A $MESI pack was paid: `immediate` now, `vested` under vesting nonce `vestingNonce`.
    event PrizePaid(
        uint256 indexed campaignId,
        uint256 indexed ticketId,
        address indexed owner,
        uint256 immediate,
        uint256 vested,
        uint256 vestingNonce
    );
    /// @notice An off-chain prize (promo credit, item, promo slot) for the platform to fulfil.
    event PrizeRedemption(
        uint256 indexed campaignId,
        uint256 indexed ticketId,
        address indexed owner,
        uint8 kind,
        uint256 amount,
        bytes32 ref
    );
    /// @notice A ticket left the draw (unlocked), with its participation reward.
    event TicketExited(
        uint256 indexed campaignId,
        uint256 indexed ticketId,
        address indexed owner,
        uint256 participationReward
    );
    /// @notice The unclaimed budget of an expired draw went to the revenue pool.
    event UnclaimedSwept(uint256 indexed campaignId, uint256 amount);
    /// @notice No usable seed came within SEED_GRACE after the draw time: the draw resolved
    /// without winners (`DrawResolved` follows), so entrants exit with their participation
    /// reward and the budget reaches the revenue pool after the claim period.
    event DrawAbandoned(uint256 indexed campaignId);

    /// @notice Entries are open between the quality deadline and the draw time.
    error EntryClosed(uint256 campaignId);
    /// @notice The draw's unclaimed budget was swept to the revenue pool: no more funding.
    error DrawClosed(uint256 campaignId);
    /// @notice The budget would exceed 2^128 − 1 (what a draw's budget holds).
    error AmountOutOfRange(uint256 amount, uint256 max);
    /// @notice The participation reward is fixed once entries open (entrants rely on it).
    error ParticipationRewardLocked(uint256 campaignId);
    /// @notice A TQS above 10,000 basis points.
    error TqsOutOfRange(uint256 tqs);
    /// @notice The caller does not own the ticket.
    error NotTicketOwner(uint256 ticketId);
    /// @notice Only Active tickets that are not entered yet can enter.
    error NotEnterable(uint256 ticketId);
    /// @notice The TQS proof does not verify against the latest final TQS epoch.
    error InvalidTqsProof(address owner);
    /// @notice Before the draw time.
    error DrawNotOpen(uint256 campaignId);
    /// @notice The seed is missing, unrevealed, or was committed after entries closed.
    error SeedNotUsable(uint256 campaignId);
    /// @notice The draw was resolved already (no second draw).
    error AlreadyResolved(uint256 campaignId);
    /// @notice The draw is not resolved yet.
    error NotResolved(uint256 campaignId);
    /// @notice The ticket did not win.
    error NotAWinner(uint256 ticketId);
    /// @notice Claimed already, or exited already.
    error AlreadyClaimed(uint256 ticketId);
    /// @notice The claim period is over.
    error ClaimExpired(uint256 campaignId);
    /// @notice The claim period is not over yet, or the budget was swept already.
    error NotExpired(uint256 campaignId);
    /// @notice The campaign's budget cannot pay this.
    error InsufficientBudget(uint256 campaignId, uint256 needed, uint256 available);
    /// @notice A draw can be abandoned only SEED_GRACE after its draw time, without a usable seed.
    error NotAbandonable(uint256 campaignId);

    /// @notice Adds $MESI (pulled from the caller) to a campaign's prize budget; refused once
    /// the budget was swept (it would have no way out but the revenue pool).
    function fund(uint256 campaignId, uint256 amount) external;

    /// @notice CAMPAIGN_MANAGER_ROLE: sets the guaranteed $MESI reward per entered ticket, before
    /// entries open (the campaign's quality deadline).
    function setParticipationReward(uint256 campaignId, uint128 amount) external;

    /// @notice The ticket's owner enters it, proving its TQS.
    function enter(uint256 ticketId, uint256 tqs, bytes32[] calldata proof) external;

    /// @notice Anyone, after the draw time: draws up to `maxWinners` more winners.
    function draw(uint256 campaignId, uint256 maxWinners) external;

    /// @notice The winner's owner claims its tier's prize.
    function claimPrize(uint256 ticketId) external;

    /// @notice The owner takes the ticket out of a resolved draw (unlocking it) with its participation reward.
    function exit(uint256 ticketId) external;

    /// @notice Anyone, after the claim period: sends the unclaimed budget to the revenue pool.
    function sweepUnclaimed(uint256 campaignId) external;

    /// @notice Anyone, SEED_GRACE after the draw time while no seed is usable and no winner is
    /// drawn: resolves the draw without winners, so no ticket stays locked and no budget stuck.
    function abandon(uint256 campaignId) external;

    /// @notice Published weight of a TQS (basis points): 1 + tqs² / 10,000.
    function weightOf(uint256 tqs) external pure returns (uint256);

    /// @notice The randomness key of a campaign's draw.
    function drawKey(uint256 campaignId) external view returns (bytes32);

    /// @notice A ticket's entry.
    function entryOf(uint256 ticketId) external view returns (Entry memory);

    /// @notice A campaign's draw state.
    function drawState(uint256 campaignId) external view returns (DrawState memory);
}
