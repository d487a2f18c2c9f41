// The steady states that `npm run bench:gas` measures and `npm run profile:gas` traces, written
// once so the profile always explains exactly the transaction the bench reports.
import path from "node:path";
import type { network } from "hardhat";
import { SimpleMerkleTree } from "@openzeppelin/merkle-tree";
import {
  encodePacked,
  keccak256,
  parseEther,
  toHex,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { Economy } from "../../test/helpers/economy.ts";
import { anchorPackage, readArtifact } from "./anchors.ts";

type Connection = Awaited<ReturnType<typeof network.create>>;

/** A bench account from a tag (its key is public: tests and benches only). */
export const benchAccount = (tag: string) => privateKeyToAccount(keccak256(toHex(tag)));

/**
 * A $MESI sale in steady state: a sale happened before (fee and royalty slots exist), the
 * seller already holds $MESI, the buyer holds no NFT yet. `ids[1]` (seller 1) is listed at
 * `price`; `ids[3]` is used up by the warm-up sale. Returns the measured purchase.
 */
export async function mesiSaleScenario(
  conn: Connection,
  f: Economy,
  sellers: Economy["users"],
  ids: readonly bigint[],
  price: bigint,
): Promise<() => Promise<Hash>> {
  const buyer = benchAccount("buyer-mesi");
  const warm = benchAccount("buyer-warm-up");
  for (const b of [buyer, warm]) {
    await conn.networkHelpers.setBalance(b.address, parseEther("100"));
    await f.token.write.transfer([b.address, parseEther("100")]);
    await f.token.write.approve([f.market.address, parseEther("100")], { account: b });
  }
  await f.market.write.list([f.ticket.address, ids[3]!, true, price], {
    account: sellers[3]!.account,
  });
  await f.market.write.buy([f.ticket.address, ids[3]!, price], { account: warm });
  await f.token.write.transfer([sellers[1]!.account.address, parseEther("1")]);
  await f.market.write.list([f.ticket.address, ids[1]!, true, price], {
    account: sellers[1]!.account,
  });
  return () => f.market.write.buy([f.ticket.address, ids[1]!, price], { account: buyer });
}

/**
 * The first revenue claim in a tree of 1,024 creators (depth 10, direct payout), and the
 * Uniswap MerkleDistributor anchor over the same token and creators; each claim pays a
 * never-paid account, so both write a fresh balance slot.
 */
export async function revenueClaimScenario(conn: Connection, f: Economy) {
  const creators = Array.from({ length: 1024 }, (_, i) => benchAccount(`creator-${i}`));
  const g = await f.publishGallery(
    creators.map((c, i) => ({ creator: c.address as Address, score: BigInt(1 + i) })),
  );
  await f.token.write.approve([f.distributor.address, parseEther("1000000")]);
  await f.distributor.write.fund([parseEther("100000")]);
  await f.distributor.write.openPool([g.epoch], { account: f.oracle.account });
  await conn.networkHelpers.setBalance(creators[0]!.address, parseEther("1"));
  const p = g.proofOf(0);

  const uniArt = readArtifact(
    path.join(
      anchorPackage("@uniswap/merkle-distributor@1.0.1"),
      "build",
      "MerkleDistributor.json",
    ),
  );
  const uniLeaves = creators.map((c, i) =>
    keccak256(
      encodePacked(["uint256", "address", "uint256"], [BigInt(i), c.address, BigInt(1 + i)]),
    ),
  );
  const uniTree = SimpleMerkleTree.of(uniLeaves, { sortLeaves: true });
  const [deployer] = await conn.viem.getWalletClients();
  const pc = await conn.viem.getPublicClient();
  const uniswap = (
    await pc.waitForTransactionReceipt({
      hash: await deployer!.deployContract({
        abi: uniArt.abi,
        bytecode: uniArt.bytecode,
        args: [f.token.address, uniTree.root],
      }),
    })
  ).contractAddress!;
  await f.token.write.transfer([uniswap, parseEther("1000")]);
  const uniProof = uniTree.getProof(uniLeaves[1]!) as Hex[];
  return {
    siblings: p.proof.length,
    claim: () =>
      f.distributor.write.claim([g.epoch, 1n, p.salt, p.proof], { account: creators[0]! }),
    uniswap,
    uniswapSiblings: uniProof.length,
    uniswapClaim: () =>
      deployer!.writeContract({
        address: uniswap,
        abi: uniArt.abi,
        functionName: "claim",
        args: [1n, creators[1]!.address, 2n, uniProof],
      }),
  };
}
