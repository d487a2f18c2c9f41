// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MesiToken} from "../core/MesiToken.sol";
import {ParticipantRegistry} from "../core/ParticipantRegistry.sol";
import {ScoreOracle} from "../core/ScoreOracle.sol";
import {VestingVault} from "../economy/VestingVault.sol";
import {RevenueDistributor} from "../economy/RevenueDistributor.sol";
import {IVestingVault} from "../interfaces/IVestingVault.sol";
import {IScoreOracle} from "../interfaces/IScoreOracle.sol";
import {IRevenueDistributor} from "../interfaces/IRevenueDistributor.sol";
import {Roles} from "../libraries/Roles.sol";
import {EconomyRoles} from "../libraries/EconomyRoles.sol";
import {ScoreLeaf} from "../libraries/ScoreLeaf.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleBuilder} from "./MerkleBuilder.sol";
import {TestBase} from "./Vm.sol";
import {OracleFixture} from "./OracleFixture.sol";

/// @notice Random sequences of vesting actions: grants, self-locks, releases, revocations, time.
contract VaultHandler is TestBase {
    MesiToken internal immutable token;
    VestingVault internal immutable vault;
    ParticipantRegistry internal immutable registry;
    address[4] internal people = [address(0xA1), address(0xA2), address(0xA3), address(0xA4)];
    uint256 public granted;
    uint256 public released;

    constructor(MesiToken token_, VestingVault vault_, ParticipantRegistry registry_) {
        token = token_;
        vault = vault_;
        registry = registry_;
        token.approve(address(vault), type(uint256).max);
        for (uint256 i; i < 4; ++i) {
            token.transfer(people[i], 1e24);
            vm.prank(people[i]);
            token.approve(address(vault), type(uint256).max);
        }
    }

    function grant(uint256 who, uint96 amount, uint32 cliff, uint32 duration, bool revocable) external {
        amount = uint96(bound(amount, 1, 1e22));
        duration = uint32(bound(duration, 0, 400 days));
        cliff = uint32(bound(cliff, 0, duration));
        IVestingVault.Grant[] memory g = new IVestingVault.Grant[](1);
        g[0] = IVestingVault.Grant(
            people[who % 4],
            amount,
            uint40(block.timestamp),
            cliff,
            duration,
            revocable
        );
        vault.createSchedules(g);
        granted += amount;
    }

    function selfLock(uint256 who, uint96 amount, uint32 span) external {
        amount = uint96(bound(amount, 1, 1e22));
        vm.prank(people[who % 4]);
        vault.lock(amount, uint40(block.timestamp + bound(span, 1, 400 days)));
        granted += amount;
    }

    function release(uint256 who, uint256 nonce) external {
        address b = people[who % 4];
        uint256 n = vault.nextNonce();
        if (n == 0) return;
        uint256[] memory nonces = new uint256[](1);
        nonces[0] = nonce % n;
        uint256 before = token.balanceOf(b);
        try vault.release(b, nonces) {
            released += token.balanceOf(b) - before;
        } catch {}
    }

    function revoke(uint256 who, uint256 nonce) external {
        address b = people[who % 4];
        uint256 n = vault.nextNonce();
        if (n == 0) return;
        address[] memory flagged = new address[](1);
        flagged[0] = b;
        registry.setExclusions(flagged, true, "fraud");
        uint256 vaultBefore = token.balanceOf(address(vault));
        try vault.revoke(b, nonce % n, "fraud") {
            granted -= vaultBefore - token.balanceOf(address(vault)); // the unvested part left the vault
        } catch {}
    }

    function warp(uint32 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 60 days));
    }
}

