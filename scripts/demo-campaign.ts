// The local stack's demo campaign: created on the deployed CampaignManager by the admin
// (Hardhat account #0, the local CAMPAIGN_MANAGER_ROLE holder) with every reward type (a vested
// $MESI pack, promo credits, a real-world item, a promo slot) and its prize budget funded. Its
// tasks are the simulator's campaign 1 (the stack runs `node oracle/sim/main.ts --campaigns 1`, so
// later campaign ids stay free for campaigns created on chain), so the simulated day's
// submissions count for it. Joining opens now
// for JOIN_MINUTES; the draw closes at DRAW_MINUTES, when the oracle's seed job commits its seed.
// Usage: node scripts/demo-campaign.ts <rpc-url>
import { createPublicClient, createWalletClient, http, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { campaignManagerAbi, deploymentOn, mesiTokenAbi, prizeDrawAbi } from "@mesi/abi";
import { PACK_AMOUNT, everyRewardType } from "./lib/reward-tiers.ts";

const [rpcUrl] = process.argv.slice(2);
if (!rpcUrl) {
  console.error("usage: node scripts/demo-campaign.ts <rpc-url>");
  process.exit(2);
}
/** Hardhat's public development key #0 (the local admin and treasury). */
const ADMIN: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const JOIN_MINUTES = Number(process.env.DEMO_JOIN_MINUTES ?? 30);
const DRAW_MINUTES = Number(process.env.DEMO_DRAW_MINUTES ?? 60);

const publicClient = createPublicClient({ chain: hardhat, transport: http(rpcUrl) });
const wallet = createWalletClient({
  chain: hardhat,
  transport: http(rpcUrl),
  account: privateKeyToAccount(ADMIN),
});
const c = deploymentOn(await publicClient.getChainId())?.contracts;
if (!c?.CampaignManager || !c.PrizeDraw || !c.MesiToken)
  throw new Error("no deployment in @mesi/abi for this chain: run npm run deploy first");
const send = async (hash: Promise<Hex>) => {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success")
    throw new Error(`transaction ${receipt.transactionHash} reverted`);
};

const now = Number((await publicClient.getBlock()).timestamp);
const minute = 60;
const { request, result: id } = await publicClient.simulateContract({
  account: wallet.account,
  address: c.CampaignManager,
  abi: campaignManagerAbi,
  functionName: "createCampaign",
  args: [
    {
      metadataURI: 'data:application/json,{"name":"Demo: teach the gallery AI moods"}',
      requiredScopes: 1 | 2 | 16, // AI prompts, picture ratings, polls
      minTqs: 0,
      capacity: 50,
      joinCap: 200,
      joinStart: now,
      joinEnd: now + JOIN_MINUTES * minute,
      taskEnd: now + (JOIN_MINUTES + 10) * minute,
      qualityEnd: now + (DRAW_MINUTES - 10) * minute,
      drawAt: now + DRAW_MINUTES * minute,
    },
    everyRewardType(),
  ],
});
await send(wallet.writeContract(request));
// The pack's $MESI is the draw's budget (the admin is also the local treasury).
await send(
  wallet.writeContract({
    address: c.MesiToken,
    abi: mesiTokenAbi,
    functionName: "approve",
    args: [c.PrizeDraw, PACK_AMOUNT],
  }),
);
await send(
  wallet.writeContract({
    address: c.PrizeDraw,
    abi: prizeDrawAbi,
    functionName: "fund",
    args: [id, PACK_AMOUNT],
  }),
);
console.log(
  JSON.stringify({
    campaignId: id.toString(),
    joinEnd: now + JOIN_MINUTES * minute,
    drawAt: now + DRAW_MINUTES * minute,
  }),
);
