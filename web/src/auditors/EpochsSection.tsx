// Published epochs (indexer, live): kind, root, dataset hash, leaves, challenge state, TQS
// flags per quality rule, signers on demand (recovered from the publish transaction).
import { useState } from "react";
import { scoreKindNames } from "@mesi/abi";
import type { Address } from "viem";
import { useEpochs, useEpochFlags, type Epoch } from "../data/queries.ts";
import { DataState } from "../ui/DataState.tsx";
import { explainError } from "../chain/errors.ts";
import { useStats } from "./stats.ts";
import { signersOf } from "./signers.ts";
import { VerifyEpoch } from "./VerifyEpoch.tsx";

const short = (h: string) => `${h.slice(0, 10)}…${h.slice(-6)}`;
const when = (s: number) => new Date(s * 1000).toLocaleString();

function Signers({ epoch }: { epoch: Epoch }) {
  const [signers, setSigners] = useState<Address[]>();
  const [error, setError] = useState<string>();
  if (signers)
    return (
      <ul className="plain">
        {signers.map((s) => (
          <li key={s}>
            <code>{short(s)}</code>
          </li>
        ))}
      </ul>
    );
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          signersOf(epoch.transaction_hash as `0x${string}`).then(setSigners, (e) =>
            setError(explainError(e).message),
          )
        }
      >
        Show signers
      </button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}

export function EpochsSection() {
  const epochs = useEpochs();
  const flags = useEpochFlags();
  const stats = useStats();
  const statusOf = (e: Epoch) =>
    stats.data?.epochs.list.find(
      (s) => s.kind === scoreKindNames[e.kind] && s.epoch === String(e.epoch),
    )?.status ?? (e.rejected_at ? "rejected" : "pending");
  return (
    <section aria-labelledby="epochs-heading">
      <h2 id="epochs-heading">Published epochs</h2>
      <DataState
        loading={epochs.isPending}
        error={epochs.error}
        empty={epochs.data?.length === 0}
        emptyText="No epoch is published yet."
        minHeight="10rem"
      >
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Epoch</th>
                <th scope="col">Kind</th>
                <th scope="col">Root</th>
                <th scope="col">Dataset</th>
                <th scope="col">Leaves</th>
                <th scope="col">Challenge state</th>
                <th scope="col">Flags by rule</th>
                <th scope="col">Signers</th>
              </tr>
            </thead>
            <tbody>
              {epochs.data?.map((e) => {
                const status = statusOf(e);
                const epochFlags =
                  e.kind === 0 ? (flags.data ?? []).filter((f) => f.epoch === e.epoch) : [];
                return (
                  <tr
                    key={`${e.kind}-${e.epoch}`}
                    data-testid={`epoch-${scoreKindNames[e.kind]}-${e.epoch}`}
                  >
                    <td>{String(e.epoch)}</td>
                    <td>{scoreKindNames[e.kind]}</td>
                    <td>
                      <code title={e.root}>{short(e.root)}</code>
                    </td>
                    <td>
                      <code title={e.dataset_hash}>{short(e.dataset_hash)}</code>
                    </td>
                    <td>{String(e.leaf_count)}</td>
                    <td>
                      {status === "final"
                        ? "final"
                        : status === "rejected"
                          ? `rejected: ${e.reject_reason ?? ""}`
                          : `challengeable until ${when(e.final_at)}`}
                    </td>
                    <td>
                      {epochFlags.length
                        ? epochFlags.map((f) => `${f.rule_id}: ${f.value}`).join(", ")
                        : e.kind === 0
                          ? "none"
                          : "–"}
                    </td>
                    <td>
                      <Signers epoch={e} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <VerifyEpoch epochs={epochs.data ?? []} />
      </DataState>
    </section>
  );
}
