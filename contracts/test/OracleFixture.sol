// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ScoreOracle} from "../core/ScoreOracle.sol";
import {IScoreOracle} from "../interfaces/IScoreOracle.sol";
import {ScoreLeaf} from "../libraries/ScoreLeaf.sol";
import {TestBase} from "./Vm.sol";

/// @notice What the Solidity tests need of ScoreOracle: a commitment signed by their one
/// signer (threshold 1), published and made final past the challenge window.
abstract contract OracleFixture is TestBase {
    /// @dev A commitment with a placeholder dataset and no summary.
    function _commitment(
        uint8 kind,
        uint64 epoch,
        bytes32 root,
        uint64 leafCount,
        uint256 totalScore
    ) internal pure returns (IScoreOracle.Commitment memory) {
        return
            IScoreOracle.Commitment({
                kind: kind,
                epoch: epoch,
                root: root,
                datasetHash: keccak256("d"),
                datasetURI: "mesi://test",
                leafCount: leafCount,
                totalScore: totalScore,
                summaryKeys: new bytes32[](0),
                summaryValues: new uint256[](0)
            });
    }

    /// @dev `key`'s signature over `c`, as ScoreOracle.publish takes it.
    function _signed(
        ScoreOracle oracle,
        uint256 key,
        IScoreOracle.Commitment memory c
    ) internal view returns (bytes[] memory sigs) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, oracle.commitmentDigest(c));
        sigs = new bytes[](1);
        sigs[0] = abi.encodePacked(r, s, v);
    }

    /// @dev Publishes `c` signed by `key`, then finalizes it once its window has passed.
    function _publishFinal(ScoreOracle oracle, uint256 key, IScoreOracle.Commitment memory c) internal {
        oracle.publish(c, _signed(oracle, key, c));
        vm.warp(block.timestamp + oracle.challengeWindow());
        oracle.finalize(c.kind, c.epoch);
    }

    /// @dev A final TQS epoch 1 over `root`.
    function _publishTqs(ScoreOracle oracle, uint256 key, bytes32 root, uint64 leafCount) internal {
        _publishFinal(oracle, key, _commitment(ScoreLeaf.TQS, 1, root, leafCount, 0));
    }
}
