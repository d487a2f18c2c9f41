// Who signed an epoch: the publish transaction carries the commitment and the signatures; each
// signer is recovered from the EIP-712 digest ScoreOracle checked (its own commitmentDigest).
import { decodeFunctionData, recoverAddress, type Address, type Hex } from "viem";
import { publicClient } from "../chain/public-client.ts";
import { contract } from "../chain/contracts.ts";

export async function signersOf(publishTx: Hex): Promise<Address[]> {
  const oracle = contract("ScoreOracle");
  const tx = await publicClient.getTransaction({ hash: publishTx });
  const call = decodeFunctionData({ abi: oracle.abi, data: tx.input });
  if (call.functionName !== "publish") throw new Error("that transaction is not a publication");
  const [commitment, signatures] = call.args;
  const digest = await publicClient.readContract({
    ...oracle,
    functionName: "commitmentDigest",
    args: [commitment],
  });
  return Promise.all(signatures.map((signature) => recoverAddress({ hash: digest, signature })));
}
