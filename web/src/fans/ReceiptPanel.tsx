// A fan's receipt for an epoch (their TQS and what moved it, their flags and appeals), read
// from the oracle with a wallet signature because it concerns them alone; and the appeal form,
// also wallet-signed. Whatever fails, the typed reason stays in the form.
import { Problem } from "../ui/Problem.tsx";
import { useId, useState } from "react";
import { useAccount, useConfig } from "wagmi";
import { signMessage } from "wagmi/actions";
import * as z from "zod/mini";
import { explainError } from "../chain/errors.ts";
import { useEpochs } from "../data/queries.ts";
import { ACTIONS, postAppeal, signedGet, type Appeal } from "../data/signed-read.ts";
import { WalletSection } from "../wallet/WalletSection.tsx";

const Receipt = z.object({
  epoch: z.string(),
  tqs: z.nullable(
    z.object({
      score: z.number(),
      previous: z.number(),
      gained: z.number(),
      penalty: z.number(),
      decay: z.number(),
      excluded: z.boolean(),
    }),
  ),
  flags: z.array(
    z.object({ id: z.string(), ruleId: z.string(), status: z.string(), severity: z.string() }),
  ),
  appeals: z.array(
    z.object({ item: z.string(), status: z.string(), deadline: z.nullable(z.string()) }),
  ),
  explanation: z.array(z.string()),
});
type Receipt = z.infer<typeof Receipt>;
const Filed = z.object({ item: z.string() });
const pct = (bps: number) => `${(bps / 100).toFixed(2)}%`;

function ReceiptAndAppeal() {
  const id = useId();
  const { address } = useAccount();
  const config = useConfig();
  const sign = (message: string) => signMessage(config, { account: address!, message });
  const epochs = useEpochs();
  const tqsEpochs = (epochs.data ?? []).filter((e) => e.kind === 0).map((e) => String(e.epoch));
  const [epoch, setEpoch] = useState<string>();
  const chosen = epoch ?? tqsEpochs[0];
  const [receipt, setReceipt] = useState<Receipt>();
  const [readError, setReadError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const [target, setTarget] = useState<Appeal["target"]>("flag");
  const [ref, setRef] = useState("");
  const [reason, setReason] = useState("");
  const [appealState, setAppealState] = useState<{ ok?: string; error?: string }>({});

  const read = async () => {
    if (!chosen) return;
    setBusy(true);
    setReadError(undefined);
    try {
      setReceipt(
        await signedGet(
          `/v1/receipts/${chosen}/${address}`,
          ACTIONS.RECEIPT,
          [["Epoch", chosen]],
          address!,
          sign,
          Receipt,
        ),
      );
    } catch (err) {
      setReadError(explainError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const appeal = async (e: React.FormEvent) => {
    e.preventDefault();
    setAppealState({});
    if (!reason.trim()) return setAppealState({ error: "Reason: say why the decision is wrong." });
    if (target !== "exclusion" && !/^\d{1,78}$/.test(ref.trim()))
      return setAppealState({
        error: `${target === "flag" ? "Flag" : "Ticket"} number: digits only.`,
      });
    try {
      const filed = await postAppeal(
        {
          target,
          reason: reason.trim(),
          ...(target === "flag" ? { flagId: ref.trim() } : {}),
          ...(target === "ticket" ? { ticketId: ref.trim() } : {}),
        },
        address!,
        sign,
        Filed,
      );
      setAppealState({
        ok: `Appeal filed (review item ${filed.item}); a reviewer decides before its deadline.`,
      });
      setReason("");
    } catch (err) {
      setAppealState({
        error: `${explainError(err).message} Your appeal is kept below; try again.`,
      });
    }
  };

  return (
    <>
      <div className="form-row">
        <div>
          <label htmlFor={`${id}-epoch`}>Epoch</label>
          <select
            id={`${id}-epoch`}
            value={chosen ?? ""}
            onChange={(e) => setEpoch(e.target.value)}
          >
            {tqsEpochs.length === 0 && <option value="">no epoch yet</option>}
            {tqsEpochs.map((e) => (
              <option key={e} value={e}>
                Epoch {e}
              </option>
            ))}
          </select>
        </div>
        <button type="button" disabled={!chosen || busy} onClick={() => void read()}>
          {busy ? "Signing and reading…" : "Show my receipt"}
        </button>
      </div>
      <Problem>{readError}</Problem>
      {receipt && (
        <div data-testid="receipt">
          {receipt.tqs ? (
            <p>
              Training Quality Score {pct(receipt.tqs.score)} (was {pct(receipt.tqs.previous)}: +
              {pct(receipt.tqs.gained)} for clean work, −{pct(receipt.tqs.penalty)} for flags, −
              {pct(receipt.tqs.decay)} decay)
              {receipt.tqs.excluded ? "; below the threshold: excluded" : ""}.
            </p>
          ) : (
            <p>No Training Quality Score for you in this epoch.</p>
          )}
          <ul>
            {receipt.explanation.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          {receipt.flags.length > 0 && (
            <p>
              Flags: {receipt.flags.map((f) => `#${f.id} ${f.ruleId} (${f.status})`).join(", ")}
            </p>
          )}
          {receipt.appeals.length > 0 && (
            <p>Appeals: {receipt.appeals.map((a) => `${a.item}: ${a.status}`).join(", ")}</p>
          )}
        </div>
      )}
      <form onSubmit={(e) => void appeal(e)} aria-labelledby={`${id}-appeal`}>
        <h3 id={`${id}-appeal`}>Appeal a decision</h3>
        <div className="form-row">
          <div>
            <label htmlFor={`${id}-target`}>What you appeal</label>
            <select
              id={`${id}-target`}
              value={target}
              onChange={(e) => setTarget(e.target.value as Appeal["target"])}
            >
              <option value="flag">A flag on my work</option>
              <option value="ticket">A voided ticket</option>
              <option value="exclusion">My exclusion</option>
            </select>
          </div>
          {target !== "exclusion" && (
            <div>
              <label htmlFor={`${id}-ref`}>
                {target === "flag" ? "Flag number" : "Ticket number"}
              </label>
              <input
                id={`${id}-ref`}
                inputMode="numeric"
                value={ref}
                onChange={(e) => setRef(e.target.value)}
              />
            </div>
          )}
        </div>
        <label htmlFor={`${id}-reason`}>Why the decision is wrong</label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          style={{ width: "100%" }}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <p className="muted">
          Your reason goes to the human reviewers only; it is never published.
        </p>
        <button type="submit">Sign and send the appeal</button>
        <Problem>{appealState.error}</Problem>
        {appealState.ok && (
          <p role="status" className="tx-status ok">
            {appealState.ok}
          </p>
        )}
      </form>
    </>
  );
}

export default function ReceiptPanel() {
  return (
    <WalletSection
      title="Your receipts and appeals"
      purpose="read your receipts and appeal decisions"
    >
      <ReceiptAndAppeal />
    </WalletSection>
  );
}
