// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ICampaignManager
/// @notice Train2Earn campaigns: who may join, the TQS-weighted selection when joins exceed
/// capacity, the oracle's completions (placeholder tickets) and quality verdicts.
interface ICampaignManager {
    /// @notice Kinds of reward a tier pays (the PrizeDraw pays them).
    enum RewardKind {
        MesiPack,
        PromoCredit,
        Item,
        PromoSlot
    }

    /// @notice Why a completion, an activation or a re-issue was not recorded.
    enum SkipReason {
        NotSelected,
        AlreadyCompleted,
        ConsentWithdrawn,
        Excluded
    }

    /// @notice A campaign as created. Times are unix seconds.
    /// @param requiredScopes Consent scopes (ParticipantRegistry bitmap) a participant must hold.
    /// @param minTqs Minimum Training Quality Score, basis points.
    /// @param capacity Size of the selected group.
    /// @param joinCap Joins accepted at most (≥ capacity); beyond it `join` reverts CampaignFull.
    /// @param joinStart Enrolment opens.  @param joinEnd Enrolment closes.
    /// @param taskEnd Task deadline.  @param qualityEnd Quality-verdict deadline.
    /// @param drawAt Prize draw time.
    struct CampaignConfig {
        string metadataURI;
        uint32 requiredScopes;
        uint16 minTqs;
        uint32 capacity;
        uint32 joinCap;
        uint40 joinStart;
        uint40 joinEnd;
        uint40 taskEnd;
        uint40 qualityEnd;
        uint40 drawAt;
    }

    /// @notice Stored campaign: two slots.
    struct Campaign {
        uint32 requiredScopes;
        uint16 minTqs;
        uint32 capacity;
        uint32 joinCap;
        uint40 joinStart;
        uint40 joinEnd;
        uint40 taskEnd;
        uint40 qualityEnd;
        uint40 drawAt;
        uint32 joined;
        uint32 selected;
        uint32 completed;
    }

    /// @notice One reward tier of the campaign's draw.
    /// @param winners Tickets this tier pays.  @param amount Per winner ($MESI wei, credits, or item count).
    /// @param immediateBps Share of a $MESI pack paid at once; the rest vests.
    /// @param cliff Vesting cliff, seconds.  @param duration Vesting duration, seconds.
    /// @param ref Off-chain reference (item SKU, promo slot id…), hashed.
    struct RewardTier {
        RewardKind kind;
        uint32 winners;
        uint128 amount;
        uint16 immediateBps;
        uint32 cliff;
        uint32 duration;
        bytes32 ref;
    }

    /// @notice A participant's state in one campaign (one slot).
    /// @param entry 1 + index in the campaign's weighted pool; 0 = not joined.
    struct Membership {
        uint32 entry;
        uint16 tqs;
        bool selected;
        bool completed;
    }

    /// @notice A campaign was created.
    event CampaignCreated(uint256 indexed campaignId, CampaignConfig config, RewardTier[] tiers);
    /// @notice `account` joined with a TQS of `tqs` (proved against TQS epoch `tqsEpoch`).
    event Joined(
        uint256 indexed campaignId,
        address indexed account,
        uint16 tqs,
        uint64 tqsEpoch,
        uint32 entry
    );
    /// @notice The draw selected `account` (over-capacity campaigns only).
    event ParticipantSelected(uint256 indexed campaignId, address indexed account, uint32 entry, uint32 rank);
    /// @notice The selected group is complete.
    event SelectionCompleted(uint256 indexed campaignId, bytes32 seed, uint32 selected);
    /// @notice The oracle recorded completions; tickets `firstTicketId`.. were minted to them in order.
    event CompletionsRecorded(uint256 indexed campaignId, uint256 firstTicketId, address[] accounts);
    /// @notice A completion was not recorded.
    event CompletionSkipped(uint256 indexed campaignId, address indexed account, SkipReason reason);
    /// @notice The oracle recorded quality verdicts (`activated` counts the tickets activated).
    event VerdictsRecorded(uint256 indexed campaignId, uint256 activated, uint256 voided);
    /// @notice A ticket was not activated or re-issued: its holder is excluded (`reason`).
    event VerdictSkipped(
        uint256 indexed campaignId,
        uint256 indexed ticketId,
        address indexed holder,
        SkipReason reason
    );

