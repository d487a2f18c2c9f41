// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRandomnessSource} from "../interfaces/IRandomnessSource.sol";

/// @title SeedCheck
/// @notice The one rule every consumer of IRandomnessSource applies: a seed counts only if it
/// was committed before the set it selects from closed (`closeAt`) and could not be revealed
/// before it, so nobody knew it while entries could still change.
library SeedCheck {
    /// @notice The revealed seed of `key`, or zero when it is missing, unrevealed or committed too late.
    function usable(IRandomnessSource source, bytes32 key, uint40 closeAt) internal view returns (bytes32) {
        IRandomnessSource.SeedInfo memory s = source.seedInfo(key);
        if (s.seed == bytes32(0) || s.committedAt >= closeAt || s.revealAfter < closeAt) return bytes32(0);
        return s.seed;
    }
}
