// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IVestingVault
/// @notice Many cliff + linear $MESI schedules in one contract, one storage slot each.
/// A schedule is identified by (beneficiary, nonce): id = keccak256(abi.encode(beneficiary, nonce)).
interface IVestingVault {
    /// @notice A schedule as stored: one slot.
    /// @param amount Granted (after a revocation: what had vested by then).
    /// @param start Vesting start.  @param cliff Seconds after start before anything vests.
    /// @param duration Seconds from start until everything has vested (≥ cliff).
    /// @param flags bit 0 revocable, bit 1 revoked, bit 2 self-lock.
    struct Schedule {
        uint112 amount;
        uint40 start;
        uint32 cliff;
        uint32 duration;
        uint8 flags;
    }

    /// @notice A grant to create: `beneficiary` receives `amount` vesting from `start`.
    struct Grant {
        address beneficiary;
        uint112 amount;
        uint40 start;
        uint32 cliff;
        uint32 duration;
        bool revocable;
    }

    /// @notice Schedule `nonce` of `beneficiary` was created. `schedule` is the packed slot:
    /// amount (bits 0–111) | start (112–151) | cliff (152–183) | duration (184–215) | flags (216–223),
    /// flags bit 0 revocable, bit 1 revoked, bit 2 self-lock. Packed so a batch of grants logs one
    /// word each (the grantor is the transaction's caller, or the PrizeDraw/RevenueDistributor event).
    event ScheduleCreated(address indexed beneficiary, uint256 indexed nonce, uint256 schedule);
    /// @notice `amount` of schedule `nonce` was paid to `beneficiary`.
    event Released(address indexed beneficiary, uint256 indexed nonce, uint256 amount);
    /// @notice The unvested part (`clawedBack`) of a schedule was revoked for fraud.
    event Revoked(address indexed beneficiary, uint256 indexed nonce, uint256 clawedBack, bytes32 fraudRef);

    /// @notice No such schedule.
    error UnknownSchedule(address beneficiary, uint256 nonce);
    /// @notice Zero amount, cliff past duration, or a zero beneficiary.
    error InvalidGrant(uint256 index);
    /// @notice Nothing vested yet to release (e.g. before the cliff).
    error NothingToRelease(address beneficiary, uint256 nonce);
    /// @notice The schedule is not revocable, or was revoked already.
    error NotRevocable(address beneficiary, uint256 nonce);
    /// @notice Revocation needs the beneficiary flagged for fraud (excluded by the oracle).
    error NotFlaggedForFraud(address beneficiary);
    /// @notice A self-lock longer than a schedule's 32-bit duration holds (about 136 years).
    error LockTooLong(uint256 unlockAt, uint256 maxUnlockAt);

    /// @notice GRANTOR_ROLE: creates schedules, pulling Σ amounts from the caller.
    function createSchedules(Grant[] calldata grants) external returns (uint256 firstNonce);

    /// @notice Locks the caller's own $MESI until `unlockAt` (a non-revocable schedule to itself);
    /// `unlockAt` must be in the future and at most 2^32 − 1 seconds away.
    function lock(uint112 amount, uint40 unlockAt) external returns (uint256 nonce);

    /// @notice Pays out what has vested on schedules `nonces` of `beneficiary` (anyone may call).
    function release(address beneficiary, uint256[] calldata nonces) external returns (uint256 paid);

    /// @notice REVOKER_ROLE: revokes the unvested part of a revocable schedule of a beneficiary flagged for fraud.
    function revoke(address beneficiary, uint256 nonce, bytes32 fraudRef) external;

    /// @notice A schedule.
    function scheduleOf(address beneficiary, uint256 nonce) external view returns (Schedule memory);

    /// @notice Vested amount of a schedule at `timestamp`.
    function vestedAt(address beneficiary, uint256 nonce, uint256 timestamp) external view returns (uint256);

    /// @notice Released amount of a schedule.
    function releasedOf(address beneficiary, uint256 nonce) external view returns (uint256);

    /// @notice $MESI an account has locked itself and not yet withdrawn (the User Score's "locks").
    function lockedOf(address account) external view returns (uint256);
}
