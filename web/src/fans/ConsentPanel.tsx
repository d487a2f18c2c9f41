// A fan's consent (one checkbox per use, explained), KYC status and exclusion, read from the
// registry; opting in, changing scopes and revoking are the fan's own transactions.
import { useEffect, useId, useState } from "react";
import { useAccount, useBlock, useReadContracts } from "wagmi";
import { contract } from "../chain/contracts.ts";
import { useTx } from "../wallet/useTx.ts";
import { TxStatus } from "../ui/TxStatus.tsx";
import { WalletSection } from "../wallet/WalletSection.tsx";
import { POLICY_HASH, SCOPES } from "./consent-policy.ts";

const fmtDate = (s: number) => new Date(s * 1000).toLocaleDateString();

function Consent() {
  const { address } = useAccount();
  const registry = contract("ParticipantRegistry");
  const reads = useReadContracts({
    contracts: [
      { ...registry, functionName: "participant", args: [address!] },
      { ...registry, functionName: "policyOf", args: [address!] },
    ],
    allowFailure: false,
  });
  const participant = reads.data?.[0];
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  // The form starts from what the chain holds, once; afterwards it is the fan's.
  useEffect(() => {
    if (participant && chosen === undefined) setChosen(participant.scopes);
  }, [participant, chosen]);
  const tx = useTx();
  const [withdrawing, setWithdrawing] = useState(false);
  const id = useId();
  const scopes = chosen ?? 0;
  const block = useBlock({ watch: true });
  const now = Number(block.data?.timestamp ?? 0n);

  return (
    <>
      {reads.error ? (
        <p role="alert">The chain cannot be read right now: {reads.error.message}</p>
      ) : (
        <p data-testid="consent-status" aria-live="polite">
          {!participant
            ? "Reading your consent…"
            : participant.scopes === 0
              ? participant.revokedAt
                ? `You withdrew your consent on ${fmtDate(participant.revokedAt)}.`
                : "You have not opted in."
              : `You consent to ${SCOPES.filter((s) => participant.scopes & s.bit).length} of ${SCOPES.length} uses since ${fmtDate(participant.consentedAt)}.`}
        </p>
      )}
      <form
        aria-label="Your consent"
        onSubmit={(e) => {
          e.preventDefault();
          void tx.run(participant?.scopes ? "Update consent" : "Opt in", {
            ...registry,
            functionName: "optIn",
            args: [scopes, POLICY_HASH],
          });
        }}
      >
        <fieldset>
          <legend>Uses of your work you agree to</legend>
          <p className="muted">
            Mesi&apos;s oracle checks these on the chain: work of a kind you have not agreed to (or
            sent after you withdrew) is refused and never scored. Untick a use and update to stop
            it.
          </p>
          {SCOPES.map((s) => (
            <div key={s.bit} className="scope">
              <input
                type="checkbox"
                id={`${id}-scope-${s.bit}`}
                checked={(scopes & s.bit) !== 0}
                onChange={(e) => setChosen(e.target.checked ? scopes | s.bit : scopes & ~s.bit)}
                aria-describedby={`${id}-scope-${s.bit}-why`}
              />{" "}
              <label htmlFor={`${id}-scope-${s.bit}`} style={{ display: "inline" }}>
                {s.title}
              </label>
              <p
                id={`${id}-scope-${s.bit}-why`}
                className="muted"
                style={{ margin: "0 0 0.5rem 1.6rem" }}
              >
                {s.explanation}
              </p>
            </div>
          ))}
        </fieldset>
        <div className="form-row">
          <button type="submit" disabled={tx.busy || scopes === 0}>
            {participant?.scopes ? "Update consent" : "Opt in"}
          </button>
          {participant && participant.scopes !== 0 && !withdrawing && (
            <button
              type="button"
              className="secondary"
              disabled={tx.busy}
              onClick={() => setWithdrawing(true)}
            >
              Withdraw all consent…
            </button>
          )}
        </div>
        {withdrawing && (
          <div role="group" aria-label="Withdraw all consent" className="notice warning">
            <p>
              Work you send after withdrawing is refused, and work sent after it that reached Mesi
              before it noticed is left out of every score. Work you did before stays scored (you
              are owed its rewards); to have its text erased, use &ldquo;Erase my personal
              data&rdquo; below. You can opt in again at any time.
            </p>
            <div className="form-row">
              <button
                type="button"
                disabled={tx.busy}
                onClick={() => {
                  setWithdrawing(false);
                  void tx.run("Withdraw consent", {
                    ...registry,
                    functionName: "revokeConsent",
                    args: [],
                  });
                }}
              >
                Withdraw my consent
              </button>
              <button type="button" className="secondary" onClick={() => setWithdrawing(false)}>
                Keep my consent
              </button>
            </div>
          </div>
        )}
        <TxStatus state={tx.state} />
      </form>
      <h2>Identity (KYC)</h2>
      <p data-testid="kyc-status">
        {!participant
          ? "Reading…"
          : participant.kycExpiry === 0
            ? "Not verified yet: Mesi's KYC partner attests it; no personal data goes on chain."
            : participant.kycExpiry > now
              ? `Verified until ${fmtDate(participant.kycExpiry)}.`
              : `Your verification expired on ${fmtDate(participant.kycExpiry)}.`}
      </p>
      {participant?.excluded && (
        <p className="notice warning" data-testid="excluded">
          Your account is excluded after quality checks. You can appeal below.
        </p>
      )}
    </>
  );
}

// The heading shows with or without a wallet, like every other card's (WalletSection).
export default function ConsentPanel() {
  return (
    <WalletSection title="Your consent" purpose="give or withdraw your consent">
      <Consent />
    </WalletSection>
  );
}
