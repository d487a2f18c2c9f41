// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IRandomnessSource} from "../interfaces/IRandomnessSource.sol";
import {Roles} from "../libraries/Roles.sol";

/// @title CommitRevealRandomness
/// @notice The oracle commits to a secret before entries close and reveals it afterwards; the
/// seed mixes the secret with the reveal block's prevrandao, so neither the oracle (who cannot
/// choose prevrandao) nor a block proposer (who does not know the secret) controls it alone.
/// Residual risk, documented in docs/CONTRACTS.md: the oracle may withhold a reveal.
contract CommitRevealRandomness is IRandomnessSource, AccessControl {
    mapping(bytes32 key => SeedInfo) private _seeds;

    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IRandomnessSource
    function commit(
        bytes32 key,
        bytes32 commitment,
        uint40 revealAfter
    ) external onlyRole(Roles.ORACLE_ROLE) {
        SeedInfo storage s = _seeds[key];
        if (s.commitment != bytes32(0)) revert AlreadyCommitted(key);
        s.commitment = commitment;
        s.committedAt = uint40(block.timestamp);
        s.revealAfter = revealAfter;
        emit SeedCommitted(key, commitment, revealAfter);
    }

    /// @inheritdoc IRandomnessSource
    function reveal(bytes32 key, bytes32 secret) external {
        SeedInfo storage s = _seeds[key];
        if (s.commitment == bytes32(0)) revert NotCommitted(key);
        if (s.seed != bytes32(0)) revert AlreadyRevealed(key);
        if (block.timestamp <= s.revealAfter) revert RevealTooEarly(key, s.revealAfter);
        if (keccak256(abi.encode(secret)) != s.commitment) revert SecretMismatch(key);
        bytes32 seed = keccak256(abi.encode(secret, block.prevrandao, key));
        s.seed = seed;
        emit SeedRevealed(key, secret, seed);
    }

    /// @inheritdoc IRandomnessSource
    function seedInfo(bytes32 key) external view returns (SeedInfo memory) {
        return _seeds[key];
    }
}
