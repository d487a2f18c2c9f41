// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title WeightedDraw
/// @notice Weighted sampling without replacement in O(log n) storage reads per winner, shared
/// by campaign selection and prize draws. Anyone can recompute a draw from chain data: the
/// entries (in order), the seed, and the number drawn so far.
/// @dev Each entry is one slot: the account (160 bits) and the cumulative weight up to and
/// including it (96 bits), so appending costs one fresh slot and prefix sums cost nothing.
/// Drawn entries are removed by adding their weight into a Fenwick tree of removed weight
/// (touched only along one root path per winner), so a draw is a Fenwick descent over
/// (cumulative − removed) and draws can be split across transactions.
/// Draw j picks r = keccak256(abi.encode(seed, j)) mod (remaining weight) and takes the first
/// entry whose remaining prefix sum exceeds r.
library WeightedDraw {
    /// @notice A weight of zero or a cumulative weight above 2^96 − 1.
    error InvalidWeight();
    /// @notice Every entry has been drawn.
    error NothingLeft();

    /// @notice One weighted set.
    struct Pool {
        uint256[] entries;
        mapping(uint256 node => uint256) removedTree;
        uint256 removedTotal;
        uint256 drawn;
    }

    /// @notice Appends `account` with `weight`; returns its index.
    function add(Pool storage p, address account, uint256 weight) internal returns (uint256 index) {
        index = p.entries.length;
        uint256 cumulative = weight + (index == 0 ? 0 : p.entries[index - 1] >> 160);
        if (weight == 0 || cumulative > type(uint96).max) revert InvalidWeight();
        p.entries.push((cumulative << 160) | uint160(account));
    }

    /// @notice Number of entries.
    function length(Pool storage p) internal view returns (uint256) {
        return p.entries.length;
    }

    /// @notice The entry at `index`: its account and its own weight.
    function at(Pool storage p, uint256 index) internal view returns (address account, uint256 weight) {
        uint256 e = p.entries[index];
        account = address(uint160(e));
        weight = (e >> 160) - (index == 0 ? 0 : p.entries[index - 1] >> 160);
    }

    /// @notice Sum of all weights.
    function totalWeight(Pool storage p) internal view returns (uint256) {
        uint256 n = p.entries.length;
        return n == 0 ? 0 : p.entries[n - 1] >> 160;
    }

    /// @notice Draws the next entry (never one drawn before) and removes it from the pool.
    function drawNext(Pool storage p, bytes32 seed) internal returns (uint256 index, address account) {
        uint256 n = p.entries.length;
        uint256 remaining = totalWeight(p) - p.removedTotal;
        if (p.drawn >= n || remaining == 0) revert NothingLeft();
        uint256 r = uint256(keccak256(abi.encode(seed, p.drawn))) % remaining;

        // Fenwick descent: node `next` covers entries (pos, next] (1-based).
        uint256 pos;
        uint256 step = 1 << _log2(n);
        uint256 basePrefix;
        for (; step != 0; step >>= 1) {
            uint256 next = pos + step;
            if (next > n) continue;
            uint256 nextPrefix = p.entries[next - 1] >> 160;
            uint256 nodeWeight = nextPrefix - basePrefix - p.removedTree[next];
            if (nodeWeight <= r) {
                r -= nodeWeight;
                pos = next;
                basePrefix = nextPrefix;
            }
        }
        index = pos; // 0-based index of the chosen entry is pos (1-based pos + 1)
        uint256 e = p.entries[index];
        account = address(uint160(e));
        uint256 weight = (e >> 160) - basePrefix;
        for (uint256 i = index + 1; i <= n; i += i & (~i + 1)) p.removedTree[i] += weight;
        p.removedTotal += weight;
        ++p.drawn;
    }

    function _log2(uint256 x) private pure returns (uint256 r) {
        while (x > 1) {
            x >>= 1;
            ++r;
        }
    }
}