/// @notice Random revenue claims, fundings, roll-overs and time over a fixed GALLERY epoch.
contract RevenueHandler is TestBase {
    MesiToken internal immutable token;
    RevenueDistributor internal immutable distributor;
    uint64 internal immutable epoch;
    bytes32[] internal leaves;
    uint256[] internal scores;
    bytes32[] internal salts;
    address[] internal creators;
    uint256 public claimedSum;
    /// @notice Set if a claim ever paid anything but ⌊pool × score / the signed total⌋.
    bool public wrongShare;

    constructor(
        MesiToken token_,
        RevenueDistributor distributor_,
        uint64 epoch_,
        address[] memory creators_,
        uint256[] memory scores_,
        bytes32[] memory salts_,
        bytes32[] memory leaves_
    ) {
        token = token_;
        distributor = distributor_;
        epoch = epoch_;
        creators = creators_;
        scores = scores_;
        salts = salts_;
        leaves = leaves_;
    }

    function claim(uint256 who) external {
        uint256 i = who % creators.length;
        IRevenueDistributor.Pool memory p = distributor.pool(epoch);
        uint256 before = token.balanceOf(address(distributor));
        vm.prank(creators[i]);
        try distributor.claim(epoch, scores[i], salts[i], MerkleBuilder.proof(leaves, i)) {
            uint256 paid = before - token.balanceOf(address(distributor));
            claimedSum += paid;
            if (paid != Math.mulDiv(p.amount, scores[i], p.totalScore)) wrongShare = true;
        } catch {}
    }

    function rollOver() external {
        try distributor.rollOver(epoch) {} catch {}
    }

    function warp(uint32 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 10 days));
    }
}

