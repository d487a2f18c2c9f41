// A creator's gallery: open it, mint items (with their royalty), see them and who holds them.
import { useId, useState } from "react";
import { useAccount, useReadContract } from "wagmi";
import { contract } from "../chain/contracts.ts";
import { useGalleryItemsOf } from "../data/queries.ts";
import { DataState } from "../ui/DataState.tsx";
import { TxStatus } from "../ui/TxStatus.tsx";
import { WalletSection } from "../wallet/WalletSection.tsx";
import { useTx } from "../wallet/useTx.ts";

function Gallery() {
  const id = useId();
  const { address } = useAccount();
  const gallery = contract("GalleryCollection");
  const galleryId = useReadContract({ ...gallery, functionName: "galleryOf", args: [address!] });
  const items = useGalleryItemsOf(address);
  const [name, setName] = useState("");
  const [uri, setUri] = useState("");
  const [royalty, setRoyalty] = useState("5");
  const tx = useTx();
  if (galleryId.data === 0n)
    return (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim())
            void tx.run("Open your gallery", {
              ...gallery,
              functionName: "createGallery",
              args: [name.trim()],
            });
        }}
      >
        <label htmlFor={`${id}-name`}>Gallery name</label>
        <div className="form-row">
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
          <button type="submit" disabled={tx.busy}>
            Open your gallery
          </button>
        </div>
        <TxStatus state={tx.state} />
      </form>
    );
  const bps = Math.round(Number(royalty) * 100);
  return (
    <>
      <DataState
        loading={items.isPending}
        error={items.error}
        empty={items.data?.length === 0}
        emptyText="Your gallery has no item yet."
      >
        <ul>
          {items.data?.map((it) => (
            <li key={String(it.token_id)}>
              Item #{String(it.token_id)} · <code>{it.uri}</code>
              {it.owner !== address?.toLowerCase() && ` · held by ${it.owner.slice(0, 8)}…`}
            </li>
          ))}
        </ul>
      </DataState>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void tx.run("Mint an item", {
            ...gallery,
            functionName: "mint",
            args: [uri.trim(), BigInt(bps)],
          });
        }}
      >
        <div className="form-row">
          <div>
            <label htmlFor={`${id}-uri`}>Item metadata URI</label>
            <input id={`${id}-uri`} value={uri} onChange={(e) => setUri(e.target.value)} required />
          </div>
          <div>
            <label htmlFor={`${id}-royalty`}>Royalty (%)</label>
            <input
              id={`${id}-royalty`}
              type="number"
              min="0"
              max="10"
              step="0.5"
              value={royalty}
              onChange={(e) => setRoyalty(e.target.value)}
            />
          </div>
          <button type="submit" disabled={tx.busy || !uri.trim()}>
            Mint item
          </button>
        </div>
        <TxStatus state={tx.state} />
      </form>
    </>
  );
}

export default function GalleryPanel() {
  return (
    <WalletSection title="Your gallery" purpose="manage your gallery">
      <Gallery />
    </WalletSection>
  );
}
