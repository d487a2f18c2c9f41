// What the production build's manifest says each route loads: the entry's static import graph
// is the JavaScript the first route needs before anything is clicked; the wallet layer's graph
// minus that is what must stay out of it.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DIST } from "./paths.ts";

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, Chunk>;

export const readManifest = async (dist = DIST): Promise<Manifest> =>
  JSON.parse(await readFile(path.join(dist, ".vite", "manifest.json"), "utf8")) as Manifest;

/** Files of `key` and everything it imports statically. */
export function staticFiles(manifest: Manifest, key: string): Set<string> {
  const out = new Set<string>();
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk || out.has(chunk.file)) return;
    out.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  visit(key);
  return out;
}

/** The JavaScript the first route loads (the entry's static graph). */
export const initialFiles = (manifest: Manifest) => staticFiles(manifest, "index.html");

/** The wallet layer's own files (wagmi, RainbowKit, connectors), not shared with the entry. */
export function walletFiles(manifest: Manifest): Set<string> {
  const initial = initialFiles(manifest);
  return new Set([...staticFiles(manifest, "src/wallet/layer.tsx")].filter((f) => !initial.has(f)));
}

/** Total gzip size in bytes of `files` in the build. */
export async function gzipBytes(files: Iterable<string>, dist = DIST): Promise<number> {
  let total = 0;
  for (const f of files) total += gzipSync(await readFile(path.join(dist, f)), { level: 9 }).length;
  return total;
}
