// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Roles
/// @notice The AccessControl role ids every Mesi contract shares. Each contract keeps its own
/// role members; the admin (DEFAULT_ADMIN_ROLE, 0x00) grants and revokes them.
library Roles {
    /// @notice Creates and configures campaigns.
    bytes32 internal constant CAMPAIGN_MANAGER_ROLE = keccak256("CAMPAIGN_MANAGER_ROLE");
    /// @notice Attests (and revokes) a participant's KYC; never stores personal data.
    bytes32 internal constant KYC_ATTESTOR_ROLE = keccak256("KYC_ATTESTOR_ROLE");
    /// @notice The oracle service: records completions, verdicts, exclusions and seeds.
    bytes32 internal constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    /// @notice One of the N keys whose M-of-N EIP-712 signatures publish an epoch.
    bytes32 internal constant ORACLE_SIGNER_ROLE = keccak256("ORACLE_SIGNER_ROLE");
    /// @notice Rejects a published epoch during its challenge window.
    bytes32 internal constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice Pauses and unpauses user-facing entry points.
    bytes32 internal constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Mints, activates and voids tickets (held by CampaignManager).
    bytes32 internal constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// @notice Locks and unlocks a ticket entered in a prize draw (held by PrizeDraw).
    bytes32 internal constant DRAW_ROLE = keccak256("DRAW_ROLE");
}
