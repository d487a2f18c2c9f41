// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ParticipantRegistry} from "../core/ParticipantRegistry.sol";
import {ScoreOracle} from "../core/ScoreOracle.sol";
import {CommitRevealRandomness} from "../core/CommitRevealRandomness.sol";
import {Ticket} from "../core/Ticket.sol";
import {CampaignManager} from "../core/CampaignManager.sol";
import {ICampaignManager} from "../interfaces/ICampaignManager.sol";
import {Roles} from "../libraries/Roles.sol";
import {ScoreLeaf} from "../libraries/ScoreLeaf.sol";
import {MerkleBuilder} from "./MerkleBuilder.sol";
import {TestBase} from "./Vm.sol";
import {OracleFixture} from "./OracleFixture.sol";

/// @notice Random joins, completions (of any subset, at any time), selection draws (in chunks)
/// and time over two campaigns: one that can go over capacity (joinCap > capacity) and one
/// that cannot (joinCap == capacity).
contract CapacityHandler is TestBase {
    CampaignManager internal immutable campaigns;
    CommitRevealRandomness internal immutable randomness;
    bytes32 internal constant SECRET = keccak256("selection secret");
    uint256[] internal ids;
    address[] internal users;
    uint256[] internal tqs;
    bytes32[] internal leaves;

    constructor(
        CampaignManager campaigns_,
        CommitRevealRandomness randomness_,
        uint256[] memory ids_,
        address[] memory users_,
        uint256[] memory tqs_,
        bytes32[] memory leaves_
    ) {
        campaigns = campaigns_;
        randomness = randomness_;
        ids = ids_;
        users = users_;
        tqs = tqs_;
        leaves = leaves_;
    }

    function join(uint8 campaign, uint256 who) external {
        uint256 i = who % users.length;
        vm.prank(users[i]);
        try campaigns.join(ids[campaign % ids.length], tqs[i], MerkleBuilder.proof(leaves, i)) {} catch {}
    }

    /// @notice The oracle reports completions of the users whose bit is set in `mask`.
    function complete(uint8 campaign, uint16 mask) external {
        uint256 n;
        for (uint256 i; i < users.length; ++i) if (mask & (1 << i) != 0) ++n;
        address[] memory batch = new address[](n);
        n = 0;
        for (uint256 i; i < users.length; ++i) if (mask & (1 << i) != 0) batch[n++] = users[i];
        try campaigns.recordCompletions(ids[campaign % ids.length], batch) {} catch {}
    }

    function select(uint8 campaign, uint8 max) external {
        uint256 id = ids[campaign % ids.length];
        if (block.timestamp < campaigns.campaign(id).joinEnd) return;
        bytes32 key = campaigns.selectionKey(id);
        // The oracle commits once enrolment closed and reveals after the entropy block.
        if (randomness.seedInfo(key).commitment == bytes32(0)) {
            randomness.commit(key, keccak256(abi.encode(SECRET)));
            vm.roll(block.number + 2);
        }
        if (randomness.seedInfo(key).seed == bytes32(0)) randomness.reveal(key, SECRET);
        try campaigns.drawSelection(id, bound(max, 1, 4)) {} catch {}
    }

    function warp(uint32 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 12 hours));
    }

    function campaignCount() external view returns (uint256) {
        return ids.length;
    }

    function campaignAt(uint256 i) external view returns (uint256) {
        return ids[i];
    }

    function userCount() external view returns (uint256) {
        return users.length;
    }

    function userAt(uint256 i) external view returns (address) {
        return users[i];
    }
}

/// @notice Capacity holds (issue 19, point 6): whatever the order of joins, completions and
/// selection draws, a campaign never records more completions than its capacity, and every
/// completion belongs to a member the final selection chose.
contract CapacityInvariantsTest is OracleFixture {
    uint256 internal constant SIGNER_KEY = 0xCA9;
    uint256 internal constant USERS = 10;
    CampaignManager internal campaigns;
    CapacityHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        ParticipantRegistry registry = new ParticipantRegistry(address(this));
        ScoreOracle oracle = new ScoreOracle(address(this), 1, 1 hours);
        CommitRevealRandomness randomness = new CommitRevealRandomness(address(this));
        Ticket ticket = new Ticket(address(this), address(this), 0);
        campaigns = new CampaignManager(address(this), registry, oracle, randomness, ticket);
        registry.grantRole(Roles.KYC_ATTESTOR_ROLE, address(this));
        oracle.grantRole(Roles.ORACLE_SIGNER_ROLE, vm.addr(SIGNER_KEY));
        ticket.grantRole(Roles.MINTER_ROLE, address(campaigns));
        campaigns.grantRole(Roles.CAMPAIGN_MANAGER_ROLE, address(this));

        address[] memory users = new address[](USERS);
        uint256[] memory tqs = new uint256[](USERS);
        bytes32[] memory leaves = new bytes32[](USERS);
        for (uint256 i; i < USERS; ++i) {
            users[i] = address(uint160(0xE00 + i));
            tqs[i] = (i * 1_111) % 10_001;
            leaves[i] = oracle.leafHash(ScoreLeaf.TQS, 1, ScoreLeaf.accountSubject(users[i]), tqs[i], 0);
            vm.prank(users[i]);
            registry.optIn(1, keccak256("policy"));
            registry.attestKyc(users[i], uint40(block.timestamp + 365 days), bytes32(0));
        }
        _publishTqs(oracle, SIGNER_KEY, MerkleBuilder.root(leaves), uint64(USERS));
        uint256[] memory ids = new uint256[](2);
        ids[0] = _campaign(3, 8); // can go over capacity: completions wait for the selection
        ids[1] = _campaign(4, 4); // cannot: completions may come during enrolment
        handler = new CapacityHandler(campaigns, randomness, ids, users, tqs, leaves);
        randomness.grantRole(Roles.ORACLE_ROLE, address(handler));
        campaigns.grantRole(Roles.ORACLE_ROLE, address(handler));
    }

    function _campaign(uint32 capacity, uint32 joinCap) internal returns (uint256) {
        uint40 t = uint40(block.timestamp);
        return
            campaigns.createCampaign(
                ICampaignManager.CampaignConfig(
                    "ipfs://c",
                    1,
                    0,
                    capacity,
                    joinCap,
                    t,
                    t + 1 days,
                    t + 2 days,
                    t + 3 days,
                    t + 4 days
                ),
                new ICampaignManager.RewardTier[](0)
            );
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice completed ≤ capacity, for every sequence of joins, completions and draws.
    function invariant_completedWithinCapacity() public view {
        for (uint256 k; k < handler.campaignCount(); ++k) {
            ICampaignManager.Campaign memory c = campaigns.campaign(handler.campaignAt(k));
            assertTrue(c.completed <= c.capacity, "completed <= capacity");
            assertTrue(c.selected <= c.capacity, "selected <= capacity");
        }
    }

    /// @notice Every completed member is in the final selection, and the count matches.
    function invariant_completionsOnlyForTheSelected() public view {
        for (uint256 k; k < handler.campaignCount(); ++k) {
            uint256 id = handler.campaignAt(k);
            uint256 completed;
            for (uint256 i; i < handler.userCount(); ++i) {
                address u = handler.userAt(i);
                if (campaigns.membership(id, u).completed) {
                    ++completed;
                    assertTrue(campaigns.isSelected(id, u), "completed => selected");
                }
            }
            assertTrue(completed == campaigns.campaign(id).completed, "completed count");
        }
    }
}
