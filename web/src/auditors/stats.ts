// The indexer's /stats sections the auditors' page shows, validated.
import * as z from "zod/mini";
import { useQuery } from "@tanstack/react-query";
import { fetchStats, sql, useIndexerRows, big, int } from "../data/indexer.ts";

const dec = z.string().check(z.regex(/^\d+$/));
const n = z.number();

export const Stats = z.object({
  asOf: z.nullable(z.object({ block: n, timestamp: n })),
  campaigns: z.array(
    z.object({
      campaignId: dec,
      joined: n,
      completed: n,
      activated: n,
      voided: n,
      awaitingVerdict: n,
      entered: n,
      winners: n,
    }),
  ),
  epochs: z.object({
    list: z.array(
      z.object({
        kind: z.string(),
        epoch: dec,
        status: z.string(),
        flagsByRule: z.record(z.string(), dec),
      }),
    ),
  }),
  market: z.object({
    volume: z.array(z.object({ currency: z.string(), sales: n, volume: dec })),
    salesPerDay: z.array(
      z.object({ day: z.string(), currency: z.string(), sales: n, volume: dec }),
    ),
  }),
  vesting: z.object({
    granted: dec,
    vested: dec,
    released: dec,
    bySource: z.array(z.object({ source: z.string(), granted: dec, released: dec })),
  }),
  revenue: z.object({
    perPool: z.array(z.object({ epoch: dec, amount: dec, claimed: dec })),
  }),
});
export type Stats = z.infer<typeof Stats>;

export const useStats = () =>
  useQuery({
    queryKey: ["indexer", "stats"],
    queryFn: () => fetchStats("", Stats),
    refetchInterval: 10_000,
  });

export const SalePoint = z.object({ timestamp: int, price: big, currency: z.string() });
export const useSales = () =>
  useIndexerRows(
    ["sales"],
    sql`SELECT timestamp, price, currency FROM sale ORDER BY timestamp LIMIT 2000`,
    SalePoint,
  );
