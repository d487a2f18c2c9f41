// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRandomnessSource} from "./IRandomnessSource.sol";

/// @title ICommitRevealRandomness
/// @notice The oracle's seeds: every input is fixed when the oracle commits, after the set the
/// seed selects from has closed, and nobody can compute the outcome before the entropy block.
///  - commit: the oracle commits keccak256(abi.encode(secret)); the entropy block is fixed to the
///    next block, whose hash nobody knows yet (the oracle cannot choose it).
///  - reveal: anyone holding the secret reveals it within REVEAL_WINDOW blocks after the
///    entropy block; seed = keccak256(abi.encode(secret, blockhash(entropyBlock), key)). The
///    seed does not depend on when or by whom it is revealed, so reverting a reveal and
///    retrying in later blocks never changes the outcome.
///  - a reveal missed by the deadline is a recorded fault (`RevealMissed`); the seed then is
///    keccak256(abi.encode(blockhash(fallbackBlock), key, "missed reveal")) with fallbackBlock
///    = the deadline block, fixed at commit and unknown while a reveal was still possible, so
///    the revealer cannot steer it. Anyone settles it, and the seed is the same whenever it is
///    settled: the hash comes from BLOCKHASH for 256 blocks, then from the EIP-2935 history
///    contract. No path moves the fallback block.
///  - if nobody settled while the chain knew that hash (8,191 blocks after the deadline), the seed
///    FAILS for good (`SeedFailed`, `seedFailed(key)`): it never gets a value, and consumers
///    abandon what it would have selected. Settling late can only give the on-time seed or no seed.
/// Residual risk (docs/CONTRACTS.md): the producer of the entropy block, colluding with the
/// oracle, could choose among block hashes; a VRF adapter of IRandomnessSource removes that.
interface ICommitRevealRandomness is IRandomnessSource {
    /// @notice State of one seed (three slots).
    /// @param commitment keccak256(abi.encode(secret)); zero = never committed.
    /// @param committedAt When the commitment was made (the `requestedAt` consumers check).
    /// @param entropyBlock The block whose hash enters the seed: the block after the commit.
    /// @param revealDeadline The last block in which a reveal is accepted.
    /// @param fallbackBlock The block whose hash the fallback seed uses: revealDeadline, fixed at
    /// commit and never moved.
    /// @param missed True if the reveal was missed (a fault): the seed is the fallback, or failed.
    /// @param failed True if the fallback was not settled within HISTORY_WINDOW blocks: the seed
    /// stays zero for good.
    /// @param seed Zero until revealed or settled; set at most once.
    struct SeedInfo {
        bytes32 commitment;
        uint40 committedAt;
        uint64 entropyBlock;
        uint64 revealDeadline;
        uint64 fallbackBlock;
        bool missed;
        bool failed;
        bytes32 seed;
    }

    /// @notice The oracle committed to a secret for `key`; the seed will mix in the hash of
    /// `entropyBlock` and must be revealed by block `revealDeadline`.
    event SeedCommitted(bytes32 indexed key, bytes32 commitment, uint64 entropyBlock, uint64 revealDeadline);
    /// @notice The seed for `key` was revealed (`secret` is published for recomputation).
    event SeedRevealed(bytes32 indexed key, bytes32 secret, bytes32 seed);
    /// @notice Fault: nobody revealed `key` by its deadline; `seed` is the fallback seed, from
    /// the hash of `fallbackBlock`.
    event RevealMissed(bytes32 indexed key, uint64 fallbackBlock, bytes32 seed);
    /// @notice Fault: nobody settled the missed reveal of `key` while the hash of `fallbackBlock`
    /// was available (8,191 blocks): the seed failed and never gets a value; its selection or
    /// draw is abandoned.
    event SeedFailed(bytes32 indexed key, uint64 fallbackBlock);

    /// @notice A commitment for this key exists already.
    error AlreadyCommitted(bytes32 key);
    /// @notice A zero commitment.
    error InvalidCommitment();
    /// @notice No commitment for this key.
    error NotCommitted(bytes32 key);
    /// @notice The entropy block is not mined yet (a reveal needs its hash).
    error RevealTooEarly(bytes32 key, uint64 entropyBlock);
    /// @notice The reveal deadline passed: settle the fallback instead.
    error RevealWindowClosed(bytes32 key, uint64 revealDeadline);
    /// @notice The secret does not match the commitment.
    error SecretMismatch(bytes32 key);
    /// @notice The seed was revealed or settled already.
    error AlreadyRevealed(bytes32 key);
    /// @notice The reveal deadline has not passed, or the fallback block is not mined yet.
    error FallbackTooEarly(bytes32 key, uint64 fallbackBlock);
    /// @notice The seed failed (its fallback was not settled in time): it never gets a value.
    error SeedAlreadyFailed(bytes32 key);
    /// @notice The EIP-2935 history contract did not return the fallback block's hash: nothing
    /// changed; settle again with enough gas, or the seed fails once the block leaves the window.
    error FallbackHashUnavailable(bytes32 key, uint64 fallbackBlock);

    /// @notice ORACLE_ROLE: commits to keccak256(abi.encode(secret)) for `key`; fixes the
    /// entropy block (the next block) and the reveal deadline. Commit only after the set the
    /// seed selects from has closed: consumers refuse seeds requested earlier.
    function commit(bytes32 key, bytes32 commitment) external;

    /// @notice Anyone holding the secret: reveals it after the entropy block, by the deadline.
    function reveal(bytes32 key, bytes32 secret) external;

    /// @notice Anyone, after a missed deadline: records the fault and sets the fallback seed from
    /// the hash of the fallback block (BLOCKHASH within 256 blocks, the EIP-2935 history contract
    /// within 8,191); later, marks the seed failed (`SeedFailed`). Never moves the fallback block.
    function settleMissedReveal(bytes32 key) external;

    /// @notice The seed's state.
    function seedInfo(bytes32 key) external view returns (SeedInfo memory);
}
