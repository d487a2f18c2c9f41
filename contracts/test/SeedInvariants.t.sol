// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CommitRevealRandomness} from "../core/CommitRevealRandomness.sol";
import {ICommitRevealRandomness} from "../interfaces/ICommitRevealRandomness.sol";
import {Roles} from "../libraries/Roles.sol";
import {TestBase, Vm} from "./Vm.sol";

/// @dev EIP-2935's runtime code: the test installs it at its address (the simulated chain has
/// only a stub there) and writes what the per-block system call would have stored.
library History {
    address internal constant ADDRESS = 0x0000F90827F1C53a10cb7A02335B175320002935;
    uint256 internal constant WINDOW = 8191;
    bytes internal constant RUNTIME =
        hex"3373fffffffffffffffffffffffffffffffffffffffe14604657602036036042575f35600143038111604257611fff81430311604257611fff9006545f5260205ff35b5f5ffd5b5f35611fff60014303065500";

    /// @dev Records the hash of `blockNumber` as the system call of block blockNumber + 1 would.
    function record(uint256 blockNumber, bytes32 hash) internal {
        Vm(address(uint160(uint256(keccak256("hevm cheat code"))))).store(
            ADDRESS,
            bytes32(blockNumber % WINDOW),
            hash
        );
    }
}

/// @notice Random commits, reveals and settlements of a few keys at random block heights, each
/// call free to revert. Remembers the first seed each key got and whether it ever failed.
contract SeedHandler is TestBase {
    CommitRevealRandomness internal immutable randomness;
    bytes32[3] internal keys;
    mapping(bytes32 key => bytes32) public firstSeed;
    mapping(bytes32 key => bool) public everFailed;
    /// @notice Times a seed was seen to change, or a failed seed to come back.
    uint256 public changes;

    constructor(CommitRevealRandomness randomness_) {
        randomness = randomness_;
        for (uint256 i; i < 3; ++i) keys[i] = keccak256(abi.encode("key", i));
    }

    function keyAt(uint256 i) external view returns (bytes32) {
        return keys[i];
    }

    function commit(uint256 k) external {
        bytes32 key = keys[k % 3];
        try randomness.commit(key, keccak256(abi.encode(_secret(key)))) {} catch {}
        _observe();
    }

    function reveal(uint256 k, bool wrongSecret) external {
        bytes32 key = keys[k % 3];
        try randomness.reveal(key, wrongSecret ? bytes32(0) : _secret(key)) {} catch {}
        _observe();
    }

    function settle(uint256 k, uint256 gasLimit) external {
        bytes32 key = keys[k % 3];
        // Sometimes starved of gas: a failing history call must never fail the seed.
        uint256 g = gasLimit % 2 == 0 ? gasleft() : bound(gasLimit, 30_000, 120_000);
        try randomness.settleMissedReveal{gas: g}(key) {} catch {}
        _observe();
    }

    function roll(uint256 blocks) external {
        uint256 from = block.number;
        vm.roll(from + bound(blocks, 1, 3000));
        // What the chain's history contract holds: the hash of every block it passed, at least
        // those a fallback can ask for.
        for (uint256 i; i < 3; ++i) {
            ICommitRevealRandomness.SeedInfo memory s = randomness.seedInfo(keys[i]);
            if (s.commitment != bytes32(0) && s.fallbackBlock >= from - 1 && s.fallbackBlock < block.number) {
                History.record(s.fallbackBlock, _hashOf(s.fallbackBlock));
            }
        }
        _observe();
    }

    /// @dev The hash the chain gives a block: BLOCKHASH where it has one, else a stand-in.
    function _hashOf(uint256 n) internal view returns (bytes32 h) {
        h = blockhash(n);
        if (h == bytes32(0)) h = keccak256(abi.encode("block", n));
    }

    function _secret(bytes32 key) internal pure returns (bytes32) {
        return keccak256(abi.encode("secret", key));
    }

    function _observe() internal {
        for (uint256 i; i < 3; ++i) {
            bytes32 key = keys[i];
            ICommitRevealRandomness.SeedInfo memory s = randomness.seedInfo(key);
            if (firstSeed[key] != bytes32(0) && s.seed != firstSeed[key]) ++changes;
            if (everFailed[key] && (!s.failed || s.seed != bytes32(0))) ++changes;
            if (s.commitment != bytes32(0) && s.fallbackBlock != s.revealDeadline) ++changes;
            if (firstSeed[key] == bytes32(0)) firstSeed[key] = s.seed;
            if (s.failed) everFailed[key] = true;
        }
    }
}

