// Content-addressed dataset store: a dataset is saved under its keccak256, so the hash the
// chain commits names the file, and a served dataset can be checked against it. Large datasets
// (an epoch of ten million events is gigabytes) are written and read as streams of lines,
// hashed as they pass: never one string in memory.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import { Readable } from "node:stream";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import path from "node:path";
import type { Hex } from "viem";
import { keccakStream } from "../util/keccak.ts";
import { JsonText } from "./lines.ts";

/** Bytes gathered before a write: big enough that hashing and writing run at disk speed. */
const CHUNK = 1 << 20;

export class DatasetStore {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  /** Saves the text atomically (write then rename) and returns its hash. */
  async save(text: string): Promise<Hex> {
    return (await this.#write([text])).hash;
  }

  /**
   * Writes each item as one JSON line, hashing as it goes (the bytes `serializeDataset` gives);
   * renames the file to its hash at the end. Returns the hash and the size in bytes.
   */
  saveLines(
    lines: AsyncIterable<unknown> | Iterable<unknown>,
  ): Promise<{ hash: Hex; bytes: number }> {
    return this.#write(jsonLines(lines));
  }

  async #write(
    texts: AsyncIterable<string> | Iterable<string>,
  ): Promise<{ hash: Hex; bytes: number }> {
    await mkdir(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `.${randomBytes(8).toString("hex")}.tmp`);
    const out = createWriteStream(tmp);
    const hasher = await keccakStream();
    let pending = "";
    let bytes = 0;
    const flush = async () => {
      const chunk = Buffer.from(pending, "utf8");
      pending = "";
      hasher.update(chunk);
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, "drain");
    };
    try {
      for await (const text of texts) {
        pending += text;
        if (pending.length >= CHUNK) await flush();
      }
      await flush();
      out.end();
      await once(out, "finish");
    } catch (err) {
      out.destroy();
      await rm(tmp, { force: true });
      throw err;
    }
    const hash = hasher.digest();
    await rename(tmp, this.#file(hash));
    return { hash, bytes };
  }

  /** The dataset with this hash, or undefined. */
  async get(hash: string): Promise<string | undefined> {
    if (!/^0x[0-9a-f]{64}$/.test(hash)) return undefined;
    try {
      return await readFile(this.#file(hash), "utf8");
    } catch {
      return undefined;
    }
  }

  /** The dataset's lines one at a time (empty lines skipped), or undefined when it is missing. */
  async lines(hash: string): Promise<AsyncIterable<string> | undefined> {
    if (!(await this.size(hash))) return undefined;
    return nonEmpty(
      createInterface({ input: createReadStream(this.#file(hash)), crlfDelay: Infinity }),
    );
  }

  /** The dataset's bytes as a web stream (serving it); check `size` first. */
  stream(hash: string): ReadableStream<Uint8Array> {
    return Readable.toWeb(createReadStream(this.#file(hash))) as ReadableStream<Uint8Array>;
  }

  /** The dataset's size in bytes (0 when missing). */
  async size(hash: string): Promise<number> {
    if (!/^0x[0-9a-f]{64}$/.test(hash)) return 0;
    try {
      return (await stat(this.#file(hash))).size;
    } catch {
      return 0;
    }
  }

  #file(hash: string): string {
    return path.join(this.dir, `${hash}.jsonl`);
  }
}

async function* jsonLines(
  lines: AsyncIterable<unknown> | Iterable<unknown>,
): AsyncGenerator<string> {
  for await (const line of lines)
    yield (line instanceof JsonText ? line.text : JSON.stringify(line)) + "\n";
}

async function* nonEmpty(lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const l of lines) if (l.trim() !== "") yield l;
}
