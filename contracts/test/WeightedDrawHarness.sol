// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {WeightedDraw} from "../libraries/WeightedDraw.sol";

/// @notice Exposes WeightedDraw for statistical and twin tests (`sample`, `trace`, called with
/// eth_call) and for gas (`addMany` / `addWeights` + `drawK` / `drawLogged` on a persistent pool).
contract WeightedDrawHarness {
    using WeightedDraw for WeightedDraw.Pool;

    /// @notice `drawNext` answered another account than entry `index`'s.
    error WrongAccount(uint256 index);

    /// @notice Draw `rank` of pool `id` picked entry `index`, by the tree or by rejection.
    event Drawn(uint256 indexed id, uint256 rank, uint256 index, bool byTree);

    mapping(uint256 => WeightedDraw.Pool) private _pools;
    uint256 private _next = 1 << 128;

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

    /// @notice Draws `k` winners from a fresh pool of `weights`; `byTree[j]`: winner j came
    /// from the Fenwick tree (the pool had switched), not by rejection.
    function trace(
        uint256[] calldata weights,
        bytes32 seed,
        uint256 k
    ) external returns (uint256[] memory winners, bool[] memory byTree) {
        WeightedDraw.Pool storage pool = _pools[_next++];
        for (uint256 i; i < weights.length; ++i) pool.add(address(uint160(i + 1)), weights[i]);
        winners = new uint256[](k);
        byTree = new bool[](k);
        for (uint256 j; j < k; ++j) {
            address account;
            (winners[j], account) = pool.drawNext(seed);
            if (account != address(uint160(winners[j] + 1))) revert WrongAccount(winners[j]);
            byTree[j] = pool.usesTree();
        }
    }

    /// @notice Appends entries with these weights to pool `id`.
    function addWeights(uint256 id, uint256[] calldata weights) external {
        WeightedDraw.Pool storage pool = _pools[id];
        uint256 base = pool.length();
        for (uint256 i; i < weights.length; ++i) pool.add(address(uint160(base + i + 1)), weights[i]);
    }

    /// @notice Draws `k` more winners from pool `id` and logs each (`Drawn`).
    function drawLogged(uint256 id, bytes32 seed, uint256 k) external {
        WeightedDraw.Pool storage pool = _pools[id];
        uint256 rank = pool.drawn;
        for (uint256 j; j < k; ++j) {
            (uint256 index, ) = pool.drawNext(seed);
            emit Drawn(id, rank + j, index, pool.usesTree());
        }
    }

    /// @notice Appends `count` entries with pseudo-random weights 1..10,001 to pool `id`.
    function addMany(uint256 id, uint256 count, uint256 weightSeed) external {
        WeightedDraw.Pool storage pool = _pools[id];
        uint256 base = pool.length();
        for (uint256 i; i < count; ++i) {
            pool.add(
                address(uint160(base + i + 1)),
                1 + (uint256(keccak256(abi.encode(weightSeed, base + i))) % 10_001)
            );
        }
    }

    /// @notice Draws `k` more winners from pool `id`.
    function drawK(uint256 id, bytes32 seed, uint256 k) external {
        WeightedDraw.Pool storage pool = _pools[id];
        for (uint256 j; j < k; ++j) pool.drawNext(seed);
    }
}
