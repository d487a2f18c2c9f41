// A published dataset as a stream of lines for the auditor's CLI, from a file or its URI,
// hashed byte for byte as it passes: datasets of large epochs are gigabytes, so they are never
// held as one text, and the hash the chain committed to is known once the last byte went by.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Hex } from "viem";
import { keccakStream, type KeccakStream } from "../util/keccak.ts";

export interface HashedLines {
  lines: AsyncIterable<string>;
  /** The keccak256 of every byte read; call once `lines` is exhausted. */
  hash(): Hex;
  /** Bytes read so far. */
  bytes(): number;
}

/** Splits a byte stream into its non-empty lines, hashing every byte. */
export async function hashedLines(source: AsyncIterable<Uint8Array>): Promise<HashedLines> {
  const hasher: KeccakStream = await keccakStream();
  let bytes = 0;
  async function* lines(): AsyncGenerator<string> {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let rest = "";
    for await (const chunk of source) {
      hasher.update(chunk);
      bytes += chunk.length;
      const text = rest + decoder.decode(chunk, { stream: true });
      const parts = text.split("\n");
      rest = parts.pop()!;
      for (const p of parts) if (p.trim() !== "") yield p;
    }
    rest += decoder.decode();
    if (rest.trim() !== "") yield rest;
  }
  let digest: Hex | undefined;
  return {
    lines: lines(),
    hash: () => (digest ??= hasher.digest()),
    bytes: () => bytes,
  };
}

/** A dataset file's bytes. */
export const fileBytes = (file: string): AsyncIterable<Uint8Array> => createReadStream(file);

/** A dataset's bytes from its URI (engagement datasets need an auditor key). */
export async function uriBytes(
  uri: string,
  auditorKey?: string,
): Promise<AsyncIterable<Uint8Array>> {
  const res = await fetch(uri, {
    headers: auditorKey ? { "x-mesi-auditor-key": auditorKey } : {},
  });
  if (!res.ok || !res.body) throw new Error(`GET ${uri}: ${res.status} ${await res.text()}`);
  // The generator holds the Response: once a Response is garbage-collected, fetch cancels its
  // unread body (the chain is read between this request and the first byte read).
  return (async function* () {
    for await (const chunk of res.body!) yield chunk;
  })();
}

/** The first line of a file, read without reading the rest (at most 1 MiB). */
export async function firstLineOf(file: string): Promise<string> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString("utf8");
    const end = text.indexOf("\n");
    return end < 0 ? text : text.slice(0, end);
  } finally {
    await fh.close();
  }
}
