// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ICampaignManager} from "../interfaces/ICampaignManager.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IScoreOracle} from "../interfaces/IScoreOracle.sol";
import {IRandomnessSource} from "../interfaces/IRandomnessSource.sol";
import {ITicket} from "../interfaces/ITicket.sol";
import {Roles} from "../libraries/Roles.sol";
import {WeightedDraw} from "../libraries/WeightedDraw.sol";
import {SeedCheck} from "../libraries/SeedCheck.sol";

/// @title CampaignManager
/// @notice Runs Train2Earn campaigns: eligibility on join, TQS-weighted selection when joins
/// exceed capacity, and the oracle's completions and verdicts, which mint and settle tickets.
contract CampaignManager is ICampaignManager, AccessControl, Pausable {
    using WeightedDraw for WeightedDraw.Pool;

    uint16 private constant _MAX_TQS = 10_000;
    /// @notice Most reward tiers a campaign has (keeps every tier index and rank loop small).
    uint256 public constant MAX_TIERS = 32;

    /// @notice Consent, KYC and exclusion.
    IParticipantRegistry public immutable registry;
    /// @notice TQS commitments.
    IScoreOracle public immutable scoreOracle;
    /// @notice Selection seeds.
    IRandomnessSource public immutable randomness;
    /// @notice The ticket collection (this contract holds its MINTER_ROLE).
    ITicket public immutable ticket;

    /// @notice Number of campaigns created; ids run from 1.
    uint256 public campaignCount;

    mapping(uint256 id => Campaign) private _campaigns;
    mapping(uint256 id => string) private _metadataURI;
    mapping(uint256 id => RewardTier[]) private _tiers;
    mapping(uint256 id => WeightedDraw.Pool) private _pools;
    mapping(uint256 id => mapping(address account => Membership)) private _members;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (the pauser is granted separately).
    constructor(
        address admin,
        IParticipantRegistry registry_,
        IScoreOracle scoreOracle_,
        IRandomnessSource randomness_,
        ITicket ticket_
    ) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        registry = registry_;
        scoreOracle = scoreOracle_;
        randomness = randomness_;
        ticket = ticket_;
    }

    /// @inheritdoc ICampaignManager
    function createCampaign(
        CampaignConfig calldata c,
        RewardTier[] calldata tiers
    ) external onlyRole(Roles.CAMPAIGN_MANAGER_ROLE) returns (uint256 id) {
        if (c.requiredScopes == 0) revert InvalidConfig("requiredScopes");
        if (c.minTqs > _MAX_TQS) revert InvalidConfig("minTqs");
        if (c.capacity == 0) revert InvalidConfig("capacity");
        if (c.joinCap < c.capacity) revert InvalidConfig("joinCap");
        if (c.joinEnd <= c.joinStart || c.joinEnd <= block.timestamp) revert InvalidConfig("joinEnd");
        if (c.taskEnd < c.joinEnd) revert InvalidConfig("taskEnd");
        if (c.qualityEnd < c.taskEnd) revert InvalidConfig("qualityEnd");
        if (c.drawAt < c.qualityEnd) revert InvalidConfig("drawAt");
        id = ++campaignCount;
        _campaigns[id] = Campaign({
            requiredScopes: c.requiredScopes,
            minTqs: c.minTqs,
            capacity: c.capacity,
            joinCap: c.joinCap,
            joinStart: c.joinStart,
            joinEnd: c.joinEnd,
            taskEnd: c.taskEnd,
            qualityEnd: c.qualityEnd,
            drawAt: c.drawAt,
            joined: 0,
            selected: 0,
            completed: 0
        });
        _metadataURI[id] = c.metadataURI;
        if (tiers.length > MAX_TIERS) revert InvalidConfig("tiers");
        for (uint256 i; i < tiers.length; ++i) {
            RewardTier calldata t = tiers[i];
            if (t.winners == 0 || t.immediateBps > 10_000) revert InvalidConfig("tiers");
            // A pack's vested part becomes one VestingVault schedule, whose amount is 112 bits.
            if (t.kind == RewardKind.MesiPack && t.amount > type(uint112).max) revert InvalidConfig("tiers");
            _tiers[id].push(t);
        }
        emit CampaignCreated(id, c, tiers);
    }

    /// @inheritdoc ICampaignManager
    function join(uint256 id, uint256 tqs, bytes32[] calldata proof) external whenNotPaused {
        Campaign storage c = _campaign(id);
        if (block.timestamp < c.joinStart || block.timestamp >= c.joinEnd) revert EnrolmentClosed(id);
        Membership storage m = _members[id][msg.sender];
        if (m.entry != 0) revert AlreadyJoined(id, msg.sender);
        if (c.joined >= c.joinCap) revert CampaignFull(id);
        _checkEligible(msg.sender, c.requiredScopes);

        (uint64 epoch, bool proved) = scoreOracle.verifyLatestTqs(msg.sender, tqs, proof);
        if (epoch == 0) revert NoFinalTqsEpoch();
        if (!proved) revert InvalidTqsProof(msg.sender, epoch);
        if (tqs > _MAX_TQS) revert TqsOutOfRange(tqs);
        if (tqs < c.minTqs) revert TqsTooLow(tqs, c.minTqs);

        // joined < joinCap ≤ 2^32 − 1, so the pool index and the entry fit 32 bits.
        uint32 entry = uint32(_pools[id].add(msg.sender, weightOf(tqs))) + 1;
        ++c.joined;
        m.entry = entry;
        m.tqs = uint16(tqs);
        emit Joined(id, msg.sender, uint16(tqs), epoch, entry);
    }

    /// @inheritdoc ICampaignManager
    function drawSelection(uint256 id, uint256 maxWinners) external {
        Campaign storage c = _campaign(id);
        if (block.timestamp < c.joinEnd) revert EnrolmentOpen(id);
        if (c.joined <= c.capacity) revert NoSelectionNeeded(id);
        if (c.selected >= c.capacity) revert SelectionDone(id);
        bytes32 key = selectionKey(id);
        bytes32 seed = SeedCheck.usable(randomness, key, c.joinEnd);
        if (seed == bytes32(0)) {
            // A failed seed never comes: the selection is abandoned, nobody is selected.
            if (SeedCheck.failed(randomness, key)) revert SelectionFailed(id);
            revert SeedNotUsable(id);
        }

        WeightedDraw.Pool storage pool = _pools[id];
        uint32 selected = c.selected;
        uint256 target = selected + maxWinners;
        if (target > c.capacity) target = c.capacity;
        while (selected < target) {
            (uint256 index, address account) = pool.drawNext(seed);
            _members[id][account].selected = true;
            ++selected;
            emit ParticipantSelected(id, account, uint32(index) + 1, selected); // index < joined < 2^32
        }
        c.selected = selected;
        if (selected == c.capacity) emit SelectionCompleted(id, seed, selected);
    }

    /// @inheritdoc ICampaignManager
    function recordCompletions(uint256 id, address[] calldata accounts) external onlyRole(Roles.ORACLE_ROLE) {
        Campaign storage c = _campaign(id);
        if (block.timestamp > c.qualityEnd) revert QualityWindowClosed(id);
        // While enrolment is open and later joins could still take the campaign over capacity,
        // nobody is selected yet: a completion now would skip the TQS-weighted selection.
        if (!_selectionFinal(c)) revert EnrolmentOpen(id);
        // From here on `joined ≤ capacity` cannot change (enrolment closed, or joinCap ≤ capacity),
        // so completed ≤ joined ≤ capacity; otherwise only drawn members, at most capacity of them.
        bool everyoneSelected = c.joined <= c.capacity;
        address[] memory recipients = new address[](accounts.length);
        uint256 n;
        for (uint256 i; i < accounts.length; ++i) {
            address account = accounts[i];
            Membership storage m = _members[id][account];
            if (m.entry == 0 || !(everyoneSelected || m.selected)) {
                emit CompletionSkipped(id, account, SkipReason.NotSelected);
                continue;
            }
            if (m.completed) {
                emit CompletionSkipped(id, account, SkipReason.AlreadyCompleted);
                continue;
            }
            IParticipantRegistry.Participant memory p = registry.participant(account);
            if (p.scopes & c.requiredScopes != c.requiredScopes) {
                // Revoked consent removes the user from campaigns needing the scope from then on.
                emit CompletionSkipped(id, account, SkipReason.ConsentWithdrawn);
            } else if (p.excluded) {
                // Excluded after joining: no ticket for work done while excluded.
                emit CompletionSkipped(id, account, SkipReason.Excluded);
            } else {
                m.completed = true;
                recipients[n++] = account;
            }
        }
        if (n == 0) return;
        assembly {
            mstore(recipients, n)
        }
        // n ≤ members of the campaign ≤ joinCap < 2^32.
        c.completed += uint32(n);
        uint256 firstId = ticket.mintPlaceholders(id, recipients);
        emit CompletionsRecorded(id, firstId, recipients);
    }

    /// @inheritdoc ICampaignManager
    function recordVerdicts(
        uint256 id,
        uint256[] calldata activateIds,
        uint256[] calldata voidIds
    ) external onlyRole(Roles.ORACLE_ROLE) {
        Campaign storage c = _campaign(id);
        if (block.timestamp > c.qualityEnd) revert QualityWindowClosed(id);
        uint256 activated;
        if (activateIds.length != 0) {
            uint256[] memory ids = _withoutExcluded(id, activateIds, ticket.ownersOf(activateIds));
            activated = ids.length;
            if (activated != 0) ticket.activate(id, ids);
        }
        if (voidIds.length != 0) ticket.voidTickets(id, voidIds);
        emit VerdictsRecorded(id, activated, voidIds.length);
    }

    /// @inheritdoc ICampaignManager
    function reissueVoided(uint256 id, uint256[] calldata voidedIds) external onlyRole(Roles.ORACLE_ROLE) {
        _campaign(id);
        address[] memory holders = new address[](voidedIds.length);
        for (uint256 i; i < voidedIds.length; ++i) holders[i] = ticket.voidedHolderOf(voidedIds[i]);
        uint256[] memory ids = _withoutExcluded(id, voidedIds, holders);
        if (ids.length != 0) ticket.reissue(id, ids);
    }

    /// @notice PAUSER_ROLE: stops joins.
    function pause() external onlyRole(Roles.PAUSER_ROLE) {
        _pause();
    }

    /// @notice PAUSER_ROLE: resumes joins.
    function unpause() external onlyRole(Roles.PAUSER_ROLE) {
        _unpause();
    }

    /// @inheritdoc ICampaignManager
    function campaign(uint256 id) external view returns (Campaign memory) {
        return _campaign(id);
    }

    /// @notice The campaign's metadata URI.
    function metadataURI(uint256 id) external view returns (string memory) {
        _campaign(id);
        return _metadataURI[id];
    }

    /// @inheritdoc ICampaignManager
    function rewardTiers(uint256 id) external view returns (RewardTier[] memory) {
        _campaign(id);
        return _tiers[id];
    }

    /// @inheritdoc ICampaignManager
    function membership(uint256 id, address account) external view returns (Membership memory) {
        return _members[id][account];
    }

    /// @inheritdoc ICampaignManager
    function isSelected(uint256 id, address account) external view returns (bool) {
        Membership storage m = _members[id][account];
        Campaign storage c = _campaigns[id];
        return m.entry != 0 && (m.selected || (c.joined <= c.capacity && _selectionFinal(c)));
    }

    /// @notice The joiner at pool index `index` (0-based) and their draw weight.
    function entryAt(uint256 id, uint256 index) external view returns (address account, uint256 weight) {
        return _pools[id].at(index);
    }

    /// @inheritdoc ICampaignManager
    function selectionKey(uint256 id) public view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), id, "selection"));
    }

    /// @inheritdoc ICampaignManager
    function weightOf(uint256 tqs) public pure returns (uint256) {
        return 1 + tqs;
    }

    function _campaign(uint256 id) private view returns (Campaign storage c) {
        c = _campaigns[id];
        if (c.joinEnd == 0) revert UnknownCampaign(id);
    }

    /// @dev True once the campaign can no longer go over capacity: enrolment closed, or the
    /// join cap is at most the capacity (so joined ≤ capacity for good).
    function _selectionFinal(Campaign storage c) private view returns (bool) {
        return block.timestamp >= c.joinEnd || c.joinCap <= c.capacity;
    }

    /// @dev `ids` whose holder is not excluded; the others are skipped with an event. A zero
    /// holder (no such ticket) passes through for the Ticket to refuse.
    function _withoutExcluded(
        uint256 id,
        uint256[] calldata ids,
        address[] memory holders
    ) private returns (uint256[] memory kept) {
        bool[] memory excluded = registry.exclusionsOf(holders);
        kept = new uint256[](ids.length);
        uint256 n;
        for (uint256 i; i < ids.length; ++i) {
            if (excluded[i]) emit VerdictSkipped(id, ids[i], holders[i], SkipReason.Excluded);
            else kept[n++] = ids[i];
        }
        assembly {
            mstore(kept, n)
        }
    }

    function _checkEligible(address account, uint32 required) private view {
        IParticipantRegistry.Participant memory p = registry.participant(account);
        if (p.scopes == 0) {
            if (p.revokedAt != 0) revert ConsentRevoked(account);
            revert NoConsent(account);
        }
        if (p.scopes & required != required) revert ScopesNotCovered(account, required, p.scopes);
        if (p.kycExpiry == 0) revert KycMissing(account);
        if (p.kycExpiry <= block.timestamp) revert KycExpired(account, p.kycExpiry);
        if (p.excluded) revert Excluded(account);
    }
}
