// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ITicketMarketplace
/// @notice Escrow-free marketplace for allow-listed ERC-721 collections (tickets, gallery NFTs):
/// the NFT stays with the seller under approval. A listing (on chain or signed) names the
/// token's trade version (IMarketCollection) and dies for good when the NFT leaves the seller
/// or (tickets) is entered in a draw, even if it comes back or exits later. Prices in $MESI or
/// ETH; the buyer states the highest price it accepts. A capped platform fee and the ERC-2981
/// royalty are taken in the same transaction and accrued for a later pull.
interface ITicketMarketplace {
    /// @notice An on-chain listing (one slot): the seller and the price; currency flag in `mesi`.
    /// Stored under (collection, tokenId, trade version at listing).
    struct Listing {
        address seller;
        uint88 price;
        bool mesi;
    }

    /// @notice An EIP-712 signed listing (gasless for the seller). `version` is the token's
    /// trade version when signed: once the token moves (or a ticket is entered) it is void.
    struct SignedListing {
        address seller;
        address collection;
        uint256 tokenId;
        uint256 version;
        bool mesi;
        uint256 price;
        uint256 nonce;
        uint256 counter;
        uint256 deadline;
    }

    /// @notice A $MESI offer on one token (escrow-free: the bidder keeps the tokens under allowance).
    struct Offer {
        uint128 amount;
        uint40 expiry;
    }

    /// @notice Emitted for every sale; `currency` is address(0) for ETH.
    event Sale(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed buyer,
        address seller,
        address currency,
        uint256 price,
        uint256 fee,
        address royaltyReceiver,
        uint256 royalty
    );
    /// @notice A token was listed (or re-listed) at its trade version `version`; the listing
    /// dies when the token's version moves on (a transfer, a ticket entering a draw).
    event Listed(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed seller,
        bool mesi,
        uint256 price,
        uint256 version
    );
    /// @notice A listing's price changed.
    event ListingPriceUpdated(address indexed collection, uint256 indexed tokenId, uint256 price);
    /// @notice A listing was cancelled.
    event ListingCancelled(address indexed collection, uint256 indexed tokenId);
    /// @notice A bid was made or changed.
    event OfferMade(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed bidder,
        uint256 amount,
        uint40 expiry
    );
    /// @notice A bid was withdrawn.
    event OfferCancelled(address indexed collection, uint256 indexed tokenId, address indexed bidder);
    /// @notice Signed-listing nonces were cancelled.
    event NoncesCancelled(address indexed seller, uint256[] nonces);
    /// @notice All signed listings of `seller` with a lower counter are void.
    event CounterIncremented(address indexed seller, uint256 counter);
    /// @notice Accrued credit (royalty, refused ETH) of `account` was withdrawn to `to`.
    event CreditWithdrawn(address indexed account, address indexed to, address currency, uint256 amount);
    /// @notice `account` refused an ETH payment (sale proceeds, the treasury's fees): it was
    /// credited for `withdrawCredit` / `withdrawCreditTo` instead.
    event EthCredited(address indexed account, uint256 amount);
    /// @notice Accrued $MESI fees went to the revenue pool, ETH fees to the treasury.
    event FeesSwept(uint256 mesi, uint256 eth);
    /// @notice A collection was allowed or disallowed.
    event CollectionAllowed(address indexed collection, bool allowed);
    /// @notice The platform fee changed.
    event FeeSet(uint16 feeBps);

    /// @notice The collection is not allow-listed.
    error CollectionNotAllowed(address collection);
    /// @notice Only collections implementing IMarketCollection (ERC-165) can be allowed.
    error CollectionUnsupported(address collection);
    /// @notice The caller does not own the token, or the marketplace is not approved.
    error NotOwnerOrNotApproved(address collection, uint256 tokenId);
    /// @notice The ticket is not Active or is entered in a draw.
    error NotTradeable(address collection, uint256 tokenId);
    /// @notice No live listing (cancelled, sold, or the token moved or entered a draw since).
    error ListingNotFound(address collection, uint256 tokenId);
    /// @notice The price is above what the buyer accepts.
    error PriceAboveMax(uint256 price, uint256 maxPrice);
    /// @notice Wrong ETH amount sent.
    error WrongValue(uint256 sent, uint256 expected);
    /// @notice A zero price, or a price or offer above 2^88 − 1 (what a listing can hold).
    error InvalidPrice();
    /// @notice Fee above the cap.
    error FeeTooHigh(uint16 feeBps);
    /// @notice The signature is not the seller's.
    error InvalidSignature();
    /// @notice The signed listing expired, its nonce was used or cancelled, its counter is old,
    /// or the token moved (or entered a draw) since it was signed.
    error SignedListingVoid();
    /// @notice A zero address to withdraw to.
    error InvalidRecipient();
    /// @notice No live offer.
    error OfferNotFound(address collection, uint256 tokenId, address bidder);
    /// @notice Nothing to withdraw.
    error NothingToWithdraw();
    /// @notice An ETH transfer failed.
    error EthTransferFailed(address to);
}
