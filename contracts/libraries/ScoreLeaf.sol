// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ScoreLeaf
/// @notice The one Solidity definition of a score leaf; its TypeScript twin is abi/src/leaf.ts.
/// @dev leaf = keccak256(bytes.concat(keccak256(abi.encode(chainId, scoreOracle, kind, epoch,
/// subject, score, salt)))): OpenZeppelin StandardMerkleTree's double hashing, so a leaf can
/// never be confused with an inner node. Binding chain id, contract, kind and epoch makes a
/// proof valid for exactly one commitment.
library ScoreLeaf {
    /// @notice Training Quality Score: public, basis points 0..10,000, salt zero.
    uint8 internal constant TQS = 0;
    /// @notice User Score (engagement value of a participant): salted.
    uint8 internal constant USER = 1;
    /// @notice NFT Score: salted, subject = keccak256(abi.encode(collection, tokenId)).
    uint8 internal constant NFT = 2;
    /// @notice Gallery Score of a creator: salted.
    uint8 internal constant GALLERY = 3;
    /// @notice Number of score kinds.
    uint8 internal constant KIND_COUNT = 4;

    /// @notice The double-hashed leaf for one score.
    function hash(
        address scoreOracle,
        uint8 kind,
        uint64 epoch,
        bytes32 subject,
        uint256 score,
        bytes32 salt
    ) internal view returns (bytes32) {
        return
            keccak256(
                bytes.concat(
                    keccak256(abi.encode(block.chainid, scoreOracle, kind, epoch, subject, score, salt))
                )
            );
    }

    /// @notice Subject of a TQS, USER or GALLERY leaf: the account, left-padded.
    function accountSubject(address account) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(account)));
    }

    /// @notice Subject of an NFT leaf.
    function nftSubject(address collection, uint256 tokenId) internal pure returns (bytes32) {
        return keccak256(abi.encode(collection, tokenId));
    }
}
