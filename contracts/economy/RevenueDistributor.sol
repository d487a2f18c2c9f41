// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRevenueDistributor} from "../interfaces/IRevenueDistributor.sol";
import {IScoreOracle} from "../interfaces/IScoreOracle.sol";
import {IVestingVault} from "../interfaces/IVestingVault.sol";
import {Roles} from "../libraries/Roles.sol";
import {ScoreLeaf} from "../libraries/ScoreLeaf.sol";

/// @title RevenueDistributor
/// @notice Creators' revenue: a final GALLERY epoch later than the last pooled one gets a pool
/// of everything funded since the previous pool (marketplace fees, top-ups, expired pools,
/// unclaimed prizes); until such an epoch is final, funds stay pending; a creator
/// claims `pool × score / totalScore` once with a Merkle proof, where `totalScore` is the Σ of
/// the epoch's scores that its signers signed (read from ScoreOracle, never from the caller).
/// Rounding is down and claims are capped by the pool, so Σ claims ≤ pool always; no admin can
/// take funds out.
contract RevenueDistributor is IRevenueDistributor, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Shortest claim period (a pool must stay claimable long enough to be claimed).
    uint32 public constant MIN_CLAIM_PERIOD = 1 days;

    /// @notice $MESI.
    IERC20 public immutable token;
    /// @notice GALLERY commitments.
    IScoreOracle public immutable scoreOracle;
    /// @notice Receives payouts above `directPayoutMax` as vesting schedules.
    IVestingVault public immutable vault;

    /// @dev Funds waiting for the next pool (`pending()`). $MESI's supply is below 2^96, so
    /// 192 bits always hold it; they share a slot with `lastPooledEpoch`, which `openPool`
    /// writes with the same store that empties them.
    uint192 private _pending;
    /// @notice The newest GALLERY epoch with a pool (0: none yet; epochs start at 1): a pool
    /// opens only for a later epoch.
    uint64 public lastPooledEpoch;
    /// @notice Payouts up to this are paid directly; larger ones vest.
    uint128 public directPayoutMax;
    /// @notice Vesting cliff of large payouts, seconds.
    uint32 public vestingCliff;
    /// @notice Vesting duration of large payouts, seconds.
    uint32 public vestingDuration;
    /// @notice Seconds a pool stays claimable.
    uint32 public claimPeriod;

    mapping(uint64 epoch => Pool) private _pools;
    /// @dev Claimed flags, one bit per epoch, 256 epochs per word and creator: a creator's
    /// first claim writes a fresh word (like any flag), its later claims flip a bit in a word
    /// that is already non-zero (2,900 gas instead of 20,000).
    mapping(address creator => mapping(uint256 word => uint256 bits)) private _claimed;

    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    constructor(
        address admin,
        IERC20 token_,
        IScoreOracle scoreOracle_,
        IVestingVault vault_,
        uint128 directPayoutMax_,
        uint32 vestingCliff_,
        uint32 vestingDuration_,
        uint32 claimPeriod_
    ) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        token = token_;
        scoreOracle = scoreOracle_;
        vault = vault_;
        _setPayout(directPayoutMax_, vestingCliff_, vestingDuration_, claimPeriod_);
        token_.forceApprove(address(vault_), type(uint256).max);
    }

    /// @inheritdoc IRevenueDistributor
    function fund(uint256 amount) external nonReentrant {
        uint256 total = _pending + amount;
        _pending = SafeCast.toUint192(total); // the tokens arrive below: never above the supply
        emit Funded(msg.sender, amount, total);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IRevenueDistributor
    function openPool(uint64 epoch) external onlyRole(Roles.ORACLE_ROLE) {
        if (!scoreOracle.isFinal(ScoreLeaf.GALLERY, epoch)) revert EpochNotFinal(epoch);
        // Pools only move forward: every pooled epoch is at or before the last one, so this
        // also refuses a second pool for an epoch.
        uint64 last = lastPooledEpoch;
        if (epoch <= last) revert EpochNotAfterLastPool(epoch, last);
        // A final epoch's root and total never change: copying them lets each claim verify
        // without a call. The total is the one the epoch's M-of-N signers signed with its root,
        // so no single key sets the divisor (ScoreOracle stores at most 2^104 − 1: it fits).
        IScoreOracle.EpochInfo memory info = scoreOracle.epochInfo(ScoreLeaf.GALLERY, epoch);
        uint256 totalScore = info.totalScore;
        uint256 amount = _pending;
        if (amount == 0 || totalScore == 0) revert EmptyPool();
        (_pending, lastPooledEpoch) = (0, epoch); // one slot, one store
        uint40 expiresAt = uint40(block.timestamp + claimPeriod); // 2^40 s: year 36812
        // Pending funds are $MESI, whose supply is below 2^96: the cast never fails in practice.
        _pools[epoch] = Pool(SafeCast.toUint128(amount), 0, uint192(totalScore), expiresAt, false, info.root);
        emit PoolOpened(epoch, amount, totalScore, expiresAt);
    }

    /// @inheritdoc IRevenueDistributor
    function claim(
        uint64 epoch,
        uint256 score,
        bytes32 salt,
        bytes32[] calldata proof
    ) external nonReentrant returns (uint256 amount) {
        Pool memory p = _pools[epoch]; // each of the pool's three slots is read once
        if (p.expiresAt == 0) revert NoPool(epoch);
        if (block.timestamp >= p.expiresAt) revert PoolExpired(epoch);
        mapping(uint256 => uint256) storage claimedOf = _claimed[msg.sender];
        uint256 bits = claimedOf[epoch >> 8];
        uint256 bit = 1 << (epoch & 0xff);
        if (bits & bit != 0) revert AlreadyClaimed(epoch, msg.sender);
        bytes32 leaf = ScoreLeaf.hash(
            address(scoreOracle),
            ScoreLeaf.GALLERY,
            epoch,
            ScoreLeaf.accountSubject(msg.sender),
            score,
            salt
        );
        if (!MerkleProof.verifyCalldata(proof, p.root, leaf)) revert InvalidProof(epoch, msg.sender);
        claimedOf[epoch >> 8] = bits | bit;
        // A score at or above the total is the whole pool; below it, the full-precision product
        // rounds down without overflow whatever the score's size.
        amount = score >= p.totalScore ? p.amount : Math.mulDiv(p.amount, score, p.totalScore);
        uint256 left = p.amount - p.claimed;
        if (amount > left) amount = left; // a wrong total can never overdraw the pool
        unchecked {
            // claimed + amount ≤ amount of the pool < 2^128
            _pools[epoch].claimed = p.claimed + uint128(amount);
        }

        bool vested = amount > directPayoutMax;
        uint256 nonce;
        if (vested) {
            IVestingVault.Grant[] memory g = new IVestingVault.Grant[](1);
            g[0] = IVestingVault.Grant(
                msg.sender,
                SafeCast.toUint112(amount),
                uint40(block.timestamp),
                vestingCliff,
                vestingDuration,
                false
            );
            nonce = vault.createSchedules(g);
        } else if (amount != 0) {
            token.safeTransfer(msg.sender, amount);
        }
        emit RevenueClaimed(epoch, msg.sender, score, amount, vested, nonce);
    }

    /// @inheritdoc IRevenueDistributor
    function rollOver(uint64 epoch) external {
        Pool storage p = _pools[epoch];
        if (p.expiresAt == 0) revert NoPool(epoch);
        if (block.timestamp < p.expiresAt || p.rolledOver) revert NotExpired(epoch);
        p.rolledOver = true;
        uint256 unclaimed = p.amount - p.claimed;
        _pending = SafeCast.toUint192(_pending + unclaimed); // back from a pool: below the supply
        emit PoolRolledOver(epoch, unclaimed);
    }

    /// @inheritdoc IRevenueDistributor
    function setPayoutSettings(
        uint128 directPayoutMax_,
        uint32 vestingCliff_,
        uint32 vestingDuration_,
        uint32 claimPeriod_
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPayout(directPayoutMax_, vestingCliff_, vestingDuration_, claimPeriod_);
    }

    /// @inheritdoc IRevenueDistributor
    function pending() external view returns (uint256) {
        return _pending;
    }

    /// @inheritdoc IRevenueDistributor
    function pool(uint64 epoch) external view returns (Pool memory) {
        return _pools[epoch];
    }

    /// @inheritdoc IRevenueDistributor
    function hasClaimed(uint64 epoch, address creator) external view returns (bool) {
        return _claimed[creator][epoch >> 8] & (1 << (epoch & 0xff)) != 0;
    }

    function _setPayout(uint128 max, uint32 cliff, uint32 duration, uint32 period) private {
        if (cliff > duration) revert InvalidPayoutSettings("vestingCliff");
        if (period < MIN_CLAIM_PERIOD) revert InvalidPayoutSettings("claimPeriod");
        directPayoutMax = max;
        vestingCliff = cliff;
        vestingDuration = duration;
        claimPeriod = period;
        emit PayoutSettingsSet(max, cliff, duration, period);
    }
}
