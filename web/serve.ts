// Serves a production build as a static host would (files, SPA fallback to index.html) with a
// generated /config.js naming the endpoints: one build, any environment. The local stack runs
// it as a process (`node web/serve.ts --port … --rpc … --oracle … --indexer …`); the browser
// tests start it in-process with a config they may change between requests.
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

export interface WebConfig {
  chainId: number;
  rpcUrl: string;
  oracleUrl: string;
  indexerUrl: string;
  walletConnectProjectId?: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".data": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

/** Serves `dist` on host:port (0: a free port) with `config()` as /config.js. */
export async function serveBuild(opts: {
  dist: string;
  config: () => WebConfig;
  port?: number;
  host?: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const { dist, config } = opts;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname === "/config.js") {
        res.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" });
        res.end(`window.MESI_CONFIG = ${JSON.stringify(config())};`);
        return;
      }
      const file = path.join(dist, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ""));
      const isFile = await stat(file).then(
        (s) => s.isFile(),
        () => false,
      );
      const target = isFile ? file : path.join(dist, "index.html");
      const body = await readFile(target);
      res.writeHead(200, {
        "content-type": TYPES[path.extname(target)] ?? "application/octet-stream",
      });
      res.end(body);
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(err));
    }
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const httpUrl = (flag: string, v: string | undefined): string => {
  if (!v || !/^https?:\/\/\S+$/.test(v)) throw new Error(`--${flag}: must be an http(s) URL`);
  return v;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { values } = parseArgs({
      options: {
        dist: { type: "string", default: path.join(import.meta.dirname, "dist") },
        port: { type: "string" },
        "chain-id": { type: "string", default: "31337" },
        rpc: { type: "string" },
        oracle: { type: "string" },
        indexer: { type: "string" },
        "walletconnect-project-id": { type: "string", default: "" },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error("--port: must be an integer from 1 to 65535");
    const chainId = Number(values["chain-id"]);
    if (!Number.isInteger(chainId) || chainId < 1)
      throw new Error("--chain-id: must be a positive integer");
    if (!(await stat(path.join(values.dist, "index.html")).catch(() => undefined)))
      throw new Error(`--dist: no index.html in ${values.dist} (run npm run build -w web)`);
    const config: WebConfig = {
      chainId,
      rpcUrl: httpUrl("rpc", values.rpc),
      oracleUrl: httpUrl("oracle", values.oracle),
      indexerUrl: httpUrl("indexer", values.indexer),
      walletConnectProjectId: values["walletconnect-project-id"],
    };
    const { url } = await serveBuild({ dist: values.dist, config: () => config, port });
    console.log(`web app on ${url}`);
  } catch (err) {
    console.error(`web/serve.ts: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  }
}
