// Reads from the indexer: SQL over HTTP through @ponder/client, kept fresh by its live queries
// (server-sent events re-run a query when its tables change). Rows are validated in the
// browser: what crosses from the indexer is checked, never trusted. /stats is plain JSON.
import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createClient, type SQL } from "@ponder/client";
import * as z from "zod/mini";
import { settings } from "../config/env.ts";
import { ServiceError, getJson } from "./http.ts";

export { sql } from "@ponder/client";

const client = createClient(`${settings.indexerUrl}/sql`);

const DOWN =
  "The indexer cannot be reached right now, so lists and charts may be missing; it will be retried.";

function parseRows<T>(result: unknown, row: z.ZodMiniType<T>): T[] {
  // Raw SQL comes back as the row array (the pg-proxy shape {rows} is accepted too).
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown[] } | undefined)?.rows;
  if (!Array.isArray(rows)) throw new ServiceError("The indexer sent an unexpected answer.");
  return rows.map((r, i) => {
    const parsed = row.safeParse(r);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ServiceError(
        `The indexer sent a row this app does not understand (row ${i}, ${issue?.path.join(".")}: ${issue?.message}).`,
      );
    }
    return parsed.data;
  });
}

/**
 * Rows of `query`, validated by `row`, refreshed live while mounted. `key` names the query in
 * the cache (include every parameter).
 */
export function useIndexerRows<T>(
  key: readonly unknown[],
  query: SQL,
  row: z.ZodMiniType<T>,
  opts: { enabled?: boolean } = {},
) {
  const enabled = opts.enabled ?? true;
  const queryKey = ["indexer", ...key];
  const queryClient = useQueryClient();
  const result = useQuery({
    queryKey,
    enabled,
    queryFn: async () => {
      let raw: unknown;
      try {
        raw = await client.db.execute(query);
      } catch (err) {
        throw new ServiceError(
          err instanceof TypeError
            ? DOWN
            : `The indexer refused a query: ${(err as Error).message}`,
        );
      }
      return parseRows(raw, row);
    },
  });
  const hash = JSON.stringify(queryKey);
  useEffect(() => {
    if (!enabled) return;
    const live = client.live(
      (db) => db.execute(query) as unknown as Promise<unknown>,
      (data) => {
        try {
          queryClient.setQueryData(queryKey, parseRows(data, row));
        } catch {
          // a bad live frame changes nothing; the next fetch reports it
        }
      },
      () => undefined, // the event source reconnects by itself; fetch errors show on the query
    );
    return () => live.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `hash` stands for the key
  }, [hash, enabled]);
  return result;
}

/** GET /stats/<section> of the indexer, validated. */
export const fetchStats = <T>(section: string, schema: z.ZodMiniType<T>) =>
  getJson("indexer", `${settings.indexerUrl}/stats${section ? `/${section}` : ""}`, schema);

// Column codecs: Ponder sends bigint columns as decimal strings and integers as numbers.
export const big = z.pipe(
  z.union([z.string().check(z.regex(/^-?\d+$/)), z.number()]),
  z.transform((v) => BigInt(v)),
);
export const hex = z.string().check(z.regex(/^0x[0-9a-fA-F]*$/));
export const address = z.pipe(
  z.string().check(z.regex(/^0x[0-9a-fA-F]{40}$/)),
  z.transform((v) => v.toLowerCase() as `0x${string}`),
);
export const int = z.number().check(z.int());
export const nullable = <T extends z.ZodMiniType>(t: T) => z.nullable(t);
