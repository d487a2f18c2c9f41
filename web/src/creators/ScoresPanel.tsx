// A creator's scores per engagement epoch: the Gallery Score and each of their NFTs' scores.
// The oracle gives a proof only to the creator's own wallet signature; the page checks it
// against the root the chain holds, then claims the creator's share of that epoch's revenue.
import { Problem } from "../ui/Problem.tsx";
import { useAccount } from "wagmi";
import { accountSubject, nftSubject, ScoreKind } from "@mesi/abi";
import { contract } from "../chain/contracts.ts";
import { useEpochs, useGalleryItemsOf, usePools, type Epoch } from "../data/queries.ts";
import { DataState } from "../ui/DataState.tsx";
import { TxStatus } from "../ui/TxStatus.tsx";
import { WalletSection } from "../wallet/WalletSection.tsx";
import { useTx } from "../wallet/useTx.ts";
import { fmtAmount } from "../market/format.ts";
import { useScoreProof, type CheckedScore } from "./use-score-proof.ts";

/** A checked score in words: its value and whether it leads to the chain's root. */
function ScoreLine({ name, checked }: { name: string; checked: CheckedScore }) {
  return (
    <>
      {name}: <strong>{checked.proof.score}</strong> —{" "}
      {checked.matchesChain ? (
        <span className="match">verified against the chain's root</span>
      ) : (
        <span className="mismatch">does NOT match the chain's root</span>
      )}
      {checked.matchesChain && !checked.final && " (the epoch is still in its challenge window)"}.
    </>
  );
}

function NftScore({ epoch, tokenId }: { epoch: bigint; tokenId: bigint }) {
  const collection = contract("GalleryCollection").address;
  const s = useScoreProof({
    kind: ScoreKind.NFT,
    epoch,
    subject: nftSubject(collection, tokenId),
    path: `/v1/proofs/nft/${epoch}/${collection}/${tokenId}`,
    missing: `Item #${tokenId} has no score in this epoch.`,
  });
  return (
    <li data-testid={`nft-score-${tokenId}`}>
      {s.checked ? (
        <ScoreLine name={`Item #${tokenId}`} checked={s.checked} />
      ) : (
        <button
          type="button"
          className="secondary"
          disabled={s.busy}
          onClick={() => void s.check()}
        >
          {s.busy ? "Signing and checking…" : `Show and verify the score of item #${tokenId}`}
        </button>
      )}
      <Problem>{s.error}</Problem>
    </li>
  );
}

function EpochRow({
  epoch,
  nftEpoch,
  pool,
}: {
  epoch: Epoch;
  /** The NFT scores of the same epoch are published. */
  nftEpoch: boolean;
  pool?: { amount: bigint; total_score: bigint; claimed_by_me: boolean };
}) {
  const { address } = useAccount();
  const items = useGalleryItemsOf(address);
  const gallery = useScoreProof({
    kind: ScoreKind.GALLERY,
    epoch: epoch.epoch,
    subject: accountSubject(address!),
    path: `/v1/proofs/gallery/${epoch.epoch}/${address}`,
    missing: "You have no Gallery Score in this epoch.",
  });
  const tx = useTx();
  const distributor = contract("RevenueDistributor");
  const checked = gallery.checked;

  const share =
    checked && pool && pool.total_score > 0n
      ? (pool.amount * BigInt(checked.proof.score)) / pool.total_score
      : undefined;
  return (
    <li className="card" data-testid={`gallery-epoch-${epoch.epoch}`}>
      <h3>Epoch {String(epoch.epoch)}</h3>
      {!checked ? (
        <button type="button" disabled={gallery.busy} onClick={() => void gallery.check()}>
          {gallery.busy ? "Signing and checking…" : "Show and verify my Gallery Score"}
        </button>
      ) : (
        <p data-testid="gallery-score">
          <ScoreLine name="Your Gallery Score" checked={checked} />
        </p>
      )}
      <Problem>{gallery.error}</Problem>
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
      {nftEpoch && !!items.data?.length && (
        <>
          <h4 style={{ margin: "0.75rem 0 0.25rem" }}>Your items' NFT Scores</h4>
          <ul>
            {items.data.map((it) => (
              <NftScore key={String(it.token_id)} epoch={epoch.epoch} tokenId={it.token_id} />
            ))}
          </ul>
        </>
      )}
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
            nftEpoch={
              !!epochs.data?.some(
                (n) => n.kind === ScoreKind.NFT && n.epoch === e.epoch && !n.rejected_at,
              )
            }
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
      title="Gallery and NFT Scores, revenue"
      purpose="see your Gallery and NFT Scores and claim revenue"
    >
      <Scores />
    </WalletSection>
  );
}
