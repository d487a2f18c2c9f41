// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {MesiToken} from "../core/MesiToken.sol";
import {TestBase} from "./Vm.sol";

/// @notice OpenZeppelin's stock ERC20 + Permit + Votes with MesiToken's clock: the reference
/// MesiToken's packed account slots must behave exactly like.
contract ReferenceVotesToken is ERC20, ERC20Permit, ERC20Votes {
    constructor(address treasury, uint256 supply) ERC20("Mesi", "MESI") ERC20Permit("Mesi") {
        _mint(treasury, supply);
    }

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}

/// @notice Differential fuzz test: random transfers, approvals, transferFroms and delegations
/// applied to MesiToken and to the stock OpenZeppelin token give the same balances, supply,
/// delegates, votes and past votes after every step.
contract MesiTokenFuzzTest is TestBase {
    uint256 internal constant SUPPLY = 1e27;
    uint256 internal constant ACTORS = 5;
    MesiToken internal mesi;
    ReferenceVotesToken internal ref;

    function setUp() public {
        vm.warp(1_700_000_000);
        mesi = new MesiToken(_actor(0), SUPPLY);
        ref = new ReferenceVotesToken(_actor(0), SUPPLY);
    }

    function _actor(uint256 i) internal pure returns (address) {
        return address(uint160(0xA000 + (i % ACTORS)));
    }

    function testFuzz_behavesLikeOpenZeppelin(uint256 seed, uint8 stepsRaw) public {
        uint256 steps = bound(stepsRaw, 1, 40);
        uint48[] memory times = new uint48[](steps);
        for (uint256 i; i < steps; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            address a = _actor(r >> 8);
            address b = _actor(r >> 16);
            uint256 op = r % 4;
            if (op == 0) {
                uint256 amount = (r >> 32) % (mesi.balanceOf(a) + 2); // sometimes one too many
                _both(a, abi.encodeCall(ERC20.transfer, (b, amount)));
            } else if (op == 1) {
                _both(a, abi.encodeCall(ERC20.approve, (b, (r >> 32) % (SUPPLY / 2))));
            } else if (op == 2) {
                address to = _actor(r >> 24);
                uint256 amount = (r >> 40) % (mesi.balanceOf(a) + 2);
                _both(b, abi.encodeCall(ERC20.transferFrom, (a, to, amount)));
            } else {
                // delegate to an actor, to oneself, or to nobody
                address d = (r >> 24) % 3 == 0 ? address(0) : _actor(r >> 32);
                vm.prank(a);
                mesi.delegate(d);
                vm.prank(a);
                ref.delegate(d);
            }
            _assertSame();
            times[i] = uint48(block.timestamp);
            vm.warp(block.timestamp + 1 + ((r >> 48) % 1000));
        }
        for (uint256 i; i < steps; ++i) {
            for (uint256 k; k < ACTORS; ++k) {
                address who = _actor(k);
                assertTrue(mesi.getPastVotes(who, times[i]) == ref.getPastVotes(who, times[i]), "past votes");
            }
            assertTrue(mesi.getPastTotalSupply(times[i]) == ref.getPastTotalSupply(times[i]), "past supply");
        }
    }

    /// @notice The supply must fit the 96 balance bits; the stock token's error is kept.
    function test_supplyAbove96BitsIsRefused() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ERC20Votes.ERC20ExceededSafeSupply.selector,
                uint256(type(uint96).max) + 1,
                type(uint96).max
            )
        );
        new MesiToken(address(this), uint256(type(uint96).max) + 1);
        MesiToken max = new MesiToken(address(this), type(uint96).max);
        assertTrue(max.balanceOf(address(this)) == type(uint96).max, "max supply minted");
        max.delegate(address(0xBEEF));
        assertTrue(max.delegates(address(this)) == address(0xBEEF), "delegate beside a full balance");
        assertTrue(max.balanceOf(address(this)) == type(uint96).max, "balance intact");
        assertTrue(max.getVotes(address(0xBEEF)) == type(uint96).max, "votes");
    }

    /// @dev Same call on both tokens from `from`: both succeed with the same result or both revert.
    function _both(address from, bytes memory data) internal {
        vm.prank(from);
        // solhint-disable-next-line avoid-low-level-calls
        (bool okM, bytes memory retM) = address(mesi).call(data);
        vm.prank(from);
        // solhint-disable-next-line avoid-low-level-calls
        (bool okR, bytes memory retR) = address(ref).call(data);
        assertTrue(okM == okR, "same success");
        assertTrue(keccak256(retM) == keccak256(retR), "same return data or revert reason");
    }

    function _assertSame() internal view {
        assertTrue(mesi.totalSupply() == ref.totalSupply(), "supply");
        for (uint256 k; k < ACTORS; ++k) {
            address who = _actor(k);
            assertTrue(mesi.balanceOf(who) == ref.balanceOf(who), "balance");
            assertTrue(mesi.delegates(who) == ref.delegates(who), "delegates");
            assertTrue(mesi.getVotes(who) == ref.getVotes(who), "votes");
            assertTrue(mesi.numCheckpoints(who) == ref.numCheckpoints(who), "checkpoints");
            for (uint256 j; j < ACTORS; ++j) {
                assertTrue(mesi.allowance(who, _actor(j)) == ref.allowance(who, _actor(j)), "allowance");
            }
        }
    }
}
