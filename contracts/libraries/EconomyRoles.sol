// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title EconomyRoles
/// @notice Role ids of the economy contracts (the core's are in Roles).
library EconomyRoles {
    /// @notice Creates vesting schedules (PrizeDraw, RevenueDistributor, admin grants).
    bytes32 internal constant GRANTOR_ROLE = keccak256("GRANTOR_ROLE");
    /// @notice Revokes the unvested part of a revocable schedule of a fraud-flagged beneficiary.
    bytes32 internal constant REVOKER_ROLE = keccak256("REVOKER_ROLE");
}
