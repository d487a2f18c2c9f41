// Moved to the repository-wide test support (shared with the indexer and web tests).
export * from "../../../test/support/process.ts";
