// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title MesiToken ($MESI)
/// @notice ERC-20 with EIP-2612 permit and ERC20Votes. Delegating votes is the on-chain
/// "influence power" the User Score reads. The whole supply is minted once to the treasury.
/// @dev Storage, chosen by measurement (bench/results/gas.json): an account's balance and its
/// delegatee share one slot (balance in the low 96 bits, delegatee in the high 160 bits)
/// instead of OpenZeppelin's two mappings. ERC20Votes reads both delegatees on every transfer;
/// with one slot per account a transfer reads two cold slots instead of four (−4,200 gas).
/// The supply is capped at 2^96 − 1 (`_maxSupply`), so a balance never carries into the
/// delegatee bits. Checkpoints, events and every external function are OpenZeppelin's.
contract MesiToken is ERC20, ERC20Permit, ERC20Votes {
    uint256 private constant _BALANCE_BITS = 96;
    uint256 private constant _BALANCE_MASK = (1 << _BALANCE_BITS) - 1;

    /// @dev Per account: balance (bits 0–95) | delegatee (bits 96–255).
    mapping(address account => uint256 word) private _accounts;
    uint256 private _supply;

    /// @param treasury Receives the fixed initial supply.
    /// @param supply The fixed total supply, in wei (18 decimals), at most 2^96 − 1.
    constructor(address treasury, uint256 supply) ERC20("Mesi", "MESI") ERC20Permit("Mesi") {
        _mint(treasury, supply);
    }

    /// @notice Votes are checkpointed by timestamp, matching epochs measured in time.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp); // 2^48 seconds: millions of years, as OpenZeppelin's Time
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

    /// @inheritdoc ERC20
    function totalSupply() public view override returns (uint256) {
        return _supply;
    }

    /// @inheritdoc ERC20
    function balanceOf(address account) public view override returns (uint256) {
        return _accounts[account] & _BALANCE_MASK;
    }

    /// @inheritdoc Votes
    function delegates(address account) public view override returns (address) {
        return address(uint160(_accounts[account] >> _BALANCE_BITS));
    }

    /// @dev Balances live in 96 bits.
    function _maxSupply() internal pure override returns (uint256) {
        return _BALANCE_MASK;
    }

    /// @dev OpenZeppelin's ERC20 and ERC20Votes `_update` over the packed account slots: same
    /// checks, errors, event and vote accounting (`_transferVotingUnits` reads the delegatees
    /// from the slots just touched, now warm).
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        if (from == address(0)) {
            uint256 supply = _supply + value;
            if (supply > _BALANCE_MASK) revert ERC20ExceededSafeSupply(supply, _BALANCE_MASK);
            _supply = supply;
        } else {
            uint256 word = _accounts[from];
            uint256 fromBalance = word & _BALANCE_MASK;
            if (fromBalance < value) revert ERC20InsufficientBalance(from, fromBalance, value);
            unchecked {
                // value ≤ fromBalance: only the balance bits change.
                _accounts[from] = word - value;
            }
        }
        if (to == address(0)) {
            unchecked {
                // value ≤ fromBalance ≤ supply.
                _supply -= value;
            }
        } else {
            unchecked {
                // balance + value ≤ supply < 2^96: no carry into the delegatee bits.
                _accounts[to] += value;
            }
        }
        emit Transfer(from, to, value);
        _transferVotingUnits(from, to, value);
    }

    /// @dev Votes' `_delegate` over the packed account slot.
    function _delegate(address account, address delegatee) internal override {
        uint256 word = _accounts[account];
        address oldDelegate = address(uint160(word >> _BALANCE_BITS));
        _accounts[account] = (word & _BALANCE_MASK) | (uint256(uint160(delegatee)) << _BALANCE_BITS);
        emit DelegateChanged(account, oldDelegate, delegatee);
        _moveDelegateVotes(oldDelegate, delegatee, word & _BALANCE_MASK);
    }
}
