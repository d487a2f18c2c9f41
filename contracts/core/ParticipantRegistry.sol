// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {Roles} from "../libraries/Roles.sol";

/// @title ParticipantRegistry
/// @notice Who may take part: the participant's own consent, a KYC attestor's attestation,
/// and the oracle's exclusion. Opting in and revoking are the participant's alone.
contract ParticipantRegistry is IParticipantRegistry, AccessControl, Pausable {
    /// @notice Answering the AI's message-style prompts.
    uint32 public constant SCOPE_AI_PROMPTS = 1 << 0;
    /// @notice Rating pictures.
    uint32 public constant SCOPE_PICTURE_RATING = 1 << 1;
    /// @notice Rating the mood of pictures.
    uint32 public constant SCOPE_MOOD_RATING = 1 << 2;
    /// @notice Short questionnaires.
    uint32 public constant SCOPE_QUESTIONNAIRES = 1 << 3;
    /// @notice Polls.
    uint32 public constant SCOPE_POLLS = 1 << 4;
    /// @notice Engagement tracking for the Engagement Rating.
    uint32 public constant SCOPE_ENGAGEMENT_TRACKING = 1 << 5;

    mapping(address account => Participant) private _participants;
    mapping(address account => bytes32) private _policy;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (the pauser is granted separately).
    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IParticipantRegistry
    function optIn(uint32 scopes, bytes32 policyHash) external whenNotPaused {
        if (scopes == 0) revert EmptyScopes();
        if (policyHash == bytes32(0)) revert EmptyPolicy();
        Participant storage p = _participants[msg.sender];
        p.scopes = scopes;
        p.consentedAt = uint40(block.timestamp); // 2^40 seconds: year 36812
        _policy[msg.sender] = policyHash;
        emit ConsentGiven(msg.sender, scopes, policyHash);
    }

    /// @inheritdoc IParticipantRegistry
    function revokeConsent() external {
        Participant storage p = _participants[msg.sender];
        p.scopes = 0;
        p.consentedAt = 0;
        p.revokedAt = uint40(block.timestamp); // 2^40 seconds: year 36812
        delete _policy[msg.sender];
        emit ConsentRevoked(msg.sender);
    }

    /// @inheritdoc IParticipantRegistry
    function attestKyc(
        address account,
        uint40 expiry,
        bytes32 ref
    ) external onlyRole(Roles.KYC_ATTESTOR_ROLE) {
        _attest(account, expiry, ref);
    }

    /// @inheritdoc IParticipantRegistry
    function attestKycBatch(
        address[] calldata accounts,
        uint40[] calldata expiries,
        bytes32[] calldata refs
    ) external onlyRole(Roles.KYC_ATTESTOR_ROLE) {
        if (accounts.length != expiries.length || accounts.length != refs.length) revert LengthMismatch();
        for (uint256 i; i < accounts.length; ++i) _attest(accounts[i], expiries[i], refs[i]);
    }

    /// @inheritdoc IParticipantRegistry
    function revokeKyc(address account) external onlyRole(Roles.KYC_ATTESTOR_ROLE) {
        _participants[account].kycExpiry = 0;
        emit KycRevoked(account, msg.sender);
    }

    /// @inheritdoc IParticipantRegistry
    function setExclusions(
        address[] calldata accounts,
        bool excluded,
        bytes32 reason
    ) external onlyRole(Roles.ORACLE_ROLE) {
        for (uint256 i; i < accounts.length; ++i) {
            _participants[accounts[i]].excluded = excluded;
            emit ExclusionSet(accounts[i], excluded, reason);
        }
    }

    /// @notice PAUSER_ROLE: stops opt-ins (revoking consent stays open).
    function pause() external onlyRole(Roles.PAUSER_ROLE) {
        _pause();
    }

    /// @notice PAUSER_ROLE: resumes opt-ins.
    function unpause() external onlyRole(Roles.PAUSER_ROLE) {
        _unpause();
    }

    /// @inheritdoc IParticipantRegistry
    function participant(address account) external view returns (Participant memory) {
        return _participants[account];
    }

    /// @inheritdoc IParticipantRegistry
    function policyOf(address account) external view returns (bytes32) {
        return _policy[account];
    }

    /// @inheritdoc IParticipantRegistry
    function exclusionsOf(address[] calldata accounts) external view returns (bool[] memory excluded) {
        excluded = new bool[](accounts.length);
        for (uint256 i; i < accounts.length; ++i) excluded[i] = _participants[accounts[i]].excluded;
    }

    /// @inheritdoc IParticipantRegistry
    function isEligible(address account, uint32 scopes) external view returns (bool) {
        Participant memory p = _participants[account];
        return p.scopes != 0 && p.scopes & scopes == scopes && block.timestamp < p.kycExpiry && !p.excluded;
    }

    function _attest(address account, uint40 expiry, bytes32 ref) private {
        if (expiry <= block.timestamp) revert ExpiryInPast(expiry);
        _participants[account].kycExpiry = expiry;
        emit KycAttested(account, expiry, ref, msg.sender);
    }
}
