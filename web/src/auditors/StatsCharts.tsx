// The public statistics as charts (recharts, in this route's chunk only): training per
// campaign, flags by rule per epoch, market volume and price history, vesting, revenue.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ReactNode } from "react";
import { DataState } from "../ui/DataState.tsx";
import { useSales, useStats } from "./stats.ts";

const mesi = (dec: string) => Number(BigInt(dec) / 10n ** 12n) / 1e6;
const COLORS = ["#5b21b6", "#166534", "#b45309", "#b91c1c", "#0369a1", "#4d7c0f"];

function Chart({
  title,
  summary,
  children,
}: {
  title: string;
  summary: string;
  children: ReactNode;
}) {
  return (
    <figure className="card" style={{ margin: 0 }}>
      <h3>{title}</h3>
      <div className="chart" role="img" aria-label={`${title}: ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          {children as never}
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}

/** A bar chart of `bars` over `x`, with the grid, axes, tooltip and legend every chart here has. */
function Bars({
  data,
  x,
  bars,
  stacked,
  integers,
  ...size
}: {
  data: object[];
  x: string;
  bars: { key: string; name?: string }[];
  stacked?: boolean;
  integers?: boolean;
  // ResponsiveContainer hands its child the measured size.
  width?: number;
  height?: number;
}) {
  return (
    <BarChart data={data} {...size}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey={x} />
      <YAxis allowDecimals={!integers} />
      <Tooltip />
      <Legend />
      {bars.map((b, i) => (
        <Bar
          key={b.key}
          dataKey={b.key}
          name={b.name ?? b.key}
          stackId={stacked ? "stack" : undefined}
          fill={COLORS[i % COLORS.length]}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}

export default function StatsCharts() {
  const stats = useStats();
  const sales = useSales();
  const s = stats.data;
  const rules = [...new Set(s?.epochs.list.flatMap((e) => Object.keys(e.flagsByRule)) ?? [])];
  const flagRows =
    s?.epochs.list
      .filter((e) => e.kind === "TQS")
      .map((e) => ({
        epoch: e.epoch,
        ...Object.fromEntries(rules.map((r) => [r, Number(e.flagsByRule[r] ?? 0)])),
      }))
      .reverse() ?? [];
  const totalSales = s?.market.volume.reduce((n, v) => n + v.sales, 0) ?? 0;
  return (
    <section aria-labelledby="stats-heading">
      <h2 id="stats-heading">Public statistics</h2>
      <DataState loading={stats.isPending} error={stats.error} minHeight="20rem">
        {s && (
          <div className="grid">
            <Chart
              title="Training per campaign"
              summary={`${s.campaigns.length} campaigns; ${s.campaigns.reduce((n, c) => n + c.activated, 0)} tickets activated, ${s.campaigns.reduce((n, c) => n + c.voided, 0)} voided.`}
            >
              <Bars
                data={s.campaigns.map((c) => ({ ...c, name: `#${c.campaignId}` }))}
                x="name"
                integers
                bars={[
                  { key: "joined", name: "Joined" },
                  { key: "completed", name: "Completed" },
                  { key: "activated", name: "Activated" },
                  { key: "voided", name: "Voided" },
                ]}
              />
            </Chart>
            <Chart
              title="Flags by quality rule"
              summary={`${flagRows.length} TQS epochs; rules: ${rules.join(", ") || "none raised"}.`}
            >
              <Bars
                data={flagRows}
                x="epoch"
                bars={rules.map((r) => ({ key: r }))}
                stacked
                integers
              />
            </Chart>
            <Chart title="Market volume per day" summary={`${totalSales} sales in all.`}>
              <Bars
                data={s.market.salesPerDay.map((d) => ({ ...d, volume: mesi(d.volume) }))}
                x="day"
                bars={[{ key: "volume", name: "Volume" }]}
              />
            </Chart>
            <Chart
              title="Sale prices"
              summary={`${sales.data?.length ?? 0} sales, price of each over time.`}
            >
              <LineChart
                data={(sales.data ?? []).map((p) => ({
                  time: p.timestamp,
                  price: mesi(String(p.price)),
                  currency: p.currency,
                }))}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis
                  dataKey="time"
                  type="number"
                  domain={["dataMin", "dataMax"]}
                  tickFormatter={(t: number) => new Date(t * 1000).toLocaleDateString()}
                />
                <YAxis />
                <Tooltip labelFormatter={(t) => new Date(Number(t) * 1000).toLocaleString()} />
                <Line dataKey="price" name="Price" stroke={COLORS[1]} isAnimationActive={false} />
              </LineChart>
            </Chart>
            <Chart
              title="Vesting"
              summary={`Granted ${mesi(s.vesting.granted)}, vested ${mesi(s.vesting.vested)}, released ${mesi(s.vesting.released)} $MESI.`}
            >
              <Bars
                data={s.vesting.bySource.map((v) => ({
                  source: v.source,
                  granted: mesi(v.granted),
                  released: mesi(v.released),
                }))}
                x="source"
                bars={[
                  { key: "granted", name: "Granted" },
                  { key: "released", name: "Released" },
                ]}
              />
            </Chart>
            <Chart title="Revenue pools" summary={`${s.revenue.perPool.length} pools.`}>
              <Bars
                data={s.revenue.perPool.map((p) => ({
                  epoch: p.epoch,
                  amount: mesi(p.amount),
                  claimed: mesi(p.claimed),
                }))}
                x="epoch"
                bars={[
                  { key: "amount", name: "Pooled" },
                  { key: "claimed", name: "Claimed" },
                ]}
              />
            </Chart>
          </div>
        )}
      </DataState>
    </section>
  );
}
