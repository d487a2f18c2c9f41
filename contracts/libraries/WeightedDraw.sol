// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title WeightedDraw
/// @notice Weighted sampling without replacement, shared by campaign selection and prize draws.
/// Anyone can recompute a draw from chain data: the entries (in order) and the seed
/// (`abi/src/draw.ts` is the TypeScript twin).
/// @dev Each entry is one slot: the account (160 bits) and the cumulative weight up to and
/// including it (96 bits), so appending costs one fresh slot and prefix sums cost nothing.
///
/// Draw j (j = winners drawn before it; W = total weight, D = weight drawn so far) is made by
/// rejection while the pool has not switched to the tree, j < FAST_DRAWS and 2·D ≤ W:
/// attempt a = 0, 1, … takes r = keccak256(abi.encode(seed, j, a)) mod W, binary-searches the
/// first entry whose cumulative weight exceeds r, and accepts it unless it was drawn before.
/// Conditioned on acceptance that is w / (W − D) for every entry not yet drawn: the law of
/// successive weighted sampling without replacement. After MAX_ATTEMPTS rejected attempts, or
/// when the conditions do not hold, the draw (and every later one: the switch is for good) is a
/// Fenwick descent: r = keccak256(abi.encode(seed, j)) mod (W − D), the first entry whose
/// remaining prefix sum exceeds r. That is the same law, drawn from a hash no rejected attempt
/// used, so the mixture is exact. On the switch, the (at most FAST_DRAWS) winners drawn by
/// rejection are added into the Fenwick tree of removed weight; from then on each winner adds
/// its weight along one root path (about log₂ n fresh slots).
/// Gas per draw is bounded: at most MAX_ATTEMPTS binary searches, one switch (at most
/// FAST_DRAWS root paths), one Fenwick descent and one root path. Draws can be split across
/// transactions.
library WeightedDraw {
    /// @notice A weight of zero or a cumulative weight above 2^96 − 1.
    error InvalidWeight();
    /// @notice Every entry has been drawn.
    error NothingLeft();

    /// @notice Winners a pool draws by rejection at most before it switches to the tree.
    uint256 internal constant FAST_DRAWS = 16;
    /// @notice Attempts one draw makes by rejection before it falls back to the tree.
    uint256 internal constant MAX_ATTEMPTS = 4;

    /// @notice One weighted set.
    struct Pool {
        uint256[] entries;
        mapping(uint256 node => uint256) removedTree;
        uint96 removedTotal;
        uint64 drawn;
        bool inTree;
        /// @dev The indices of the winners drawn by rejection, 4 × 64 bits per slot, in order.
        uint256[4] fastDrawn;
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

    /// @notice Whether the pool draws with the Fenwick tree (for good) rather than by rejection.
    function usesTree(Pool storage p) internal view returns (bool) {
        return p.inTree;
    }

    /// @notice Draws the next entry (never one drawn before) and removes it from the pool.
    function drawNext(Pool storage p, bytes32 seed) internal returns (uint256 index, address account) {
        uint256 n = p.entries.length;
        uint256 j = p.drawn;
        uint256 removed = p.removedTotal;
        uint256 total = n == 0 ? 0 : p.entries[n - 1] >> 160;
        if (j >= n || removed >= total) revert NothingLeft();
        bool inTree = p.inTree;
        if (!inTree && j < FAST_DRAWS && 2 * removed <= total) {
            bool found;
            (found, index, account) = _drawByRejection(p, seed, n, j, removed, total);
            if (found) return (index, account);
        }
        if (!inTree) _switchToTree(p, n, j);
        (index, account) = _drawFromTree(p, seed, n, j, removed, total);
    }

    /// @dev Up to MAX_ATTEMPTS attempts over the whole cumulative array; the first entry not
    /// drawn before is the winner.
    function _drawByRejection(
        Pool storage p,
        bytes32 seed,
        uint256 n,
        uint256 j,
        uint256 removed,
        uint256 total
    ) private returns (bool found, uint256 index, address account) {
        for (uint256 a; a < MAX_ATTEMPTS; ++a) {
            index = _search(p.entries, n, uint256(keccak256(abi.encode(seed, j, a))) % total);
            if (_drawnByRejection(p, j, index)) continue;
            uint256 e = p.entries[index];
            p.fastDrawn[j >> 2] |= index << ((j & 3) << 6);
            _record(p, removed + (e >> 160) - (index == 0 ? 0 : p.entries[index - 1] >> 160), j);
            return (true, index, address(uint160(e)));
        }
        return (false, 0, address(0));
    }

    /// @dev For good: the `count` winners drawn by rejection go into the tree of removed weight.
    function _switchToTree(Pool storage p, uint256 n, uint256 count) private {
        for (uint256 t; t < count; ++t) {
            uint256 i = (p.fastDrawn[t >> 2] >> ((t & 3) << 6)) & type(uint64).max;
            _removeFromTree(p, n, i, (p.entries[i] >> 160) - (i == 0 ? 0 : p.entries[i - 1] >> 160));
        }
        p.inTree = true;
    }

    /// @dev Fenwick descent over (cumulative − removed): node `next` covers entries (pos, next]
    /// (1-based).
    function _drawFromTree(
        Pool storage p,
        bytes32 seed,
        uint256 n,
        uint256 j,
        uint256 removed,
        uint256 total
    ) private returns (uint256 index, address account) {
        uint256 r = uint256(keccak256(abi.encode(seed, j))) % (total - removed);
        uint256 pos;
        uint256 basePrefix;
        for (uint256 step = 1 << _log2(n); step != 0; step >>= 1) {
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
        uint256 entry = p.entries[index];
        account = address(uint160(entry));
        uint256 weight = (entry >> 160) - basePrefix;
        _removeFromTree(p, n, index, weight);
        _record(p, removed + weight, j);
    }

    /// @dev The first entry whose cumulative weight exceeds `r` (r < total weight).
    function _search(uint256[] storage entries, uint256 n, uint256 r) private view returns (uint256 lo) {
        uint256 hi = n - 1;
        while (lo < hi) {
            uint256 mid = (lo + hi) >> 1;
            if (entries[mid] >> 160 > r) hi = mid;
            else lo = mid + 1;
        }
    }

    /// @dev Whether `index` is among the first `count` winners (all drawn by rejection).
    function _drawnByRejection(Pool storage p, uint256 count, uint256 index) private view returns (bool) {
        uint256 word;
        for (uint256 t; t < count; ++t) {
            if (t & 3 == 0) word = p.fastDrawn[t >> 2];
            if ((word >> ((t & 3) << 6)) & type(uint64).max == index) return true;
        }
        return false;
    }

    function _removeFromTree(Pool storage p, uint256 n, uint256 index, uint256 weight) private {
        for (uint256 i = index + 1; i <= n; i += i & (~i + 1)) p.removedTree[i] += weight;
    }

    function _record(Pool storage p, uint256 removed, uint256 j) private {
        // removed ≤ total < 2^96 and j < n < 2^64 (every entry is a slot).
        p.removedTotal = uint96(removed);
        p.drawn = uint64(j + 1);
    }

    function _log2(uint256 x) private pure returns (uint256 r) {
        while (x > 1) {
            x >>= 1;
            ++r;
        }
    }
}
