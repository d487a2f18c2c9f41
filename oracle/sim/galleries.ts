// The simulation's galleries and NFTs on a development chain (Hardhat's node): each simulated
// creator (creatorAddress) is impersonated, opens its gallery, and the NFTs are minted in the
// order simulatedNft names them, so the simulated activity refers to tokens that exist and whose
// creators the chain confirms. Idempotent: a chain that has them already is left as it is.
import type { Address } from "viem";
import { galleryCollectionAbi } from "@mesi/abi";
import { creatorAddress, simulatedNft } from "./activity.ts";
import { devChain } from "./dev-chain.ts";

export async function mintSimulatedGalleries(
  rpcUrl: string,
  collection: Address,
  o: { nfts: number; galleries: number; onProgress?: (done: number, total: number) => void },
): Promise<{ minted: number }> {
  const { publicClient, impersonate, send } = devChain(rpcUrl);
  const last = simulatedNft(o.nfts - 1, o.galleries);
  const exists = await publicClient
    .readContract({
      address: collection,
      abi: galleryCollectionAbi,
      functionName: "galleryOfToken",
      args: [BigInt(last.tokenId)],
    })
    .then(() => true)
    .catch(() => false);
  if (exists) return { minted: 0 };
  const wallets = new Map<string, Awaited<ReturnType<typeof impersonate>>>();
  const as = (account: Address) => wallets.get(account)!;
  for (let g = 0; g < Math.min(o.galleries, o.nfts); g++) {
    const creator = creatorAddress(g) as Address;
    wallets.set(creator, await impersonate(creator));
    const has = await publicClient.readContract({
      address: collection,
      abi: galleryCollectionAbi,
      functionName: "galleryOf",
      args: [creator],
    });
    if (!has)
      await send(
        as(creator).writeContract({
          address: collection,
          abi: galleryCollectionAbi,
          functionName: "createGallery",
          args: [`simulated gallery ${g}`],
        }),
      );
  }
  for (let i = 0; i < o.nfts; i++) {
    const { creator } = simulatedNft(i, o.galleries);
    await send(
      as(creator as Address).writeContract({
        address: collection,
        abi: galleryCollectionAbi,
        functionName: "mint",
        args: [`ipfs://simulated-${i + 1}`, 500n],
      }),
    );
    if ((i + 1) % 20 === 0 || i + 1 === o.nfts) o.onProgress?.(i + 1, o.nfts);
  }
  return { minted: o.nfts };
}
