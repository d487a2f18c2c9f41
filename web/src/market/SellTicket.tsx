// Selling an active ticket: allow the marketplace once, then list (or re-price, withdraw), or
// sign a gasless listing and share its link. The price field keeps its value whatever happens.
import { Problem } from "../ui/Problem.tsx";
import { useId, useState } from "react";
import { useAccount, useConfig } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import { parseEther } from "viem";
import { contract } from "../chain/contracts.ts";
import { appChain } from "../chain/chain.ts";
import { explainError } from "../chain/errors.ts";
import type { Ticket } from "../data/queries.ts";
import { useTx } from "../wallet/useTx.ts";
import { TxStatus } from "../ui/TxStatus.tsx";
import { marketplaceDomain, signedListingTypes } from "@mesi/abi";
import { encodeSignedListing } from "./signed-listing.ts";
import { chainNow } from "../wallet/chain-time.ts";

/** The price typed, in wei, or the rule it breaks. */
export function parsePrice(text: string): { ok: true; wei: bigint } | { ok: false; error: string } {
  const t = text.trim();
  if (!/^\d{1,12}(\.\d{1,18})?$/.test(t))
    return { ok: false, error: "Price: enter a number such as 12.5 (up to 18 decimals)." };
  const wei = parseEther(t);
  if (wei === 0n) return { ok: false, error: "Price: must be above zero." };
  if (wei >= 2n ** 88n) return { ok: false, error: "Price: must be below 309,485,009." };
  return { ok: true, wei };
}

export function SellTicket({
  ticket,
  approved,
  listed,
}: {
  ticket: Ticket;
  approved: boolean;
  listed: { price: bigint; currency: "MESI" | "ETH" } | undefined;
}) {
  const id = useId();
  const { address } = useAccount();
  const config = useConfig();
  const [price, setPrice] = useState("");
  const [currency, setCurrency] = useState<"MESI" | "ETH">(listed?.currency ?? "MESI");
  const [fieldError, setFieldError] = useState<string>();
  const [link, setLink] = useState<string>();
  const [signError, setSignError] = useState<string>();
  const tx = useTx({ currency });
  const market = contract("TicketMarketplace");
  const tickets = contract("Ticket");

  const withPrice = (f: (wei: bigint) => void) => {
    const p = parsePrice(price);
    if (!p.ok) return setFieldError(p.error);
    setFieldError(undefined);
    f(p.wei);
  };

  const signListing = (wei: bigint) => {
    setSignError(undefined);
    void (async () => {
      try {
        const [counter, version] = await Promise.all([
          readContract(config, { ...market, functionName: "counterOf", args: [address!] }),
          readContract(config, { ...tickets, functionName: "tradeVersion", args: [ticket.id] }),
        ]);
        const listing = {
          seller: address!,
          collection: tickets.address,
          tokenId: ticket.id,
          version,
          mesi: currency === "MESI",
          price: wei,
          nonce: BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000)),
          counter,
          deadline: BigInt((await chainNow(config)) + 7 * 86_400),
        };
        const signature = await signTypedData(config, {
          account: address!,
          domain: marketplaceDomain(BigInt(appChain.id), market.address),
          types: signedListingTypes,
          primaryType: "Listing",
          message: listing,
        });
        setLink(`${location.origin}/?listing=${encodeSignedListing(listing, signature)}`);
      } catch (err) {
        setSignError(explainError(err).message);
      }
    })();
  };

  if (!approved)
    return (
      <div>
        <p>To sell, allow the Mesi marketplace to transfer your tickets when they sell (once).</p>
        <button
          type="button"
          disabled={tx.busy}
          onClick={() =>
            void tx.run("Allow the marketplace", {
              ...tickets,
              functionName: "setApprovalForAll",
              args: [market.address, true],
            })
          }
        >
          Allow the marketplace
        </button>
        <TxStatus state={tx.state} />
      </div>
    );

  return (
    <form
      aria-label={`Sell ticket #${ticket.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        withPrice(
          (wei) =>
            void (listed
              ? tx.run(`Re-price ticket #${ticket.id}`, {
                  ...market,
                  functionName: "updatePrice",
                  args: [tickets.address, ticket.id, wei],
                })
              : tx.run(`List ticket #${ticket.id}`, {
                  ...market,
                  functionName: "list",
                  args: [tickets.address, ticket.id, currency === "MESI", wei],
                })),
        );
      }}
    >
      <div className="form-row">
        <div>
          <label htmlFor={`${id}-price`}>{listed ? "New price" : "Price"}</label>
          <input
            id={`${id}-price`}
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${id}-price-error` : undefined}
            placeholder="e.g. 25"
          />
        </div>
        <div>
          <label htmlFor={`${id}-currency`}>Currency</label>
          <select
            id={`${id}-currency`}
            value={currency}
            disabled={!!listed}
            onChange={(e) => setCurrency(e.target.value as "MESI" | "ETH")}
          >
            <option value="MESI">$MESI</option>
            <option value="ETH">ETH</option>
          </select>
        </div>
        <button type="submit" disabled={tx.busy}>
          {listed ? "Re-price" : "List for sale"}
        </button>
        {listed ? (
          <button
            type="button"
            className="secondary"
            disabled={tx.busy}
            onClick={() =>
              void tx.run(`Withdraw ticket #${ticket.id}`, {
                ...market,
                functionName: "cancel",
                args: [tickets.address, ticket.id],
              })
            }
          >
            Withdraw listing
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => withPrice(signListing)}>
            Sign a listing (no gas)
          </button>
        )}
      </div>
      <Problem id={`${id}-price-error`}>{fieldError}</Problem>
      <Problem>{signError && <>Signing failed: {signError}</>}</Problem>
      {link && (
        <p data-testid="signed-link">
          Share this link with a buyer (valid 7 days):{" "}
          <input readOnly value={link} aria-label="Signed listing link" style={{ width: "100%" }} />
        </p>
      )}
      <TxStatus state={tx.state} />
    </form>
  );
}
