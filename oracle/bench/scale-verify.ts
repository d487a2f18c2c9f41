// bench:scale's auditor: `verify`'s engagement check over the dataset file, streamed and hashed
// byte for byte, recomputed in an empty PostgreSQL database (the CLI's --database-url), against
// the roots the epoch committed. Prints a JSON line with the outcome.
import { openDatabase } from "../src/db/database.ts";
import { verifyEngagementLines } from "../src/verify/verify-engagement.ts";
import { fileBytes, hashedLines } from "../src/cli/dataset-stream.ts";
import type { Hex } from "viem";

const [url, file, rootsJson, hash] = process.argv.slice(2);
const source = await hashedLines(fileBytes(file!));
const t0 = performance.now();
let last = 0;
const report = await verifyEngagementLines(source.lines, JSON.parse(rootsJson!), {
  open: () => openDatabase({ url }),
  progress: (m) => {
    if (performance.now() - last > 10_000) {
      last = performance.now();
      console.error(`verify: ${m}`);
    }
  },
});
console.log(
  JSON.stringify({
    ok: report.ok && source.hash() === (hash as Hex),
    hashMatches: source.hash() === hash,
    kinds: report.kinds.map((k) => ({ kind: k.kind, ok: k.ok, leaves: k.leaves })),
    s: (performance.now() - t0) / 1000,
  }),
);
