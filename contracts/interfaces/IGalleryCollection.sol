// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IMarketCollection} from "./IMarketCollection.sol";

/// @title IGalleryCollection
/// @notice The creators' NFTs that the engagement ratings score: one gallery per creator.
/// Tradeable on TicketMarketplace: every transfer moves the token's trade version on.
interface IGalleryCollection is IMarketCollection {
    /// @notice `creator` opened gallery `galleryId`.
    event GalleryCreated(address indexed creator, uint256 indexed galleryId, string name);
    /// @notice `creator` minted `tokenId` into their gallery.
    event ItemMinted(uint256 indexed galleryId, uint256 indexed tokenId, address indexed creator, string uri);

    /// @notice The caller has a gallery already.
    error GalleryExists(address creator);
    /// @notice The caller has no gallery.
    error NoGallery(address creator);
    /// @notice Royalty above the cap.
    error RoyaltyTooHigh(uint96 bps);

    /// @notice Opens the caller's gallery.
    function createGallery(string calldata name) external returns (uint256 galleryId);

    /// @notice Mints an item into the caller's gallery with ERC-2981 royalty `royaltyBps` to the caller.
    function mint(string calldata uri, uint96 royaltyBps) external returns (uint256 tokenId);

    /// @notice The gallery of a creator (0 = none).
    function galleryOf(address creator) external view returns (uint256);

    /// @notice The gallery an item belongs to.
    function galleryOfToken(uint256 tokenId) external view returns (uint256);

    /// @notice The creator of a gallery.
    function creatorOf(uint256 galleryId) external view returns (address);
}
