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
import {OracleFixture} from "./OracleFixture.sol";

/// @notice Fuzz tests over the real core contracts: Merkle verification of published epochs
/// and the TQS-weighted campaign selection.
contract CoreFuzzTest is OracleFixture {
    uint256 internal constant SIGNER_KEY = 0xA11CE;
    ParticipantRegistry internal registry;
    ScoreOracle internal oracle;
    CommitRevealRandomness internal randomness;
    Ticket internal ticket;
    CampaignManager internal campaigns;
    uint64 internal epoch;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new ParticipantRegistry(address(this));
        oracle = new ScoreOracle(address(this), 1, 1 hours);
        randomness = new CommitRevealRandomness(address(this));
        ticket = new Ticket(address(this), address(this), 500);
        campaigns = new CampaignManager(address(this), registry, oracle, randomness, ticket);
        registry.grantRole(Roles.KYC_ATTESTOR_ROLE, address(this));
        oracle.grantRole(Roles.ORACLE_SIGNER_ROLE, vm.addr(SIGNER_KEY));
        randomness.grantRole(Roles.ORACLE_ROLE, address(this));
        ticket.grantRole(Roles.MINTER_ROLE, address(campaigns));
        campaigns.grantRole(Roles.CAMPAIGN_MANAGER_ROLE, address(this));
    }

    function _publish(uint8 kind, bytes32 root, uint64 leafCount) internal returns (uint64 e) {
        e = ++epoch;
        _publishFinal(oracle, SIGNER_KEY, _commitment(kind, e, root, leafCount, 0));
    }

    /// @notice Every leaf of a random tree verifies; a tampered score, salt or proof does not.
    function testFuzz_merkleVerification(uint8 nRaw, uint256 scoreSeed, uint8 pickRaw, uint8 kindRaw) public {
        uint256 n = bound(nRaw, 1, 60);
        uint8 kind = uint8(bound(kindRaw, 0, 3));
        uint64 nextEpoch = epoch + 1;
        bytes32[] memory leaves = new bytes32[](n);
        uint256[] memory scores = new uint256[](n);
        bytes32[] memory salts = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            scores[i] = uint256(keccak256(abi.encode(scoreSeed, i))) % 1e24;
            salts[i] = kind == ScoreLeaf.TQS ? bytes32(0) : keccak256(abi.encode(scoreSeed, "salt", i));
            leaves[i] = oracle.leafHash(kind, nextEpoch, bytes32(i + 1), scores[i], salts[i]);
        }
        uint64 e = _publish(kind, MerkleBuilder.root(leaves), uint64(n));
        uint256 pick = bound(pickRaw, 0, n - 1);
        bytes32[] memory proof = MerkleBuilder.proof(leaves, pick);
        bytes32 subject = bytes32(pick + 1);
        assertTrue(
            oracle.verifyScore(kind, e, subject, scores[pick], salts[pick], proof),
            "valid leaf verifies"
        );
        assertTrue(
            !oracle.verifyScore(kind, e, subject, scores[pick] + 1, salts[pick], proof),
            "tampered score fails"
        );
        assertTrue(
            !oracle.verifyScore(kind, e, subject, scores[pick], bytes32(uint256(salts[pick]) ^ 1), proof),
            "tampered salt fails"
        );
        assertTrue(
            !oracle.verifyScore((kind + 1) % 4, e, subject, scores[pick], salts[pick], proof),
            "other kind fails"
        );
        if (proof.length > 0) {
            proof[0] = bytes32(uint256(proof[0]) ^ 1);
            assertTrue(
                !oracle.verifyScore(kind, e, subject, scores[pick], salts[pick], proof),
                "tampered proof fails"
            );
        }
    }

    address[] internal users;
    uint256[] internal tqsOf;
    bytes32[] internal tqsLeaves;

    function _onboard(uint256 n, uint256 tqsSeed) internal {
        for (uint256 i; i < n; ++i) {
            address u = address(uint160(0x1000 + i));
            users.push(u);
            tqsOf.push(uint256(keccak256(abi.encode(tqsSeed, i))) % 10_001);
            tqsLeaves.push(
                oracle.leafHash(ScoreLeaf.TQS, epoch + 1, ScoreLeaf.accountSubject(u), tqsOf[i], 0)
            );
            vm.prank(u);
            registry.optIn(1, keccak256("policy"));
            registry.attestKyc(u, uint40(block.timestamp + 365 days), bytes32(0));
        }
        _publish(ScoreLeaf.TQS, MerkleBuilder.root(tqsLeaves), uint64(n));
    }

    function _campaign(uint256 capacity, uint256 joinCap) internal returns (uint256 id) {
        uint40 t = uint40(block.timestamp);
        id = campaigns.createCampaign(
            ICampaignManager.CampaignConfig({
                metadataURI: "ipfs://c",
                requiredScopes: 1,
                minTqs: 0,
                capacity: uint32(capacity),
                joinCap: uint32(joinCap),
                joinStart: t,
                joinEnd: t + 1 days,
                taskEnd: t + 2 days,
                qualityEnd: t + 3 days,
                drawAt: t + 4 days
            }),
            new ICampaignManager.RewardTier[](0)
        );
    }

    /// @notice Selection never exceeds capacity, never picks a user twice, and only picks joined users.
    function testFuzz_selection(
        uint8 nRaw,
        uint8 capRaw,
        uint256 tqsSeed,
        bytes32 secret,
        uint8 chunkRaw
    ) public {
        uint256 n = bound(nRaw, 3, 24);
        uint256 joiners = n - 1; // the last user is eligible but never joins
        uint256 capacity = bound(capRaw, 1, joiners - 1);
        uint256 chunk = bound(chunkRaw, 1, capacity);
        _onboard(n, tqsSeed);
        uint256 id = _campaign(capacity, n);
        for (uint256 i; i < joiners; ++i) {
            vm.prank(users[i]);
            campaigns.join(id, tqsOf[i], MerkleBuilder.proof(tqsLeaves, i));
        }
        // The seed is committed once enrolment closed and revealed after its entropy block.
        vm.warp(block.timestamp + 1 days + 1);
        randomness.commit(campaigns.selectionKey(id), keccak256(abi.encode(secret)));
        vm.roll(block.number + 2);
        randomness.reveal(campaigns.selectionKey(id), secret);
        for (uint256 drawn; drawn < capacity; drawn += chunk) campaigns.drawSelection(id, chunk);

        uint256 selected;
        for (uint256 i; i < n; ++i) if (campaigns.isSelected(id, users[i])) ++selected;
        assertTrue(selected == capacity, "exactly capacity distinct users selected");
        assertTrue(!campaigns.isSelected(id, users[n - 1]), "a user who never joined is never selected");
        assertTrue(campaigns.campaign(id).selected == capacity, "selected count");
    }
}