/// @notice "A seed, once set, never changes" (issue 19, point 4): over random sequences of
/// commits, reveals, settlements (some starved of gas) and block heights, no key's seed changes
/// once set, a failed seed stays failed and seedless, and no fallback block moves.
contract SeedInvariantsTest is TestBase {
    CommitRevealRandomness internal randomness;
    SeedHandler internal handler;

    function setUp() public {
        vm.roll(1_000);
        vm.etch(History.ADDRESS, History.RUNTIME);
        randomness = new CommitRevealRandomness(address(this));
        handler = new SeedHandler(randomness);
        randomness.grantRole(Roles.ORACLE_ROLE, address(handler));
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice A seed, once set, never changes; a failed seed never gets one; no fallback moves.
    function invariant_aSeedOnceSetNeverChanges() public view {
        assertTrue(handler.changes() == 0, "no seed changed, no failure undone, no fallback moved");
        for (uint256 i; i < 3; ++i) {
            bytes32 key = handler.keyAt(i);
            ICommitRevealRandomness.SeedInfo memory s = randomness.seedInfo(key);
            assertTrue(s.seed == handler.firstSeed(key), "the seed is the first one set");
            assertTrue(!(s.failed && s.seed != bytes32(0)), "a failed seed has no value");
            assertTrue(s.failed == handler.everFailed(key), "failed for good");
            assertTrue(s.failed == randomness.seedFailed(key), "seedFailed reports it");
        }
    }

    /// @notice Settling a missed reveal at any age gives the seed of settling on time, until the
    /// fallback block leaves the history window; then the seed fails. Never a third outcome.
    function testFuzz_settlingLateGivesTheOnTimeSeedOrFails(uint256 ageSeed, bytes32 key) public {
        uint256 age = bound(ageSeed, 1, 3 * History.WINDOW);
        CommitRevealRandomness onTime = new CommitRevealRandomness(address(this));
        CommitRevealRandomness late = new CommitRevealRandomness(address(this));
        onTime.grantRole(Roles.ORACLE_ROLE, address(this));
        late.grantRole(Roles.ORACLE_ROLE, address(this));
        bytes32 commitment = keccak256(abi.encode(keccak256("withheld")));
        onTime.commit(key, commitment);
        late.commit(key, commitment);
        uint64 fallbackBlock = onTime.seedInfo(key).fallbackBlock;
        assertTrue(fallbackBlock == late.seedInfo(key).fallbackBlock, "one fallback block");

        vm.roll(uint256(fallbackBlock) + 1);
        onTime.settleMissedReveal(key);
        bytes32 expected = onTime.seedInfo(key).seed;
        History.record(fallbackBlock, blockhash(fallbackBlock));

        vm.roll(uint256(fallbackBlock) + age);
        late.settleMissedReveal(key);
        ICommitRevealRandomness.SeedInfo memory s = late.seedInfo(key);
        assertTrue(s.fallbackBlock == fallbackBlock, "the fallback block never moves");
        if (age <= History.WINDOW) {
            assertTrue(s.seed == expected && !s.failed, "the on-time seed");
        } else {
            assertTrue(s.seed == bytes32(0) && s.failed, "failed");
        }
    }
}
