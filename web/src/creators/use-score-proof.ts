// One score the oracle gives only to its owner's wallet signature (a Gallery Score, an NFT's
// score), fetched on request and checked in the browser: the leaf is rebuilt for this chain,
// ScoreOracle, kind, epoch and subject, folded up the proof, and compared with the root the
// chain holds. The check never trusts the oracle's own copy of the root or the subject.
import { useState } from "react";
import { useAccount, useConfig } from "wagmi";
import { readContract, signMessage } from "wagmi/actions";
import type { Hex } from "viem";
import { ScoreKind } from "@mesi/abi";
import { contract } from "../chain/contracts.ts";
import { appChain } from "../chain/chain.ts";
import { rootOfScore } from "../chain/merkle.ts";
import { explainError } from "../chain/errors.ts";
import { Proof, type Proof as ProofT } from "../data/oracle.ts";
import { ACTIONS, signedGet } from "../data/signed-read.ts";

export interface CheckedScore {
  proof: ProofT;
  matchesChain: boolean;
  final: boolean;
}

export interface ScoreRequest {
  kind: typeof ScoreKind.GALLERY | typeof ScoreKind.NFT;
  epoch: bigint;
  /** The leaf's subject (accountSubject / nftSubject of @mesi/abi). */
  subject: Hex;
  /** The oracle's read route. */
  path: string;
  /** What the page says when the oracle has no score the signer may read. */
  missing: string;
}

export function useScoreProof(req: ScoreRequest) {
  const { address } = useAccount();
  const config = useConfig();
  const [checked, setChecked] = useState<CheckedScore>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const check = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const proof = (await signedGet(
        req.path,
        req.kind === ScoreKind.NFT ? ACTIONS.NFT : ACTIONS.GALLERY,
        [["Epoch", String(req.epoch)]],
        address!,
        (message) => signMessage(config, { account: address!, message }),
        Proof,
      )) as ProofT;
      const oracle = contract("ScoreOracle");
      const [info, final] = await Promise.all([
        readContract(config, { ...oracle, functionName: "epochInfo", args: [req.kind, req.epoch] }),
        readContract(config, { ...oracle, functionName: "isFinal", args: [req.kind, req.epoch] }),
      ]);
      const root = rootOfScore(
        {
          chainId: BigInt(appChain.id),
          scoreOracle: oracle.address,
          kind: req.kind,
          epoch: req.epoch,
          subject: req.subject,
          score: BigInt(proof.score),
          salt: proof.salt,
        },
        proof.proof,
      );
      setChecked({ proof, matchesChain: root === info.root, final });
    } catch (err) {
      const status = (err as { status?: number }).status;
      setError(status === 404 ? req.missing : explainError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return { check, checked, error, busy };
}
