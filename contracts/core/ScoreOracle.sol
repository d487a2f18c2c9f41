// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IScoreOracle} from "../interfaces/IScoreOracle.sol";
import {Roles} from "../libraries/Roles.sol";
import {ScoreLeaf} from "../libraries/ScoreLeaf.sol";
import {Governance} from "../libraries/Governance.sol";

/// @title ScoreOracle
/// @notice Holds the oracle's per-epoch score commitments. Publication costs the same
/// whatever the leaf count: only the root, the dataset hash and one packed slot are stored.
/// The signers sign the Σ of the epoch's scores with its root: a revenue pool reads it from here.
/// Each epoch's finality time is stored at publication, so a later change of the window never
/// applies to it; the window stays within [MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW].
contract ScoreOracle is IScoreOracle, AccessControl, EIP712 {
    /// @notice EIP-712 type hash of an epoch commitment.
    bytes32 public constant EPOCH_COMMITMENT_TYPEHASH = keccak256(
        "EpochCommitment(uint8 kind,uint64 epoch,bytes32 root,bytes32 datasetHash,bytes32 datasetUriHash,uint64 leafCount,uint256 totalScore,bytes32 summaryHash)"
    );

    /// @notice Shortest challenge window (zero would make a forged epoch final at once).
    uint32 public constant MIN_CHALLENGE_WINDOW = Governance.MIN_CHALLENGE_WINDOW;
    /// @notice Longest challenge window (below the timelock's delay).
    uint32 public constant MAX_CHALLENGE_WINDOW = Governance.MAX_CHALLENGE_WINDOW;
    /// @notice Largest signed Σ of an epoch's scores: the 104 bits its packed slot has left.
    uint256 public constant MAX_TOTAL_SCORE = type(uint104).max;

    /// @notice Signatures an epoch needs (M of the N signer-role holders).
    uint8 public threshold;
    /// @notice Seconds after publication during which a guardian may reject an epoch published now.
    uint32 public challengeWindow;

    mapping(uint8 kind => mapping(uint64 epoch => EpochInfo)) private _epochs;
    mapping(uint8 kind => uint64) private _lastPublished;
    mapping(uint8 kind => uint64) private _latestFinal;

    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    /// @param threshold_ Signatures needed per epoch.
    /// @param challengeWindow_ Seconds a guardian has to reject (within the bounds above).
    constructor(address admin, uint8 threshold_, uint32 challengeWindow_) EIP712("MesiScoreOracle", "1") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setThreshold(threshold_);
        _setChallengeWindow(challengeWindow_);
    }

    /// @inheritdoc IScoreOracle
    function publish(Commitment calldata c, bytes[] calldata signatures) external {
        if (c.kind >= ScoreLeaf.KIND_COUNT) revert UnknownKind(c.kind);
        uint64 last = _lastPublished[c.kind];
        if (c.epoch <= last) revert EpochNotIncreasing(c.epoch, last);
        if (c.summaryKeys.length != c.summaryValues.length) revert SummaryLengthMismatch();
        if (c.root == bytes32(0) || c.leafCount == 0) revert EmptyCommitment();
        if (c.totalScore > MAX_TOTAL_SCORE) revert TotalScoreOutOfRange(c.totalScore, MAX_TOTAL_SCORE);
        if (signatures.length < threshold) revert NotEnoughSignatures(signatures.length, threshold);

        bytes32 digest = _digest(c);
        address previous;
        for (uint256 i; i < signatures.length; ++i) {
            address signer = ECDSA.recover(digest, signatures[i]);
            if (signer <= previous) revert SignersNotSorted(signer, previous);
            if (!hasRole(Roles.ORACLE_SIGNER_ROLE, signer)) revert SignerNotAuthorized(signer);
            previous = signer;
        }

        _lastPublished[c.kind] = c.epoch;
        _record(c);
    }

    /// @inheritdoc IScoreOracle
    function reject(uint8 kind, uint64 epoch, string calldata reason) external onlyRole(Roles.GUARDIAN_ROLE) {
        EpochInfo storage info = _epochs[kind][epoch];
        if (info.status == Status.None) revert EpochUnknown(kind, epoch);
        if (info.status == Status.Rejected) revert EpochWasRejected(kind, epoch);
        if (block.timestamp >= info.finalAt) revert OutsideChallengeWindow(kind, epoch);
        info.status = Status.Rejected;
        emit EpochRejected(kind, epoch, msg.sender, reason);
    }

    /// @inheritdoc IScoreOracle
    function finalize(uint8 kind, uint64 epoch) external {
        EpochInfo storage info = _epochs[kind][epoch];
        if (info.status == Status.None) revert EpochUnknown(kind, epoch);
        if (info.status == Status.Rejected) revert EpochWasRejected(kind, epoch);
        if (block.timestamp < info.finalAt) revert OutsideChallengeWindow(kind, epoch);
        if (epoch > _latestFinal[kind]) _latestFinal[kind] = epoch;
        emit EpochFinalized(kind, epoch);
    }

    /// @inheritdoc IScoreOracle
    function setThreshold(uint8 threshold_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setThreshold(threshold_);
    }

    /// @inheritdoc IScoreOracle
    function setChallengeWindow(uint32 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setChallengeWindow(window);
    }

    /// @inheritdoc IScoreOracle
    function epochInfo(uint8 kind, uint64 epoch) external view returns (EpochInfo memory) {
        return _epochs[kind][epoch];
    }

    /// @inheritdoc IScoreOracle
    function isFinal(uint8 kind, uint64 epoch) public view returns (bool) {
        EpochInfo storage info = _epochs[kind][epoch];
        return info.status == Status.Pending && block.timestamp >= info.finalAt;
    }

    /// @inheritdoc IScoreOracle
    function latestFinalEpoch(uint8 kind) external view returns (uint64) {
        return _latestFinal[kind];
    }

    /// @inheritdoc IScoreOracle
    function lastPublishedEpoch(uint8 kind) external view returns (uint64) {
        return _lastPublished[kind];
    }

    /// @inheritdoc IScoreOracle
    function leafHash(
        uint8 kind,
        uint64 epoch,
        bytes32 subject,
        uint256 score,
        bytes32 salt
    ) public view returns (bytes32) {
        return ScoreLeaf.hash(address(this), kind, epoch, subject, score, salt);
    }

    /// @inheritdoc IScoreOracle
    function verify(
        uint8 kind,
        uint64 epoch,
        bytes32 leaf,
        bytes32[] calldata proof
    ) public view returns (bool) {
        return isFinal(kind, epoch) && MerkleProof.verifyCalldata(proof, _epochs[kind][epoch].root, leaf);
    }

    /// @inheritdoc IScoreOracle
    function verifyScore(
        uint8 kind,
        uint64 epoch,
        bytes32 subject,
        uint256 score,
        bytes32 salt,
        bytes32[] calldata proof
    ) external view returns (bool) {
        return verify(kind, epoch, leafHash(kind, epoch, subject, score, salt), proof);
    }

    /// @inheritdoc IScoreOracle
    function verifyLatestTqs(
        address account,
        uint256 tqs,
        bytes32[] calldata proof
    ) external view returns (uint64 epoch, bool ok) {
        epoch = _latestFinal[ScoreLeaf.TQS];
        bytes32 leaf = leafHash(ScoreLeaf.TQS, epoch, ScoreLeaf.accountSubject(account), tqs, 0);
        ok = epoch != 0 && verify(ScoreLeaf.TQS, epoch, leaf, proof);
    }

    /// @inheritdoc IScoreOracle
    function commitmentDigest(Commitment calldata c) external view returns (bytes32) {
        return _digest(c);
    }

    /// @dev Stores a commitment with its own finality time, fixed now, and announces it.
    function _record(Commitment calldata c) private {
        // uint40 seconds last until the year 36812; the window is at most a day.
        uint40 finalAt = uint40(block.timestamp + challengeWindow);
        _epochs[c.kind][c.epoch] = EpochInfo({
            root: c.root,
            datasetHash: c.datasetHash,
            leafCount: c.leafCount,
            publishedAt: uint40(block.timestamp),
            finalAt: finalAt,
            status: Status.Pending,
            totalScore: uint104(c.totalScore) // checked against MAX_TOTAL_SCORE in publish
        });
        emit EpochPublished(
            c.kind,
            c.epoch,
            c.root,
            c.datasetHash,
            c.datasetURI,
            c.leafCount,
            c.totalScore,
            c.summaryKeys,
            c.summaryValues,
            finalAt
        );
    }

    function _setThreshold(uint8 threshold_) private {
        if (threshold_ == 0) revert InvalidThreshold();
        threshold = threshold_;
        emit ThresholdSet(threshold_);
    }

    function _setChallengeWindow(uint32 window) private {
        if (window < MIN_CHALLENGE_WINDOW || window > MAX_CHALLENGE_WINDOW)
            revert ChallengeWindowOutOfRange(window, MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW);
        challengeWindow = window;
        emit ChallengeWindowSet(window);
    }

    function _digest(Commitment calldata c) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        EPOCH_COMMITMENT_TYPEHASH,
                        c.kind,
                        c.epoch,
                        c.root,
                        c.datasetHash,
                        keccak256(bytes(c.datasetURI)),
                        c.leafCount,
                        c.totalScore,
                        keccak256(abi.encode(c.summaryKeys, c.summaryValues))
                    )
                )
            );
    }
}