/// @notice Invariants of vesting and revenue (issues 3 and 8), checked after every random call
/// sequence; the marketplace's are in MarketInvariants.t.sol.
// solhint-disable reentrancy
contract EconomyInvariantsTest is OracleFixture {
    uint256 internal constant SIGNER_KEY = 0xB0B;
    MesiToken internal token;
    ParticipantRegistry internal registry;
    ScoreOracle internal oracle;
    VestingVault internal vault;
    RevenueDistributor internal distributor;
    VaultHandler internal vaultHandler;
    RevenueHandler internal revenueHandler;
    uint64 internal constant EPOCH = 1;
    uint256 internal poolAmount;
    uint256 internal signedTotal;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new MesiToken(address(this), type(uint96).max); // the most MesiToken can hold
        registry = new ParticipantRegistry(address(this));
        oracle = new ScoreOracle(address(this), 1, 1 hours);
        vault = new VestingVault(address(this), token, registry, address(0xC1A));
        distributor = new RevenueDistributor(address(this), token, oracle, vault, 1e18, 0, 30 days, 20 days);
        oracle.grantRole(Roles.ORACLE_SIGNER_ROLE, vm.addr(SIGNER_KEY));
        distributor.grantRole(Roles.ORACLE_ROLE, address(this));
        vault.grantRole(EconomyRoles.GRANTOR_ROLE, address(distributor));

        token.transfer(_nextAddress(), 1e27); // the handler's constructor hands tokens out
        vaultHandler = new VaultHandler(token, vault, registry);
        vault.grantRole(EconomyRoles.GRANTOR_ROLE, address(vaultHandler));
        vault.grantRole(EconomyRoles.REVOKER_ROLE, address(vaultHandler));
        registry.grantRole(Roles.ORACLE_ROLE, address(vaultHandler));
        revenueHandler = _deployRevenueHandler();
    }

    function _nextAddress() internal view returns (address) {
        return vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
    }

    function _deployRevenueHandler() internal returns (RevenueHandler h) {
        address[] memory creators = new address[](6);
        uint256[] memory scores = new uint256[](6);
        bytes32[] memory salts = new bytes32[](6);
        bytes32[] memory leaves = new bytes32[](6);
        uint256 total;
        for (uint256 i; i < 6; ++i) {
            creators[i] = address(uint160(0xC00 + i));
            // Large scores (Σ below 2^103): the share's full-precision product must still round down.
            scores[i] = 1 + (uint256(keccak256(abi.encode(i))) % 2 ** 100);
            salts[i] = keccak256(abi.encode("salt", i));
            leaves[i] = oracle.leafHash(
                ScoreLeaf.GALLERY,
                EPOCH,
                ScoreLeaf.accountSubject(creators[i]),
                scores[i],
                salts[i]
            );
            total += scores[i];
        }
        // The signers sign Σ scores with the root.
        _publishFinal(
            oracle,
            SIGNER_KEY,
            _commitment(ScoreLeaf.GALLERY, EPOCH, MerkleBuilder.root(leaves), 6, total)
        );
        poolAmount = 1_000_003e18 + 7; // an awkward amount: rounding must still never overpay
        token.approve(address(distributor), poolAmount);
        distributor.fund(poolAmount);
        // The oracle key names only the epoch: the pool divides by the total the signer signed.
        distributor.openPool(EPOCH);
        signedTotal = total;
        h = new RevenueHandler(token, distributor, EPOCH, creators, scores, salts, leaves);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](2);
        targets[0] = address(vaultHandler);
        targets[1] = address(revenueHandler);
    }

    /// @notice Σ released ≤ Σ granted, and the vault holds exactly what is granted and unreleased.
    function invariant_vaultReleasedNeverExceedsGranted() public view {
        assertTrue(vaultHandler.released() <= vaultHandler.granted(), "released <= granted");
        assertTrue(
            token.balanceOf(address(vault)) ==
                vaultHandler.granted() - vaultHandler.released() + _vaultFromDistributor(),
            "vault solvent"
        );
    }

    /// @notice Σ revenue claims ≤ pool, and the distributor can pay what is left.
    function invariant_revenueClaimsNeverExceedPool() public view {
        IRevenueDistributor.Pool memory p = distributor.pool(EPOCH);
        assertTrue(p.claimed <= p.amount, "claimed <= pool");
        assertTrue(revenueHandler.claimedSum() <= poolAmount, "paid <= pool");
        assertTrue(
            token.balanceOf(address(distributor)) >= (p.amount - p.claimed) * (p.rolledOver ? 0 : 1),
            "solvent"
        );
    }

    /// @notice The pool divides by the signed Σ scores, and every claim, in whatever order, is
    /// exactly ⌊pool × score / that total⌋ (so Σ claims ≤ pool without the cap ever binding).
    function invariant_revenueShareIsScoreOverSignedTotal() public view {
        assertTrue(distributor.pool(EPOCH).totalScore == signedTotal, "pool total = signed total");
        assertTrue(oracle.epochInfo(ScoreLeaf.GALLERY, EPOCH).totalScore == signedTotal, "stored total");
        assertTrue(!revenueHandler.wrongShare(), "claim = pool x score / signed total");
    }

    function _vaultFromDistributor() internal view returns (uint256 vested) {
        // Claims above 1 MESI vest in the vault: count them as granted there too.
        return revenueHandler.claimedSum() - _directRevenue();
    }

    function _directRevenue() internal view returns (uint256 sum) {
        for (uint160 i = 0xC00; i < 0xC06; ++i) sum += token.balanceOf(address(i));
    }
}

