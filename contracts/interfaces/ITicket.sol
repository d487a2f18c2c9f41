// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IMarketCollection} from "./IMarketCollection.sol";

/// @title ITicket
/// @notice Train2Earn tickets: a Placeholder (proof of participation, locked) becomes Active
/// (tradeable) when the user's input passes quality checks, or Void (burned) when it fails.
/// An Active ticket entered in a prize draw is locked until the draw resolves. A voided ticket
/// whose appeal was granted is re-issued: a new Active ticket of the same campaign to the same
/// holder, linked to the voided id.
interface ITicket is IMarketCollection {
    /// @notice A ticket's state. Void tickets are burned; None = never minted.
    enum State {
        None,
        Placeholder,
        Active,
        Void
    }

    /// @notice ERC-5192: the token became locked (minted as placeholder, or entered in a draw).
    event Locked(uint256 tokenId);
    /// @notice ERC-5192: the token became transferable.
    event Unlocked(uint256 tokenId);
    /// @notice ERC-4906: one token's metadata changed.
    event MetadataUpdate(uint256 _tokenId);
    /// @notice ERC-4906: a range of tokens' metadata changed.
    event BatchMetadataUpdate(uint256 _fromTokenId, uint256 _toTokenId);
    /// @notice Placeholders `firstId`..`firstId + count − 1` were minted for `campaignId`.
    event PlaceholdersMinted(uint256 indexed campaignId, uint256 firstId, uint256 count);
    /// @notice Placeholders of `campaignId` passed quality checks and became tradeable.
    event TicketsActivated(uint256 indexed campaignId, uint256[] ids);
    /// @notice A placeholder failed quality checks and was burned.
    event TicketVoided(uint256 indexed tokenId, uint256 indexed campaignId);
    /// @notice An appeal of voided ticket `voidedId` was granted: `newId` is its Active
    /// replacement, of the same campaign, minted to the voided ticket's holder.
    event TicketReissued(
        uint256 indexed voidedId,
        uint256 indexed newId,
        uint256 indexed campaignId,
        address holder
    );
    /// @notice A ticket was entered in (true) or released from (false) a prize draw.
    event TicketEntered(uint256 indexed tokenId, bool entered);
    /// @notice The default royalty changed.
    event RoyaltySet(address receiver, uint96 feeBps);

    /// @notice The token is locked (placeholder or entered): no transfer or approval.
    error TicketLocked(uint256 tokenId);
    /// @notice The verdict expects a placeholder of `campaignId`.
    error NotPlaceholder(uint256 tokenId);
    /// @notice The ticket belongs to another campaign.
    error WrongCampaign(uint256 tokenId, uint256 campaignId);
    /// @notice Entering needs an Active ticket not entered yet (or, to release, an entered one).
    error NotEnterable(uint256 tokenId);
    /// @notice The token does not exist.
    error UnknownTicket(uint256 tokenId);
    /// @notice Tickets are not payable.
    error NotPayable();
    /// @notice A zero royalty receiver or a royalty above 100%.
    error InvalidRoyalty(address receiver, uint96 feeBps);
    /// @notice A campaign id above 2^64 − 1 (the width stored in the ownership slot).
    error CampaignIdOutOfRange(uint256 campaignId);
    /// @notice Re-issue needs a voided ticket.
    error NotVoided(uint256 tokenId);
    /// @notice The voided ticket was re-issued already, as `newId`.
    error AlreadyReissued(uint256 voidedId, uint256 newId);

    /// @notice MINTER_ROLE: mints one placeholder per recipient, consecutive ids; returns the first id.
    function mintPlaceholders(uint256 campaignId, address[] calldata to) external returns (uint256 firstId);

    /// @notice MINTER_ROLE: activates placeholders of `campaignId` (reverts on any other state).
    function activate(uint256 campaignId, uint256[] calldata ids) external;

    /// @notice MINTER_ROLE: voids (burns) placeholders of `campaignId` (reverts on any other state).
    function voidTickets(uint256 campaignId, uint256[] calldata ids) external;

    /// @notice MINTER_ROLE: re-issues voided tickets of `campaignId`: one new Active ticket
    /// each, to the holder the voided ticket had (never to anyone else), consecutive ids from
    /// the returned one. Reverts on a ticket that is not Void, of another campaign, or re-issued.
    function reissue(uint256 campaignId, uint256[] calldata voidedIds) external returns (uint256 firstId);

    /// @notice DRAW_ROLE: locks an Active ticket entered in a draw (which kills its listings for
    /// good), or unlocks it.
    function setEntered(uint256 tokenId, bool entered) external;

    /// @notice The ticket's state.
    function stateOf(uint256 tokenId) external view returns (State);

    /// @notice The ticket's campaign (kept for burned tickets too).
    function campaignOf(uint256 tokenId) external view returns (uint256);

    /// @notice True while the ticket is entered in a draw.
    function isEntered(uint256 tokenId) external view returns (bool);

    /// @notice True if the ticket is Active and not entered: it may be sold or listed.
    function isTradeable(uint256 tokenId) external view returns (bool);

    /// @notice The owners of `ids` (zero for a ticket that does not exist), in order.
    function ownersOf(uint256[] calldata ids) external view returns (address[] memory owners);

    /// @notice The holder a voided ticket had when it was voided (zero if not voided).
    function voidedHolderOf(uint256 tokenId) external view returns (address);

    /// @notice The ticket that re-issued voided ticket `voidedId` (zero if none).
    function reissuedAs(uint256 voidedId) external view returns (uint256);

    /// @notice ERC-5192: true for placeholders and entered tickets.
    function locked(uint256 tokenId) external view returns (bool);

    /// @notice Id the next minted ticket gets.
    function nextTokenId() external view returns (uint256);
}
