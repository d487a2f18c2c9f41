// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ITicketMarketplace} from "../interfaces/ITicketMarketplace.sol";
import {ITicket} from "../interfaces/ITicket.sol";
import {IRevenueDistributor} from "../interfaces/IRevenueDistributor.sol";

/// @title TicketMarketplace
/// @notice Lists and sells tickets and gallery NFTs. Funds never rest here except accrued
/// fees and credits, each of which has a withdrawal path: royalties and ETH proceeds a
/// receiver could refuse are credited for a pull, $MESI fees are swept into the revenue pool.
contract TicketMarketplace is ITicketMarketplace, AccessControl, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Highest platform fee (10%).
    uint16 public constant MAX_FEE_BPS = 1_000;
    /// @notice Highest royalty honoured (10%); a larger ERC-2981 answer is capped.
    uint256 public constant MAX_ROYALTY_BPS = 1_000;
    /// @notice EIP-712 type hash of a signed listing.
    bytes32 public constant LISTING_TYPEHASH = keccak256(
        "Listing(address seller,address collection,uint256 tokenId,bool mesi,uint256 price,uint256 nonce,uint256 counter,uint256 deadline)"
    );

    /// @notice $MESI.
    IERC20 public immutable mesi;
    /// @notice The ticket collection (checked for Active and not entered).
    ITicket public immutable ticket;
    /// @notice Receives accrued $MESI fees.
    IRevenueDistributor public immutable distributor;
    /// @notice Receives accrued ETH fees.
    address public immutable treasury;

    // One slot read and written by every sale: the fee, whether the ticket collection is
    // allowed, and the accrued $MESI fees.
    /// @notice Platform fee in basis points.
    uint16 public feeBps;
    bool private _ticketAllowed;
    uint232 private _mesiFees;
    /// @notice Accrued, not yet swept ETH fees.
    uint256 public ethFees;

    /// @dev Allowed collections other than the ticket collection (whose flag is `_ticketAllowed`).
    mapping(address collection => bool) private _allowedCollection;
    mapping(address collection => mapping(uint256 tokenId => Listing)) private _listings;
    mapping(address collection => mapping(uint256 tokenId => mapping(address bidder => Offer)))
        private _offers;
    mapping(address seller => mapping(uint256 word => uint256 bits)) private _usedNonces;
    mapping(address seller => uint256) public counterOf;
    mapping(address account => mapping(address currency => uint256)) public creditOf;

    constructor(
        address admin,
        IERC20 mesi_,
        ITicket ticket_,
        IRevenueDistributor distributor_,
        address treasury_,
        uint16 feeBps_
    ) EIP712("MesiMarketplace", "1") {
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        mesi = mesi_;
        ticket = ticket_;
        distributor = distributor_;
        treasury = treasury_;
        feeBps = feeBps_;
        mesi_.forceApprove(address(distributor_), type(uint256).max);
        emit FeeSet(feeBps_);
    }

    // ---------------------------------------------------------------- listings

    /// @notice Lists a token the caller owns and approved to this marketplace.
    function list(address collection, uint256 tokenId, bool inMesi, uint256 price) external {
        _checkSale(collection, tokenId, msg.sender, 0);
        IERC721 nft = IERC721(collection);
        if (nft.getApproved(tokenId) != address(this) && !nft.isApprovedForAll(msg.sender, address(this))) {
            revert NotOwnerOrNotApproved(collection, tokenId);
        }
        if (price == 0 || price > type(uint88).max) revert InvalidPrice();
        _listings[collection][tokenId] = Listing(msg.sender, uint88(price), inMesi);
        emit Listed(collection, tokenId, msg.sender, inMesi, price);
    }

    /// @notice Changes the price of the caller's listing.
    function updatePrice(address collection, uint256 tokenId, uint256 price) external {
        Listing storage listing = _listings[collection][tokenId];
        if (listing.seller != msg.sender) revert ListingNotFound(collection, tokenId);
        if (price == 0 || price > type(uint88).max) revert InvalidPrice();
        listing.price = uint88(price);
        emit ListingPriceUpdated(collection, tokenId, price);
    }

    /// @notice Cancels the caller's listing.
    function cancel(address collection, uint256 tokenId) external {
        if (_listings[collection][tokenId].seller != msg.sender) revert ListingNotFound(collection, tokenId);
        delete _listings[collection][tokenId];
        emit ListingCancelled(collection, tokenId);
    }

    /// @notice Buys a listed token, paying at most `maxPrice` (ETH: send exactly the price).
    function buy(address collection, uint256 tokenId, uint256 maxPrice) external payable nonReentrant {
        Listing memory listing = _listings[collection][tokenId];
        if (listing.seller == address(0)) revert ListingNotFound(collection, tokenId);
        delete _listings[collection][tokenId];
        _settle(collection, tokenId, listing.seller, msg.sender, listing.mesi, listing.price, maxPrice);
    }

    /// @notice Buys a $MESI listing, approving the marketplace with an EIP-2612 permit in the same call.
    function buyWithPermit(
        address collection,
        uint256 tokenId,
        uint256 maxPrice,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        // A front-run permit must not block the purchase: the allowance is what matters.
        try
            IERC20Permit(address(mesi)).permit(msg.sender, address(this), maxPrice, deadline, v, r, s)
        {} catch {}
        Listing memory listing = _listings[collection][tokenId];
        if (listing.seller == address(0) || !listing.mesi) revert ListingNotFound(collection, tokenId);
        delete _listings[collection][tokenId];
        _settle(collection, tokenId, listing.seller, msg.sender, true, listing.price, maxPrice);
    }

    /// @notice Buys through a seller's EIP-712 signed listing.
    function buySigned(
        SignedListing calldata sl,
        bytes calldata signature,
        uint256 maxPrice
    ) external payable nonReentrant {
        if (
            block.timestamp > sl.deadline ||
            sl.counter != counterOf[sl.seller] ||
            _nonceUsed(sl.seller, sl.nonce)
        ) {
            revert SignedListingVoid();
        }
        if (!SignatureChecker.isValidSignatureNow(sl.seller, hashListing(sl), signature))
            revert InvalidSignature();
        _usedNonces[sl.seller][sl.nonce >> 8] |= 1 << (sl.nonce & 0xff);
        _settle(sl.collection, sl.tokenId, sl.seller, msg.sender, sl.mesi, sl.price, maxPrice);
    }

    /// @notice Cancels signed listings by nonce.
    function cancelNonces(uint256[] calldata nonces) external {
        for (uint256 i; i < nonces.length; ++i)
            _usedNonces[msg.sender][nonces[i] >> 8] |= 1 << (nonces[i] & 0xff);
        emit NoncesCancelled(msg.sender, nonces);
    }

    /// @notice Cancels every signed listing of the caller at once.
    function incrementCounter() external {
        emit CounterIncremented(msg.sender, ++counterOf[msg.sender]);
    }

    // ---------------------------------------------------------------- offers

    /// @notice Bids `amount` $MESI on a token until `expiry` (keep the allowance to this marketplace).
    function makeOffer(address collection, uint256 tokenId, uint128 amount, uint40 expiry) external {
        if (!allowedCollection(collection)) revert CollectionNotAllowed(collection);
        if (amount == 0 || expiry <= block.timestamp) revert InvalidPrice();
        _offers[collection][tokenId][msg.sender] = Offer(amount, expiry);
        emit OfferMade(collection, tokenId, msg.sender, amount, expiry);
    }

    /// @notice Withdraws the caller's bid.
    function cancelOffer(address collection, uint256 tokenId) external {
        if (_offers[collection][tokenId][msg.sender].amount == 0)
            revert OfferNotFound(collection, tokenId, msg.sender);
        delete _offers[collection][tokenId][msg.sender];
        emit OfferCancelled(collection, tokenId, msg.sender);
    }

    /// @notice The token's owner accepts `bidder`'s bid of at least `minAmount`.
    function acceptOffer(
        address collection,
        uint256 tokenId,
        address bidder,
        uint256 minAmount
    ) external nonReentrant {
        Offer memory o = _offers[collection][tokenId][bidder];
        if (o.amount == 0 || block.timestamp > o.expiry) revert OfferNotFound(collection, tokenId, bidder);
        if (o.amount < minAmount) revert PriceAboveMax(minAmount, o.amount);
        delete _offers[collection][tokenId][bidder];
        delete _listings[collection][tokenId];
        _settle(collection, tokenId, msg.sender, bidder, true, o.amount, o.amount);
    }

    // ---------------------------------------------------------------- payouts

    /// @notice Withdraws the caller's accrued credit in `currency` (address(0) = ETH).
    function withdrawCredit(address currency) external nonReentrant {
        uint256 amount = creditOf[msg.sender][currency];
        if (amount == 0) revert NothingToWithdraw();
        creditOf[msg.sender][currency] = 0;
        emit CreditWithdrawn(msg.sender, currency, amount);
        if (currency == address(0)) _sendEth(msg.sender, amount);
        else IERC20(currency).safeTransfer(msg.sender, amount);
    }

    /// @notice Anyone: sends accrued $MESI fees to the revenue pool and ETH fees to the treasury.
    function sweepFees() external nonReentrant {
        (uint256 m, uint256 e) = (_mesiFees, ethFees);
        _mesiFees = 0;
        ethFees = 0;
        emit FeesSwept(m, e);
        if (m != 0) distributor.fund(m);
        if (e != 0) _sendEth(treasury, e);
    }

    // ---------------------------------------------------------------- admin

    /// @notice Admin: allows or disallows a collection.
    function setCollectionAllowed(address collection, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (collection == address(ticket)) _ticketAllowed = allowed;
        else _allowedCollection[collection] = allowed;
        emit CollectionAllowed(collection, allowed);
    }

    /// @notice Admin: sets the platform fee (≤ MAX_FEE_BPS).
    function setFee(uint16 feeBps_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_);
        feeBps = feeBps_;
        emit FeeSet(feeBps_);
    }

    // ---------------------------------------------------------------- views

    /// @notice Accrued, not yet swept $MESI fees.
    function mesiFees() external view returns (uint240) {
        return _mesiFees;
    }

    /// @notice True if `collection` may be listed and traded.
    function allowedCollection(address collection) public view returns (bool) {
        return collection == address(ticket) ? _ticketAllowed : _allowedCollection[collection];
    }

    /// @notice The live listing of a token (zero seller if none or if the token moved).
    function listingOf(address collection, uint256 tokenId) external view returns (Listing memory listing) {
        listing = _listings[collection][tokenId];
        if (listing.seller != address(0) && IERC721(collection).ownerOf(tokenId) != listing.seller)
            delete listing;
    }

    /// @notice A bid.
    function offerOf(
        address collection,
        uint256 tokenId,
        address bidder
    ) external view returns (Offer memory) {
        return _offers[collection][tokenId][bidder];
    }

    /// @notice True if a signed-listing nonce of `seller` was used or cancelled.
    function isNonceUsed(address seller, uint256 nonce) external view returns (bool) {
        return _nonceUsed(seller, nonce);
    }

    /// @notice The EIP-712 digest a seller signs for a listing.
    function hashListing(SignedListing calldata sl) public view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        LISTING_TYPEHASH,
                        sl.seller,
                        sl.collection,
                        sl.tokenId,
                        sl.mesi,
                        sl.price,
                        sl.nonce,
                        sl.counter,
                        sl.deadline
                    )
                )
            );
    }

    // ---------------------------------------------------------------- internals

    /// @dev Every sale path ends here: checks, then effects, then the transfers.
    function _settle(
        address collection,
        uint256 tokenId,
        address seller,
        address buyer,
        bool inMesi,
        uint256 price,
        uint256 maxPrice
    ) private {
        if (price > maxPrice) revert PriceAboveMax(price, maxPrice);
        // Approval is not re-checked here: the NFT transfer below reverts without it.
        (address royaltyReceiver, uint256 royalty) = _checkSale(collection, tokenId, seller, price);
        uint256 fee = (price * feeBps) / 10_000;
        uint256 proceeds = price - fee - royalty;

        if (inMesi) {
            if (msg.value != 0) revert WrongValue(msg.value, 0);
            _mesiFees += uint232(fee);
            if (royalty != 0) creditOf[royaltyReceiver][address(mesi)] += royalty;
            emit Sale(
                collection,
                tokenId,
                buyer,
                seller,
                address(mesi),
                price,
                fee,
                royaltyReceiver,
                royalty
            );
            // One pull of the whole price, then the seller's share out: the buyer's allowance
            // and balance are each written once.
            mesi.safeTransferFrom(buyer, address(this), price);
            if (proceeds != 0) mesi.safeTransfer(seller, proceeds);
        } else {
            if (msg.value != price) revert WrongValue(msg.value, price);
            ethFees += fee;
            if (royalty != 0) creditOf[royaltyReceiver][address(0)] += royalty;
            emit Sale(collection, tokenId, buyer, seller, address(0), price, fee, royaltyReceiver, royalty);
        }
        IERC721(collection).safeTransferFrom(seller, buyer, tokenId);
        if (!inMesi) _tryPayOut(seller, proceeds);
    }

    /// @dev Allowed collection, still owned by the seller (a moved token kills its listing),
    /// for tickets Active and not entered in a draw; returns the royalty on `price`, capped at
    /// MAX_ROYALTY_BPS. The ticket collection answers all of it in one call (`saleInfo`).
    function _checkSale(
        address collection,
        uint256 tokenId,
        address seller,
        uint256 price
    ) private view returns (address receiver, uint256 royalty) {
        if (collection == address(ticket)) {
            if (!_ticketAllowed) revert CollectionNotAllowed(collection);
            address owner;
            bool tradeable;
            (owner, tradeable, receiver, royalty) = ticket.saleInfo(tokenId, price);
            if (!tradeable) revert NotTradeable(collection, tokenId);
            if (owner != seller) revert NotOwnerOrNotApproved(collection, tokenId);
        } else {
            if (!_allowedCollection[collection]) revert CollectionNotAllowed(collection);
            if (IERC721(collection).ownerOf(tokenId) != seller)
                revert NotOwnerOrNotApproved(collection, tokenId);
            try IERC2981(collection).royaltyInfo(tokenId, price) returns (address r, uint256 amount) {
                (receiver, royalty) = (r, amount);
            } catch {}
        }
        uint256 cap = (price * MAX_ROYALTY_BPS) / 10_000;
        if (receiver == address(0)) royalty = 0;
        else if (royalty > cap) royalty = cap;
    }

    /// @dev Pays the seller now if it accepts ETH with bounded gas; a seller that refuses ETH
    /// cannot block its own sale: the proceeds are credited for a later pull instead.
    function _tryPayOut(address seller, uint256 amount) private {
        if (amount == 0) return;
        (bool ok, ) = seller.call{value: amount, gas: 30_000}("");
        if (!ok) creditOf[seller][address(0)] += amount;
    }

    function _sendEth(address to, uint256 amount) private {
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert EthTransferFailed(to);
    }

    function _nonceUsed(address seller, uint256 nonce) private view returns (bool) {
        return _usedNonces[seller][nonce >> 8] & (1 << (nonce & 0xff)) != 0;
    }
}
