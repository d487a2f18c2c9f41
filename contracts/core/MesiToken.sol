// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title MesiToken ($MESI)
/// @notice ERC-20 with EIP-2612 permit and ERC20Votes. Delegating votes is the on-chain
/// "influence power" the User Score reads. The whole supply is minted once to the treasury.
contract MesiToken is ERC20, ERC20Permit, ERC20Votes {
    /// @param treasury Receives the fixed initial supply.
    /// @param supply The fixed total supply, in wei (18 decimals).
    constructor(address treasury, uint256 supply) ERC20("Mesi", "MESI") ERC20Permit("Mesi") {
        _mint(treasury, supply);
    }

    /// @notice Votes are checkpointed by timestamp, matching epochs measured in time.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice EIP-6372 clock mode: timestamps.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
