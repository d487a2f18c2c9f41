// The auditor's verify runs in the web app's page too (the same code, on PGlite in the
// browser). Bundling its entry point for the browser fails on any Node built-in or Node-only
// package our code imports; our modules in the bundle must not reach for Buffer or process.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { build, type Plugin } from "esbuild";

const ENTRY = path.resolve(import.meta.dirname, "..", "src", "verify", "index.ts");

// PGlite guards its own `import("node:module")` behind a Node check (browser builds never take
// that path): built-ins imported from installed packages stay external, ours fail the build.
const builtinsOnlyFromPackages: Plugin = {
  name: "builtins-only-from-packages",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}`)
        ? { path: args.path, external: true }
        : { errors: [{ text: `${args.importer} imports ${args.path}` }] },
    );
  },
};

/** One entry point bundled as the web app's build would, in memory, with its inputs listed. */
const bundleForBrowser = (entry: string) =>
  build({
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
    metafile: true,
    plugins: [builtinsOnlyFromPackages],
  });

test("the verify path (datasets, features, rules, scoring SQL, trees, audit chain) bundles for the browser", async () => {
  const out = await bundleForBrowser(ENTRY);
  const inputs = Object.keys(out.metafile.inputs);
  const ours = inputs.filter((f) => !f.includes("node_modules"));
  for (const want of ["verify/verify-tqs.ts", "quality/features.ts", "scoring/engagement.ts"])
    assert.ok(
      ours.some((f) => f.endsWith(want)),
      `the bundle holds ${want}`,
    );
  for (const f of inputs) assert.doesNotMatch(f, /node_modules\/pg\//, `${f}: the pg driver`);
  // esbuild marks each module's code with a `// path` comment: check ours for Node globals.
  const code = out.outputFiles[0]!.text;
  const chunks = code.split(/\n\/\/ (?=\S+\.(?:ts|js|mjs|cjs|json)\n)/).slice(1);
  const own = chunks.filter((c) => !c.slice(0, c.indexOf("\n")).includes("node_modules"));
  assert.ok(own.length >= 25, `module markers: ${own.length}`);
  for (const chunk of own) {
    const name = chunk.slice(0, chunk.indexOf("\n"));
    assert.ok(!/\bBuffer\b/.test(chunk), `${name} uses Buffer`);
    assert.ok(!/\bprocess\./.test(chunk), `${name} uses process`);
  }
});

test("the wallet-signed request's text (signed by the web app) bundles for the browser without server code", async () => {
  const out = await bundleForBrowser(
    path.resolve(import.meta.dirname, "..", "..", "abi", "src", "wallet-message.ts"),
  );
  const ours = Object.keys(out.metafile.inputs).filter((f) => !f.includes("node_modules"));
  assert.deepEqual(
    ours.map((f) => path.basename(f)),
    ["wallet-message.ts"],
  );
  for (const f of Object.keys(out.metafile.inputs))
    assert.doesNotMatch(f, /node_modules\/(hono|kysely|pg)\//, f);
});
