// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MesiToken} from "../core/MesiToken.sol";
import {ParticipantRegistry} from "../core/ParticipantRegistry.sol";
import {ScoreOracle} from "../core/ScoreOracle.sol";
import {CommitRevealRandomness} from "../core/CommitRevealRandomness.sol";
import {Ticket} from "../core/Ticket.sol";
import {CampaignManager} from "../core/CampaignManager.sol";
import {VestingVault} from "../economy/VestingVault.sol";
import {RevenueDistributor} from "../economy/RevenueDistributor.sol";
import {PrizeDraw} from "../economy/PrizeDraw.sol";
import {ICampaignManager} from "../interfaces/ICampaignManager.sol";
import {IScoreOracle} from "../interfaces/IScoreOracle.sol";
import {IPrizeDraw} from "../interfaces/IPrizeDraw.sol";
import {Roles} from "../libraries/Roles.sol";
import {EconomyRoles} from "../libraries/EconomyRoles.sol";
import {ScoreLeaf} from "../libraries/ScoreLeaf.sol";
import {MerkleBuilder} from "./MerkleBuilder.sol";
import {TestBase} from "./Vm.sol";

/// @notice Random entries, draws (in chunks), claims, exits, sweeps and time over one campaign.
contract DrawHandler is TestBase {
    PrizeDraw internal immutable draw;
    CommitRevealRandomness internal immutable randomness;
    uint256 internal immutable campaignId;
    uint40 internal immutable drawAt;
    bytes32 internal immutable secret;
    address[] internal holders;
    uint256[] internal tickets;
    uint256[] internal tqs;
    bytes32[] internal leaves;
    /// @notice Fundings accepted after the budget was swept (none may be: nothing could take them out).
    uint256 public fundedAfterSweep;

    constructor(
        PrizeDraw draw_,
        CommitRevealRandomness randomness_,
        uint256 campaignId_,
        uint40 drawAt_,
        bytes32 secret_,
        address[] memory holders_,
        uint256[] memory tickets_,
        uint256[] memory tqs_,
        bytes32[] memory leaves_
    ) {
        draw = draw_;
        randomness = randomness_;
        campaignId = campaignId_;
        drawAt = drawAt_;
        secret = secret_;
        holders = holders_;
        tickets = tickets_;
        tqs = tqs_;
        leaves = leaves_;
    }

    function enter(uint256 who) external {
        uint256 i = who % holders.length;
        vm.prank(holders[i]);
        try draw.enter(tickets[i], tqs[i], MerkleBuilder.proof(leaves, i)) {} catch {}
    }

    function drawSome(uint8 max) external {
        if (block.timestamp <= drawAt) vm.warp(uint256(drawAt) + 1);
        bytes32 key = draw.drawKey(campaignId);
        // The oracle commits once entries closed and reveals after the entropy block.
        if (randomness.seedInfo(key).commitment == bytes32(0)) {
            randomness.commit(key, keccak256(abi.encode(secret)));
            vm.roll(block.number + 2);
        }
        if (randomness.seedInfo(key).seed == bytes32(0)) randomness.reveal(key, secret);
        try draw.draw(campaignId, bound(max, 1, 4)) {} catch {}
    }

    function claim(uint256 who) external {
        uint256 i = who % holders.length;
        vm.prank(holders[i]);
        try draw.claimPrize(tickets[i]) {} catch {}
    }

    function exit(uint256 who) external {
        uint256 i = who % holders.length;
        vm.prank(holders[i]);
        try draw.exit(tickets[i]) {} catch {}
    }

    function sweep() external {
        try draw.sweepUnclaimed(campaignId) {} catch {}
    }

    /// @notice Anyone tops the budget up, before or after the draw, even after the sweep.
    function fund(uint96 amount) external {
        bool swept = draw.drawState(campaignId).swept;
        try draw.fund(campaignId, bound(amount, 1, 1_000e18)) {
            if (swept) ++fundedAfterSweep;
        } catch {}
    }

    function warp(uint32 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 10 days));
    }

    function approve(MesiToken token) external {
        token.approve(address(draw), type(uint256).max);
    }

    function ticketCount() external view returns (uint256) {
        return tickets.length;
    }

    function ticketAt(uint256 i) external view returns (uint256) {
        return tickets[i];
    }
}

