// docs/CONTRACTS.md's threat model names, for each promise, the tests that attack it: every
// one of them must exist, so the promise list and the tests cannot drift apart.
import { describe, it } from "node:test";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

describe("docs/CONTRACTS.md threat model", () => {
  it("names only tests that exist", async () => {
    const doc = await readFile(path.join(ROOT, "docs", "CONTRACTS.md"), "utf8");
    const model = doc.split("## Threat model")[1]!.split("\n## ")[0]!;
    const refs = [...model.matchAll(/`([^`]+\.(?:ts|sol))` › "([^"]+)"/g)];
    expect(refs.length).to.be.greaterThan(40);
    const missing: string[] = [];
    for (const [, file, name] of refs) {
      const source = await readFile(path.join(ROOT, file!), "utf8").catch(() => "");
      if (!source.includes(name!)) missing.push(`${file} › ${name}`);
    }
    expect(missing).to.deep.equal([]);
  });
});
