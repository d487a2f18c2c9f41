// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRandomnessSource} from "../interfaces/IRandomnessSource.sol";

/// @title SeedCheck
/// @notice The one rule every consumer of IRandomnessSource applies: a seed counts only if it
/// was requested once the set it selects from had closed (`closeAt`). Every input of the seed
/// (the commitment and the entropy block after it) is then fixed after entries stopped
/// changing, so nobody could compute the outcome while they could still act on it.
library SeedCheck {
    /// @notice The delivered seed of `key`, or zero when it is missing or was requested too early.
    function usable(IRandomnessSource source, bytes32 key, uint40 closeAt) internal view returns (bytes32) {
        (bytes32 seed, uint40 requestedAt) = source.seedOf(key);
        if (seed == bytes32(0) || requestedAt < closeAt) return bytes32(0);
        return seed;
    }

    /// @notice True if the seed of `key` failed: it will never be delivered, so whatever it would
    /// have selected is abandoned. Only read when no usable seed is there.
    function failed(IRandomnessSource source, bytes32 key) internal view returns (bool) {
        return source.seedFailed(key);
    }
}
