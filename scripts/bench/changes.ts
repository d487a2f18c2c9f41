// What issue 8's fixes cost or saved: each row they touch, as measured on main just before
// them (the rows of bench/results/gas.json at that commit), and the fix that explains the
// difference. `npm run bench:gas` adds `before` and `change` to those rows of gas.json.
import type { BenchRow } from "./report.ts";

interface Change {
  before: number;
  why: string;
}

/** Row name → its gas before issue 8 and why it moved. */
export const ISSUE_8_CHANGES: Record<string, Change> = {
  "Ticket.mintPlaceholders batch=100": {
    before: 48_456,
    why: "campaign ids above 64 bits refused instead of truncated",
  },
  "Ticket.activate batch=100": { before: 4_567, why: "no fix on this path" },
  "CampaignManager.join (TQS proof, 13 siblings, 10,000 leaves)": {
    before: 118_469,
    why: "finality read from the epoch's own finalAt (its packed slot), not the window's slot; TQS range check",
  },
  "CampaignManager.recordCompletions batch=100": {
    before: 59_210,
    why: "exclusion checked with the consent read already made; +4 of it from issue 19 (no completion while enrolment could still go over capacity: joinEnd and joinCap, slots already read)",
  },
  "CampaignManager.recordVerdicts batch=100": {
    before: 4_933,
    why: "never activates an excluded holder: one batch read of holders and of exclusions (a cold registry slot per holder)",
  },
  "ScoreOracle.publish leaves=10,000": {
    before: 125_801,
    why: "each epoch stores its finality time (same slot) and EpochPublished carries it; +839 of it is issue 19's: the signers sign the Σ of the scores, stored in the same slot (no new storage write) and carried by EpochPublished",
  },
  list: {
    before: 64_953,
    why: "one saleInfo call now answers the trade version and the royalty slot as well",
  },
  cancel: {
    before: 24_019,
    why: "the live listing is found by the token's current trade version (one call to the collection)",
  },
  "buy in $MESI with fee + royalty (buyer holds no NFT, seller holds $MESI)": {
    before: 114_851,
    why: "listings keyed by trade version; the ticket bumps its version after each transfer (one dirty write)",
  },
  "buy in ETH with fee + royalty (buyer holds no NFT)": {
    before: 128_834,
    why: "as the $MESI buy",
  },
  "RevenueDistributor.claim (10 siblings, direct payout)": {
    before: 102_561,
    why: "score rounded with mulDiv (no overflow for any score) and capped at the pool",
  },
  "PrizeDraw.enter (TQS proof, lock the ticket)": {
    before: 140_552,
    why: "finality read from the epoch's own finalAt; entering also moves the trade version on",
  },
};

/** Adds `before` and `change` (value − before) to the rows issue 8 touched. */
export function annotateChanges(rows: BenchRow[]): void {
  for (const r of rows) {
    const c = ISSUE_8_CHANGES[r.name];
    if (!c) continue;
    r.before = c.before;
    r.change = r.value - c.before;
    const sign = r.change > 0 ? "+" : "";
    r.note = [r.note, `issue 8: ${sign}${r.change.toLocaleString("en-US")} (${c.why})`]
      .filter(Boolean)
      .join("; ");
  }
}
