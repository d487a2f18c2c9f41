// fetch on a connection of its own. The tests' process also runs PGlite, whose work blocks the
// event loop for seconds: a pooled keep-alive connection may be closed by the other side in the
// meantime and then reused ("other side closed"). A new connection per request never is.
import { request } from "node:http";

export const freshFetch = (url: string, init: RequestInit = {}): Promise<Response> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? "GET",
        agent: false,
        headers: Object.fromEntries(new Headers(init.headers).entries()),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
          const status = res.statusCode ?? 0;
          resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers }));
        });
        res.on("error", reject);
      },
    );
    req.on("error", (err) => reject(new Error(`${init.method ?? "GET"} ${url}: ${err.message}`)));
    req.end(typeof init.body === "string" ? init.body : undefined);
  });
