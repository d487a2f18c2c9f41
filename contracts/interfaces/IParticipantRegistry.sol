// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IParticipantRegistry
/// @notice Consent, KYC attestation and exclusion of Train2Earn participants. No personal
/// data is stored on chain: KYC is an expiry plus an opaque reference to the attestor's record.
interface IParticipantRegistry {
    /// @notice A participant's packed record (one storage slot).
    /// @param scopes Consent scope bitmap (see ParticipantRegistry's SCOPE_* constants); 0 = none.
    /// @param consentedAt When the current consent was given (0 if never or revoked).
    /// @param kycExpiry KYC attestation valid while block.timestamp < kycExpiry.
    /// @param revokedAt When consent was last withdrawn (0 if never).
    /// @param excluded Excluded by the oracle (trust-score decay) until reinstated.
    struct Participant {
        uint32 scopes;
        uint40 consentedAt;
        uint40 kycExpiry;
        uint40 revokedAt;
        bool excluded;
    }

    /// @notice Consent given or changed.
    event ConsentGiven(address indexed account, uint32 scopes, bytes32 indexed policyHash);
    /// @notice Consent withdrawn: campaigns needing any scope stop accepting the account.
    event ConsentRevoked(address indexed account);
    /// @notice KYC attested by `attestor` until `expiry`; `ref` points to the attestor's record.
    event KycAttested(address indexed account, uint40 expiry, bytes32 ref, address indexed attestor);
    /// @notice KYC attestation withdrawn.
    event KycRevoked(address indexed account, address indexed attestor);
    /// @notice Exclusion set (`excluded`) or lifted by the oracle, with a reason code.
    event ExclusionSet(address indexed account, bool excluded, bytes32 reason);

    /// @notice `optIn` with no scope: use revokeConsent to withdraw.
    error EmptyScopes();
    /// @notice The policy hash must name a published consent policy version.
    error EmptyPolicy();
    /// @notice A KYC expiry in the past.
    error ExpiryInPast(uint40 expiry);
    /// @notice Array arguments of different lengths.
    error LengthMismatch();

    /// @notice Gives or changes consent: `scopes` is the bitmap of uses the caller accepts.
    function optIn(uint32 scopes, bytes32 policyHash) external;

    /// @notice Withdraws all consent, at any time (never paused).
    function revokeConsent() external;

    /// @notice KYC_ATTESTOR_ROLE: attests `account` until `expiry`.
    function attestKyc(address account, uint40 expiry, bytes32 ref) external;

    /// @notice KYC_ATTESTOR_ROLE: attests many accounts.
    function attestKycBatch(
        address[] calldata accounts,
        uint40[] calldata expiries,
        bytes32[] calldata refs
    ) external;

    /// @notice KYC_ATTESTOR_ROLE: withdraws an attestation.
    function revokeKyc(address account) external;

    /// @notice ORACLE_ROLE: excludes (or reinstates) accounts, e.g. after trust-score decay.
    function setExclusions(address[] calldata accounts, bool excluded, bytes32 reason) external;

    /// @notice The account's packed record.
    function participant(address account) external view returns (Participant memory);

    /// @notice The policy version hash the account's current consent refers to.
    function policyOf(address account) external view returns (bytes32);

    /// @notice Whether each account is excluded, in order (one call for a batch of verdicts).
    function exclusionsOf(address[] calldata accounts) external view returns (bool[] memory excluded);

    /// @notice True if the account consents to every scope in `scopes`, has valid KYC and is not excluded.
    function isEligible(address account, uint32 scopes) external view returns (bool);
}
