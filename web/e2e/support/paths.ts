// Where the web's tests find the repository and put what they leave for people to look at.
import path from "node:path";

export const WEB = path.resolve(import.meta.dirname, "..", "..");
export const ROOT = path.resolve(WEB, "..");
/** The production build the tests serve (built with the test wallet: VITE_MOCK_WALLET=true). */
export const DIST = path.join(WEB, "dist-e2e");
/** Screenshots and service logs of the last run (test artifacts, not committed). */
export const ARTIFACTS = path.join(WEB, "test-results");
