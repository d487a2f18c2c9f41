// Benchmark anchors that ship compiled artifacts on the npm registry but cannot be
// `npm install`ed here (Sablier's dependencies point at GitHub): `npm pack` the tarball once
// into bench/.anchors/ (gitignored) and read the artifacts from it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Abi, Hex } from "viem";

const DIR = path.resolve(import.meta.dirname, "..", "..", "bench", ".anchors");

/** The unpacked `package/` folder of `spec` (e.g. "@sablier/lockup@4.0.1"). */
export function anchorPackage(spec: string): string {
  const name = spec.replace(/^@/, "").replace(/[/@]/g, "-");
  const target = path.join(DIR, name);
  if (!existsSync(path.join(target, "package"))) {
    mkdirSync(target, { recursive: true });
    console.log(`bench: fetching ${spec} with npm pack…`);
    execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", target], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const tgz = readdirSync(target).find((f) => f.endsWith(".tgz"));
    if (!tgz) throw new Error(`npm pack ${spec} produced no tarball`);
    execFileSync("tar", ["xzf", tgz], { cwd: target });
  }
  return path.join(target, "package");
}

export interface Artifact {
  abi: Abi;
  bytecode: Hex;
  linkReferences: Record<string, Record<string, { start: number; length: number }[]>>;
}

/** Reads a Foundry- or Waffle-style artifact JSON. */
export function readArtifact(file: string): Artifact {
  const raw = JSON.parse(readFileSync(file, "utf8")) as {
    abi: Abi;
    bytecode: string | { object: string; linkReferences?: Artifact["linkReferences"] };
    evm?: { bytecode?: { object: string } };
  };
  const bc = typeof raw.bytecode === "string" ? raw.bytecode : raw.bytecode.object;
  const hex = (bc.startsWith("0x") ? bc : `0x${bc}`) as Hex;
  const linkReferences =
    typeof raw.bytecode === "string" ? {} : (raw.bytecode.linkReferences ?? {});
  return { abi: raw.abi, bytecode: hex, linkReferences };
}

/** Bytecode with library addresses written at their link references. */
export function link(artifact: Artifact, libraries: Record<string, Hex>): Hex {
  let code = artifact.bytecode.slice(2);
  for (const refs of Object.values(artifact.linkReferences)) {
    for (const [lib, places] of Object.entries(refs)) {
      const address = libraries[lib];
      if (!address) throw new Error(`library ${lib} has no address`);
      for (const { start, length } of places) {
        code =
          code.slice(0, start * 2) +
          address.slice(2).toLowerCase() +
          code.slice((start + length) * 2);
      }
    }
  }
  return `0x${code}`;
}
