// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRevenueDistributor
/// @notice Per-epoch $MESI pools split pro rata by the creators' final Gallery Scores.
/// Unclaimed funds never get stuck: after a pool expires they roll into the next pool.
interface IRevenueDistributor {
    /// @notice A pool: one GALLERY epoch's revenue (three slots).
    /// @param amount Tokens in the pool.  @param claimed Paid out so far (never above `amount`).
    /// @param totalScore Σ Gallery Scores of the epoch, as its signers signed it (ScoreOracle's epochInfo).
    /// @param expiresAt After this, what is unclaimed rolls into the next pool.
    /// @param root The epoch's GALLERY root, copied from ScoreOracle when the pool opens (final, immutable).
    struct Pool {
        uint128 amount;
        uint128 claimed;
        uint192 totalScore;
        uint40 expiresAt;
        bool rolledOver;
        bytes32 root;
    }

    /// @notice Tokens added to the funds waiting for the next pool (fees, top-ups, unclaimed prizes).
    event Funded(address indexed from, uint256 amount, uint256 pending);
    /// @notice Pool for GALLERY epoch `epoch` opened with all pending funds.
    event PoolOpened(uint64 indexed epoch, uint256 amount, uint256 totalScore, uint40 expiresAt);
    /// @notice `creator` claimed `amount` (vested under `vestingNonce` unless paid directly).
    event RevenueClaimed(
        uint64 indexed epoch,
        address indexed creator,
        uint256 score,
        uint256 amount,
        bool vested,
        uint256 vestingNonce
    );
    /// @notice An expired pool's unclaimed remainder went back to pending funds.
    event PoolRolledOver(uint64 indexed epoch, uint256 unclaimed);
    /// @notice Payout settings changed.
    event PayoutSettingsSet(
        uint256 directPayoutMax,
        uint32 vestingCliff,
        uint32 vestingDuration,
        uint32 claimPeriod
    );

    /// @notice The GALLERY epoch is not final.
    error EpochNotFinal(uint64 epoch);
    /// @notice Pools only move forward: `epoch` is at or before `lastPooled`, the newest
    /// epoch with a pool (which includes a second pool for the same epoch).
    error EpochNotAfterLastPool(uint64 epoch, uint64 lastPooled);
    /// @notice No pool for this epoch.
    error NoPool(uint64 epoch);
    /// @notice Claimed already.
    error AlreadyClaimed(uint64 epoch, address creator);
    /// @notice The proof does not verify against the epoch's root.
    error InvalidProof(uint64 epoch, address creator);
    /// @notice The pool expired.
    error PoolExpired(uint64 epoch);
    /// @notice The pool has not expired yet, or rolled over already.
    error NotExpired(uint64 epoch);
    /// @notice Nothing to open a pool with, or a zero total score.
    error EmptyPool();
    /// @notice Invalid payout settings; `field` names the one (a cliff past the vesting
    /// duration, or a claim period below MIN_CLAIM_PERIOD).
    error InvalidPayoutSettings(string field);

    /// @notice Adds tokens (pulled from the caller) to the funds of the next pool.
    function fund(uint256 amount) external;

    /// @notice ORACLE_ROLE: opens the pool of a final GALLERY epoch later than the last pooled
    /// one (`lastPooledEpoch`) with all pending funds. The pool divides by the epoch's signed
    /// total (`ScoreOracle.epochInfo(GALLERY, epoch).totalScore`): the caller chooses no total.
    function openPool(uint64 epoch) external;

    /// @notice Admin (the timelock): payout settings for pools opened and claims made from now on.
    function setPayoutSettings(
        uint128 directPayoutMax,
        uint32 vestingCliff,
        uint32 vestingDuration,
        uint32 claimPeriod
    ) external;

    /// @notice The caller (a creator) claims its share with a proof of its Gallery Score.
    function claim(
        uint64 epoch,
        uint256 score,
        bytes32 salt,
        bytes32[] calldata proof
    ) external returns (uint256 amount);

    /// @notice Anyone: after expiry, returns the unclaimed remainder to pending funds.
    function rollOver(uint64 epoch) external;

    /// @notice Funds waiting for the next pool.
    function pending() external view returns (uint256);

    /// @notice The newest GALLERY epoch with a pool (0 before the first pool).
    function lastPooledEpoch() external view returns (uint64);

    /// @notice A pool.
    function pool(uint64 epoch) external view returns (Pool memory);

    /// @notice True if the creator claimed the epoch.
    function hasClaimed(uint64 epoch, address creator) external view returns (bool);
}
