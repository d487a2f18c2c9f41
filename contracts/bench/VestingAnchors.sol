// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {VestingWalletCliff} from "@openzeppelin/contracts/finance/VestingWalletCliff.sol";

/// @notice Benchmark anchor: OpenZeppelin's vesting wallet with a cliff (one contract per beneficiary).
contract OZVestingWalletCliff is VestingWalletCliff {
    constructor(
        address beneficiary,
        uint64 start,
        uint64 duration,
        uint64 cliff
    ) VestingWallet(beneficiary, start, duration) VestingWalletCliff(cliff) {}
}

/// @notice Benchmark stand-in for Sablier's comptroller: charges no fee.
contract ZeroFeeComptroller {
    function calculateMinFeeWeiFor(uint8, address) external pure returns (uint256) {
        return 0;
    }

    function supportsInterface(bytes4) external pure returns (bool) {
        return true;
    }
}
