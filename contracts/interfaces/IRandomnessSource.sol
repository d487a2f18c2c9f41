// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRandomnessSource
/// @notice What a consumer (campaign selection, prize draws) needs from a source of seeds: the
/// seed of a key and when it was requested. A consumer accepts a seed only if it was requested
/// after the set it selects from closed (see SeedCheck): every input of the seed is then fixed
/// after entries could no longer change, so nobody knew the outcome while they could. The
/// oracle's commit-reveal (ICommitRevealRandomness) implements it; so can a VRF adapter
/// (request = the commit, fulfilment = the reveal).
interface IRandomnessSource {
    /// @notice The seed of `key` (zero until delivered) and when it was requested (zero if never).
    function seedOf(bytes32 key) external view returns (bytes32 seed, uint40 requestedAt);

    /// @notice True if the seed of `key` will never be delivered (it failed): what it would have
    /// selected is abandoned (no one selected, no winner drawn).
    function seedFailed(bytes32 key) external view returns (bool);
}