// solhint-disable function-max-lines
/// @notice Invariants of prize draws: never owes more than it holds, winners per tier within
/// the tier's size, no ticket wins twice.
contract DrawInvariantsTest is TestBase {
    uint256 internal constant SIGNER_KEY = 0xD2A;
    bytes32 internal constant SECRET = keccak256("draw secret");
    MesiToken internal token;
    PrizeDraw internal draw;
    DrawHandler internal handler;
    CampaignManager internal campaigns;
    uint256 internal campaignId;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new MesiToken(address(this), type(uint96).max); // the most MesiToken can hold
        ParticipantRegistry registry = new ParticipantRegistry(address(this));
        ScoreOracle oracle = new ScoreOracle(address(this), 1, 1 hours);
        CommitRevealRandomness randomness = new CommitRevealRandomness(address(this));
        Ticket ticket = new Ticket(address(this), address(this), 0);
        campaigns = new CampaignManager(address(this), registry, oracle, randomness, ticket);
        VestingVault vault = new VestingVault(address(this), token, registry, address(0xC1A));
        RevenueDistributor distributor = new RevenueDistributor(
            address(this),
            token,
            oracle,
            vault,
            0,
            0,
            1,
            1 days
        );
        draw = new PrizeDraw(
            address(this),
            token,
            campaigns,
            ticket,
            oracle,
            randomness,
            vault,
            distributor,
            5 days
        );
        registry.grantRole(Roles.KYC_ATTESTOR_ROLE, address(this));
        oracle.grantRole(Roles.ORACLE_SIGNER_ROLE, vm.addr(SIGNER_KEY));
        randomness.grantRole(Roles.ORACLE_ROLE, address(this));
        ticket.grantRole(Roles.MINTER_ROLE, address(campaigns));
        ticket.grantRole(Roles.DRAW_ROLE, address(draw));
        campaigns.grantRole(Roles.CAMPAIGN_MANAGER_ROLE, address(this));
        campaigns.grantRole(Roles.ORACLE_ROLE, address(this));
        vault.grantRole(EconomyRoles.GRANTOR_ROLE, address(draw));
        draw.grantRole(Roles.CAMPAIGN_MANAGER_ROLE, address(this));

        (address[] memory holders, uint256[] memory tqs, bytes32[] memory leaves) = _participants(
            registry,
            oracle
        );
        uint256 n = holders.length;
        _publishTqs(oracle, MerkleBuilder.root(leaves), uint64(n));
        campaignId = _campaign();
        ICampaignManager.Campaign memory c = campaigns.campaign(campaignId);
        for (uint256 i; i < n; ++i) {
            vm.prank(holders[i]);
            campaigns.join(campaignId, tqs[i], MerkleBuilder.proof(leaves, i));
        }
        uint256 first = ticket.nextTokenId();
        campaigns.recordCompletions(campaignId, holders);
        uint256[] memory ids = new uint256[](n);
        for (uint256 i; i < n; ++i) ids[i] = first + i;
        campaigns.recordVerdicts(campaignId, ids, new uint256[](0));
        token.approve(address(draw), 1e24);
        draw.fund(campaignId, 5_000e18); // enough for some prizes and rewards, not necessarily all
        draw.setParticipationReward(campaignId, 100e18);
        vm.warp(c.qualityEnd);
        handler = new DrawHandler(draw, randomness, campaignId, c.drawAt, SECRET, holders, ids, tqs, leaves);
        randomness.grantRole(Roles.ORACLE_ROLE, address(handler));
        token.transfer(address(handler), 1e24);
        handler.approve(token);
    }

    function _participants(
        ParticipantRegistry registry,
        ScoreOracle oracle
    ) internal returns (address[] memory holders, uint256[] memory tqs, bytes32[] memory leaves) {
        uint256 n = 8;
        holders = new address[](n);
        tqs = new uint256[](n);
        leaves = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            holders[i] = address(uint160(0xD00 + i));
            tqs[i] = 1000 + i * 1100;
            leaves[i] = oracle.leafHash(ScoreLeaf.TQS, 1, ScoreLeaf.accountSubject(holders[i]), tqs[i], 0);
            vm.prank(holders[i]);
            registry.optIn(1, keccak256("policy"));
            registry.attestKyc(holders[i], uint40(block.timestamp + 365 days), bytes32(0));
        }
    }

    function _publishTqs(ScoreOracle oracle, bytes32 root, uint64 count) internal {
        IScoreOracle.Commitment memory c = IScoreOracle.Commitment(
            ScoreLeaf.TQS,
            1,
            root,
            keccak256("d"),
            "mesi://tqs",
            count,
            0,
            new bytes32[](0),
            new uint256[](0)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(SIGNER_KEY, oracle.commitmentDigest(c));
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = abi.encodePacked(r, s, v);
        oracle.publish(c, sigs);
        vm.warp(block.timestamp + oracle.challengeWindow());
        oracle.finalize(ScoreLeaf.TQS, 1);
    }

    function _campaign() internal returns (uint256) {
        ICampaignManager.RewardTier[] memory tiers = new ICampaignManager.RewardTier[](2);
        tiers[0] = ICampaignManager.RewardTier(
            ICampaignManager.RewardKind.MesiPack,
            2,
            2_000e18,
            5000,
            0,
            30 days,
            bytes32(0)
        );
        tiers[1] = ICampaignManager.RewardTier(
            ICampaignManager.RewardKind.Item,
            1,
            1,
            0,
            0,
            0,
            keccak256("hoodie")
        );
        uint40 t = uint40(block.timestamp);
        return
            campaigns.createCampaign(
                ICampaignManager.CampaignConfig(
                    "ipfs://c",
                    1,
                    0,
                    8,
                    8,
                    t,
                    t + 1 days,
                    t + 2 days,
                    t + 3 days,
                    t + 4 days
                ),
                tiers
            );
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice The draw holds exactly its campaign's unspent budget: it never owes what it lacks.
    function invariant_drawHoldsItsBudget() public view {
        assertTrue(token.balanceOf(address(draw)) == draw.drawState(campaignId).budget, "balance == budget");
    }

    /// @notice Once swept, a draw takes no more funds: they could never leave it.
    function invariant_sweptDrawTakesNothing() public view {
        assertTrue(handler.fundedAfterSweep() == 0, "no funding after the sweep");
        if (draw.drawState(campaignId).swept)
            assertTrue(token.balanceOf(address(draw)) == 0, "swept draw empty");
    }

    /// @notice Winners per tier ≤ tier size, and every drawn winner is a distinct ticket.
    function invariant_winnersWithinTiersAndDistinct() public view {
        uint256[3] memory perTier;
        uint256 winners;
        for (uint256 i; i < handler.ticketCount(); ++i) {
            IPrizeDraw.Entry memory e = draw.entryOf(handler.ticketAt(i));
            if (e.tier != 0) {
                ++perTier[e.tier];
                ++winners;
            }
        }
        assertTrue(perTier[1] <= 2 && perTier[2] <= 1, "winners per tier <= tier size");
        assertTrue(winners == draw.drawState(campaignId).winnersDrawn, "each winner drawn once");
    }
}
