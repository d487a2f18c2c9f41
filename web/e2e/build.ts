// Builds the production bundle the browser tests and the benchmark serve: the real build
// (vite build), plus the development test wallet (VITE_MOCK_WALLET=true) in its lazy chunk.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { DIST, WEB } from "./support/paths.ts";

const vite = path.join(WEB, "node_modules", ".bin", "vite");
const bin = (await import("node:fs")).existsSync(vite)
  ? vite
  : path.join(WEB, "..", "node_modules", ".bin", "vite");
const r = spawnSync(bin, ["build", "--outDir", DIST, "--emptyOutDir", "--logLevel", "warn"], {
  cwd: WEB,
  stdio: "inherit",
  env: { ...process.env, VITE_MOCK_WALLET: "true" },
});
process.exit(r.status ?? 1);
