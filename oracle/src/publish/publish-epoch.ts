// Publishes one epoch's commitment to ScoreOracle: the configured signers co-sign the
// EIP-712 commitment (sorted by address, as the contract requires), its root and the Σ of
// its leaves' scores among what they sign, and one of them relays it. Re-running is safe: an epoch the chain already holds with the same root is not sent
// again, and one it holds with another root is reported, never overwritten.
import {
  type Account,
  type Address,
  type Hex,
  type PublicClient,
  type Transport,
  type Chain,
  type WalletClient,
} from "viem";
import {
  MAX_TOTAL_SCORE,
  epochCommitmentTypes,
  scoreOracleAbi,
  scoreOracleDomain,
  epochCommitmentMessage,
  type EpochCommitment,
  scoreKindNames,
} from "@mesi/abi";
import { contractCall, plainSender, type SendTx } from "./journal.ts";

export type Commitment = EpochCommitment;

export type PublishOutcome = { status: "published"; tx: Hex } | { status: "already-published" };

export async function publishEpoch(args: {
  publicClient: PublicClient;
  relayer: WalletClient<Transport, Chain, Account>;
  signers: readonly Account[];
  scoreOracle: Address;
  commitment: Commitment;
  send?: SendTx;
}): Promise<PublishOutcome> {
  const { publicClient, relayer, scoreOracle, commitment: c } = args;
  const onChain = await publicClient.readContract({
    address: scoreOracle,
    abi: scoreOracleAbi,
    functionName: "epochInfo",
    args: [c.kind, c.epoch],
  });
  if (onChain.status !== 0) {
    if (onChain.root !== c.root) {
      throw new Error(
        `epoch ${c.epoch} of kind ${c.kind} is on chain with root ${onChain.root}, not ${c.root}`,
      );
    }
    if (onChain.totalScore !== c.totalScore) {
      throw new Error(
        `epoch ${c.epoch} of kind ${c.kind} is on chain with total ${onChain.totalScore}, not ${c.totalScore}`,
      );
    }
    return { status: "already-published" };
  }
  // The chain refuses a total its epoch slot cannot hold: say so before anyone signs.
  if (c.totalScore > MAX_TOTAL_SCORE)
    throw new Error(
      `epoch ${c.epoch} of kind ${c.kind}: total score ${c.totalScore} exceeds what ScoreOracle stores (2^104 − 1)`,
    );
  const chainId = BigInt(await publicClient.getChainId());
  const sorted = [...args.signers].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  const message = epochCommitmentMessage(c);

  const signatures: Hex[] = [];
  for (const signer of sorted) {
    if (!signer.signTypedData) throw new Error(`signer ${signer.address} cannot sign typed data`);
    signatures.push(
      await signer.signTypedData({
        domain: scoreOracleDomain(chainId, scoreOracle),
        types: epochCommitmentTypes,
        primaryType: "EpochCommitment",
        message,
      }),
    );
  }
  const send = args.send ?? plainSender({ publicClient, wallet: relayer });
  const tx = await send(
    `publish:${scoreKindNames[c.kind]}`,
    contractCall(scoreOracle, scoreOracleAbi, "publish", [c, signatures]),
  );
  return { status: "published", tx };
}
