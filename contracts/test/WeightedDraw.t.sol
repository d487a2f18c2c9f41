// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {WeightedDraw} from "../libraries/WeightedDraw.sol";
import {TestBase} from "./Vm.sol";

contract DrawHarness {
    using WeightedDraw for WeightedDraw.Pool;
    WeightedDraw.Pool internal pool;

    function add(address a, uint256 w) external returns (uint256) {
        return pool.add(a, w);
    }

    function draw(bytes32 seed) external returns (uint256 index, address account) {
        return pool.drawNext(seed);
    }

    function total() external view returns (uint256) {
        return pool.totalWeight();
    }

    function usesTree() external view returns (bool) {
        return pool.usesTree();
    }
}

/// @notice Fuzz: draws without replacement pick only appended entries, never one twice,
/// and never more than there are.
contract WeightedDrawTest is TestBase {
    function testFuzz_drawsDistinctAppendedEntries(
        uint8 nRaw,
        uint8 kRaw,
        bytes32 seed,
        uint256 weightSeed
    ) public {
        uint256 n = bound(nRaw, 1, 80);
        uint256 k = bound(kRaw, 0, n);
        DrawHarness h = new DrawHarness();
        uint256 sum;
        for (uint256 i; i < n; ++i) {
            uint256 w = (uint256(keccak256(abi.encode(weightSeed, i))) % 10_001) + 1;
            sum += w;
            h.add(address(uint160(i + 1)), w);
        }
        assertTrue(h.total() == sum, "total weight");
        bool[] memory seen = new bool[](n);
        for (uint256 j; j < k; ++j) {
            (uint256 index, address account) = h.draw(seed);
            assertTrue(index < n, "index in range");
            assertTrue(account == address(uint160(index + 1)), "account of the entry");
            assertTrue(!seen[index], "never twice");
            seen[index] = true;
        }
        if (k == n) {
            vm.expectRevert(WeightedDraw.NothingLeft.selector);
            h.draw(seed);
        }
    }

    /// @notice One huge weight among tiny ones, drawn to the end: every entry exactly once, the
    /// pool switches to the tree at the latest after FAST_DRAWS winners, then nothing is left.
    function testFuzz_oneHugeWeightDrawnToTheEnd(uint8 nRaw, uint8 whaleRaw, bytes32 seed) public {
        uint256 n = bound(nRaw, 2, 60);
        uint256 whale = bound(whaleRaw, 0, n - 1);
        DrawHarness h = new DrawHarness();
        for (uint256 i; i < n; ++i) h.add(address(uint160(i + 1)), i == whale ? 2 ** 90 : 1);
        bool[] memory seen = new bool[](n);
        for (uint256 j; j < n; ++j) {
            (uint256 index, ) = h.draw(seed);
            assertTrue(!seen[index], "never twice");
            seen[index] = true;
            if (j >= WeightedDraw.FAST_DRAWS) assertTrue(h.usesTree(), "tree after FAST_DRAWS");
        }
        vm.expectRevert(WeightedDraw.NothingLeft.selector);
        h.draw(seed);
    }

    function testFuzz_zeroWeightRefused(address a) public {
        DrawHarness h = new DrawHarness();
        vm.expectRevert(WeightedDraw.InvalidWeight.selector);
        h.add(a, 0);
    }
}
