// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ITicketMarketplace} from "../interfaces/ITicketMarketplace.sol";
import {IMarketCollection} from "../interfaces/IMarketCollection.sol";
import {ITicket} from "../interfaces/ITicket.sol";
import {IRevenueDistributor} from "../interfaces/IRevenueDistributor.sol";

/// @title TicketMarketplace
/// @notice Lists and sells tickets and gallery NFTs. Funds never rest here except accrued
/// fees and credits, each of which has a withdrawal path: royalties and ETH a receiver refuses
/// (sale proceeds, the treasury's fees) are credited for a pull, $MESI fees are swept into the
/// revenue pool. A listing names the token's trade version and dies for good when it moves on.
contract TicketMarketplace is ITicketMarketplace, AccessControl, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Highest platform fee (10%).
    uint16 public constant MAX_FEE_BPS = 1_000;
    /// @notice Highest royalty honoured (10%); a larger rate is capped.
    uint256 public constant MAX_ROYALTY_BPS = 1_000;
    /// @notice Gas a seller's ETH proceeds may use before they are credited instead.
    uint256 public constant SELLER_GAS = 30_000;
    /// @notice Gas the treasury's ETH fees may use before they are credited instead.
    uint256 public constant TREASURY_GAS = 100_000;
    /// @notice EIP-712 type hash of a signed listing.
    bytes32 public constant LISTING_TYPEHASH = keccak256(
        "Listing(address seller,address collection,uint256 tokenId,uint256 version,bool mesi,uint256 price,uint256 nonce,uint256 counter,uint256 deadline)"
    );

    /// @notice $MESI.
    IERC20 public immutable mesi;
    /// @notice The ticket collection (whose allow flag rides in the fee slot).
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
    /// @dev Listings by keccak256(collection, tokenId, trade version at listing): once the
    /// token's version moves on, its old listing is never looked up again.
    mapping(bytes32 key => Listing) private _listings;
    mapping(address collection => mapping(uint256 tokenId => mapping(address bidder => Offer)))
        private _offers;
    mapping(address seller => mapping(uint256 word => uint256 bits)) private _usedNonces;
    mapping(address seller => uint256) public counterOf;
    mapping(address account => mapping(address currency => uint256)) public creditOf;

    /// @dev What a collection answers about a token before a sale (IMarketCollection.saleInfo).
    struct TokenSale {
        address owner;
        bool tradeable;
        uint256 version;
        address royaltyReceiver;
        uint256 royaltyBps;
    }

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

    /// @notice Lists a token the caller owns and approved to this marketplace, at its current
    /// trade version (`price` ≤ 2^88 − 1).
    function list(address collection, uint256 tokenId, bool inMesi, uint256 price) external {
        TokenSale memory s = _saleOf(collection, tokenId);
        _checkSeller(collection, tokenId, s, msg.sender);
        IERC721 nft = IERC721(collection);
        if (nft.getApproved(tokenId) != address(this) && !nft.isApprovedForAll(msg.sender, address(this))) {
            revert NotOwnerOrNotApproved(collection, tokenId);
        }
        _checkPrice(price);
        _listings[_listingKey(collection, tokenId, s.version)] = Listing(msg.sender, uint88(price), inMesi);
        emit Listed(collection, tokenId, msg.sender, inMesi, price, s.version);
    }

    /// @notice Changes the price of the caller's live listing.
    function updatePrice(address collection, uint256 tokenId, uint256 price) external {
        Listing storage listing = _listings[_liveKey(collection, tokenId)];
        if (listing.seller != msg.sender) revert ListingNotFound(collection, tokenId);
        _checkPrice(price);
        listing.price = uint88(price);
        emit ListingPriceUpdated(collection, tokenId, price);
    }

    /// @notice Cancels the caller's live listing.
    function cancel(address collection, uint256 tokenId) external {
        bytes32 key = _liveKey(collection, tokenId);
        if (_listings[key].seller != msg.sender) revert ListingNotFound(collection, tokenId);
        delete _listings[key];
        emit ListingCancelled(collection, tokenId);
    }

    /// @notice Buys a listed token, paying at most `maxPrice` (ETH: send exactly the price).
    function buy(address collection, uint256 tokenId, uint256 maxPrice) external payable nonReentrant {
        _buyListed(collection, tokenId, maxPrice, false);
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
        _buyListed(collection, tokenId, maxPrice, true);
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
        _checkPrice(sl.price);
        if (!SignatureChecker.isValidSignatureNow(sl.seller, hashListing(sl), signature))
            revert InvalidSignature();
        TokenSale memory s = _saleOf(sl.collection, sl.tokenId);
        // The token moved (or a ticket entered a draw) since the seller signed: void for good.
        if (s.version != sl.version) revert SignedListingVoid();
        _usedNonces[sl.seller][sl.nonce >> 8] |= 1 << (sl.nonce & 0xff);
        _settle(sl.collection, sl.tokenId, s, sl.seller, msg.sender, sl.mesi, sl.price, maxPrice);
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

    /// @notice Bids `amount` (≤ 2^88 − 1) $MESI on a token until `expiry` (keep the allowance to
    /// this marketplace).
    function makeOffer(address collection, uint256 tokenId, uint128 amount, uint40 expiry) external {
        if (!allowedCollection(collection)) revert CollectionNotAllowed(collection);
        if (expiry <= block.timestamp) revert InvalidPrice();
        _checkPrice(amount);
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
        // The sale moves the token, which kills any listing of it (its version moves on).
        _settle(
            collection,
            tokenId,
            _saleOf(collection, tokenId),
            msg.sender,
            bidder,
            true,
            o.amount,
            o.amount
        );
    }

    // ---------------------------------------------------------------- payouts

    /// @notice Withdraws the caller's accrued credit in `currency` (address(0) = ETH).
    function withdrawCredit(address currency) external nonReentrant {
        _withdrawCredit(currency, msg.sender);
    }

    /// @notice Withdraws the caller's accrued credit in `currency` to `to` (e.g. a contract that
    /// cannot receive ETH sends it to an account that can).
    function withdrawCreditTo(address currency, address to) external nonReentrant {
        if (to == address(0)) revert InvalidRecipient();
        _withdrawCredit(currency, to);
    }

    /// @notice Anyone: sends accrued $MESI fees to the revenue pool and ETH fees to the
    /// treasury; if the treasury refuses ETH, the ETH is credited to it instead, so it never
    /// blocks the $MESI sweep.
    function sweepFees() external nonReentrant {
        (uint256 m, uint256 e) = (_mesiFees, ethFees);
        _mesiFees = 0;
        ethFees = 0;
        emit FeesSwept(m, e);
        if (m != 0) distributor.fund(m);
        if (e != 0) _payOrCredit(treasury, e, TREASURY_GAS);
    }

    // ---------------------------------------------------------------- admin

    /// @notice Admin (the timelock): allows or disallows a collection; allowing needs
    /// IMarketCollection, so that its listings die when its tokens move.
    function setCollectionAllowed(address collection, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (allowed && !_supportsMarket(collection)) revert CollectionUnsupported(collection);
        if (collection == address(ticket)) _ticketAllowed = allowed;
        else _allowedCollection[collection] = allowed;
        emit CollectionAllowed(collection, allowed);
    }

    /// @notice Admin (the timelock): sets the platform fee (≤ MAX_FEE_BPS).
    function setFee(uint16 feeBps_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_);
        feeBps = feeBps_;
        emit FeeSet(feeBps_);
    }

    // ---------------------------------------------------------------- views

    /// @notice Accrued, not yet swept $MESI fees.
    function mesiFees() external view returns (uint256) {
        return _mesiFees;
    }

    /// @notice True if `collection` may be listed and traded.
    function allowedCollection(address collection) public view returns (bool) {
        return collection == address(ticket) ? _ticketAllowed : _allowedCollection[collection];
    }

    /// @notice The live listing of a token: the one made at its current trade version by its
    /// current owner (zero seller if none).
    function listingOf(address collection, uint256 tokenId) external view returns (Listing memory listing) {
        (address owner, , uint256 version, , ) = IMarketCollection(collection).saleInfo(tokenId);
        listing = _listings[_listingKey(collection, tokenId, version)];
        if (listing.seller != owner) delete listing;
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
                        sl.version,
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

    /// @dev The live on-chain listing of a token (at its current version), bought and removed.
    function _buyListed(address collection, uint256 tokenId, uint256 maxPrice, bool mesiOnly) private {
        TokenSale memory s = _saleOf(collection, tokenId);
        bytes32 key = _listingKey(collection, tokenId, s.version);
        Listing memory listing = _listings[key];
        if (listing.seller == address(0) || (mesiOnly && !listing.mesi))
            revert ListingNotFound(collection, tokenId);
        delete _listings[key];
        _settle(collection, tokenId, s, listing.seller, msg.sender, listing.mesi, listing.price, maxPrice);
    }

    /// @dev Every sale path ends here: checks, then effects, then the transfers.
    function _settle(
        address collection,
        uint256 tokenId,
        TokenSale memory s,
        address seller,
        address buyer,
        bool inMesi,
        uint256 price,
        uint256 maxPrice
    ) private {
        if (price > maxPrice) revert PriceAboveMax(price, maxPrice);
        // Approval is not re-checked here: the NFT transfer below reverts without it.
        _checkSeller(collection, tokenId, s, seller);
        // A royalty is capped at MAX_ROYALTY_BPS and owed only to a real receiver.
        uint256 royaltyBps = s.royaltyBps > MAX_ROYALTY_BPS ? MAX_ROYALTY_BPS : s.royaltyBps;
        address royaltyReceiver = s.royaltyReceiver;
        uint256 royalty = royaltyReceiver == address(0) ? 0 : (price * royaltyBps) / 10_000;
        uint256 fee = (price * feeBps) / 10_000;
        uint256 proceeds = price - fee - royalty;

        if (inMesi) {
            if (msg.value != 0) revert WrongValue(msg.value, 0);
            // price < 2^88, so fee < 2^88: the cast is exact.
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
        // A seller that refuses ETH cannot block its own sale: its proceeds are credited.
        if (!inMesi && proceeds != 0) _payOrCredit(seller, proceeds, SELLER_GAS);
    }

    /// @dev The collection's answer for a token, after the allow-list check.
    function _saleOf(address collection, uint256 tokenId) private view returns (TokenSale memory s) {
        if (!allowedCollection(collection)) revert CollectionNotAllowed(collection);
        (s.owner, s.tradeable, s.version, s.royaltyReceiver, s.royaltyBps) = IMarketCollection(collection)
            .saleInfo(tokenId);
    }

    /// @dev The seller still owns the token, and a ticket is Active and not entered.
    function _checkSeller(
        address collection,
        uint256 tokenId,
        TokenSale memory s,
        address seller
    ) private pure {
        if (!s.tradeable) revert NotTradeable(collection, tokenId);
        if (s.owner != seller) revert NotOwnerOrNotApproved(collection, tokenId);
    }

    function _checkPrice(uint256 price) private pure {
        if (price == 0 || price > type(uint88).max) revert InvalidPrice();
    }

    function _liveKey(address collection, uint256 tokenId) private view returns (bytes32) {
        return _listingKey(collection, tokenId, IMarketCollection(collection).tradeVersion(tokenId));
    }

    function _listingKey(
        address collection,
        uint256 tokenId,
        uint256 version
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(collection, tokenId, version));
    }

    function _supportsMarket(address collection) private view returns (bool) {
        try IERC165(collection).supportsInterface(type(IMarketCollection).interfaceId) returns (bool ok) {
            return ok;
        } catch {
            return false;
        }
    }

    function _withdrawCredit(address currency, address to) private {
        uint256 amount = creditOf[msg.sender][currency];
        if (amount == 0) revert NothingToWithdraw();
        creditOf[msg.sender][currency] = 0;
        emit CreditWithdrawn(msg.sender, to, currency, amount);
        if (currency == address(0)) _sendEth(to, amount);
        else IERC20(currency).safeTransfer(to, amount);
    }

    /// @dev Pays `to` now if it accepts ETH within `gasLimit`; otherwise credits it for a pull.
    function _payOrCredit(address to, uint256 amount, uint256 gasLimit) private {
        (bool ok, ) = to.call{value: amount, gas: gasLimit}("");
        if (!ok) {
            creditOf[to][address(0)] += amount;
            emit EthCredited(to, amount);
        }
    }

    function _sendEth(address to, uint256 amount) private {
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert EthTransferFailed(to);
    }

    function _nonceUsed(address seller, uint256 nonce) private view returns (bool) {
        return _usedNonces[seller][nonce >> 8] & (1 << (nonce & 0xff)) != 0;
    }
}
