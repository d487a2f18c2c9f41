// Auditors, no wallet needed: every published epoch with its root, dataset, signers, challenge
// state and flags per rule; the public statistics as charts; and recomputation in the browser.
import { lazy, Suspense } from "react";
import { EpochsSection } from "./EpochsSection.tsx";

const StatsCharts = lazy(() => import("./StatsCharts.tsx"));

export default function AuditorsPage() {
  return (
    <>
      <h1>Auditors: epochs, statistics, verification</h1>
      <p className="muted">
        Every score the oracle commits can be recomputed from its published dataset with the
        project's own code. Nothing here needs a wallet.
      </p>
      <EpochsSection />
      <Suspense
        fallback={
          <section className="chart" role="status">
            Loading the charts…
          </section>
        }
      >
        <StatsCharts />
      </Suspense>
    </>
  );
}
