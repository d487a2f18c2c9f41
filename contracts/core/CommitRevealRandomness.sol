// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IRandomnessSource} from "../interfaces/IRandomnessSource.sol";
import {ICommitRevealRandomness} from "../interfaces/ICommitRevealRandomness.sol";
import {Roles} from "../libraries/Roles.sol";

/// @title CommitRevealRandomness
/// @notice Seeds nobody can grind: the oracle commits to a secret after the set closed, which
/// fixes the entropy block (the next one); the seed mixes the secret with that block's hash.
/// Neither the oracle (cannot choose the block hash, and the seed is the same in whatever block
/// it reveals) nor a block producer (does not know the secret) sets it alone. A reveal missed by
/// the deadline is a recorded fault with a fallback seed from a block fixed at commit, the same
/// whenever it is settled; once that block's hash is gone from the chain (8,191 blocks, EIP-2935)
/// the seed fails for good. No path moves the fallback block or sets a seed twice.
contract CommitRevealRandomness is ICommitRevealRandomness, AccessControl {
    /// @notice Blocks after the entropy block during which the secret can be revealed (< 256,
    /// so the entropy block's hash is still available at the deadline).
    uint64 public constant REVEAL_WINDOW = 200;
    /// @notice EIP-2935's block hash history contract (Prague and later): serves the hashes of
    /// the last HISTORY_WINDOW blocks.
    address public constant HISTORY = 0x0000F90827F1C53a10cb7A02335B175320002935;
    /// @notice Blocks whose hash the history contract serves (EIP-2935 HISTORY_SERVE_WINDOW).
    uint256 public constant HISTORY_WINDOW = 8191;
    /// @dev Blocks whose hash BLOCKHASH still returns.
    uint256 private constant _HASH_HORIZON = 256;

    mapping(bytes32 key => SeedInfo) private _seeds;

    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc ICommitRevealRandomness
    function commit(bytes32 key, bytes32 commitment) external onlyRole(Roles.ORACLE_ROLE) {
        SeedInfo storage s = _seeds[key];
        if (s.commitment != bytes32(0)) revert AlreadyCommitted(key);
        if (commitment == bytes32(0)) revert InvalidCommitment();
        // Block numbers and timestamps fit these widths for billions of years.
        uint64 entropyBlock = uint64(block.number + 1);
        uint64 deadline = entropyBlock + REVEAL_WINDOW;
        s.commitment = commitment;
        s.committedAt = uint40(block.timestamp);
        s.entropyBlock = entropyBlock;
        s.revealDeadline = deadline;
        s.fallbackBlock = deadline;
        emit SeedCommitted(key, commitment, entropyBlock, deadline);
    }

    /// @inheritdoc ICommitRevealRandomness
    function reveal(bytes32 key, bytes32 secret) external {
        SeedInfo storage s = _open(key);
        if (block.number <= s.entropyBlock) revert RevealTooEarly(key, s.entropyBlock);
        if (block.number > s.revealDeadline) revert RevealWindowClosed(key, s.revealDeadline);
        if (keccak256(abi.encode(secret)) != s.commitment) revert SecretMismatch(key);
        bytes32 seed = keccak256(abi.encode(secret, blockhash(s.entropyBlock), key));
        s.seed = seed;
        emit SeedRevealed(key, secret, seed);
    }

    /// @inheritdoc ICommitRevealRandomness
    function settleMissedReveal(bytes32 key) external {
        SeedInfo storage s = _open(key);
        uint64 fallbackBlock = s.fallbackBlock;
        if (block.number <= fallbackBlock) revert FallbackTooEarly(key, fallbackBlock);
        uint256 age = block.number - fallbackBlock;
        s.missed = true;
        if (age > HISTORY_WINDOW) {
            // Nobody settled while the chain still knew the hash: no seed, ever (consumers
            // abandon what it would have selected).
            s.failed = true;
            emit SeedFailed(key, fallbackBlock);
            return;
        }
        bytes32 hash = age > _HASH_HORIZON ? _historicalHash(key, fallbackBlock) : blockhash(fallbackBlock);
        bytes32 seed = keccak256(abi.encode(hash, key, "missed reveal"));
        s.seed = seed;
        emit RevealMissed(key, fallbackBlock, seed);
    }

    /// @inheritdoc ICommitRevealRandomness
    function seedInfo(bytes32 key) external view returns (SeedInfo memory) {
        return _seeds[key];
    }

    /// @inheritdoc IRandomnessSource
    function seedOf(bytes32 key) external view returns (bytes32 seed, uint40 requestedAt) {
        SeedInfo storage s = _seeds[key];
        return (s.seed, s.committedAt);
    }

    /// @inheritdoc IRandomnessSource
    function seedFailed(bytes32 key) external view returns (bool) {
        return _seeds[key].failed;
    }

    /// @dev A committed seed neither revealed, settled nor failed.
    function _open(bytes32 key) private view returns (SeedInfo storage s) {
        s = _seeds[key];
        if (s.commitment == bytes32(0)) revert NotCommitted(key);
        if (s.seed != bytes32(0)) revert AlreadyRevealed(key);
        if (s.failed) revert SeedAlreadyFailed(key);
    }

    /// @dev The hash of `blockNumber` from the EIP-2935 history contract. Anything but a
    /// non-zero word reverts (never a different seed, never a failure the caller could force,
    /// e.g. by starving the call of gas).
    function _historicalHash(bytes32 key, uint64 blockNumber) private view returns (bytes32 hash) {
        (bool ok, bytes memory ret) = HISTORY.staticcall(abi.encode(uint256(blockNumber)));
        if (ok && ret.length == 32) hash = abi.decode(ret, (bytes32));
        if (hash == bytes32(0)) revert FallbackHashUnavailable(key, blockNumber);
    }
}
