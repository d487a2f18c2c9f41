// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Governance
/// @notice The bounds that keep admin and oracle powers in check, in one place:
///  - an epoch is open to a guardian's challenge for at least MIN_CHALLENGE_WINDOW (zero would let
///    a forged epoch be final in the block it is published) and at most MAX_CHALLENGE_WINDOW;
///  - every security-relevant setting waits in MesiTimelock for at least MIN_TIMELOCK_DELAY,
///    which exceeds the longest challenge window, so a change of signers, threshold or window
///    is visible on chain for longer than any epoch it could affect stays open to challenge.
library Governance {
    /// @notice Shortest challenge window: an hour for a guardian (or its watcher) to react.
    uint32 internal constant MIN_CHALLENGE_WINDOW = 1 hours;
    /// @notice Longest challenge window.
    uint32 internal constant MAX_CHALLENGE_WINDOW = 1 days;
    /// @notice Shortest timelock delay: longer than the longest challenge window.
    uint256 internal constant MIN_TIMELOCK_DELAY = 2 days;
}
