// Placeholder until the oracle's browser-safe verify module lands (issue 9): says what the
// page will do. Replaced by the in-browser recomputation.
import type { Epoch } from "../data/queries.ts";

export function VerifyEpoch({ epochs }: { epochs: Epoch[] }) {
  void epochs;
  return null;
}
