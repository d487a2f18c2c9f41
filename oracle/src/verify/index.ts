// The auditor's verification as a library, for the CLI and for the web app's page: everything
// reachable from here is browser-safe (no node: imports, no Buffer, no process; I/O is fetch,
// viem and an in-memory PGlite). oracle/test/browser-safe.test.ts bundles it for the browser.
export { datasetHash, datasetKindOf, DatasetError } from "../dataset/lines.ts";
export { parseTqsDataset, type ParsedTqsDataset } from "../dataset/tqs-dataset.ts";
export {
  parseEngagementDataset,
  type ParsedEngagementDataset,
} from "../dataset/engagement-dataset.ts";
export { verifyTqsDataset, type TqsVerifyReport, type VerifyOptions } from "./verify-tqs.ts";
export {
  checkGalleryMap,
  verifyEngagementDataset,
  type DeployedGalleries,
  type VerifyReport,
} from "./verify-engagement.ts";
export { chainGalleryReader, type GalleryReader } from "../snapshot/galleries.ts";
export type { KindReport, OnChainCommitment } from "./compare.ts";
export { verifyAuditChain, type AuditEntry, type AuditHead } from "../review/audit-log.ts";
export { fetchAuditLog, loadDataset, onChainEpoch, parseAuditLog } from "./fetch.ts";
export { openPglite } from "../db/pglite.ts";
