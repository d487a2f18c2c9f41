// A beneficiary's vesting: every schedule (revenue, prizes, self-locks) with what has vested
// and been released, the chart of both over time, one release for everything due, and a
// self-lock of $MESI (the "locks $MESI" the User Score reads).
import { Problem } from "../ui/Problem.tsx";
import { lazy, Suspense, useId, useState } from "react";
import { useAccount, useBlock, useConfig, useReadContract } from "wagmi";
import { chainNow } from "../wallet/chain-time.ts";
import { contract } from "../chain/contracts.ts";
import { useReleasesOf, useSchedulesOf } from "../data/queries.ts";
import { DataState } from "../ui/DataState.tsx";
import { TxStatus } from "../ui/TxStatus.tsx";
import { WalletSection } from "../wallet/WalletSection.tsx";
import { useTx } from "../wallet/useTx.ts";
import { fmtAmount } from "../market/format.ts";
import { parsePrice } from "../market/SellTicket.tsx";
import { vestedAt, vestingCurve } from "./vesting-curve.ts";

const VestingChart = lazy(() => import("./VestingChart.tsx"));
const day = (t: number) => new Date(t * 1000).toLocaleDateString();

function SelfLock() {
  const id = useId();
  const { address } = useAccount();
  const config = useConfig();
  const token = contract("MesiToken");
  const vault = contract("VestingVault");
  const [amount, setAmount] = useState("");
  const [days, setDays] = useState("30");
  const [fieldError, setFieldError] = useState<string>();
  const allowance = useReadContract({
    ...token,
    functionName: "allowance",
    args: [address!, vault.address],
  });
  const tx = useTx();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const p = parsePrice(amount);
    const d = Number(days);
    if (!p.ok) return setFieldError(p.error.replace("Price", "Amount"));
    if (!Number.isInteger(d) || d < 1 || d > 3650)
      return setFieldError("Days: a whole number from 1 to 3650.");
    setFieldError(undefined);
    const wei = p.wei;
    if ((allowance.data ?? 0n) < wei)
      void tx.run("Allow the vault to take the amount", {
        ...token,
        functionName: "approve",
        args: [vault.address, p.wei],
      });
    else
      void tx.run("Lock $MESI", async () => ({
        ...vault,
        functionName: "lock" as const,
        args: [wei, (await chainNow(config)) + d * 86_400] as const,
      }));
  };
  const p = parsePrice(amount);
  const needsApproval = p.ok && (allowance.data ?? 0n) < p.wei;
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Lock $MESI</h3>
      <p className="muted">Locked $MESI counts toward your User Score; it unlocks all at once.</p>
      <div className="form-row">
        <div>
          <label htmlFor={`${id}-amount`}>Amount ($MESI)</label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-days`}>Days</label>
          <input
            id={`${id}-days`}
            type="number"
            min="1"
            max="3650"
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </div>
        <button type="submit" disabled={tx.busy}>
          {needsApproval ? "Allow, then lock" : "Lock"}
        </button>
      </div>
      <Problem>{fieldError}</Problem>
      <TxStatus state={tx.state} />
    </form>
  );
}

function Vesting() {
  const { address } = useAccount();
  const schedules = useSchedulesOf(address);
  const releases = useReleasesOf(address);
  const block = useBlock({ watch: true });
  const vault = contract("VestingVault");
  const tx = useTx();
  const now = Number(block.data?.timestamp ?? BigInt(Math.floor(Date.now() / 1000)));
  const live = schedules.data?.filter((s) => !s.revoked || s.amount > s.released) ?? [];
  const due = live.filter((s) => vestedAt(s, now) > s.released);
  const dueTotal = due.reduce((sum, s) => sum + vestedAt(s, now) - s.released, 0n);
  return (
    <DataState
      loading={schedules.isPending}
      error={schedules.error}
      empty={live.length === 0}
      emptyText="No vesting schedule in your name."
    >
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Schedule</th>
              <th scope="col">From</th>
              <th scope="col">Granted</th>
              <th scope="col">Cliff / fully vested</th>
              <th scope="col">Vested now</th>
              <th scope="col">Released</th>
            </tr>
          </thead>
          <tbody>
            {live.map((s) => (
              <tr key={String(s.nonce)} data-testid={`schedule-${s.nonce}`}>
                <td>#{String(s.nonce)}</td>
                <td>{s.self_lock ? "your lock" : s.source}</td>
                <td>{fmtAmount(s.amount, "MESI")}</td>
                <td>
                  {day(s.start + s.cliff)} / {day(s.start + s.duration)}
                </td>
                <td>{fmtAmount(vestedAt(s, now), "MESI")}</td>
                <td>{fmtAmount(s.released, "MESI")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Suspense
        fallback={
          <div className="chart" role="status">
            Loading the chart…
          </div>
        }
      >
        <VestingChart points={vestingCurve(live, releases.data ?? [], now)} />
      </Suspense>
      <button
        type="button"
        disabled={tx.busy || due.length === 0}
        onClick={() =>
          void tx.run("Release vested $MESI", {
            ...vault,
            functionName: "release",
            args: [address!, due.map((s) => s.nonce)],
          })
        }
      >
        {due.length ? `Release ${fmtAmount(dueTotal, "MESI")} now` : "Nothing to release yet"}
      </button>
      <TxStatus state={tx.state} />
    </DataState>
  );
}

export default function VestingPanel() {
  return (
    <WalletSection title="Vesting and locks" purpose="see and release your vested $MESI">
      <Vesting />
      <SelfLock />
    </WalletSection>
  );
}
