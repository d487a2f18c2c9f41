// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IScoreOracle
/// @notice Per-epoch commitments of the oracle's scores (TQS, USER, NFT, GALLERY): a Merkle
/// root over leaves defined in ScoreLeaf, the hash and URI of the dataset that recomputes it,
/// co-signed by M of N oracle signers, then open to a guardian's challenge before it is final.
/// Each epoch's finality time is fixed when it is published: changing the challenge window
/// later never shortens (or lengthens) the window of an epoch already published.
interface IScoreOracle {
    /// @notice Life of a commitment. Final is derived: Pending past its challenge window.
    enum Status {
        None,
        Pending,
        Rejected
    }

    /// @notice What the signers sign (EIP-712 `EpochCommitment`, with the URI and summary hashed).
    /// @param kind 0 TQS, 1 USER, 2 NFT, 3 GALLERY.
    /// @param epoch Must exceed the kind's last published epoch.
    /// @param totalScore Σ of the scores of the commitment's leaves, signed with them: a
    /// GALLERY epoch's revenue pool divides by it (at most MAX_TOTAL_SCORE = 2^104 − 1).
    /// @param summaryKeys ASCII ids as bytes32 (for TQS: quality rule ids).
    /// @param summaryValues One value per key (for TQS: flags raised by that rule).
    struct Commitment {
        uint8 kind;
        uint64 epoch;
        bytes32 root;
        bytes32 datasetHash;
        string datasetURI;
        uint64 leafCount;
        uint256 totalScore;
        bytes32[] summaryKeys;
        uint256[] summaryValues;
    }

    /// @notice A stored commitment. `leafCount`, `publishedAt`, `finalAt`, `status` and
    /// `totalScore` share one slot (64 + 40 + 40 + 8 + 104 bits: all of it).
    /// @param finalAt publishedAt + the challenge window in force at publication: the epoch is
    /// final from then on unless a guardian rejected it before.
    /// @param totalScore The signed Σ of the epoch's scores.
    struct EpochInfo {
        bytes32 root;
        bytes32 datasetHash;
        uint64 leafCount;
        uint40 publishedAt;
        uint40 finalAt;
        Status status;
        uint104 totalScore;
    }

    /// @notice An epoch was published; the dataset at `datasetURI` hashes to `datasetHash`.
    /// It is final at `finalAt` unless a guardian rejects it before.
    event EpochPublished(
        uint8 indexed kind,
        uint64 indexed epoch,
        bytes32 root,
        bytes32 datasetHash,
        string datasetURI,
        uint64 leafCount,
        uint256 totalScore,
        bytes32[] summaryKeys,
        uint256[] summaryValues,
        uint40 finalAt
    );
    /// @notice A guardian rejected an epoch in its challenge window; it will never be final.
    event EpochRejected(uint8 indexed kind, uint64 indexed epoch, address indexed guardian, string reason);
    /// @notice An epoch's challenge window passed without rejection.
    event EpochFinalized(uint8 indexed kind, uint64 indexed epoch);
    /// @notice The number of signatures an epoch needs changed.
    event ThresholdSet(uint8 threshold);
    /// @notice The challenge window changed; it applies to epochs published from now on only.
    event ChallengeWindowSet(uint32 window);

    /// @notice Kind outside 0..3.
    error UnknownKind(uint8 kind);
    /// @notice Epoch not above the kind's last published epoch (replay or reorder).
    error EpochNotIncreasing(uint64 epoch, uint64 last);
    /// @notice Summary keys and values differ in length.
    error SummaryLengthMismatch();
    /// @notice An empty root or a commitment without leaves.
    error EmptyCommitment();
    /// @notice A signed total above what an epoch stores (2^104 − 1), refused rather than cut.
    error TotalScoreOutOfRange(uint256 totalScore, uint256 max);
    /// @notice Fewer valid signatures than the threshold.
    error NotEnoughSignatures(uint256 given, uint256 needed);
    /// @notice A signature from an account without ORACLE_SIGNER_ROLE.
    error SignerNotAuthorized(address signer);
    /// @notice Signers must be strictly ascending (no duplicates).
    error SignersNotSorted(address signer, address previous);
    /// @notice No commitment for this kind and epoch.
    error EpochUnknown(uint8 kind, uint64 epoch);
    /// @notice The challenge window is over (reject) or not over yet (finalize).
    error OutsideChallengeWindow(uint8 kind, uint64 epoch);
    /// @notice The epoch was rejected.
    error EpochWasRejected(uint8 kind, uint64 epoch);
    /// @notice A threshold of zero.
    error InvalidThreshold();
    /// @notice A challenge window outside [MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW].
    error ChallengeWindowOutOfRange(uint32 window, uint32 min, uint32 max);

    /// @notice Publishes a commitment; anyone may relay it with enough signer signatures.
    /// @param c The commitment.
    /// @param signatures EIP-712 signatures over `c`, ordered by signer address, strictly ascending.
    function publish(Commitment calldata c, bytes[] calldata signatures) external;

    /// @notice GUARDIAN_ROLE: rejects a pending epoch inside its challenge window.
    function reject(uint8 kind, uint64 epoch, string calldata reason) external;

    /// @notice Anyone: records that an epoch's window passed unchallenged and advances latestFinalEpoch.
    function finalize(uint8 kind, uint64 epoch) external;

    /// @notice Admin (the timelock): sets the number of signatures an epoch needs (≥ 1).
    function setThreshold(uint8 threshold) external;

    /// @notice Admin (the timelock): sets the challenge window of epochs published from now on,
    /// within [MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW].
    function setChallengeWindow(uint32 window) external;

    /// @notice The stored commitment.
    function epochInfo(uint8 kind, uint64 epoch) external view returns (EpochInfo memory);

    /// @notice True once the epoch's own finality time passed and it was not rejected.
    function isFinal(uint8 kind, uint64 epoch) external view returns (bool);

    /// @notice The newest finalized epoch of a kind (0 = none).
    function latestFinalEpoch(uint8 kind) external view returns (uint64);

    /// @notice The newest published epoch of a kind (0 = none).
    function lastPublishedEpoch(uint8 kind) external view returns (uint64);

    /// @notice The leaf of one score in this contract's encoding (see ScoreLeaf).
    function leafHash(
        uint8 kind,
        uint64 epoch,
        bytes32 subject,
        uint256 score,
        bytes32 salt
    ) external view returns (bytes32);

    /// @notice Verifies a leaf against a final epoch's root.
    function verify(
        uint8 kind,
        uint64 epoch,
        bytes32 leaf,
        bytes32[] calldata proof
    ) external view returns (bool);

    /// @notice Verifies one score against a final epoch's root.
    function verifyScore(
        uint8 kind,
        uint64 epoch,
        bytes32 subject,
        uint256 score,
        bytes32 salt,
        bytes32[] calldata proof
    ) external view returns (bool);

    /// @notice Verifies `account`'s TQS against the latest final TQS epoch (0 and false if none).
    function verifyLatestTqs(
        address account,
        uint256 tqs,
        bytes32[] calldata proof
    ) external view returns (uint64 epoch, bool ok);

    /// @notice The EIP-712 digest the signers sign for `c`.
    function commitmentDigest(Commitment calldata c) external view returns (bytes32);
}
