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
    /// @param budget $MESI the draw holds for this campaign (prizes and participation rewards).
    /// @param reserved Part of `budget` held for the $MESI packs drawn winners have not claimed
    /// yet: set when the draw resolves, spent only by `claimPrize`, never by `exit`.
    struct DrawState {
        uint128 budget;
        uint128 participationReward;
        uint32 winners;
        uint32 winnersDrawn;
        uint40 resolvedAt;
        bool swept;
        uint128 reserved;
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
    /// @notice When the draw resolved, `reserved` of the budget was set aside for the drawn
    /// winners' $MESI packs (`owed` in all; `reserved` < `owed` only when the budget was short).
    event PrizesReserved(uint256 indexed campaignId, uint256 owed, uint256 reserved);
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
    /// @notice A ticket left the draw (unlocked), with the participation reward paid and the
    /// part of the reward owed that the unreserved budget could not pay (`shortfall`, 0 when
    /// paid in full; nothing is owed after the claim period).
    event TicketExited(
        uint256 indexed campaignId,
        uint256 indexed ticketId,
        address indexed owner,
        uint256 participationReward,
        uint256 shortfall
    );
    /// @notice The unclaimed budget of an expired draw went to the revenue pool.
    event UnclaimedSwept(uint256 indexed campaignId, uint256 amount);
    /// @notice No usable seed came within SEED_GRACE after the draw time, or the draw's seed
    /// failed (IRandomnessSource.seedFailed): the draw resolved without winners (`DrawResolved` follows), so entrants exit with their participation
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
    /// @notice The budget cannot pay the reward to every possible entrant (capacity tickets) on
    /// top of every $MESI pack: `needed` = Σ packs + reward × capacity, `budget` = the budget now.
    error ParticipationRewardUnfunded(uint256 campaignId, uint256 needed, uint256 budget);
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
    /// @notice A draw can be abandoned only without a usable seed and no winner drawn: SEED_GRACE
    /// after its draw time, or from the draw time on once its seed failed.
    error NotAbandonable(uint256 campaignId);

    /// @notice Adds $MESI (pulled from the caller) to a campaign's prize budget; refused once
    /// the budget was swept (it would have no way out but the revenue pool).
    function fund(uint256 campaignId, uint256 amount) external;

    /// @notice CAMPAIGN_MANAGER_ROLE: sets the guaranteed $MESI reward per entered ticket, before
    /// entries open (the campaign's quality deadline). A non-zero reward is refused
    /// (ParticipationRewardUnfunded) unless the budget already covers every $MESI pack plus the
    /// reward for each of the campaign's possible entrants (its capacity): fund first.
    function setParticipationReward(uint256 campaignId, uint128 amount) external;

    /// @notice The ticket's owner enters it, proving its TQS.
    function enter(uint256 ticketId, uint256 tqs, bytes32[] calldata proof) external;

    /// @notice Anyone, after the draw time: draws up to `maxWinners` more winners. The call that
    /// draws the last one resolves the draw and reserves the winners' $MESI packs (PrizesReserved).
    function draw(uint256 campaignId, uint256 maxWinners) external;

    /// @notice The winner's owner claims its tier's prize; a $MESI pack is paid from the reserve.
    function claimPrize(uint256 ticketId) external;

    /// @notice The owner takes the ticket out of a resolved draw. It always unlocks the ticket:
    /// within the claim period it pays the participation reward from the unreserved budget, as
    /// much of it as that holds, and reports the rest as `shortfall` in TicketExited.
    function exit(uint256 ticketId) external;

    /// @notice Anyone, after the claim period: sends the unclaimed budget to the revenue pool.
    function sweepUnclaimed(uint256 campaignId) external;

    /// @notice Anyone, SEED_GRACE after the draw time while no seed is usable and no winner is
    /// drawn, or from the draw time on once the draw's seed failed: resolves the draw without
    /// winners, so every entered ticket exits (with its participation reward) and the budget
    /// reaches the revenue pool after the claim period (`sweepUnclaimed`).
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
