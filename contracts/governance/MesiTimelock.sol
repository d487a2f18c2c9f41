// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IMesiTimelock} from "../interfaces/IMesiTimelock.sol";
import {Governance} from "../libraries/Governance.sol";

/// @title MesiTimelock
/// @notice OpenZeppelin's TimelockController, the admin (DEFAULT_ADMIN_ROLE) of every Mesi
/// contract: granting a role, changing signers, threshold, challenge window, fee, royalty or
/// payout settings is scheduled here (`CallScheduled`, visible on chain with its calldata) and
/// takes effect only after the delay. Two keys are needed: the admin proposes, the guardian
/// executes; either may cancel while the operation waits. The timelock administers itself.
/// @dev Two additions to OpenZeppelin's contract: the delay never drops below
/// Governance.MIN_TIMELOCK_DELAY, which exceeds the longest challenge window; and no account
/// ever holds PROPOSER_ROLE and EXECUTOR_ROLE together, nor address(0) EXECUTOR_ROLE (an open
/// role), at construction or later (every grant passes through `_grantRole`). It keeps no ETH:
/// plain transfers are refused, and an execution may send at most what its calls forward.
contract MesiTimelock is IMesiTimelock, TimelockController {
    /// @notice Shortest delay the timelock accepts (Governance.MIN_TIMELOCK_DELAY).
    uint256 public constant MIN_DELAY = Governance.MIN_TIMELOCK_DELAY;

    /// @param minDelay Seconds an operation waits (≥ MIN_TIMELOCK_DELAY).
    /// @param proposers Propose (and cancel) operations: the admin.
    /// @param executors Execute operations once ready: the guardian. None of them may be a
    /// proposer (`ProposerIsExecutor`) or address(0) (`OpenExecutorRole`).
    /// @param cancellers Also cancel waiting operations: the guardian.
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address[] memory cancellers
    ) TimelockController(minDelay, proposers, executors, address(0)) {
        if (minDelay < MIN_DELAY) revert DelayTooShort(minDelay, MIN_DELAY);
        for (uint256 i; i < cancellers.length; ++i) _grantRole(CANCELLER_ROLE, cancellers[i]);
    }

    /// @notice Through the timelock only: changes the delay, never below MIN_DELAY.
    function updateDelay(uint256 newDelay) public override {
        if (msg.sender != address(this)) revert TimelockUnauthorizedCaller(msg.sender);
        if (newDelay < MIN_DELAY) revert DelayTooShort(newDelay, MIN_DELAY);
        super.updateDelay(newDelay);
    }

    /// @notice Refuses plain ETH transfers (`EthNotAccepted`): nothing in Mesi pays the timelock.
    receive() external payable override {
        revert EthNotAccepted();
    }

    /// @notice EXECUTOR_ROLE: executes a ready operation; ETH sent along (at most `value`,
    /// else `ValueAboveOperation`) goes out with its call.
    function execute(
        address target,
        uint256 value,
        bytes calldata payload,
        bytes32 predecessor,
        bytes32 salt
    ) public payable override {
        if (msg.value > value) revert ValueAboveOperation(msg.value, value);
        super.execute(target, value, payload, predecessor, salt);
    }

    /// @notice EXECUTOR_ROLE: executes a ready batch; ETH sent along (at most Σ `values`, else
    /// `ValueAboveOperation`) goes out with its calls.
    function executeBatch(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata payloads,
        bytes32 predecessor,
        bytes32 salt
    ) public payable override {
        if (msg.value != 0) {
            uint256 total;
            for (uint256 i; i < values.length; ++i) total += values[i];
            if (msg.value > total) revert ValueAboveOperation(msg.value, total);
        }
        super.executeBatch(targets, values, payloads, predecessor, salt);
    }

    /// @dev Every grant, the constructor's included: one key never both proposes and executes,
    /// and the executor role is never open.
    function _grantRole(bytes32 role, address account) internal override returns (bool) {
        if (role == EXECUTOR_ROLE) {
            if (account == address(0)) revert OpenExecutorRole();
            if (hasRole(PROPOSER_ROLE, account)) revert ProposerIsExecutor(account);
        } else if (role == PROPOSER_ROLE && hasRole(EXECUTOR_ROLE, account)) {
            revert ProposerIsExecutor(account);
        }
        return super._grantRole(role, account);
    }
}
