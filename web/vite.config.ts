import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The app is static files: endpoints come from /config.js at run time (public/config.js is
// the local stack's), so one build serves every environment and the browser tests.
export default defineConfig({
  plugins: [react()],
  // PGlite ships wasm and data files it loads by URL: leave it to the browser, not the optimiser.
  optimizeDeps: { exclude: ["@electric-sql/pglite"] },
  build: {
    rollupOptions: {
      // PGlite's Emscripten loader uses eval by design; nothing of ours does.
      onwarn(warning, warn) {
        if (warning.code === "EVAL" && warning.id?.includes("@electric-sql/pglite")) return;
        // PGlite and viem name node: modules on code paths a browser never takes.
        if (/externalized for browser compatibility/.test(warning.message)) return;
        warn(warning);
      },
    },
    target: "es2022",
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 2000,
  },
});
