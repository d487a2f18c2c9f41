// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721URIStorage} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721URIStorage.sol";
import {ERC2981} from "@openzeppelin/contracts/token/common/ERC2981.sol";
import {IGalleryCollection} from "../interfaces/IGalleryCollection.sol";
import {IMarketCollection} from "../interfaces/IMarketCollection.sol";

/// @title GalleryCollection
/// @notice Creators' NFTs: each creator address opens one gallery and mints items into it,
/// each with an ERC-2981 royalty paid to the creator and its own metadata URI. Each transfer
/// moves the token's trade version on, so a marketplace listing dies for good with the move.
contract GalleryCollection is IGalleryCollection, ERC721URIStorage, ERC2981 {
    /// @notice Highest royalty a creator may set (10%).
    uint96 public constant MAX_ROYALTY_BPS = 1_000;

    uint256 private _nextGallery = 1;
    uint256 private _nextToken = 1;
    mapping(address creator => uint256) private _galleryOf;
    mapping(uint256 galleryId => address) private _creatorOf;
    mapping(uint256 tokenId => uint256) private _tokenGallery;
    mapping(uint256 tokenId => uint256) private _tradeVersion;

    constructor() ERC721("Mesi Gallery", "MESI-G") {}

    /// @inheritdoc IGalleryCollection
    function createGallery(string calldata name) external returns (uint256 galleryId) {
        if (_galleryOf[msg.sender] != 0) revert GalleryExists(msg.sender);
        galleryId = _nextGallery++;
        _galleryOf[msg.sender] = galleryId;
        _creatorOf[galleryId] = msg.sender;
        emit GalleryCreated(msg.sender, galleryId, name);
    }

    /// @inheritdoc IGalleryCollection
    function mint(string calldata uri, uint96 royaltyBps) external returns (uint256 tokenId) {
        uint256 galleryId = _galleryOf[msg.sender];
        if (galleryId == 0) revert NoGallery(msg.sender);
        if (royaltyBps > MAX_ROYALTY_BPS) revert RoyaltyTooHigh(royaltyBps);
        tokenId = _nextToken++;
        _tokenGallery[tokenId] = galleryId;
        _mint(msg.sender, tokenId);
        _setTokenURI(tokenId, uri);
        _setTokenRoyalty(tokenId, msg.sender, royaltyBps);
        emit ItemMinted(galleryId, tokenId, msg.sender, uri);
    }

    /// @inheritdoc IGalleryCollection
    function galleryOf(address creator) external view returns (uint256) {
        return _galleryOf[creator];
    }

    /// @inheritdoc IGalleryCollection
    function galleryOfToken(uint256 tokenId) external view returns (uint256) {
        _requireOwned(tokenId);
        return _tokenGallery[tokenId];
    }

    /// @inheritdoc IGalleryCollection
    function creatorOf(uint256 galleryId) external view returns (address) {
        return _creatorOf[galleryId];
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
        tradeable = owner != address(0);
        version = _tradeVersion[tokenId];
        // ERC-2981's amount on a price of 10,000 is the rate in basis points.
        (royaltyReceiver, royaltyBps) = royaltyInfo(tokenId, _feeDenominator());
    }

    /// @inheritdoc IMarketCollection
    function tradeVersion(uint256 tokenId) external view returns (uint256) {
        return _tradeVersion[tokenId];
    }

    /// @notice ERC-165: ERC-721, metadata, ERC-4906, ERC-2981 and IMarketCollection.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(ERC721URIStorage, ERC2981) returns (bool) {
        return interfaceId == type(IMarketCollection).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @dev Every move of an existing token (not the mint) moves its trade version on.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = super._update(to, tokenId, auth);
        if (from != address(0)) ++_tradeVersion[tokenId];
    }
}
