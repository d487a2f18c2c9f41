// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IVestingVault} from "../interfaces/IVestingVault.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {EconomyRoles} from "../libraries/EconomyRoles.sol";

/// @title VestingVault
/// @notice $MESI vesting for prize packs, creator revenue and grants, plus self-locks.
/// Invariant: released ≤ vested ≤ granted for every schedule, so Σ released ≤ Σ granted.
/// @dev One slot per schedule (amount, start, cliff, duration, flags), keyed by
/// keccak256(beneficiary, nonce) so the beneficiary needs no storage of its own: creating a
/// schedule in a batch costs one fresh slot and a log. The released amount lives in a second
/// slot written at the first release.
contract VestingVault is IVestingVault, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint8 private constant _REVOCABLE = 1;
    uint8 private constant _REVOKED = 2;
    uint8 private constant _SELF_LOCK = 4;

    /// @notice The vested token ($MESI).
    IERC20 public immutable token;
    /// @notice Where the oracle's fraud flag (exclusion) is read.
    IParticipantRegistry public immutable registry;
    /// @notice Receives revoked, unvested tokens (the revenue pool or treasury).
    address public immutable clawbackReceiver;

    /// @notice Next schedule nonce (global, so batch creation writes one counter).
    uint256 public nextNonce;
    /// @dev Packed Schedule: amount (112) | start (40) << 112 | cliff (32) << 152 | duration (32) << 184 | flags (8) << 216.
    /// Writing the whole word avoids the read-modify-write a partial struct store costs (one cold SLOAD).
    mapping(bytes32 id => uint256) private _schedules;
    mapping(bytes32 id => uint256) private _released;
    mapping(address account => uint256) private _locked;

    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    constructor(address admin, IERC20 token_, IParticipantRegistry registry_, address clawbackReceiver_) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        token = token_;
        registry = registry_;
        clawbackReceiver = clawbackReceiver_;
    }

    /// @inheritdoc IVestingVault
    function createSchedules(
        Grant[] calldata grants
    ) external onlyRole(EconomyRoles.GRANTOR_ROLE) nonReentrant returns (uint256 firstNonce) {
        firstNonce = nextNonce;
        uint256 nonce = firstNonce;
        uint256 total;
        for (uint256 i; i < grants.length; ++i) {
            Grant calldata g = grants[i];
            if (g.beneficiary == address(0) || g.amount == 0 || g.cliff > g.duration) revert InvalidGrant(i);
            uint8 flags = g.revocable ? _REVOCABLE : 0;
            uint256 packed = _pack(g.amount, g.start, g.cliff, g.duration, flags);
            _schedules[_id(g.beneficiary, nonce)] = packed;
            emit ScheduleCreated(g.beneficiary, nonce, packed);
            total += g.amount;
            unchecked {
                ++nonce;
            }
        }
        nextNonce = nonce;
        token.safeTransferFrom(msg.sender, address(this), total);
    }

    /// @inheritdoc IVestingVault
    function lock(uint112 amount, uint40 unlockAt) external nonReentrant returns (uint256 nonce) {
        if (amount == 0 || unlockAt <= block.timestamp) revert InvalidGrant(0);
        // The span is a 32-bit duration: refuse what it cannot hold instead of truncating it
        // (a lock of 2^32 + 100 seconds would otherwise unlock after 100).
        uint256 maxUnlockAt = block.timestamp + type(uint32).max;
        if (unlockAt > maxUnlockAt) revert LockTooLong(unlockAt, maxUnlockAt);
        nonce = nextNonce++;
        uint32 span = uint32(unlockAt - block.timestamp);
        uint256 packed = _pack(amount, uint40(block.timestamp), span, span, _SELF_LOCK);
        _schedules[_id(msg.sender, nonce)] = packed;
        _locked[msg.sender] += amount;
        emit ScheduleCreated(msg.sender, nonce, packed);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IVestingVault
    function release(
        address beneficiary,
        uint256[] calldata nonces
    ) external nonReentrant returns (uint256 paid) {
        for (uint256 i; i < nonces.length; ++i) {
            bytes32 id = _id(beneficiary, nonces[i]);
            Schedule memory s = _unpack(_schedules[id]);
            if (s.amount == 0) revert UnknownSchedule(beneficiary, nonces[i]);
            uint256 done = _released[id];
            uint256 due = _vested(s, block.timestamp) - done;
            if (due == 0) revert NothingToRelease(beneficiary, nonces[i]);
            _released[id] = done + due;
            if (s.flags & _SELF_LOCK != 0) _locked[beneficiary] -= due;
            paid += due;
            emit Released(beneficiary, nonces[i], due);
        }
        token.safeTransfer(beneficiary, paid);
    }

    /// @inheritdoc IVestingVault
    function revoke(
        address beneficiary,
        uint256 nonce,
        bytes32 fraudRef
    ) external onlyRole(EconomyRoles.REVOKER_ROLE) nonReentrant {
        bytes32 id = _id(beneficiary, nonce);
        Schedule memory s = _unpack(_schedules[id]);
        if (s.amount == 0) revert UnknownSchedule(beneficiary, nonce);
        if (s.flags & _REVOCABLE == 0 || s.flags & _REVOKED != 0) revert NotRevocable(beneficiary, nonce);
        if (!registry.participant(beneficiary).excluded) revert NotFlaggedForFraud(beneficiary);
        uint256 vested = _vested(s, block.timestamp);
        uint256 clawedBack = s.amount - vested;
        // What vested stays the beneficiary's; from now on the schedule is fully vested at that
        // amount (vested ≤ amount, a uint112).
        s.amount = uint112(vested);
        s.flags |= _REVOKED;
        _schedules[id] = _pack(s.amount, s.start, s.cliff, s.duration, s.flags);
        emit Revoked(beneficiary, nonce, clawedBack, fraudRef);
        if (clawedBack != 0) token.safeTransfer(clawbackReceiver, clawedBack);
    }

    /// @inheritdoc IVestingVault
    function scheduleOf(address beneficiary, uint256 nonce) external view returns (Schedule memory) {
        return _unpack(_schedules[_id(beneficiary, nonce)]);
    }

    /// @inheritdoc IVestingVault
    function vestedAt(address beneficiary, uint256 nonce, uint256 timestamp) external view returns (uint256) {
        return _vested(_unpack(_schedules[_id(beneficiary, nonce)]), timestamp);
    }

    /// @inheritdoc IVestingVault
    function releasedOf(address beneficiary, uint256 nonce) external view returns (uint256) {
        return _released[_id(beneficiary, nonce)];
    }

    /// @inheritdoc IVestingVault
    function lockedOf(address account) external view returns (uint256) {
        return _locked[account];
    }

    function _vested(Schedule memory s, uint256 t) private pure returns (uint256) {
        if (s.flags & _REVOKED != 0) return s.amount;
        if (t < uint256(s.start) + s.cliff) return 0;
        if (s.duration == 0 || t >= uint256(s.start) + s.duration) return s.amount;
        return (uint256(s.amount) * (t - s.start)) / s.duration;
    }

    function _pack(
        uint112 amount,
        uint40 start,
        uint32 cliff,
        uint32 duration,
        uint8 flags
    ) private pure returns (uint256) {
        return
            uint256(amount) |
            (uint256(start) << 112) |
            (uint256(cliff) << 152) |
            (uint256(duration) << 184) |
            (uint256(flags) << 216);
    }

    function _unpack(uint256 w) private pure returns (Schedule memory) {
        return Schedule(uint112(w), uint40(w >> 112), uint32(w >> 152), uint32(w >> 184), uint8(w >> 216));
    }

    function _id(address beneficiary, uint256 nonce) private pure returns (bytes32) {
        return keccak256(abi.encode(beneficiary, nonce));
    }
}