/// @notice One GALLERY epoch with random scores, claimed by every creator in a random order:
/// each claim is ⌊pool × score / the signed total⌋, Σ claims ≤ pool and less than one token unit
/// per creator stays behind; a signature over another total never publishes.
// solhint-disable reentrancy
contract RevenueFuzzTest is OracleFixture {
    uint256 internal constant SIGNER_KEY = 0xB0B;
    uint64 internal constant EPOCH = 1;
    MesiToken internal token;
    ScoreOracle internal oracle;
    RevenueDistributor internal distributor;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new MesiToken(address(this), type(uint96).max);
        ParticipantRegistry registry = new ParticipantRegistry(address(this));
        oracle = new ScoreOracle(address(this), 1, 1 hours);
        VestingVault vault = new VestingVault(address(this), token, registry, address(0xC1A));
        distributor = new RevenueDistributor(address(this), token, oracle, vault, 1e18, 0, 30 days, 20 days);
        oracle.grantRole(Roles.ORACLE_SIGNER_ROLE, vm.addr(SIGNER_KEY));
        distributor.grantRole(Roles.ORACLE_ROLE, address(this));
        vault.grantRole(EconomyRoles.GRANTOR_ROLE, address(distributor));
    }

    /// @dev 0..n-1 in a random order (Fisher–Yates over `seed`).
    function _shuffled(uint256 n, uint256 seed) internal pure returns (uint256[] memory order) {
        order = new uint256[](n);
        for (uint256 i; i < n; ++i) order[i] = i;
        for (uint256 i = n; i > 1; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, "order", i))) % i;
            (order[i - 1], order[j]) = (order[j], order[i - 1]);
        }
    }

    function testFuzz_anyClaimOrderPaysScoreOverSignedTotal(
        uint8 nRaw,
        uint256 seed,
        uint128 amountRaw
    ) public {
        uint256 n = bound(nRaw, 1, 16);
        uint256 amount = bound(amountRaw, 1, 1e27);
        address[] memory creators = new address[](n);
        uint256[] memory scores = new uint256[](n);
        bytes32[] memory salts = new bytes32[](n);
        bytes32[] memory leaves = new bytes32[](n);
        uint256 total;
        for (uint256 i; i < n; ++i) {
            creators[i] = address(uint160(0xC00 + i));
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            // Some zero scores, some tiny, some up to 2^96: Σ stays below 2^104.
            scores[i] = r % 4 == 0 ? 0 : (r >> 8) % (r % 4 == 1 ? 1000 : 2 ** 96);
            if (i == 0 && scores[i] == 0) scores[i] = 1;
            salts[i] = keccak256(abi.encode("salt", seed, i));
            leaves[i] = oracle.leafHash(
                ScoreLeaf.GALLERY,
                EPOCH,
                ScoreLeaf.accountSubject(creators[i]),
                scores[i],
                salts[i]
            );
            total += scores[i];
        }
        bytes32 root = MerkleBuilder.root(leaves);
        _publishFinal(oracle, SIGNER_KEY, _commitment(ScoreLeaf.GALLERY, EPOCH, root, uint64(n), total));
        token.approve(address(distributor), amount);
        distributor.fund(amount);
        distributor.openPool(EPOCH);
        assertTrue(distributor.pool(EPOCH).totalScore == total, "pool total = signed total");

        uint256[] memory order = _shuffled(n, seed);
        uint256 paid;
        for (uint256 k; k < n; ++k) {
            uint256 i = order[k];
            uint256 before = token.balanceOf(address(distributor));
            vm.prank(creators[i]);
            distributor.claim(EPOCH, scores[i], salts[i], MerkleBuilder.proof(leaves, i));
            uint256 got = before - token.balanceOf(address(distributor));
            assertTrue(got == Math.mulDiv(amount, scores[i], total), "claim = pool x score / signed total");
            paid += got;
        }
        assertTrue(paid <= amount, "sum of claims <= pool");
        assertTrue(amount - paid < n, "only rounding stays behind");
    }

    function testFuzz_aSignatureOverAnotherTotalIsRefused(uint256 signedRaw, uint256 sentRaw) public {
        uint256 signed = bound(signedRaw, 0, oracle.MAX_TOTAL_SCORE());
        uint256 sent = bound(sentRaw, 0, oracle.MAX_TOTAL_SCORE());
        vm.assume(signed != sent);
        IScoreOracle.Commitment memory c = _commitment(
            ScoreLeaf.GALLERY,
            EPOCH,
            keccak256("root"),
            3,
            signed
        );
        bytes[] memory sigs = _signed(oracle, SIGNER_KEY, c);
        c.totalScore = sent;
        // Over another total the signature recovers some other address, which holds no signer role.
        address other = ECDSA.recover(oracle.commitmentDigest(c), sigs[0]);
        assertTrue(other != vm.addr(SIGNER_KEY), "another signer");
        vm.expectRevert(abi.encodeWithSelector(IScoreOracle.SignerNotAuthorized.selector, other));
        oracle.publish(c, sigs);
        c.totalScore = signed;
        oracle.publish(c, sigs);
        assertTrue(
            oracle.epochInfo(ScoreLeaf.GALLERY, EPOCH).totalScore == signed,
            "the signed total is stored"
        );
    }
}