    /// @notice No such campaign.
    error UnknownCampaign(uint256 campaignId);
    /// @notice Invalid campaign configuration; `field` names it.
    error InvalidConfig(string field);
    /// @notice Outside the enrolment window.
    error EnrolmentClosed(uint256 campaignId);
    /// @notice Joined already.
    error AlreadyJoined(uint256 campaignId, address account);
    /// @notice The join cap is reached.
    error CampaignFull(uint256 campaignId);
    /// @notice The account never consented.
    error NoConsent(address account);
    /// @notice The account withdrew its consent.
    error ConsentRevoked(address account);
    /// @notice The account's consent lacks scopes the campaign needs.
    error ScopesNotCovered(address account, uint32 required, uint32 given);
    /// @notice No KYC attestation.
    error KycMissing(address account);
    /// @notice The KYC attestation expired.
    error KycExpired(address account, uint40 expiry);
    /// @notice Excluded by the oracle.
    error Excluded(address account);
    /// @notice No final TQS epoch yet.
    error NoFinalTqsEpoch();
    /// @notice The TQS proof does not verify against the latest final TQS epoch.
    error InvalidTqsProof(address account, uint64 epoch);
    /// @notice TQS below the campaign's minimum.
    error TqsTooLow(uint256 tqs, uint16 minTqs);
    /// @notice A TQS above 10,000 basis points.
    error TqsOutOfRange(uint256 tqs);
    /// @notice Selection before enrolment closed, or completions while enrolment is open and
    /// joins could still exceed the capacity (joinCap > capacity): nobody is selected yet.
    error EnrolmentOpen(uint256 campaignId);
    /// @notice Joins fit the capacity: everyone is selected, nothing to draw.
    error NoSelectionNeeded(uint256 campaignId);
    /// @notice The selected group is complete.
    error SelectionDone(uint256 campaignId);
    /// @notice The seed is missing, unrevealed, or was requested before enrolment closed.
    error SeedNotUsable(uint256 campaignId);
    /// @notice The selection's seed failed (IRandomnessSource.seedFailed, `SeedFailed` on the
    /// source): the selection is abandoned for good, nobody is selected, no ticket is minted.
    error SelectionFailed(uint256 campaignId);
    /// @notice Completions or verdicts after the quality deadline.
    error QualityWindowClosed(uint256 campaignId);

    /// @notice CAMPAIGN_MANAGER_ROLE: creates a campaign; returns its id (from 1). At most
    /// MAX_TIERS tiers; a $MESI pack pays at most 2^112 − 1 (what a vesting schedule holds).
    function createCampaign(
        CampaignConfig calldata config,
        RewardTier[] calldata tiers
    ) external returns (uint256);

    /// @notice Joins a campaign, proving a TQS against the latest final TQS epoch.
    function join(uint256 campaignId, uint256 tqs, bytes32[] calldata proof) external;

    /// @notice Anyone, after enrolment: draws up to `maxWinners` more of the selected group.
    /// Reverts `SelectionFailed` once the selection's seed failed (nobody is ever selected).
    function drawSelection(uint256 campaignId, uint256 maxWinners) external;

    /// @notice ORACLE_ROLE: records completed tasks of selected members, minting one placeholder
    /// ticket each; non-members, members the selection did not choose (yet), repeats, withdrawn
    /// consent and excluded accounts are skipped with their reason. Refused (EnrolmentOpen) while
    /// enrolment is open unless joinCap ≤ capacity, so completed ≤ capacity always.
    function recordCompletions(uint256 campaignId, address[] calldata accounts) external;

    /// @notice ORACLE_ROLE: activates passing placeholders and voids failing ones (whole batch
    /// reverts on a non-placeholder). A placeholder of an excluded holder is never activated:
    /// it is skipped (`VerdictSkipped`, Excluded).
    function recordVerdicts(
        uint256 campaignId,
        uint256[] calldata activate,
        uint256[] calldata voidIds
    ) external;

    /// @notice ORACLE_ROLE: after a granted appeal, re-issues voided tickets of the campaign as
    /// new Active tickets to their holders (Ticket.reissue, `TicketReissued` links the ids);
    /// tickets of excluded holders are skipped (`VerdictSkipped`, Excluded). Any time after the
    /// void: an appeal may be decided after the quality window.
    function reissueVoided(uint256 campaignId, uint256[] calldata voidedIds) external;

    /// @notice The campaign.
    function campaign(uint256 campaignId) external view returns (Campaign memory);

    /// @notice The campaign's reward tiers.
    function rewardTiers(uint256 campaignId) external view returns (RewardTier[] memory);

    /// @notice An account's membership.
    function membership(uint256 campaignId, address account) external view returns (Membership memory);

    /// @notice True if the account is in the selected group: drawn, or a member of a campaign
    /// that can no longer go over capacity (false for everyone while that is still open).
    function isSelected(uint256 campaignId, address account) external view returns (bool);

    /// @notice The randomness key of the campaign's selection.
    function selectionKey(uint256 campaignId) external view returns (bytes32);

    /// @notice The draw weight for a TQS: 1 + tqs (so every eligible joiner has a chance).
    function weightOf(uint256 tqs) external pure returns (uint256);
}
