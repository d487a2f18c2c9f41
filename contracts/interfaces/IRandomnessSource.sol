// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRandomnessSource
/// @notice Seeds for campaign selection and prize draws. A consumer accepts a seed only if it
/// was committed before the set it selects from was closed and revealed after, so nobody
/// (the oracle included) knew it while entries could still change. A VRF adapter can
/// implement this interface instead of the oracle's commit-reveal.
interface IRandomnessSource {
    /// @notice State of one seed.
    /// @param commitment keccak256(abi.encode(secret)) committed by the oracle.
    /// @param committedAt When the commitment was made.
    /// @param revealAfter The reveal is only accepted after this time.
    /// @param seed keccak256(abi.encode(secret, prevrandao, key)); zero until revealed.
    struct SeedInfo {
        bytes32 commitment;
        uint40 committedAt;
        uint40 revealAfter;
        bytes32 seed;
    }

    /// @notice A commitment for `key` was recorded.
    event SeedCommitted(bytes32 indexed key, bytes32 commitment, uint40 revealAfter);
    /// @notice The seed for `key` was revealed (`secret` is published for recomputation).
    event SeedRevealed(bytes32 indexed key, bytes32 secret, bytes32 seed);

    /// @notice A commitment for this key exists already.
    error AlreadyCommitted(bytes32 key);
    /// @notice No commitment for this key.
    error NotCommitted(bytes32 key);
    /// @notice Reveal before `revealAfter`.
    error RevealTooEarly(bytes32 key, uint40 revealAfter);
    /// @notice The secret does not match the commitment.
    error SecretMismatch(bytes32 key);
    /// @notice Revealed already.
    error AlreadyRevealed(bytes32 key);

    /// @notice ORACLE_ROLE: commits to keccak256(abi.encode(secret)) for `key`.
    function commit(bytes32 key, bytes32 commitment, uint40 revealAfter) external;

    /// @notice Anyone holding the secret (the oracle): reveals it after `revealAfter`.
    function reveal(bytes32 key, bytes32 secret) external;

    /// @notice The seed's state.
    function seedInfo(bytes32 key) external view returns (SeedInfo memory);
}
