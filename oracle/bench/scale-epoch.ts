// bench:scale's epoch: the oracle's score + commit of one epoch on PostgreSQL, as run-epoch
// does it (engagementLines streamed into commitOnce: the dataset file and the three trees).
// Prints a JSON line with the stage times, the dataset hash, roots and size.
import { keccak256, toHex } from "viem";
import { openDatabase } from "../src/db/database.ts";
import { DatasetStore } from "../src/dataset/store.ts";
import { commitOnce } from "../src/dataset/commit.ts";
import { engagementLines, type EngagementLine } from "../src/dataset/engagement-dataset.ts";
import { ENGAGEMENT_WEIGHTS } from "../src/scoring/weights.ts";

const [url, storeDir, collection] = process.argv.slice(2);
const database = await openDatabase({ url });
const t0 = performance.now();
let scored = 0;
const committed = await commitOnce<EngagementLine>(
  database.db,
  new DatasetStore(storeDir!),
  1n,
  ["USER", "NFT", "GALLERY"],
  async () => ({
    lines: (async function* () {
      for await (const line of engagementLines(database.db, {
        epoch: 1n,
        chainId: 31337n,
        scoreOracle: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        weights: ENGAGEMENT_WEIGHTS,
        galleryCollection: collection!,
        saltSecret: keccak256(toHex("bench scale salt")),
      })) {
        // The header comes once the scoring SQL has run.
        if (!scored) scored = performance.now();
        yield line;
      }
    })(),
  }),
  () => false,
);
const end = performance.now();
await database.close();
console.log(
  JSON.stringify({
    scoreS: (scored - t0) / 1000,
    commitS: (end - scored) / 1000,
    hash: committed.hash,
    roots: committed.roots,
    leafCounts: committed.leafCounts,
    bytes: committed.bytes,
  }),
);
