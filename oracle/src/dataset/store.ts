// Content-addressed dataset store: a dataset is saved under its keccak256, so the hash the
// chain commits names the file, and a served dataset can be checked against it.
import { mkdir, readFile, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import type { Hex } from "viem";
import { datasetHash } from "./lines.ts";

export class DatasetStore {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  /** Saves the text atomically (write then rename) and returns its hash. */
  async save(text: string): Promise<Hex> {
    const hash = datasetHash(text);
    await mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `${hash}.jsonl`);
    await writeFile(`${file}.tmp`, text);
    await rename(`${file}.tmp`, file);
    return hash;
  }

  /** The dataset with this hash, or undefined. */
  async get(hash: string): Promise<string | undefined> {
    if (!/^0x[0-9a-f]{64}$/.test(hash)) return undefined;
    try {
      return await readFile(path.join(this.dir, `${hash}.jsonl`), "utf8");
    } catch {
      return undefined;
    }
  }
}
