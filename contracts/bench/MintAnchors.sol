// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721 as OZERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721 as SoladyERC721} from "solady/src/tokens/ERC721.sol";

/// @notice Benchmark anchor: OpenZeppelin ERC721 `_mint` doing the same batch mints as Ticket.
contract OZMintAnchor is OZERC721 {
    uint256 private _next = 1;

    constructor() OZERC721("OZ anchor", "OZA") {}

    function mintBatch(address[] calldata to) external {
        uint256 id = _next;
        for (uint256 i; i < to.length; ++i) _mint(to[i], id++);
        _next = id;
    }
}

/// @notice Benchmark anchor: Solady ERC721 `_mint` doing the same batch mints as Ticket.
contract SoladyMintAnchor is SoladyERC721 {
    uint256 private _next = 1;

    function name() public pure override returns (string memory) {
        return "Solady anchor";
    }

    function symbol() public pure override returns (string memory) {
        return "SOA";
    }

    function tokenURI(uint256) public pure override returns (string memory) {
        return "";
    }

    function mintBatch(address[] calldata to) external {
        uint256 id = _next;
        for (uint256 i; i < to.length; ++i) _mint(to[i], id++);
        _next = id;
    }
}
