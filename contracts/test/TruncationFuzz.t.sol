// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MesiToken} from "../core/MesiToken.sol";
import {ParticipantRegistry} from "../core/ParticipantRegistry.sol";
import {VestingVault} from "../economy/VestingVault.sol";
import {IVestingVault} from "../interfaces/IVestingVault.sol";
import {TestBase} from "./Vm.sol";

/// @notice Nothing a narrower storage type would truncate is accepted (issue 8, point 5): for any
/// requested unlock time, a self-lock either unlocks exactly then or is refused with LockTooLong.
contract TruncationFuzzTest is TestBase {
    MesiToken internal token;
    VestingVault internal vault;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new MesiToken(address(this), type(uint96).max);
        vault = new VestingVault(
            address(this),
            token,
            new ParticipantRegistry(address(this)),
            address(0xC1A)
        );
        token.approve(address(vault), type(uint256).max);
    }

    function testFuzz_selfLockUnlocksExactlyWhenAsked(
        uint96 amountRaw,
        uint40 unlockAt,
        uint32 elapsed
    ) public {
        uint112 amount = uint112(bound(amountRaw, 1, 1e27));
        uint256 maxUnlockAt = block.timestamp + type(uint32).max;
        if (unlockAt <= block.timestamp) {
            vm.expectRevert(abi.encodeWithSelector(IVestingVault.InvalidGrant.selector, 0));
            vault.lock(amount, unlockAt);
            return;
        }
        if (unlockAt > maxUnlockAt) {
            vm.expectRevert(
                abi.encodeWithSelector(IVestingVault.LockTooLong.selector, unlockAt, maxUnlockAt)
            );
            vault.lock(amount, unlockAt);
            return;
        }
        uint256 nonce = vault.lock(amount, unlockAt);
        IVestingVault.Schedule memory s = vault.scheduleOf(address(this), nonce);
        assertTrue(uint256(s.start) + s.duration == unlockAt, "unlocks exactly when asked");
        assertTrue(vault.vestedAt(address(this), nonce, unlockAt - 1) == 0, "nothing before");
        assertTrue(vault.vestedAt(address(this), nonce, unlockAt) == amount, "everything at unlockAt");
        // Whenever it is released, it pays nothing early.
        vm.warp(block.timestamp + elapsed);
        uint256[] memory nonces = new uint256[](1);
        nonces[0] = nonce;
        if (block.timestamp < unlockAt) {
            vm.expectRevert(
                abi.encodeWithSelector(IVestingVault.NothingToRelease.selector, address(this), nonce)
            );
            vault.release(address(this), nonces);
        } else {
            assertTrue(vault.release(address(this), nonces) == amount, "released in full");
        }
    }
}
