// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IMesiTimelock
/// @notice What MesiTimelock adds to OpenZeppelin's TimelockController: a floor on the delay,
/// two keys that stay two — no account ever holds both the proposer and the executor role,
/// and the executor role is never open to everyone — and no ETH kept.
interface IMesiTimelock {
    /// @notice A delay below MIN_DELAY.
    error DelayTooShort(uint256 delay, uint256 min);
    /// @notice `account` would both propose and execute (in the constructor's lists, or granted
    /// the second role later): one key would decide alone after the delay.
    error ProposerIsExecutor(address account);
    /// @notice address(0) as executor would let anyone execute a ready operation.
    error OpenExecutorRole();
    /// @notice The timelock keeps no ETH: a plain transfer to it is refused.
    error EthNotAccepted();
    /// @notice ETH sent with an execution beyond the `value` its calls forward (it would stay
    /// in the timelock).
    error ValueAboveOperation(uint256 sent, uint256 value);
}
