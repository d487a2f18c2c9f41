// "Verify in your browser": pick a published epoch, and the page downloads its dataset, checks
// its hash against the chain, reruns the oracle's own rules and scoring SQL in PGlite here, and
// rebuilds every tree: match or mismatch, step by step. Engagement datasets are for auditors
// (key kept only in this tab); TQS datasets are public.
import { useId, useState } from "react";
import type { Epoch } from "../data/queries.ts";
import type { VerifyOutcome } from "./run-verify.ts";

type State =
  | { status: "idle" }
  | { status: "running"; steps: string[] }
  | { status: "done"; steps: string[]; outcome: VerifyOutcome }
  | { status: "error"; steps: string[]; message: string };

const STEPS_EXPECTED = 8;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function VerifyEpoch({ epochs }: { epochs: Epoch[] }) {
  const id = useId();
  const choices = epochs
    .filter((e) => e.kind === 0 || e.kind === 3)
    .map((e) => ({
      dataset: e.kind === 0 ? ("TQS" as const) : ("ENGAGEMENT" as const),
      epoch: e.epoch,
    }));
  const [choice, setChoice] = useState(0);
  const [key, setKey] = useState(() => sessionStorage.getItem("mesi:auditor-key") ?? "");
  const [state, setState] = useState<State>({ status: "idle" });
  const picked = choices[choice];

  const start = async () => {
    if (!picked) return;
    const steps: string[] = [];
    const progress = (s: string) => {
      steps.push(s);
      setState({ status: "running", steps: [...steps] });
    };
    setState({ status: "running", steps });
    if (key) sessionStorage.setItem("mesi:auditor-key", key);
    try {
      const { verifyEpoch } = await import("./run-verify.ts");
      const outcome = await verifyEpoch(picked.dataset, picked.epoch, {
        auditorKey: key || undefined,
        progress,
      });
      setState({ status: "done", steps, outcome });
    } catch (err) {
      setState({ status: "error", steps, message: (err as Error).message });
    }
  };

  return (
    <div className="card" aria-labelledby={`${id}-h`} role="region">
      <h3 id={`${id}-h`}>Verify an epoch in your browser</h3>
      <p className="muted">
        Downloads the published dataset, checks its hash against the chain, reruns the oracle's own
        quality rules and scoring SQL in PostgreSQL (PGlite) inside this page, rebuilds the Merkle
        tree and compares it with the root on chain.
      </p>
      {choices.length === 0 ? (
        <p>No TQS or Gallery epoch is published yet.</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <div className="form-row">
            <div>
              <label htmlFor={`${id}-epoch`}>Epoch</label>
              <select
                id={`${id}-epoch`}
                value={choice}
                onChange={(e) => setChoice(Number(e.target.value))}
              >
                {choices.map((c, i) => (
                  <option key={`${c.dataset}-${c.epoch}`} value={i}>
                    {c.dataset === "TQS"
                      ? "Training Quality Scores"
                      : "Engagement (User, NFT, Gallery)"}
                    , epoch {String(c.epoch)}
                  </option>
                ))}
              </select>
            </div>
            {picked?.dataset === "ENGAGEMENT" && (
              <div>
                <label htmlFor={`${id}-key`}>Auditor key</label>
                <input
                  id={`${id}-key`}
                  type="password"
                  autoComplete="off"
                  value={key}
                  onChange={(e) => setKey(e.target.value)}
                />
              </div>
            )}
            <button type="submit" disabled={state.status === "running"}>
              {state.status === "running" ? "Verifying…" : "Verify in my browser"}
            </button>
          </div>
        </form>
      )}
      {state.status !== "idle" && (
        <div aria-live="polite">
          <progress
            max={STEPS_EXPECTED}
            value={
              state.status === "running"
                ? Math.min(state.steps.length, STEPS_EXPECTED - 1)
                : STEPS_EXPECTED
            }
            aria-label="Verification progress"
          />
          <ol className="muted" data-testid="verify-steps">
            {state.steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </div>
      )}
      {state.status === "error" && (
        <p role="alert" className="mismatch">
          The verification could not run: {state.message}
        </p>
      )}
      {state.status === "done" && <Outcome outcome={state.outcome} />}
    </div>
  );
}

function Outcome({ outcome }: { outcome: VerifyOutcome }) {
  return (
    <div data-testid="verify-outcome" role="status">
      <p className={outcome.ok ? "match" : "mismatch"}>
        {outcome.ok
          ? `Match: every score of epoch ${outcome.epoch} recomputes and every root equals the chain's.`
          : `Mismatch: epoch ${outcome.epoch} does not recompute to what the chain holds.`}
      </p>
      <ul>
        <li>
          Dataset hash:{" "}
          {outcome.hashMatches
            ? "matches the chain"
            : "DIFFERS from the chain's (not the published dataset)"}
        </li>
        {outcome.kinds.map((k) => (
          <li key={k.kind}>
            {k.kind}: {k.leaves} leaves, root{" "}
            {k.recomputedRoot === k.onChainRoot ? "matches" : "DIFFERS"}
            {k.recomputedTotal !== k.onChainTotal &&
              `, signed total ${k.onChainTotal} DIFFERS from the recomputed ${k.recomputedTotal}`}
            {k.mismatches.length > 0 &&
              `, ${k.mismatches.length} score(s) differ (first: ${k.mismatches[0]!.id})`}
            {k.badLeaves.length > 0 && `, ${k.badLeaves.length} malformed leaf/leaves`}
          </li>
        ))}
        {outcome.otherDataset?.map((k) => (
          <li key={`other-${k}`}>{k}: committed on chain to another dataset (FAIL)</li>
        ))}
        {outcome.chainMap && (
          <li data-testid="verify-chain-map">
            NFT map: {plural(outcome.chainMap.nfts, "NFT", "NFTs")} and{" "}
            {plural(outcome.chainMap.galleries, "gallery", "galleries")}{" "}
            {outcome.chainMap.ok
              ? "match the chain's gallery collection"
              : `DIFFER from the chain (${outcome.chainMap.mismatches.length}; first: ${outcome.chainMap.mismatches[0]})`}
          </li>
        )}
        {outcome.ignoredEvents && (
          <li>
            Events left out:{" "}
            {Object.entries(outcome.ignoredEvents.recomputed)
              .map(([reason, n]) => `${reason} ${n}`)
              .join(", ") || "none"}
            {outcome.ignoredEvents.ok ? ", as published" : ", DIFFERENT from what the dataset says"}
          </li>
        )}
        {outcome.audit?.checked && (
          <li>
            Review audit log:{" "}
            {outcome.audit.ok ? "chains to the anchored head" : `BROKEN: ${outcome.audit.problem}`}
          </li>
        )}
        <li>Took {outcome.seconds.toFixed(1)} s in this page.</li>
      </ul>
    </div>
  );
}
