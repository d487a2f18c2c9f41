// Starts a throwaway real PostgreSQL server for integration tests: a private data
// directory, port and socket directory. initdb refuses to run as root, so as
// root the cluster runs as the `postgres` system user.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./net.ts";

export interface PostgresServer {
  url: string;
  stop(): void;
}

const binDir = (): string => {
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (onPath) return path.dirname(onPath);
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort() : [];
  const found = versions
    .map((v) => path.join(base, v, "bin"))
    .find((d) => existsSync(path.join(d, "initdb")));
  if (!found)
    throw new Error(
      "PostgreSQL server binaries (initdb) not found: install Debian's postgresql package",
    );
  return found;
};

/** A cluster of its own; a port another process took in the meantime gets a second try. */
export async function startPostgres(attempts = 3): Promise<PostgresServer> {
  for (let i = 1; ; i++) {
    try {
      return await startOnce();
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}

async function startOnce(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), "mesi-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync(
          "su",
          ["postgres", "-s", "/bin/sh", "-c", [cmd, ...args].map((a) => `'${a}'`).join(" ")],
          {
            stdio: "pipe",
          },
        )
      : execFileSync(cmd, args, { stdio: "pipe" });
  try {
    run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
    run(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "-l",
      path.join(dir, "log"),
      // Wait for the server to accept connections, however long a busy machine takes (pg_ctl
      // fails at once if the server exits).
      "-w",
      "-t",
      "300",
      "start",
    ]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
