// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "solady/src/tokens/ERC721.sol";
import {LibString} from "solady/src/utils/LibString.sol";
import {Base64} from "solady/src/utils/Base64.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ITicket} from "../interfaces/ITicket.sol";
import {IMarketCollection} from "../interfaces/IMarketCollection.sol";
import {Roles} from "../libraries/Roles.sol";

/// @title Ticket
/// @notice Train2Earn ticket NFT (ERC-721, ERC-5192 locks, ERC-4906 updates, ERC-2981 royalty).
/// @dev Storage layout, chosen by measurement (bench/results/gas.json):
///  - the campaign id (bits 0–63), the "entered" flag (bit 64) and the trade version (bits
///    65–95) live in the 96 extra-data bits of Solady's ownership slot, so minting writes one
///    ownership slot and one balance slot (≈46k gas), transfers read nothing extra for the
///    entered lock, and bumping the version after a transfer rewrites a slot the transfer has
///    just written (≈200 gas). The version counts moves and entries; it wraps only after 2^31
///    of them, far beyond what anyone can pay for;
///  - activation is one bit in a bitmap word per 256 consecutive ids: tickets of a batch are
///    minted with consecutive ids, so activating 100 of them touches one or two words instead
///    of 100 ownership slots (a cold read of the ownership slot to check the campaign, one
///    bit, one `Unlocked` log). A transfer pays one extra cold read for the bitmap (≈2.1k).
///  - Void tickets are burned; an id below `nextTokenId` that no longer exists is Void; its
///    campaign and holder stay in one slot, so a granted appeal re-issues it to that holder.
///  - the royalty is one collection-wide slot (receiver | basis points): tickets have no
///    per-token royalty, so a sale reads one slot, and `saleInfo` answers a marketplace's
///    owner, tradeability and royalty questions in one call.
/// Every transfer path (transferFrom, safeTransferFrom, burn) passes through
/// `_beforeTokenTransfer`, which enforces the locks. Solady declares approve and the transfers
/// payable: each refuses ETH (`NotPayable`), so the collection never holds any.
contract Ticket is ITicket, ERC721, AccessControl {
    using LibString for uint256;

    uint96 private constant _ENTERED = 1 << 64;
    uint96 private constant _CAMPAIGN_MASK = (1 << 64) - 1;
    uint96 private constant _VERSION_ONE = 1 << 65;
    uint256 private constant _VERSION_SHIFT = 65;
    /// @dev Solady ERC721's `_ERC721_MASTER_SLOT_SEED` (private there), for the one-write version
    /// bump after a transfer; test/contracts/listings.test.ts fails if it ever stops matching.
    uint256 private constant _SOLADY_OWNERSHIP_SEED = 0x7d8825530a5a2e7a << 192;
    /// @dev ERC-5192 interface id.
    bytes4 private constant _IERC5192 = 0xb45a3c0e;
    /// @dev ERC-4906 interface id.
    bytes4 private constant _IERC4906 = 0x49064906;
    /// @dev ERC-2981 interface id.
    bytes4 private constant _IERC2981 = 0x2a55205a;
    /// @dev Royalty denominator (basis points).
    uint96 private constant _ROYALTY_DENOMINATOR = 10_000;

    uint256 private _nextId = 1;
    mapping(uint256 word => uint256 bits) private _activated;
    /// @dev Voided tickets: holder (high 160 bits) | campaign id (low 64 bits).
    mapping(uint256 tokenId => uint256) private _voided;
    mapping(uint256 voidedId => uint256 newId) private _reissuedAs;
    /// @dev The collection's royalty: receiver (high 160 bits) | basis points (low 96 bits).
    uint256 private _royalty;

    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    /// @param royaltyReceiver Receives the default royalty (e.g. the revenue pool).
    /// @param royaltyBps Default royalty in basis points.
    constructor(address admin, address royaltyReceiver, uint96 royaltyBps) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setRoyalty(royaltyReceiver, royaltyBps);
    }

    /// @notice Collection name.
    function name() public pure override returns (string memory) {
        return "Mesi Train2Earn Ticket";
    }

    /// @notice Collection symbol.
    function symbol() public pure override returns (string memory) {
        return "MESI-T";
    }

    /// @inheritdoc ITicket
    function mintPlaceholders(
        uint256 campaignId,
        address[] calldata to
    ) external onlyRole(Roles.MINTER_ROLE) returns (uint256 firstId) {
        uint96 extra = _campaignBits(campaignId);
        firstId = _nextId;
        uint256 id = firstId;
        for (uint256 i; i < to.length; ++i) {
            _mintAndSetExtraDataUnchecked(to[i], id, extra);
            emit Locked(id);
            unchecked {
                ++id;
            }
        }
        _nextId = id;
        emit PlaceholdersMinted(campaignId, firstId, to.length);
    }

    /// @inheritdoc ITicket
    function activate(uint256 campaignId, uint256[] calldata ids) external onlyRole(Roles.MINTER_ROLE) {
        if (ids.length == 0) return;
        uint256 lo = type(uint256).max;
        uint256 hi;
        uint256 word = type(uint256).max;
        uint256 bits;
        for (uint256 i; i < ids.length; ++i) {
            uint256 id = ids[i];
            _requirePlaceholderOf(id, campaignId);
            // Ids of one batch are mostly consecutive: keep the current bitmap word in memory.
            if (id >> 8 != word) {
                if (word != type(uint256).max) _activated[word] = bits;
                word = id >> 8;
                bits = _activated[word];
            }
            uint256 mask = 1 << (id & 0xff);
            if (bits & mask != 0) revert NotPlaceholder(id);
            bits |= mask;
            emit Unlocked(id);
            if (id < lo) lo = id;
            if (id > hi) hi = id;
        }
        _activated[word] = bits;
        emit TicketsActivated(campaignId, ids);
        emit BatchMetadataUpdate(lo, hi);
    }

    /// @inheritdoc ITicket
    function voidTickets(uint256 campaignId, uint256[] calldata ids) external onlyRole(Roles.MINTER_ROLE) {
        for (uint256 i; i < ids.length; ++i) {
            uint256 id = ids[i];
            _requirePlaceholderOf(id, campaignId);
            if (_isActivated(id)) revert NotPlaceholder(id);
            _voided[id] = (uint256(uint160(_ownerOf(id))) << 96) | campaignId;
            _burn(id);
            emit TicketVoided(id, campaignId);
            emit MetadataUpdate(id);
        }
    }

    /// @inheritdoc ITicket
    function reissue(
        uint256 campaignId,
        uint256[] calldata voidedIds
    ) external onlyRole(Roles.MINTER_ROLE) returns (uint256 firstId) {
        uint96 extra = _campaignBits(campaignId);
        firstId = _nextId;
        uint256 id = firstId;
        for (uint256 i; i < voidedIds.length; ++i) {
            uint256 voidedId = voidedIds[i];
            uint256 v = _voided[voidedId];
            if (v == 0) revert NotVoided(voidedId);
            if (uint64(v) != campaignId) revert WrongCampaign(voidedId, campaignId);
            uint256 done = _reissuedAs[voidedId];
            if (done != 0) revert AlreadyReissued(voidedId, done);
            _reissuedAs[voidedId] = id;
            address holder = address(uint160(v >> 96));
            _mintAndSetExtraDataUnchecked(holder, id, extra);
            _activated[id >> 8] |= 1 << (id & 0xff);
            emit TicketReissued(voidedId, id, campaignId, holder);
            emit MetadataUpdate(id);
            unchecked {
                ++id;
            }
        }
        _nextId = id;
    }

    /// @inheritdoc ITicket
    function setEntered(uint256 tokenId, bool entered) external onlyRole(Roles.DRAW_ROLE) {
        if (!_exists(tokenId) || !_isActivated(tokenId)) revert NotEnterable(tokenId);
        uint96 extra = _getExtraData(tokenId);
        if ((extra & _ENTERED != 0) == entered) revert NotEnterable(tokenId);
        // Entering kills the ticket's listings for good: the trade version moves on.
        _setExtraData(tokenId, entered ? _nextVersion(extra | _ENTERED) : extra & ~_ENTERED);
        if (entered) emit Locked(tokenId);
        else emit Unlocked(tokenId);
        emit TicketEntered(tokenId, entered);
        emit MetadataUpdate(tokenId);
    }

    /// @notice Admin: sets the collection's royalty (receiver non-zero, at most 100%).
    function setRoyalty(address receiver, uint96 feeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRoyalty(receiver, feeBps);
    }

    /// @notice ERC-2981: the royalty on a sale of any ticket at `salePrice`.
    function royaltyInfo(
        uint256,
        uint256 salePrice
    ) external view returns (address receiver, uint256 royaltyAmount) {
        return _royaltyOf(salePrice);
    }

    /// @inheritdoc IMarketCollection
    function saleInfo(
        uint256 tokenId
    )
        external
        view
        returns (address owner, bool tradeable, uint256 version, address royaltyReceiver, uint256 royaltyBps)
    {
        owner = _ownerOf(tokenId);
        uint96 extra = _getExtraData(tokenId);
        tradeable = owner != address(0) && _isActivated(tokenId) && extra & _ENTERED == 0;
        version = extra >> _VERSION_SHIFT;
        uint256 r = _royalty;
        (royaltyReceiver, royaltyBps) = (address(uint160(r >> 96)), uint96(r));
    }

    /// @inheritdoc IMarketCollection
    function tradeVersion(uint256 tokenId) external view returns (uint256) {
        return _getExtraData(tokenId) >> _VERSION_SHIFT;
    }

    /// @inheritdoc ITicket
    function ownersOf(uint256[] calldata ids) external view returns (address[] memory owners) {
        owners = new address[](ids.length);
        for (uint256 i; i < ids.length; ++i) owners[i] = _ownerOf(ids[i]);
    }

    /// @inheritdoc ITicket
    function voidedHolderOf(uint256 tokenId) external view returns (address) {
        return address(uint160(_voided[tokenId] >> 96));
    }

    /// @inheritdoc ITicket
    function reissuedAs(uint256 voidedId) external view returns (uint256) {
        return _reissuedAs[voidedId];
    }

    /// @notice Approving a locked ticket is refused: a placeholder can never be moved. Payable
    /// only because Solady's ERC721 declares it so; ETH sent along is refused (`NotPayable`).
    function approve(address account, uint256 id) public payable override {
        if (msg.value != 0) revert NotPayable();
        if (locked(id)) revert TicketLocked(id);
        super.approve(account, id);
    }

    /// @inheritdoc ITicket
    function stateOf(uint256 tokenId) public view returns (State) {
        if (_exists(tokenId)) return _isActivated(tokenId) ? State.Active : State.Placeholder;
        return tokenId != 0 && tokenId < _nextId ? State.Void : State.None;
    }

    /// @inheritdoc ITicket
    function campaignOf(uint256 tokenId) public view returns (uint256) {
        if (_exists(tokenId)) return _getExtraData(tokenId) & _CAMPAIGN_MASK;
        return uint64(_voided[tokenId]);
    }

    /// @inheritdoc ITicket
    function isEntered(uint256 tokenId) public view returns (bool) {
        return _exists(tokenId) && _getExtraData(tokenId) & _ENTERED != 0;
    }

    /// @inheritdoc ITicket
    function isTradeable(uint256 tokenId) external view returns (bool) {
        return _exists(tokenId) && _isActivated(tokenId) && _getExtraData(tokenId) & _ENTERED == 0;
    }

    /// @inheritdoc ITicket
    function locked(uint256 tokenId) public view returns (bool) {
        if (!_exists(tokenId)) revert UnknownTicket(tokenId);
        return !_isActivated(tokenId) || _getExtraData(tokenId) & _ENTERED != 0;
    }

    /// @inheritdoc ITicket
    function nextTokenId() external view returns (uint256) {
        return _nextId;
    }

    /// @notice On-chain JSON metadata showing the campaign and the state.
    function tokenURI(uint256 id) public view override returns (string memory) {
        if (!_exists(id)) revert TokenDoesNotExist();
        State s = stateOf(id);
        string memory state = s == State.Active ? (isEntered(id) ? "Entered" : "Active") : "Placeholder";
        string memory campaign = campaignOf(id).toString();
        bytes memory json = abi.encodePacked(
            '{"name":"Mesi Ticket #',
            id.toString(),
            '","description":"Train2Earn ticket of campaign ',
            campaign,
            '","attributes":[{"trait_type":"Campaign","value":',
            campaign,
            '},{"trait_type":"State","value":"',
            state,
            '"}]}'
        );
        return string.concat("data:application/json;base64,", Base64.encode(json));
    }

    /// @notice ERC-165: ERC-721, ERC-2981, ERC-5192, ERC-4906, IMarketCollection and AccessControl.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(ERC721, AccessControl) returns (bool) {
        return
            interfaceId == _IERC5192 ||
            interfaceId == _IERC4906 ||
            interfaceId == _IERC2981 ||
            interfaceId == type(IMarketCollection).interfaceId ||
            ERC721.supportsInterface(interfaceId) ||
            AccessControl.supportsInterface(interfaceId);
    }

    /// @dev The one gate of every transfer path: mints and burns pass, moves need an unlocked ticket.
    function _beforeTokenTransfer(address from, address to, uint256 id) internal view override {
        if (msg.value != 0) revert NotPayable();
        if (from != address(0) && to != address(0)) {
            if (!_isActivated(id) || _getExtraData(id) & _ENTERED != 0) revert TicketLocked(id);
        }
    }

    /// @dev After a move (not a mint or burn) the trade version moves on, killing the ticket's
    /// listings for good. The ownership slot was just written by the transfer: rewriting it
    /// costs a warm read and a dirty write.
    function _afterTokenTransfer(address from, address to, uint256 id) internal override {
        if (from == address(0) || to == address(0)) return;
        // One read and one write of the ownership slot (Solady's layout: extra data in bits
        // 160–255, so the version is bits 225–255 and adding 1 << 225 wraps within them).
        /// @solidity memory-safe-assembly
        assembly {
            mstore(0x00, id)
            mstore(0x1c, _SOLADY_OWNERSHIP_SEED)
            let ownershipSlot := add(id, add(id, keccak256(0x00, 0x20)))
            sstore(ownershipSlot, add(sload(ownershipSlot), shl(225, 1)))
        }
    }

    /// @dev The version bits + 1; after 2^31 moves they wrap, leaving campaign and entered bits intact.
    function _nextVersion(uint96 extra) private pure returns (uint96) {
        unchecked {
            return extra + _VERSION_ONE;
        }
    }

    function _campaignBits(uint256 campaignId) private pure returns (uint96) {
        if (campaignId > _CAMPAIGN_MASK) revert CampaignIdOutOfRange(campaignId);
        return uint96(campaignId);
    }

    function _requirePlaceholderOf(uint256 id, uint256 campaignId) private view {
        if (!_exists(id)) revert NotPlaceholder(id);
        uint256 c = _getExtraData(id) & _CAMPAIGN_MASK;
        if (c != campaignId) revert WrongCampaign(id, campaignId);
    }

    function _setRoyalty(address receiver, uint96 feeBps) private {
        if (receiver == address(0) || feeBps > _ROYALTY_DENOMINATOR) revert InvalidRoyalty(receiver, feeBps);
        _royalty = (uint256(uint160(receiver)) << 96) | feeBps;
        emit RoyaltySet(receiver, feeBps);
    }

    function _royaltyOf(uint256 salePrice) private view returns (address receiver, uint256 amount) {
        uint256 r = _royalty;
        receiver = address(uint160(r >> 96));
        amount = (salePrice * uint96(r)) / _ROYALTY_DENOMINATOR;
    }

    function _isActivated(uint256 id) private view returns (bool) {
        return _activated[id >> 8] & (1 << (id & 0xff)) != 0;
    }
}
