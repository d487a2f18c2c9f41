// A creator's Gallery Score per GALLERY epoch: the proof comes from the oracle only to the
// creator's own wallet signature, is checked in the browser against the root the chain holds,
// and then claims the creator's share of that epoch's revenue pool.
import { Problem } from "../ui/Problem.tsx";
import { useState } from "react";
import { useAccount, useConfig } from "wagmi";
import { readContract, signMessage } from "wagmi/actions";
import { accountSubject, ScoreKind } from "@mesi/abi";
import { contract } from "../chain/contracts.ts";
import { appChain } from "../chain/chain.ts";
import { rootOfScore } from "../chain/merkle.ts";
import { explainError } from "../chain/errors.ts";
import { Proof, type Proof as ProofT } from "../data/oracle.ts";
import { ACTIONS, signedGet } from "../data/signed-read.ts";
import { useEpochs, usePools, type Epoch } from "../data/queries.ts";
import { DataState } from "../ui/DataState.tsx";
import { TxStatus } from "../ui/TxStatus.tsx";
import { WalletSection } from "../wallet/WalletSection.tsx";
import { useTx } from "../wallet/useTx.ts";
import { fmtAmount } from "../market/format.ts";

interface Checked {
  proof: ProofT;
  matchesChain: boolean;
  final: boolean;
}

function EpochRow({
  epoch,
  pool,
}: {
  epoch: Epoch;
  pool?: { amount: bigint; total_score: bigint; claimed_by_me: boolean };
}) {
  const { address } = useAccount();
  const config = useConfig();
  const [checked, setChecked] = useState<Checked>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const tx = useTx();
  const oracle = contract("ScoreOracle");
  const distributor = contract("RevenueDistributor");

  const fetchAndCheck = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const proof = (await signedGet(
        `/v1/proofs/gallery/${epoch.epoch}/${address}`,
        ACTIONS.GALLERY,
        [["Epoch", String(epoch.epoch)]],
        address!,
        (message) => signMessage(config, { account: address!, message }),
        Proof,
      )) as ProofT;
      const [info, final] = await Promise.all([
        readContract(config, {
          ...oracle,
          functionName: "epochInfo",
          args: [ScoreKind.GALLERY, epoch.epoch],
        }),
        readContract(config, {
          ...oracle,
          functionName: "isFinal",
          args: [ScoreKind.GALLERY, epoch.epoch],
        }),
      ]);
      const root = rootOfScore(
        {
          chainId: BigInt(appChain.id),
          scoreOracle: oracle.address,
          kind: ScoreKind.GALLERY,
          epoch: epoch.epoch,
          subject: accountSubject(address!),
          score: BigInt(proof.score),
          salt: proof.salt,
        },
        proof.proof,
      );
      setChecked({ proof, matchesChain: root === info.root, final });
    } catch (err) {
      const status = (err as { status?: number }).status;
      setError(
        status === 404 ? "You have no Gallery Score in this epoch." : explainError(err).message,
      );
    } finally {
      setBusy(false);
    }
  };

  const share =
    checked && pool && pool.total_score > 0n
      ? (pool.amount * BigInt(checked.proof.score)) / pool.total_score
      : undefined;
  return (
    <li className="card" data-testid={`gallery-epoch-${epoch.epoch}`}>
      <h3>Epoch {String(epoch.epoch)}</h3>
      {!checked ? (
        <button type="button" disabled={busy} onClick={() => void fetchAndCheck()}>
          {busy ? "Signing and checking…" : "Show and verify my Gallery Score"}
        </button>
      ) : (
        <p data-testid="gallery-score">
          Your Gallery Score: <strong>{checked.proof.score}</strong> —{" "}
          {checked.matchesChain ? (
            <span className="match">verified against the chain's root</span>
          ) : (
            <span className="mismatch">does NOT match the chain's root</span>
          )}
          {checked.matchesChain &&
            !checked.final &&
            " (the epoch is still in its challenge window)"}
          .
        </p>
      )}
      <Problem>{error}</Problem>
      {pool && (
        <p>
          Revenue pool: {fmtAmount(pool.amount, "MESI")}
          {share !== undefined && ` · your share ${fmtAmount(share, "MESI")}`}
          {pool.claimed_by_me && " · claimed"}
        </p>
      )}
      {pool && !pool.claimed_by_me && checked?.matchesChain && (
        <button
          type="button"
          disabled={tx.busy || tx.state.status === "done"}
          onClick={() =>
            void tx.run(`Claim revenue of epoch ${epoch.epoch}`, {
              ...distributor,
              functionName: "claim",
              args: [
                epoch.epoch,
                BigInt(checked.proof.score),
                checked.proof.salt,
                checked.proof.proof,
              ],
            })
          }
        >
          Claim my revenue
        </button>
      )}
      <TxStatus state={tx.state} />
    </li>
  );
}

function Scores() {
  const { address } = useAccount();
  const epochs = useEpochs();
  const pools = usePools(address);
  const gallery = epochs.data?.filter((e) => e.kind === ScoreKind.GALLERY && !e.rejected_at) ?? [];
  return (
    <DataState
      loading={epochs.isPending}
      error={epochs.error ?? pools.error}
      empty={gallery.length === 0}
      emptyText="No Gallery Score epoch is published yet."
    >
      <p className="muted">
        Scores are not public: the oracle gives your proof only to your wallet's signature, and this
        page checks it against the root on chain.
      </p>
      <ul style={{ listStyle: "none", padding: 0 }}>
        {gallery.map((e) => (
          <EpochRow
            key={String(e.epoch)}
            epoch={e}
            pool={pools.data?.find((p) => p.epoch === e.epoch)}
          />
        ))}
      </ul>
    </DataState>
  );
}

export default function ScoresPanel() {
  return (
    <WalletSection
      title="Gallery Scores and revenue"
      purpose="see your Gallery Scores and claim revenue"
    >
      <Scores />
    </WalletSection>
  );
}
