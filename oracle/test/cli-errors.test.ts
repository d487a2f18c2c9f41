// An operator's mistakes reach them as one line naming the variable or file and what to do;
// the stack trace only with --debug. And a fresh checkout needs no directory made by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { consentEnv, oracleEnv, publisherEnv } from "../src/config.ts";
import { collectOutput, freePort, stopChild, waitUntilReady } from "../../test/support/process.ts";

const CLI = path.join(import.meta.dirname, "../src/cli/main.ts");
const run = promisify(execFile);

/** A clean environment: nothing of the developer's own ORACLE_* or RPC settings leaks in. */
const envWith = (vars: Record<string, string>) => ({
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  ORACLE_PORT: "0",
  ...vars,
});

async function inFreshDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "mesi-cli-"));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs `serve` expecting it to fail; returns its stderr lines that are not JSON log entries. */
async function serveFails(dir: string, vars: Record<string, string>, ...flags: string[]) {
  const failed = await run(process.execPath, [CLI, "serve", ...flags], {
    cwd: dir,
    env: envWith(vars),
  }).then(
    () => assert.fail("serve started, but its configuration is bad"),
    (err: { code?: number; stderr?: string }) => err,
  );
  assert.equal(failed.code, 1, failed.stderr);
  return (failed.stderr ?? "").split("\n").filter((l) => l && !l.startsWith("{"));
}

test("a typo in a tick interval stops serve with one line naming the variable", () =>
  inFreshDir(async (dir) => {
    const lines = await serveFails(dir, { ORACLE_CONSENT: "off", ORACLE_SEED_TICK_MS: "5s" });
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(
      lines[0]!,
      /^mesi-oracle serve: invalid oracle configuration: ORACLE_SEED_TICK_MS: must be a whole number of milliseconds \(--debug shows the stack trace\)$/,
    );
  }));

test("a chain that does not answer is one line naming RPC_URL; --debug adds the stack", () =>
  inFreshDir(async (dir) => {
    const rpc = `http://127.0.0.1:${await freePort()}`;
    const lines = await serveFails(dir, { RPC_URL: rpc });
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.ok(
      lines[0]!.startsWith(`mesi-oracle serve: cannot reach the chain at RPC_URL ${rpc} (`),
      lines[0],
    );
    assert.match(lines[0]!, /ORACLE_CONSENT=off only for tests without a chain/);
    const debug = await serveFails(dir, { RPC_URL: rpc }, "--debug");
    assert.ok(
      debug.some((l) => /^\s+at /.test(l)),
      "--debug prints the stack trace",
    );
  }));

test("a data directory under a file is one line naming the path and what to do", () =>
  inFreshDir(async (dir) => {
    await writeFile(path.join(dir, "file"), "");
    const lines = await serveFails(dir, {
      ORACLE_CONSENT: "off",
      ORACLE_DATA_DIR: path.join(dir, "file", "oracle"),
    });
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0]!, /^mesi-oracle serve: ENOTDIR: .*file.*a part of that path is a file/);
  }));

test("on a fresh checkout serve creates its data directory, parents included", () =>
  inFreshDir(async (dir) => {
    const child = spawn(process.execPath, [CLI, "serve"], {
      cwd: dir,
      env: envWith({ ORACLE_CONSENT: "off", ORACLE_DATA_DIR: "state/deep/oracle" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = collectOutput(child);
    try {
      await waitUntilReady(
        child,
        "serve",
        async () => out.lines.some((l) => l.includes('"msg":"listening"')),
        { tail: out.tail },
      );
    } finally {
      await stopChild(child);
    }
  }));

test("an option the command does not declare is one line and exit 2", () =>
  inFreshDir(async (dir) => {
    const failed = await run(process.execPath, [CLI, "verify", "--epoch", "1", "--bogus"], {
      cwd: dir,
      env: envWith({}),
    }).then(
      () => assert.fail("verify accepted an unknown option"),
      (err: { code?: number; stderr?: string }) => err,
    );
    assert.equal(failed.code, 2);
    assert.equal(failed.stderr, "mesi-oracle verify: Unknown option '--bogus'; see --help\n");
  }));

test("serve --help lists every variable the configuration validates, each with its help", async () => {
  const { stdout } = await run(process.execPath, [CLI, "serve", "--help"], { env: envWith({}) });
  for (const schema of [oracleEnv, publisherEnv, consentEnv])
    for (const [name, field] of Object.entries(schema.shape)) {
      assert.ok((field as { description?: string }).description, `${name} has no help`);
      assert.match(stdout, new RegExp(`^  ${name}\\b`, "m"), `${name} missing from serve --help`);
    }
});
