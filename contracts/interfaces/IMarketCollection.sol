// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IMarketCollection
/// @notice What TicketMarketplace needs from a collection it may trade (tickets, gallery NFTs),
/// in one call. The trade version of a token changes every time the token leaves its owner (and,
/// for tickets, when it is entered in a draw) and never returns to an earlier value: a listing
/// names the version it was made at, so once the token moved it is dead for good, even if the
/// token comes back to the seller.
interface IMarketCollection {
    /// @notice Owner (zero if the token does not exist), whether it may be sold now, its trade
    /// version, and the royalty receiver and rate (basis points) of a sale.
    function saleInfo(
        uint256 tokenId
    )
        external
        view
        returns (address owner, bool tradeable, uint256 version, address royaltyReceiver, uint256 royaltyBps);

    /// @notice The token's trade version (see above).
    function tradeVersion(uint256 tokenId) external view returns (uint256);
}
