// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {WeightedDraw} from "../libraries/WeightedDraw.sol";

/// @notice Exposes WeightedDraw for statistical tests (called with eth_call: nothing persists).
contract WeightedDrawHarness {
    using WeightedDraw for WeightedDraw.Pool;

    mapping(uint256 => WeightedDraw.Pool) private _pools;
    uint256 private _next;

    /// @notice Draws `k` winners without replacement from a fresh pool of `weights`.
    function sample(
        uint256[] calldata weights,
        bytes32 seed,
        uint256 k
    ) external returns (uint256[] memory winners) {
        WeightedDraw.Pool storage pool = _pools[_next++];
        for (uint256 i; i < weights.length; ++i) pool.add(address(uint160(i + 1)), weights[i]);
        winners = new uint256[](k);
        for (uint256 j; j < k; ++j) (winners[j], ) = pool.drawNext(seed);
    }
}
